"""What capability apps add to the extranet shell, without the shell knowing them.

The extranet core imports no capability app: each app registers, from its
``AppConfig.ready()``, the links it adds to the menu and to "Mon espace", the
sections it adds to a structure's page, and what it offers the public on a
structure's public card: actions, sections, and services published in the open
data (the directory, in ``cms``, knows no capability app either; a capability
whose public content changes sends ``public_content_changed`` and the
directory's cache listens). Each concern also says what the extranet's one
search finds in it (``SearchProvider``) and what the public site's search finds
(``PublicSearchProvider``). (The to-do area has its own registry,
``extranet.todo``.) Entries are plain data read on every request, so a role
removed from a user takes effect at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Window
from django.dispatch import Signal
from django.urls import reverse
from django.utils.http import urlencode

# Sent by a capability app when something the public sees on a structure's card
# or in the open data changes (a public service of the map): the public site's
# cache (``cms.receivers``) makes its pages stale.
public_content_changed = Signal()


@dataclass(frozen=True)
class Link:
    """A page of a capability: in the menu for whoever may use it, and in the
    "Mon espace" summary of each role that gives access to it.

    ``for_membership`` answers for one membership (a role in an organisation);
    the menu shows the link if any of the user's memberships does.
    """

    label: Any
    url_name: str
    for_membership: Callable[[Any], bool]
    in_menu: bool = True
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class StructureSection:
    """A section of a structure's extranet page (its conventions, its staff's
    training…): ``context(user, structure)`` returns the template's context, or
    None when the section has nothing to show this user."""

    template: str
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class PublicStructureAction:
    """A link offered to the public on a structure's card in the directory
    ("Prendre rendez-vous en ligne"), shown when ``condition`` holds.

    ``condition()`` returns a boolean query expression on ``Structure`` (an
    ``Exists`` on the app's rows, with ``OuterRef("pk")``): the directory
    evaluates it inside its own query of the structure, at no extra query.
    ``url_name`` is reversed with the organisation's slug. What the condition
    says may change without the card changing (a slot booked), so a page
    showing the link is cached at most ``fresh_seconds``.
    """

    name: str
    label: Any
    url_name: str
    condition: Callable[[], Any]
    fresh_seconds: int = 120
    order: int = 100

    @property
    def annotation(self) -> str:
        return f"public_action_{self.name}"

    def url_for(self, structure: Any) -> str:
        return reverse(self.url_name, args=[structure.organisation.slug])


@dataclass(frozen=True)
class PublicStructureSection:
    """A section of a structure's public card in the directory ("Prestations
    et dispositifs"): ``context(structure)`` returns the template's context,
    or None when the section has nothing to show. What it shows must be public
    content: a change to it sends ``public_content_changed``."""

    template: str
    context: Callable[[Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class PublicService:
    """A service a capability app publishes for a structure, in the words of
    the national data·inclusion schema (``type``, ``publics``,
    ``thematiques`` are its codes), for the directory's ``services`` export.
    The directory adds what the structure's card says (address, hours, ids)
    and validates the record against the schema."""

    key: str  # unique among the structure's services
    name: str
    description: str
    type: str
    publics: tuple[str, ...]
    thematiques: tuple[str, ...]
    updated_on: Any  # a date
    conditions: str = ""
    how_to: str = ""
    on_site: bool = False
    remote: bool = False
    zone: tuple[str, ...] = ()  # INSEE codes of départements or communes
    phone: str = ""
    email: str = ""


# ``provider(structure_ids)`` → {structure id: [PublicService, …]}, in one read.
PublicServiceProvider = Callable[[list[int]], dict[int, list[PublicService]]]


@dataclass(frozen=True)
class SearchProvider:
    """One kind of thing the extranet's search (``/extranet/recherche/``)
    finds: service entries, good practices, resources…

    ``search(user, query, filters)`` returns the concern's own list, in the
    user's scope (the same policy and selector as the concern's list page),
    narrowed by ``query`` and the concern's ``filters``, ordered best first,
    with what a row shows in the same query: the search page counts it and
    takes its first rows in one query, or pages through it. ``available(user)``
    says whether the user may use that list at all (else the kind is not
    offered). ``key`` names the kind in the page's query string (French, a
    slug); ``row_template`` renders one result (``row``) as a list item's
    content; ``list_url_name`` is the concern's list, which takes the query as
    ``query_param``.
    """

    key: str
    label: Any
    search: Callable[[Any, str, dict[str, Any]], QuerySet]
    row_template: str
    list_url_name: str
    available: Callable[[Any], bool] = lambda user: True
    query_param: str = "q"
    order: int = 100

    def list_url(self, query: str) -> str:
        """The concern's own list, filtered by ``query``."""
        return f"{reverse(self.list_url_name)}?{urlencode({self.query_param: query})}"


@dataclass(frozen=True)
class PublicSearchProvider:
    """One kind of public content the public site's search (``/recherche/``)
    finds besides pages and structures (public service entries…).

    ``search(query, limit)`` returns the first ``limit`` rows matching
    ``query`` and how many there are in all, in a fixed number of queries
    (``first_found``), whatever the number of rows; only what the public may
    see. ``count(n)`` says "3 prestations" in French, heading its section;
    ``row_template`` renders one result (``row``) as a list item's content,
    linking to a public page.
    """

    key: str
    search: Callable[[str, int], tuple[list[Any], int]]
    count: Callable[[int], str]
    row_template: str
    order: int = 100


