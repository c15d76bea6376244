"""The stored search vector of the structures (``Structure.search_vector``).

The site search matches a structure by its organisation's name, its town and
postcode, its network's and territory's names, and its presentation: four tables.
The vector is computed once per write instead of for every row on every search,
and indexed (GIN). Accents are folded (``unaccent``) before the "french"
configuration stems the words, here and on the query (``unaccented``), so that
"Brest metropole" finds "Brest Métropole".

``refresh_search_vectors`` recomputes it in one UPDATE; the receivers of
``extranet.receivers`` call it whenever a structure, an organisation, a network or
a territory is saved. Writes that send no signal (``bulk_create``,
``QuerySet.update``) must call it themselves. On SQLite it does nothing: the
search there is a containment search and the column stays empty.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import (
    F,
    Func,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
)

from .models import Network, Organisation, Structure, Territory

SEARCH_CONFIG = "french"

# The fields whose change alters a structure's vector (the other fields of a card
# do not: a save naming only those leaves the vector as it is).
STRUCTURE_FIELDS = frozenset(
    {"organisation", "city", "postcode", "network", "territory", "description"}
)


def unaccented(expression) -> Func:
    """``unaccent(expression)``: "Métropole" → "Metropole"."""
    return Func(expression, function="unaccent", output_field=TextField())


def search_is_stored() -> bool:
    return connection.vendor == "postgresql"


def _name_of(model, key: str) -> Subquery:
    return Subquery(
        model.objects.filter(pk=OuterRef(key)).order_by().values("name")[:1]
    )


def search_vector_expression():
    """The vector of a structure row, its related names read by subqueries (an
    UPDATE may not join)."""
    from django.contrib.postgres.search import SearchVector

    def vector(*expressions, weight):
        return SearchVector(
            *(unaccented(e) for e in expressions), weight=weight, config=SEARCH_CONFIG
        )

    return (
        vector(_name_of(Organisation, "organisation_id"), weight="A")
        + vector(F("city"), F("postcode"), weight="A")
        + vector(
            _name_of(Network, "network_id"),
            _name_of(Territory, "territory_id"),
            weight="B",
        )
        + vector(F("description"), weight="C")
    )


def refresh_search_vectors(structures: QuerySet[Structure] | Iterable[int]) -> int:
    """Recompute the vector of these structures (a queryset or primary keys) in
    one UPDATE; return how many rows it wrote (0 on SQLite)."""
    if not search_is_stored():
        return 0
    if isinstance(structures, QuerySet):
        rows = Structure.objects.filter(pk__in=structures.values("pk"))
    else:
        rows = Structure.objects.filter(pk__in=list(structures))
    return rows.update(search_vector=search_vector_expression())
