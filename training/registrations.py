"""What training adds to the extranet shell: menu links and the section of a
structure's page (its staff's enrolments). Imported by ``ready()``."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from extranet import registry

from .models import Enrolment
from .policy import (
    CAMPAIGN_RULES,
    ENROLMENT_RULES,
    FIGURES_ACTION,
    FIGURES_RULES,
    PLAN_RULES,
    SESSION_RULES,
    enrolment_policy,
)

registry.register_link(
    registry.Link(
        label=_("Formations"),
        url_name="training:catalogue",
        for_membership=lambda m: "view" in SESSION_RULES.get(m.role, {}),
        order=30,
    )
)
registry.register_link(
    registry.Link(
        label=_("Inscriptions aux formations"),
        url_name="training:enrolments",
        for_membership=lambda m: "view" in ENROLMENT_RULES.get(m.role, {}),
        in_menu=False,
        order=31,
    )
)

registry.register_link(
    registry.Link(
        label=_("Plan de professionnalisation"),
        url_name="training:plans",
        for_membership=lambda m: "view" in PLAN_RULES.get(m.role, {}),
        order=32,
    )
)
registry.register_link(
    registry.Link(
        label=_("Besoins de formation"),
        url_name="training:campaigns",
        for_membership=lambda m: "view" in CAMPAIGN_RULES.get(m.role, {}),
        order=33,
    )
)
registry.register_link(
    registry.Link(
        label=_("Chiffres de la formation"),
        url_name="training:figures",
        for_membership=lambda m: FIGURES_ACTION in FIGURES_RULES.get(m.role, {}),
        order=34,
    )
)


def _structure_section(user: Any, structure: Any) -> dict[str, Any] | None:
    """How many of the structure's staff are enrolled, by state, for whoever
    may see the structure's enrolments."""
    enrolments = enrolment_policy.visible(
        user, "export", Enrolment.objects.filter(structure=structure)
    )
    counts = list(enrolments.values("state").annotate(n=Count("pk")).order_by("state"))
    if not counts:
        return None
    from workflows import engine

    definition = engine.binding_for(Enrolment).definitions[0]
    return {
        "structure": structure,
        "counts": [(definition.state_label(c["state"]), c["n"]) for c in counts],
    }


registry.register_structure_section(
    registry.StructureSection(
        template="training/includes/structure_section.html",
        context=_structure_section,
        order=20,
    )
)
