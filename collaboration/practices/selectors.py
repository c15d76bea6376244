"""Reads of good practices: every list and page starts from the policy, so
an unpublished practice never leaves its scope (lists, pages, search)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ..models import Practice, PracticeReuse, PracticeUseful
from .definitions import PUBLISHED
from .policy import practice_policy, staff_organisation_ids

SEARCHED_FIELDS = ("title", "context", "problem", "description", "results")


def _filtered(qs: QuerySet, filters: dict[str, Any]) -> QuerySet:
    words = (filters.get("q") or "").split()[:8]
    for word in words:
        match = Q()
        for name in SEARCHED_FIELDS:
            match |= Q(**{f"{name}__icontains": word})
        qs = qs.filter(match)
    for key, field in (
        ("theme", "theme"),
        ("public", "audience"),
        ("territoire", "territory"),
        ("reseau", "network"),
        ("etat", "state"),
    ):
        if filters.get(key):
            qs = qs.filter(**{field: filters[key]})
    return qs


def practices_published(user: Any, filters: dict[str, Any]) -> QuerySet[Practice]:
    """The published practices a member may read, filtered, with their marks;
    the featured ones first."""
    qs = practice_policy.visible(user, "view", Practice.objects.published())
    return (
        _filtered(qs, filters)
        .select_related("structure__organisation", "territory", "network")
        .with_marks()
        .order_by("-featured", "-published_at", "-pk")
    )


def practices_of_my_structures(
    user: Any, filters: dict[str, Any]
) -> QuerySet[Practice]:
    """Every practice of the user's structures, whatever its state (the
    structure's own work), and for the moderators those waiting for them."""
    organisations = staff_organisation_ids(user)
    qs = practice_policy.visible(user, "view").filter(
        structure__organisation_id__in=organisations
    )
    return (
        _filtered(qs, filters)
        .select_related("structure__organisation", "territory", "network")
        .order_by("-updated_at", "-pk")
    )


def practices_featured(user: Any, limit: int = 3) -> list[Practice]:
    return list(
        practice_policy.visible(user, "view", Practice.objects.published())
        .filter(featured=True)
        .select_related("structure__organisation")
        .order_by("-featured_at", "-pk")[:limit]
    )


def practice_for_page(user: Any, pk: Any) -> Practice:
    """One practice the user may read, with its marks (404 otherwise)."""
    qs = (
        Practice.objects.select_related(
            "structure__organisation", "territory", "network", "author"
        )
        .with_marks()
        .prefetch_related("attachments")
    )
    return practice_policy.get_or_404(user, "view", qs, pk)


def user_marks(user: Any, practice: Practice) -> dict[str, bool]:
    """Whether the user already found it useful, and their structure reused it."""
    return {
        "useful": PracticeUseful.objects.filter(practice=practice, user=user).exists(),
        "reused": PracticeReuse.objects.filter(
            practice=practice,
            structure__organisation_id__in=staff_organisation_ids(user),
        ).exists(),
    }


def reusing_structures(practice: Practice) -> list[str]:
    if practice.state != PUBLISHED:
        return []
    return list(
        PracticeReuse.objects.filter(practice=practice)
        .select_related("structure__organisation")
        .order_by("structure__organisation__name")
        .values_list("structure__organisation__name", flat=True)
    )
