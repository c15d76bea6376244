"""What conventions add to the extranet shell: menu links, the section of a
structure's page, and the to-do items (``todo``). Imported by ``ready()``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from extranet import registry

from . import todo  # noqa: F401 - registers the to-do provider
from .models import Convention
from .policy import convention_policy


def _rule(membership: Any, action: str) -> bool:
    return convention_policy.membership_may(membership, action)


registry.register_link(
    registry.Link(
        label=_("Conventions"),
        url_name="conventions:list",
        for_membership=lambda m: _rule(m, "view"),
        order=20,
    )
)
registry.register_link(
    registry.Link(
        label=_("Suivi régional des conventions"),
        url_name="conventions:overview",
        for_membership=lambda m: _rule(m, "overview"),
        in_menu=False,
        order=21,
    )
)


def _structure_section(user: Any, structure: Any) -> dict[str, Any]:
    """The structure's SPRO status, and the conventions of it the user may see."""
    return {
        "structure": structure,
        "conventions": convention_policy.visible(
            user,
            "view",
            Convention.objects.filter(structure=structure).order_by("-year"),
        )[:5],
    }


registry.register_structure_section(
    registry.StructureSection(
        template="conventions/includes/structure_section.html",
        context=_structure_section,
        order=10,
    )
)
