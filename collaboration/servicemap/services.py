"""Writes of the service map: create, change, review and delete an entry.

Each is atomic, checks the policy itself (a view's check is not the only
guard), keeps the owner fields out of the data (a posted ``structure`` or
``territory`` is never saved on an edit), validates the model, records the
acting user in the history, and refreshes the entry's search vector.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from extranet.models import Structure, Territory
from extranet.registry import public_content_changed

from ..models import ServiceEntry
from .policy import (
    service_entry_policy,
    structures_for_entries,
    territories_for_actors,
)
from .search import refresh_entry_vectors

# What a form may write; the owner (structure, territory) is set at creation.
EDITABLE_FIELDS = (
    "title",
    "kind",
    "description",
    "audiences",
    "conditions",
    "coverage",
    "coverage_territory",
    "coverage_departements",
    "coverage_communes",
    "channels",
    "how_to_refer",
    "contact_name",
    "contact_phone",
    "contact_email",
    "is_public",
    "actor_name",
    "actor_domain",
)
STRUCTURE_ONLY = ("is_public",)
ACTOR_ONLY = ("actor_name", "actor_domain")


def _apply(entry: ServiceEntry, data: dict[str, Any]) -> None:
    skip = STRUCTURE_ONLY if entry.is_local_actor else ACTOR_ONLY
    for field in EDITABLE_FIELDS:
        if field in data and field not in skip:
            setattr(entry, field, data[field])


def _public_changed(was_public: bool, entry: ServiceEntry) -> None:
    """The public card and open data change when a public entry changes, or
    an entry becomes public or private: tell the public site once committed."""
    if was_public or entry.is_public:
        transaction.on_commit(lambda: public_content_changed.send(sender=ServiceEntry))


def _save(
    entry: ServiceEntry, actor: Any, reason: str, was_public: bool = False
) -> ServiceEntry:
    entry.full_clean(exclude=["search_vector"])
    entry._history_user = actor
    entry._change_reason = reason
    entry.save()
    refresh_entry_vectors([entry.pk])
    _public_changed(was_public, entry)
    return entry


@transaction.atomic
def service_entry_create(
    *,
    actor: Any,
    data: dict[str, Any],
    structure: Structure | None = None,
    territory: Territory | None = None,
) -> ServiceEntry:
    """A new entry of ``structure`` (its staff, or the Région) or a local actor
    of ``territory`` (its territorial officer, or the Région), reviewed now."""
    if (structure is None) == (territory is None):
        raise ValidationError("Exactly one of structure and territory.")
    if (
        structure is not None
        and not structures_for_entries(actor).filter(pk=structure.pk).exists()
    ):
        raise PermissionDenied
    if (
        territory is not None
        and not territories_for_actors(actor).filter(pk=territory.pk).exists()
    ):
        raise PermissionDenied
    entry = ServiceEntry(structure=structure, territory=territory)
    _apply(entry, data)
    entry.reviewed_at = timezone.now()
    return _save(entry, actor, "create")


@transaction.atomic
def service_entry_update(
    *, entry: ServiceEntry, actor: Any, data: dict[str, Any]
) -> ServiceEntry:
    """Change an entry; saving it all also confirms it (its owner has just
    read it), which clears the reminder."""
    if not service_entry_policy.can(actor, "change", entry):
        raise PermissionDenied
    locked = ServiceEntry.objects.select_for_update().get(pk=entry.pk)
    was_public = locked.is_public
    _apply(locked, data)
    locked.reviewed_at = timezone.now()
    locked.review_reminder_sent_at = None
    return _save(locked, actor, "update", was_public)


@transaction.atomic
def service_entry_review(*, entry: ServiceEntry, actor: Any) -> ServiceEntry:
    """The owner confirms the entry is still true: the twelve months start
    again and a new reminder may be sent when they are over."""
    if not service_entry_policy.can(actor, "change", entry):
        raise PermissionDenied
    locked = ServiceEntry.objects.select_for_update().get(pk=entry.pk)
    locked.reviewed_at = timezone.now()
    locked.review_reminder_sent_at = None
    locked._history_user = actor
    locked._change_reason = "review"
    locked.save(update_fields=["reviewed_at", "review_reminder_sent_at", "updated_at"])
    # The open data dates a public entry by its last review.
    _public_changed(False, locked)
    return locked


@transaction.atomic
def service_entry_delete(*, entry: ServiceEntry, actor: Any) -> None:
    """Remove an entry (its history keeps what it said, and who removed it)."""
    if not service_entry_policy.can(actor, "change", entry):
        raise PermissionDenied
    was_public = entry.is_public
    entry._history_user = actor
    entry.delete()
    if was_public:
        transaction.on_commit(lambda: public_content_changed.send(sender=ServiceEntry))
