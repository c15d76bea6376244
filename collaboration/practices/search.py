"""The stored full-text vector of good practices, as the service map keeps
its entries' (``collaboration.servicemap.search``).

Weighted: the title (A); the context, the problem and the practice itself (B);
its results and the conditions to reproduce it (C); accents folded
(``unaccent``) before the "french" configuration stems the words, here and on
the query. Computed once per write of the content (``refresh_practice_vectors``,
one UPDATE, called by the services and the demo loader), indexed (GIN). A
workflow transition changes no text, so it leaves the vector as it is. On
SQLite it does nothing: the search there is a containment search.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, Q, QuerySet, Value

from extranet.search import SEARCH_CONFIG, search_is_stored, unaccented

from ..models import Practice

MAX_WORDS = 8
# What the containment search reads on SQLite (the vector's fields).
SEARCHED_FIELDS = (
    "title",
    "context",
    "problem",
    "description",
    "results",
    "conditions",
)


def practice_vector_expression():
    from django.contrib.postgres.search import SearchVector

    def vector(*names, weight):
        return SearchVector(
            *(unaccented(F(name)) for name in names),
            weight=weight,
            config=SEARCH_CONFIG,
        )

    return (
        vector("title", weight="A")
        + vector("context", "problem", "description", weight="B")
        + vector("results", "conditions", weight="C")
    )


def refresh_practice_vectors(practices: QuerySet | Iterable[int]) -> int:
    """Recompute the vector of these practices (a queryset or primary keys)
    in one UPDATE; how many rows it wrote (0 on SQLite)."""
    if not search_is_stored():
        return 0
    if isinstance(practices, QuerySet):
        rows = Practice.objects.filter(pk__in=practices.values("pk"))
    else:
        rows = Practice.objects.filter(pk__in=list(practices))
    return rows.update(search_vector=practice_vector_expression())


def practice_text_search(queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` narrowed to the practices matching ``query``: French
    full-text on PostgreSQL, annotated with its ``rank``; on SQLite, every
    word contained in one of the searched fields."""
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
    for word in query.split():
        match = Q()
        for name in SEARCHED_FIELDS:
            match |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(match)
    return queryset
