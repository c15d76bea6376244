"""Every transition of the plan workflow, fired by every user of the world.

Generated from the definition with the generic kit: what each user is on a plan
is written out below by hand (GREF and the Région's coordination draft; the
coordination, standing for the regional political group, validates), so that
the test does not ask the code under test who may act.
"""

from __future__ import annotations

import pytest

from training.definitions import (
    PLAN,
    PLAN_DRAFTER,
    PLAN_WORKFLOWS,
    POLITICAL_GROUP,
)
from training.models import Plan, PlanAction
from workflows import engine

from .. import workflow_kit as kit
from ..factories import COMMENT, plan_in_state

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
    "coordinator": {PLAN_DRAFTER, POLITICAL_GROUP},
    "gref": {PLAN_DRAFTER},
}


def trace(plan) -> tuple:
    plan.refresh_from_db()
    return (
        plan.state,
        kit.log_count(plan),
        Plan.objects.count(),
        PlanAction.objects.count(),
        sorted(Plan.objects.values_list("pk", "state")),
    )


@pytest.mark.parametrize(
    ("workflow", "name", "source", "user_name"),
    kit.transition_cases(PLAN_WORKFLOWS, USERS),
)
def test_a_plan_transition_is_fired_by_the_roles_it_names_and_by_nobody_else(
    world, workflow, name, source, user_name
):
    transition = PLAN.transition(name)
    plan = plan_in_state(world, source)
    user = getattr(world, user_name)
    allowed = bool(transition.roles & ROLES_ON.get(user_name, set()))

    kit.check_transition(plan, name, user, allowed=allowed, trace=trace)


@pytest.mark.parametrize(("workflow", "name"), kit.machine_cases(PLAN_WORKFLOWS))
def test_the_plans_scheduled_steps_are_fired_by_no_user(world, workflow, name):
    transition = PLAN.transition(name)
    plan = plan_in_state(world, transition.sources[0])
    before = trace(plan)

    for user_name in USERS:
        user = getattr(world, user_name)
        assert not engine.may_fire(user, plan, transition)
        with pytest.raises(engine.TransitionError):
            engine.fire(plan, name, user=user, comment=COMMENT)
    assert trace(plan) == before
