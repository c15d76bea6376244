"""Reads of good practices: every list and page starts from the policy, so
an unpublished practice never leaves its scope (lists, pages, search)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ..models import Practice, PracticeReuse, PracticeUseful
from .definitions import PUBLISHED
from .policy import practice_policy, staff_organisation_ids
from .search import practice_text_search


def _filtered(qs: QuerySet, filters: dict[str, Any]) -> QuerySet:
    """``qs`` narrowed by the valid filters; the keywords by the full-text
    search (ranked on PostgreSQL: ``_ordered`` puts the best first)."""
    qs = practice_text_search(qs, filters.get("q") or "")
    for key, field in (
        ("theme", "theme"),
        ("public", "audience"),
        ("territoire", "territory"),
        ("reseau", "network"),
        ("etat", "state"),
    ):
        if filters.get(key):
            qs = qs.filter(**{field: filters[key]})
    return qs.defer("search_vector")


def _ordered(qs: QuerySet, *order: str) -> QuerySet:
    """``order``, after the relevance when the keywords were ranked."""
    if "rank" in qs.query.annotations:
        return qs.order_by("-rank", *order)
    return qs.order_by(*order)


def practices_published(user: Any, filters: dict[str, Any]) -> QuerySet[Practice]:
    """The published practices a member may read, filtered, with their marks;
    the featured ones first (the most relevant first for a keyword search)."""
    qs = practice_policy.visible(user, "view", Practice.objects.published())
    return _ordered(
        _filtered(qs, filters)
        .select_related("structure__organisation", "territory", "network")
        .with_marks(),
        "-featured",
        "-published_at",
        "-pk",
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
    return _ordered(
        _filtered(qs, filters).select_related(
            "structure__organisation", "territory", "network"
        ),
        "-updated_at",
        "-pk",
    )


def practices_featured(user: Any, limit: int = 3) -> list[Practice]:
    return list(
        practice_policy.visible(user, "view", Practice.objects.published())
        .filter(featured=True)
        .select_related("structure__organisation")
        .defer("search_vector")
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
