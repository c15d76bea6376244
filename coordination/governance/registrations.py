"""What the governance bodies plug into the shell (the menu link "Instances",
the chairs' to-do: minutes to approve) and the decision subject they
register themselves: the GPR's validation of the professionalisation plan."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from extranet import registry, todo
from notifications.formats import long_date
from training import definitions as plan_definitions
from training.models import Plan
from workflows import engine

from ..models import BodyKind, Decision
from .links import DecisionSubject, register_subject
from .selectors import current_seats, minutes_to_approve

registry.register_link(
    registry.Link(
        # In context: Wagtail's French catalogue turns a bare "Instances"
        # into "Occurrences".
        label=pgettext_lazy("governance", "Instances"),
        url_name="governance:list",
        # Every member: the page lists the PSAD for all, and the bodies one
        # sits in (no query to decide whether to show the link).
        for_membership=lambda membership: True,
        order=85,
    )
)

SHOWN = 10


@todo.register
def minutes_waiting_for_the_chair(user: Any) -> list[todo.TodoItem]:
    """For the chair of a body, the draft minutes to approve (one query)."""
    if not any(chair for _body, chair in current_seats(user)):
        return []
    return [
        todo.TodoItem(
            title=_("Compte rendu à approuver : %(body)s, réunion du %(date)s")
            % {"body": m.body.name, "date": long_date(m.held_on)},
            url=m.get_absolute_url(),
            category=pgettext("governance", "Instances"),
        )
        for m in minutes_to_approve(user)[:SHOWN]
    ]


def _submitted_plans(user: Any) -> Any:
    return Plan.objects.filter(state=plan_definitions.PLAN_SUBMITTED).order_by(
        "-year", "-version"
    )


def _validate_plan(decision: Decision, plan: Plan, actor: Any) -> None:
    """Fire the plan's validation as the political group (the Région's
    coordination), the decision named as its reference in the history."""
    comment = _("Décision n° %(number)s du groupe politique régional du %(date)s") % {
        "number": decision.number,
        "date": long_date(decision.decided_on),
    }
    engine.fire(
        plan,
        plan_definitions.PLAN_VALIDATE,
        user=actor,
        comment=comment,
        expected_state=plan_definitions.PLAN_SUBMITTED,
    )


PLAN_VALIDATION = register_subject(
    DecisionSubject(
        key="training_plan_validation",
        label=gettext_lazy("Validation du plan de professionnalisation"),
        bodies=frozenset({BodyKind.GPR}),
        choices=_submitted_plans,
        apply=_validate_plan,
    )
)
