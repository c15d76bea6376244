"""Reads of the resource library: every list and page starts from the
policy, so a resource in preparation or withdrawn never reaches a reader
(lists, pages, files, search)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from ..models import Resource, ResourceVersion
from .policy import resource_policy

SEARCHED_FIELDS = ("title", "summary", "source")
MAX_WORDS = 8
WHOLE_REGION = "bretagne"


def _filtered(qs: QuerySet, filters: dict[str, Any]) -> QuerySet:
    for word in (filters.get("q") or "").split()[:MAX_WORDS]:
        match = Q()
        for name in SEARCHED_FIELDS:
            match |= Q(**{f"{name}__icontains": word})
        qs = qs.filter(match)
    if filters.get("theme"):
        qs = qs.filter(theme=filters["theme"])
    territory = filters.get("territoire")
    if territory == WHOLE_REGION:
        qs = qs.filter(territory__isnull=True)
    elif territory:
        # A territory's resources, and those that hold for all of Bretagne.
        qs = qs.filter(Q(territory_id=territory) | Q(territory__isnull=True))
    if filters.get("format") == "link":
        qs = qs.exclude(url="")
    elif filters.get("format") == "document":
        qs = qs.filter(url="")
    if filters.get("etat"):
        qs = qs.filter(status=filters["etat"])
    return qs


def resources_for_list(user: Any, filters: dict[str, Any]) -> QuerySet[Resource]:
    """The resources ``user`` may read, filtered, each with its current
    version (one query for a page, whatever its length)."""
    qs = resource_policy.visible(user, "view", Resource.objects.all())
    return (
        _filtered(qs, filters)
        .select_related("territory")
        .with_current_version()
        .order_by("title", "pk")
    )


def resource_for_page(user: Any, pk: Any) -> Resource:
    """The resource if ``user`` may read it, else 404."""
    return resource_policy.get_or_404(
        user, "view", Resource.objects.select_related("territory", "created_by"), pk
    )


def resource_versions(resource: Resource) -> list[ResourceVersion]:
    """Every version, the current one first, with who uploaded it."""
    return list(resource.versions.select_related("uploaded_by").order_by("-number"))


def version_for_download(user: Any, pk: Any, number: Any) -> ResourceVersion:
    """Version ``number`` of resource ``pk`` if ``user`` may read the
    resource; 404 otherwise, whether the resource or the version is missing."""
    resource = resource_for_page(user, pk)
    return get_object_or_404(resource.versions.all(), number=number)
