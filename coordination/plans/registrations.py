"""What local plans add to the extranet shell: the menu link, the binding of
their workflow (whose to-do provider is the engine's), and the decision
subject of the CREFOP commission (its receipt of the regional synthesis).
Imported by ``coordination.registrations``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from extranet import registry
from workflows import engine

from ..governance.links import DecisionSubject, register_subject
from ..models import BodyKind, RegionalSynthesis
from . import services
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


def _presented_syntheses(user: Any) -> QuerySet:
    """What the commission may receive: the presented versions not yet received."""
    return RegionalSynthesis.objects.filter(
        presented_at__isnull=False, received_on__isnull=True
    ).order_by("-year", "-version")


def _receive_synthesis(decision: Any, synthesis: RegionalSynthesis, actor: Any) -> None:
    """Record on the synthesis that the commission received it, the decision
    as its reference."""
    services.synthesis_receive(
        synthesis=synthesis,
        on=decision.decided_on,
        reference=_("Décision n° %(number)s de la commission du CREFOP")
        % {"number": decision.number},
        user=actor,
    )


SYNTHESIS_RECEIPT = register_subject(
    DecisionSubject(
        key="crefop_synthesis_receipt",
        label=_("Réception de la synthèse régionale des plans d'action locaux"),
        bodies=frozenset({BodyKind.CREFOP}),
        choices=_presented_syntheses,
        apply=_receive_synthesis,
    )
)
