"""Search across the public site: Wagtail pages, the directory of structures,
and what capability apps publish (public service entries…), which they
register in ``extranet.registry`` (``register_public_search_provider``): the
public site knows no capability app.

On PostgreSQL both use French full-text search (stemming; for the structures,
accents folded and a stored, indexed vector: ``extranet.search``); on SQLite, the
embedded default, a plain containment search keeps it working.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Value, Window
from wagtail.models import Page

from extranet import registry
from extranet.models import Service, Structure
from extranet.places import normalise
from extranet.search import SEARCH_CONFIG, search_is_stored, unaccented

from ..directory.selectors import directory_search, directory_structures

MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """Keep a search query printable and short; never fail on odd input."""
    text = "".join(
        ch if unicodedata.category(ch)[0] not in ("C",) else " " for ch in raw or ""
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class SearchResults:
    query: str
    pages: list
    structures: list
    page_count: int
    structure_count: int
    # The services the query names ("VAE"): the structures found offer them.
    services: tuple = ()
    # What the registered public providers found: one section each (rows,
    # count, heading, row template), in their order.
    others: tuple = ()

    @property
    def service_choices(self) -> list[Service]:
        return [Service(s) for s in self.services]

    @property
    def total(self) -> int:
        return (
            self.page_count
            + self.structure_count
            + sum(other["count"] for other in self.others)
        )


# How people name the services of section 1.3 in a search box (compared once
# accents, case and punctuation are set aside).
SERVICE_WORDS: dict[str, tuple[str, ...]] = {
    Service.VAE: ("vae", "validation des acquis"),
    Service.CEP: ("cep", "evolution professionnelle"),
    Service.ENTREPRENEURSHIP: (
        "entrepreneuriat",
        "creation d entreprise",
        "creer son entreprise",
        "creer une entreprise",
    ),
    Service.ORIENTATION: ("orientation scolaire", "conseil en orientation"),
    Service.API: ("accueil personnalise",),
}


def services_named(query: str) -> tuple[tuple[str, ...], str]:
    """The services the query names, and what is left of it."""
    text = f" {normalise(query)} "
    found = []
    for service, phrases in SERVICE_WORDS.items():
        for phrase in phrases:
            if f" {phrase} " in text:
                found.append(service)
                text = text.replace(f" {phrase} ", " ")
    rest = " ".join(w for w in text.split() if w not in ("conseil", "en", "le", "la"))
    return tuple(found), rest


def search_structures(
    query: str, named: tuple[tuple[str, ...], str] | None = None
) -> QuerySet[Structure]:
    """Published structures matching ``query``; ``named`` is its
    ``services_named`` when the caller already read it."""
    services, rest = named if named is not None else services_named(query)
    if services:
        offering = Q()
        for service in services:
            offering |= Q(pk__in=directory_search({"service": service}).values("pk"))
        found = directory_structures().filter(offering)
        if rest:
            found = found.filter(pk__in=_text_search(rest).values("pk"))
        return found.order_by("organisation__name")
    return _text_search(query)


def _text_search(query: str) -> QuerySet[Structure]:
    published = directory_structures()
    if search_is_stored():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        # The stored vector (GIN index; see extranet.search) against the query,
        # its accents folded the same way.
        search = SearchQuery(
            unaccented(Value(query)),
            config=SEARCH_CONFIG,
            search_type="websearch",
        )
        return (
            published.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "organisation__name")
        )
    condition = Q()
    for word in query.split()[:10]:
        condition &= (
            Q(organisation__name__icontains=word)
            | Q(city__icontains=word)
            | Q(postcode__startswith=word)
            | Q(description__icontains=word)
            | Q(network__name__icontains=word)
            | Q(territory__name__icontains=word)
        )
    return published.filter(condition).order_by("organisation__name")


def counted(structures: QuerySet[Structure]) -> QuerySet[Structure]:
    """``structures``, every row carrying how many there are in all (a window
    over the whole result), without what the results list does not show: the
    exceptions to the hours and the stored vector."""
    return (
        structures.prefetch_related(None)
        .defer("search_vector")
        .annotate(found_in_all=Window(Count("*")))
    )


def first_structures(
    structures: QuerySet[Structure], limit: int
) -> tuple[list[Structure], int]:
    """The first ``limit`` structures and how many there are in all, in one
    query."""
    rows = list(counted(structures)[:limit])
    return rows, rows[0].found_in_all if rows else 0


def search_site(query: str, *, limit: int = 20) -> SearchResults:
    """Pages, structures and the registered public content matching
    ``query``, each list capped at ``limit`` (one query for each registered
    kind, whatever the number of rows)."""
    query = clean_query(query)
    if not query:
        return SearchResults(
            query="", pages=[], structures=[], page_count=0, structure_count=0
        )
    # The search backends give meaning to quotes and operators (SQLite's FTS5
    # fails on an unbalanced quote): pages are searched by words only.
    words = " ".join(re.findall(r"\w+", query))
    page_results = (
        Page.objects.live().public().specific().search(words)
        if words
        else Page.objects.none()
    )
    pages = list(page_results[:limit])
    named = services_named(query)
    structures, structure_count = first_structures(
        search_structures(query, named), limit
    )
    return SearchResults(
        services=named[0],
        query=query,
        pages=pages,
        structures=structures,
        page_count=len(pages) if len(pages) < limit else page_results.count(),
        structure_count=structure_count,
        others=tuple(registry.public_search(query, limit)),
    )
