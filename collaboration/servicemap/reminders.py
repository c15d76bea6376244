"""The yearly review of the map: an entry nobody confirmed for twelve months
may be out of date, and a professional who relies on it sends a person to the
wrong door. Its owners are reminded once: the referents of the structure
(its professionals if it has no referent), or the territorial officers of a
local actor's territory.

Each entry is judged under its row lock and marked (``review_reminder_sent_at``)
in the same transaction as the notices it queues: a second run, or two workers
at once, remind once. Reviewing the entry clears the marker, so the next
twelve months end with a new reminder.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from extranet.models import Role, User
from notifications.services import users_notify

from ..models import ServiceEntry
from ..models.servicemap import REVIEW_DAYS


def entry_owners(entry: ServiceEntry) -> list[User]:
    """Who should confirm the entry."""
    active = User.objects.filter(
        is_active=True, memberships__organisation__is_active=True
    )
    if entry.structure_id is not None:
        organisation = entry.structure.organisation_id
        for role in (Role.REFERENT, Role.PROFESSIONAL):
            found = list(
                active.filter(
                    memberships__organisation_id=organisation, memberships__role=role
                )
                .distinct()
                .order_by("pk")
            )
            if found:
                return found
        return []
    return list(
        active.filter(
            memberships__role=Role.TERRITORIAL_OFFICER,
            memberships__territory_id=entry.territory_id,
        )
        .distinct()
        .order_by("pk")
    )


def review_reminders_send(now: datetime.datetime | None = None) -> int:
    """Remind the owners of every entry not reviewed for twelve months and
    not reminded since; returns how many entries were recalled."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=REVIEW_DAYS)
    candidates = ServiceEntry.objects.filter(
        reviewed_at__lt=limit, review_reminder_sent_at__isnull=True
    ).values_list("pk", flat=True)
    site = getattr(settings, "SPRO_SITE_URL", "").rstrip("/")
    reminded = 0
    for pk in list(candidates):
        with transaction.atomic():
            entry = (
                ServiceEntry.objects.select_for_update(of=("self",))
                .select_related("structure")
                .filter(
                    pk=pk, reviewed_at__lt=limit, review_reminder_sent_at__isnull=True
                )
                .first()
            )
            if entry is None:
                continue  # another run reminded it, or it was reviewed
            users_notify(
                users=entry_owners(entry),
                subject=_("Cartographie : « %(title)s » est-elle toujours à jour ?")
                % {"title": entry.title[:120]},
                body=_(
                    "Cette fiche de la cartographie n'a pas été vérifiée depuis plus "
                    "de douze mois. Relisez-la, corrigez-la si besoin, puis "
                    "confirmez qu'elle est à jour : les autres professionnel·les "
                    "s'y fient pour orienter les personnes."
                ),
                url=reverse("servicemap:entry", args=[entry.pk]),
                site_url=site,
            )
            entry.review_reminder_sent_at = now
            entry._history_user = None
            entry._change_reason = "reminder"
            entry.save(update_fields=["review_reminder_sent_at"])
            reminded += 1
    return reminded
