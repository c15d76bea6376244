"""What the accueil adds to the extranet shell: menu links. Imported by
``ready()``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from extranet import registry

from .policy import (
    FIGURES_ACTION,
    FIGURES_RULES,
    RECEPTION_RULES,
    REFERRAL_RULES,
    SETTINGS_ROLES,
)

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
