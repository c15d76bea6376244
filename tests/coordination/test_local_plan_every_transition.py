"""Every transition of the local plan's workflow, fired by every user of the
world.

Generated from the definition with the generic kit: what each user is on a plan
of territory A is written out below by hand (the territory's officer drafts,
the Région's coordination validates and reopens), so that the test does not
ask the code under test who may act.
"""

from __future__ import annotations

import pytest

from coordination.models import LocalAction, LocalPlan
from coordination.plans.definitions import (
    COORDINATOR,
    HAND_IN_REVIEW,
    LOCAL_PLAN,
    LOCAL_PLAN_WORKFLOWS,
    OFFICER,
)
from training.models import Need
from workflows import engine

from .. import workflow_kit as kit
from ..factories import COMMENT, local_plan_in_state, member, write_review

USERS = (
    "professional_a",
    "referent_a",
    "network_head_a",
    "territorial_officer_a",
    "coordinator",
    "gref",
    "government",
)

ROLES_ON = {
    "territorial_officer_a": {OFFICER},
    "coordinator": {COORDINATOR},
}


def trace(plan) -> tuple:
    plan.refresh_from_db()
    return (
        plan.state,
        kit.log_count(plan),
        LocalPlan.objects.count(),
        LocalAction.objects.count(),
        Need.objects.count(),
        plan.review_summary,
    )


@pytest.mark.parametrize(
    ("workflow", "name", "source", "user_name"),
    kit.transition_cases(LOCAL_PLAN_WORKFLOWS, USERS),
)
def test_a_plan_transition_is_fired_by_the_roles_it_names_and_by_nobody_else(
    world, workflow, name, source, user_name
):
    transition = LOCAL_PLAN.transition(name)
    plan = local_plan_in_state(world, source)
    if name == HAND_IN_REVIEW:
        write_review(world, plan)
    user = getattr(world, user_name)
    allowed = bool(transition.roles & ROLES_ON.get(user_name, set()))

    kit.check_transition(plan, name, user, allowed=allowed, trace=trace)


def test_the_officer_of_another_territory_fires_nothing_on_this_plan(world):
    other = member("territorial_officer", world.region, territory=world.territory_b)
    this_year = engine.today().year
    for offset, state in enumerate(("draft", "in_progress", "under_review")):
        plan = local_plan_in_state(world, state, year=this_year - 1 + offset)
        before = trace(plan)
        assert engine.available_transitions(other, plan) == []
        for transition in LOCAL_PLAN.transitions_from(state):
            with pytest.raises(engine.TransitionNotAllowed):
                engine.fire(plan, transition.name, user=other, comment=COMMENT)
        assert trace(plan) == before
