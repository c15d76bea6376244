"""What the accueil adds to the extranet shell: menu links, the section of a
structure's page (for its own staff only), and the online booking offered on
a structure's public card. Imported by ``ready()``."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from extranet import registry

from .definitions import OPEN_STATES
from .models import Reception, Referral
from .policy import (
    FIGURES_ACTION,
    FIGURES_RULES,
    RECEPTION_RULES,
    REFERRAL_RULES,
    SETTINGS_ROLES,
    SLOT_RULES,
    staff_organisation_ids,
)
from .selectors import has_public_slots

registry.register_link(
    registry.Link(
        label=_("Accueil du public"),
        url_name="reception:receptions",
        for_membership=lambda m: "record" in RECEPTION_RULES.get(m.role, {}),
        order=40,
    )
)
registry.register_link(
    registry.Link(
        label=_("Mises en relation"),
        url_name="reception:referrals",
        for_membership=lambda m: "view" in REFERRAL_RULES.get(m.role, {}),
        order=41,
    )
)
registry.register_link(
    registry.Link(
        label=_("Chiffres de l'accueil"),
        url_name="reception:figures",
        for_membership=lambda m: FIGURES_ACTION in FIGURES_RULES.get(m.role, {}),
        order=42,
    )
)
registry.register_link(
    registry.Link(
        label=_("Réglages de l'accueil"),
        url_name="reception:settings",
        for_membership=lambda m: m.role in SETTINGS_ROLES,
        in_menu=False,
        order=43,
    )
)


def _structure_section(user: Any, structure: Any) -> dict[str, Any] | None:
    """This year's receptions and the referrals waiting for an answer, for the
    structure's own staff (nobody else reads a structure's receptions)."""
    if structure.organisation_id not in staff_organisation_ids(user):
        return None
    year = timezone.localdate().year
    people = (
        Reception.objects.filter(structure=OuterRef("pk"), received_on__year=year)
        .values("structure")
        .annotate(n=Sum("people"))
        .values("n")
    )
    waiting = (
        Referral.objects.filter(to_structure=OuterRef("pk"), state__in=OPEN_STATES)
        .values("to_structure")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # One query for both figures.
    found = (
        type(structure)
        .objects.filter(pk=structure.pk)
        .annotate(people=Subquery(people), waiting=Subquery(waiting))
        .values("people", "waiting")
        .first()
    ) or {}
    people = found.get("people") or 0
    waiting = found.get("waiting") or 0
    return {"year": year, "people": people, "waiting": waiting}


registry.register_structure_section(
    registry.StructureSection(
        template="reception/includes/structure_section.html",
        context=_structure_section,
        order=30,
    )
)


registry.register_link(
    registry.Link(
        label=_("Rendez-vous"),
        url_name="reception:slots",
        for_membership=lambda m: "manage" in SLOT_RULES.get(m.role, {}),
        order=42,
    )
)
registry.register_public_structure_action(
    registry.PublicStructureAction(
        name="book_online",
        label=_("Prendre rendez-vous en ligne"),
        url_name="reception_public:slots",
        condition=has_public_slots,
        fresh_seconds=120,
    )
)