def first_found(queryset: QuerySet, limit: int) -> tuple[list[Any], int]:
    """The first ``limit`` rows of ``queryset`` and how many there are in all,
    in one query (each row carries the total: a window over the result)."""
    rows = list(queryset.annotate(found_in_all=Window(Count("*")))[:limit])
    return rows, rows[0].found_in_all if rows else 0


_links: list[Link] = []
_sections: list[StructureSection] = []
_public_actions: list[PublicStructureAction] = []
_public_sections: list[PublicStructureSection] = []
_public_service_providers: list[PublicServiceProvider] = []
_search_providers: list[SearchProvider] = []
_public_search_providers: list[PublicSearchProvider] = []


def register_link(link: Link) -> Link:
    if link not in _links:
        _links.append(link)
        _links.sort(key=lambda entry: entry.order)
    return link


def register_structure_section(section: StructureSection) -> StructureSection:
    if section not in _sections:
        _sections.append(section)
        _sections.sort(key=lambda entry: entry.order)
    return section


def links_for_membership(membership: Any) -> list[Link]:
    return [link for link in _links if link.for_membership(membership)]


def menu_links(memberships: list[Any]) -> list[Link]:
    """The capability links of the menu for a user with these memberships."""
    return [
        link
        for link in _links
        if link.in_menu and any(link.for_membership(m) for m in memberships)
    ]


def structure_sections(user: Any, structure: Any) -> list[dict[str, Any]]:
    """The registered sections of ``structure``'s page that ``user`` may see."""
    found = []
    for section in _sections:
        context = section.context(user, structure)
        if context is not None:
            found.append({"template": section.template, "context": context})
    return found


def register_public_structure_action(
    action: PublicStructureAction,
) -> PublicStructureAction:
    if action not in _public_actions:
        _public_actions.append(action)
        _public_actions.sort(key=lambda entry: entry.order)
    return action


def public_structure_actions() -> list[PublicStructureAction]:
    return list(_public_actions)


def with_public_actions(queryset: Any) -> Any:
    """``queryset`` of structures with each registered action's condition as
    an annotation (read back by ``public_actions_of``)."""
    return queryset.annotate(
        **{action.annotation: action.condition() for action in _public_actions}
    )


def public_actions_of(structure: Any) -> list[dict[str, Any]]:
    """The public actions whose condition holds for ``structure`` (annotated
    by ``with_public_actions``): label, url and how long the page may be
    cached with them."""
    return [
        {
            "label": action.label,
            "url": action.url_for(structure),
            "fresh_seconds": action.fresh_seconds,
        }
        for action in _public_actions
        if getattr(structure, action.annotation, False)
    ]


def register_public_structure_section(
    section: PublicStructureSection,
) -> PublicStructureSection:
    if section not in _public_sections:
        _public_sections.append(section)
        _public_sections.sort(key=lambda entry: entry.order)
    return section


def public_structure_sections(structure: Any) -> list[dict[str, Any]]:
    """The registered sections of ``structure``'s public card that have
    something to show."""
    found = []
    for section in _public_sections:
        context = section.context(structure)
        if context is not None:
            found.append({"template": section.template, "context": context})
    return found


def register_public_service_provider(
    provider: PublicServiceProvider,
) -> PublicServiceProvider:
    if provider not in _public_service_providers:
        _public_service_providers.append(provider)
    return provider


def public_services(structure_ids: list[int]) -> dict[int, list[PublicService]]:
    """Every registered app's public services of these structures."""
    found: dict[int, list[PublicService]] = {}
    for provider in _public_service_providers:
        for structure_id, services in provider(structure_ids).items():
            found.setdefault(structure_id, []).extend(services)
    return found


def register_search_provider(provider: SearchProvider) -> SearchProvider:
    if any(p.key == provider.key and p != provider for p in _search_providers):
        raise ValueError(f"Two search providers named {provider.key!r}.")
    if provider not in _search_providers:
        _search_providers.append(provider)
        _search_providers.sort(key=lambda entry: entry.order)
    return provider


def search_providers(user: Any) -> list[SearchProvider]:
    """The kinds of results the extranet's search offers ``user``."""
    return [p for p in _search_providers if p.available(user)]


def register_public_search_provider(
    provider: PublicSearchProvider,
) -> PublicSearchProvider:
    if provider not in _public_search_providers:
        _public_search_providers.append(provider)
        _public_search_providers.sort(key=lambda entry: entry.order)
    return provider


def public_search(query: str, limit: int) -> list[dict[str, Any]]:
    """What every registered public provider finds for ``query``: for each,
    its first ``limit`` rows, their count, its heading and row template."""
    found = []
    for provider in _public_search_providers:
        rows, count = provider.search(query, limit)
        found.append(
            {
                "key": provider.key,
                "rows": rows,
                "count": count,
                "heading": provider.count(count),
                "row_template": provider.row_template,
            }
        )
    return found
