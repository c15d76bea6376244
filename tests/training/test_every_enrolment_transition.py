"""Every transition of the enrolment workflow, fired by every user of the world.

Generated from the definition with the generic kit: what each user is on an
enrolment of ``professional_a`` (structure A) is written out below by hand, so
that the test does not ask the code under test who may act.
"""

from __future__ import annotations

import datetime

import pytest
from guardian.shortcuts import assign_perm

from training.definitions import (
    ENROLMENT,
    ORGANISER,
    PARTICIPANT,
    STRUCTURE_REFERENT,
    TRAINER,
    TRAINING_WORKFLOWS,
)
from training.models import Enrolment, QueueMove
from workflows import engine

from .. import workflow_kit as kit
from ..factories import COMMENT, enrolment_for, staff, training_session

USERS = (
    "professional_a",
    "referent_a",
    "referent_b",
    "network_head_a",
    "territorial_officer_a",
    "coordinator",
    "gref",
    "government",
    "trainer",
)

ROLES_ON = {
    "professional_a": {PARTICIPANT},
    "referent_a": {STRUCTURE_REFERENT},
    "coordinator": {ORGANISER},
    "gref": {ORGANISER},
    "trainer": {TRAINER},
}


def enrolment_in_state(world, source: str) -> tuple[Enrolment, object]:
    """An enrolment of ``professional_a`` in ``source``, and the session's trainer."""
    session = training_session(world, capacity=1, starts_in_days=10)
    trainer = staff(world, "structure_b")
    assign_perm("training.animate_trainingsession", trainer, session)
    person = world.professional_a
    if source == "requested":
        return enrolment_for(world, session, person, approve=False), trainer
    if source == "confirmed":
        return enrolment_for(world, session, person), trainer
    seated = enrolment_for(world, session)
    enrolment = enrolment_for(world, session, person)
    assert enrolment.state == "waitlisted"
    if source == "offered":
        engine.fire(seated, "cancel", user=seated.person)
        enrolment.refresh_from_db()
    assert enrolment.state == source
    return enrolment, trainer


def moment(session, name: str) -> datetime.datetime | None:
    """When the transition's condition holds (the engine's clock)."""
    if name.startswith("mark_"):
        return session.starts_at + datetime.timedelta(hours=1)
    if name == "cancel_late":
        return session.starts_at - datetime.timedelta(hours=24)
    return None


def trace(enrolment) -> tuple:
    enrolment.refresh_from_db()
    return (
        enrolment.state,
        kit.log_count(enrolment),
        enrolment.queue_key,
        QueueMove.objects.count(),
        Enrolment.objects.filter(session=enrolment.session)
        .exclude(state__in=("waitlisted", "requested"))
        .count(),
    )


@pytest.mark.parametrize(
    ("workflow", "name", "source", "user_name"),
    kit.transition_cases(TRAINING_WORKFLOWS, USERS),
)
def test_a_transition_is_fired_by_the_roles_it_names_and_by_nobody_else(
    world, workflow, name, source, user_name
):
    transition = ENROLMENT.transition(name)
    enrolment, trainer = enrolment_in_state(world, source)
    user = trainer if user_name == "trainer" else getattr(world, user_name)
    allowed = bool(transition.roles & ROLES_ON.get(user_name, set()))

    with engine.clock(moment(enrolment.session, name)):
        kit.check_transition(enrolment, name, user, allowed=allowed, trace=trace)


@pytest.mark.parametrize(("workflow", "name"), kit.machine_cases(TRAINING_WORKFLOWS))
def test_automatic_and_scheduled_steps_are_fired_by_no_user(world, workflow, name):
    transition = ENROLMENT.transition(name)
    source = transition.sources[0]
    if source == "approved":
        enrolment, trainer = enrolment_in_state(world, "requested")
    else:
        enrolment, trainer = enrolment_in_state(world, source)
    before = trace(enrolment)

    for user_name in USERS:
        user = trainer if user_name == "trainer" else getattr(world, user_name)
        assert not engine.may_fire(user, enrolment, transition)
        with pytest.raises(engine.TransitionError):
            engine.fire(enrolment, name, user=user, comment=COMMENT)
    assert trace(enrolment) == before
    if transition.automatic:
        with pytest.raises(engine.TransitionError):
            engine.fire(enrolment, name, user=None, system=True)
    else:
        moved = engine.fire(enrolment, name, user=None, system=True)
        assert moved.state == transition.target
        assert engine.history(moved)[-1].user is None
