"""What local plans add to the extranet shell: the menu link, and the
binding of their workflow (whose to-do provider is the engine's). Imported by
``coordination.registrations``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from extranet import registry
from workflows import engine

from .policy import LOCAL_PLAN_RULES, READERS_PAST_DRAFT
from .workflow import LocalPlanBinding

registry.register_link(
    registry.Link(
        label=_("Plans d'action locaux"),
        url_name="localplans:list",
        for_membership=lambda m: (
            m.role in LOCAL_PLAN_RULES or m.role in READERS_PAST_DRAFT
        ),
        order=70,
    )
)

engine.register(LocalPlanBinding())
