"""Reads of the service map: the search professionals run, the booklet of a
territory, an entry's page. Every read goes through the policy's ``view``."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from extranet.models import Structure, Territory
from extranet.places import Town

from ..models import Coverage, ServiceEntry
from ..models.servicemap import code_filter
from .policy import service_entry_policy
from .search import text_search


def covering_territory(territory: Territory) -> Q:
    """Entries whose people may live in ``territory``: the region, its
    département, the territory itself, or communes listed by an entry of a
    structure (or a local actor) of that territory."""
    return (
        Q(coverage=Coverage.REGION)
        | (
            Q(coverage=Coverage.DEPARTEMENTS)
            & code_filter("coverage_departements", territory.departement)
        )
        | Q(coverage=Coverage.TERRITORY, coverage_territory=territory)
        | Q(coverage=Coverage.COMMUNES, structure__territory=territory)
        | Q(coverage=Coverage.COMMUNES, territory=territory)
    )


def covering_town(town: Town) -> Q:
    """Entries whose people may live in ``town``: the region, its département,
    the commune listed, or a territory where a structure stands in that town
    (territories are not drawn commune by commune: their structures' towns say
    where they are)."""
    territories = Structure.objects.filter(
        city__iexact=town.name, territory_id=OuterRef("coverage_territory_id")
    )
    return (
        Q(coverage=Coverage.REGION)
        | (
            Q(coverage=Coverage.DEPARTEMENTS)
            & code_filter("coverage_departements", town.departement)
        )
        | (
            Q(coverage=Coverage.COMMUNES)
            & code_filter("coverage_communes", town.insee_code)
        )
        | (Q(coverage=Coverage.TERRITORY) & Exists(territories))
    )


def search_entries(user: Any, filters: dict[str, Any]) -> QuerySet[ServiceEntry]:
    """The entries ``user`` may read, narrowed by the valid ``filters`` (kind,
    audience, territory, town, channel, domain, keyword), with what a result
    shows in the same query."""
    qs = (
        service_entry_policy.visible(user, "view")
        .select_related(
            "structure__organisation",
            "structure__territory",
            "territory",
            "coverage_territory",
        )
        .defer("search_vector")
    )
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("audience"):
        qs = qs.filter(code_filter("audiences", filters["audience"]))
    if filters.get("channel"):
        qs = qs.filter(code_filter("channels", filters["channel"]))
    if filters.get("domain"):
        qs = qs.filter(actor_domain=filters["domain"])
    if filters.get("territory"):
        qs = qs.filter(covering_territory(filters["territory"]))
    if filters.get("town"):
        qs = qs.filter(covering_town(filters["town"]))
    if filters.get("q"):
        qs = text_search(qs, filters["q"])
        if "rank" in qs.query.annotations:
            return qs.order_by("-rank", "title", "pk")
    return qs.order_by("title", "pk")


def booklet_entries(user: Any, territory: Territory) -> list[ServiceEntry]:
    """What the booklet of ``territory`` prints: the entries covering it,
    structures' services first, then the local actors."""
    entries = search_entries(user, {"territory": territory})
    return sorted(
        entries,
        key=lambda e: (e.is_local_actor, e.provider_name.lower(), e.title.lower()),
    )


def public_entries_by_structure(
    structure_ids: list[int],
) -> dict[int, list[ServiceEntry]]:
    """The public entries of these structures (one query), by structure."""
    found: dict[int, list[ServiceEntry]] = {}
    rows = (
        ServiceEntry.objects.public()
        .filter(structure_id__in=structure_ids)
        .select_related("coverage_territory")
        .defer("search_vector")
        .order_by("title", "pk")
    )
    for entry in rows:
        found.setdefault(entry.structure_id, []).append(entry)
    return found


def search_public_entries(query: str) -> QuerySet[ServiceEntry]:
    """The public entries matching ``query`` (what the directory shows on
    the structures' public cards), best first, with their structure."""
    qs = text_search(
        ServiceEntry.objects.public()
        .select_related("structure__organisation")
        .defer("search_vector"),
        query,
    )
    if "rank" in qs.query.annotations:
        return qs.order_by("-rank", "title", "pk")
    return qs.order_by("title", "pk")
