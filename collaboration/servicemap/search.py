"""The stored full-text vector of the service map's entries, as
``extranet.search`` does for the structures.

Weighted: the title, the structure's or local actor's name (A), what is offered
and its conditions (B), how to refer someone (C); accents folded (``unaccent``)
before the "french" configuration stems the words, here and on the query.
Computed once per write (``refresh_entry_vectors``, one UPDATE), indexed (GIN).
On SQLite it does nothing: the search there is a containment search.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value

from extranet.models import Organisation, Structure
from extranet.search import SEARCH_CONFIG, search_is_stored, unaccented

from ..models import ServiceEntry

MAX_WORDS = 10


def entry_vector_expression():
    from django.contrib.postgres.search import SearchVector

    def vector(*expressions, weight):
        return SearchVector(
            *(unaccented(e) for e in expressions), weight=weight, config=SEARCH_CONFIG
        )

    organisation = Subquery(
        Organisation.objects.filter(
            pk=Subquery(
                Structure.objects.filter(pk=OuterRef(OuterRef("structure_id")))
                .order_by()
                .values("organisation_id")[:1]
            )
        )
        .order_by()
        .values("name")[:1]
    )
    return (
        vector(F("title"), F("actor_name"), organisation, weight="A")
        + vector(F("description"), F("conditions"), weight="B")
        + vector(F("how_to_refer"), weight="C")
    )


def refresh_entry_vectors(entries: QuerySet | Iterable[int]) -> int:
    """Recompute the vector of these entries (a queryset or primary keys) in
    one UPDATE; how many rows it wrote (0 on SQLite)."""
    if not search_is_stored():
        return 0
    if isinstance(entries, QuerySet):
        rows = ServiceEntry.objects.filter(pk__in=entries.values("pk"))
    else:
        rows = ServiceEntry.objects.filter(pk__in=list(entries))
    return rows.update(search_vector=entry_vector_expression())


def text_search(queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` narrowed to the entries matching ``query``: French
    full-text on PostgreSQL, ranked; every word contained elsewhere."""
    query = " ".join(query.split()[:MAX_WORDS])
    if not query:
        return queryset
    if search_is_stored():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        search = SearchQuery(
            unaccented(Value(query)), config=SEARCH_CONFIG, search_type="websearch"
        )
        return queryset.filter(search_vector=search).annotate(
            rank=SearchRank(F("search_vector"), search)
        )
    condition = Q()
    for word in query.split():
        condition &= (
            Q(title__icontains=word)
            | Q(actor_name__icontains=word)
            | Q(structure__organisation__name__icontains=word)
            | Q(description__icontains=word)
            | Q(conditions__icontains=word)
            | Q(how_to_refer__icontains=word)
        )
    return queryset.filter(condition)
