"""What capability apps add to the extranet shell, without the shell knowing them.

The extranet core imports no capability app: each app registers, from its
``AppConfig.ready()``, the links it adds to the menu and to "Mon espace" and the
sections it adds to a structure's page. (The to-do area has its own registry,
``extranet.todo``.) Entries are plain data read on every request, so a role
removed from a user takes effect at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse


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


_links: list[Link] = []
_sections: list[StructureSection] = []


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
