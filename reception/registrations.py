"""What the accueil adds to the extranet shell: menu links, and the online
booking offered on a structure's public card. Imported by ``ready()``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from extranet import registry

from .policy import RECEPTION_RULES, REFERRAL_RULES, SETTINGS_ROLES, SLOT_RULES
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
        label=_("Réglages de l'accueil"),
        url_name="reception:settings",
        for_membership=lambda m: m.role in SETTINGS_ROLES,
        in_menu=False,
        order=43,
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
