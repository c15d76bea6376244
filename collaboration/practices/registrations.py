"""What good practices add to the extranet shell: the menu links, a section
of a structure's page (its published practices, and for its own staff those
being written or reviewed), and what the extranet's search finds (the
published practices, as their list shows them). Imported by
``CollaborationConfig.ready()``."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from extranet import registry
from extranet.permissions import user_memberships

from ..models import Practice
from .definitions import PUBLISHED
from .policy import PRACTICE_RULES, STAFF_ROLES, staff_organisation_ids
from .selectors import practices_published

registry.register_link(
    registry.Link(
        label=_("Bonnes pratiques"),
        url_name="practices:list",
        # Every member of SPRO reads the published practices.
        for_membership=lambda m: True,
        order=60,
    )
)
registry.register_link(
    registry.Link(
        label=_("Nos pratiques"),
        url_name="practices:mine",
        for_membership=lambda m: (
            "write" in PRACTICE_RULES.get(m.role, {}) and m.role in STAFF_ROLES
        ),
        in_menu=False,
        order=61,
    )
)


def _structure_section(user: Any, structure: Any) -> dict[str, Any] | None:
    """How many practices the structure published, and (its staff only) how
    many it is writing or has under review: one query."""
    own = structure.organisation_id in staff_organisation_ids(user)
    counts = Practice.objects.filter(structure=structure).aggregate(
        published=Count("pk", filter=Q(state=PUBLISHED)),
        other=Count("pk", filter=~Q(state=PUBLISHED)),
    )
    if not counts["published"] and not own:
        return None
    return {
        "structure": structure,
        "published": counts["published"],
        "in_progress": counts["other"] if own else None,
    }


registry.register_structure_section(
    registry.StructureSection(
        template="collaboration/practices/includes/structure_section.html",
        context=_structure_section,
        order=60,
    )
)


def _search(user: Any, query: str, filters: dict[str, Any]) -> QuerySet:
    """The published list's own search (``practices_published``: its policy,
    its ranking): a draft or a practice under review is never found here."""
    return practices_published(user, {**filters, "q": query})


registry.register_search_provider(
    registry.SearchProvider(
        key="pratiques",
        label=_("Bonnes pratiques"),
        search=_search,
        row_template="collaboration/practices/search_row.html",
        list_url_name="practices:list",
        # Every member of SPRO reads the published practices.
        available=lambda user: user.is_superuser or bool(user_memberships(user)),
        order=60,
    )
)
