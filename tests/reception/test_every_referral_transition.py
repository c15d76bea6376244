"""Every transition of the referral workflow, fired by every user of the world.

Generated from the definition with the generic kit: what each user is on a
referral sent by structure A to structure B is written out below by hand (the
staff of A send it, the staff of B receive it), so that the test does not ask
the code under test who may act (either structure records that the person
withdrew their consent). The territorial officer of the receiving
territory, network heads, the Région, GREF and the State fire nothing.
"""

from __future__ import annotations

import pytest

from reception.definitions import (
    RECEIVER,
    RECEPTION_WORKFLOWS,
    REFERRAL,
    SENDER,
)
from reception.models import Consent, Referral
from reception.workflow import ReferralBinding
from workflows import engine

from .. import workflow_kit as kit
from ..factories import (
    COMMENT,
    reception_for,
    reception_world,
    referral_for,
    referral_in_state,
    staff,
)

USERS = (
    "professional_a",
    "referent_a",
    "referent_b",
    "professional_b",
    "network_head_a",
    "network_head_b",
    "territorial_officer_a",
    "coordinator",
    "gref",
    "government",
)

ROLES_ON = {
    "professional_a": {SENDER},
    "referent_a": {SENDER},
    "referent_b": {RECEIVER},
    "professional_b": {RECEIVER},
}


@pytest.fixture
def referral_world(world):
    reception_world(world)
    world.professional_b = staff(world, "structure_b")
    return world


def trace(referral) -> tuple:
    referral.refresh_from_db()
    return (
        referral.state,
        kit.log_count(referral),
        referral.person_label,
        referral.decline_reason,
        Referral.objects.count(),
        Consent.objects.filter(withdrawn_at__isnull=False).count(),
    )


@pytest.mark.parametrize(
    ("workflow", "name", "source", "user_name"),
    kit.transition_cases(RECEPTION_WORKFLOWS, USERS),
)
def test_a_referral_transition_is_fired_by_the_roles_it_names_and_by_nobody_else(
    referral_world, workflow, name, source, user_name
):
    world = referral_world
    transition = REFERRAL.transition(name)
    referral = referral_in_state(world, source)
    if name == "decline":
        # The receiver has chosen a reason from the list (the refusal form
        # saves it and fires in one transaction): the condition holds.
        Referral.objects.filter(pk=referral.pk).update(decline_reason="full")
        referral.refresh_from_db()
    user = getattr(world, user_name)
    allowed = bool(transition.roles & ROLES_ON.get(user_name, set()))

    kit.check_transition(referral, name, user, allowed=allowed, trace=trace)


@pytest.mark.parametrize(("workflow", "name"), kit.machine_cases(RECEPTION_WORKFLOWS))
def test_the_referrals_scheduled_steps_are_fired_by_no_user(
    referral_world, workflow, name
):
    world = referral_world
    transition = REFERRAL.transition(name)
    referral = referral_in_state(world, transition.sources[0])
    before = trace(referral)

    for user_name in USERS:
        user = getattr(world, user_name)
        assert not engine.may_fire(user, referral, transition)
        with pytest.raises(engine.TransitionError):
            engine.fire(referral, name, user=user, comment=COMMENT)
    assert trace(referral) == before


def test_the_three_role_reads_of_the_referral_binding_agree(referral_world):
    world = referral_world
    sent = referral_for(world)
    reception_b = reception_for(world, user=world.referent_b)
    back = referral_for(world, reception_b, user=world.referent_b, to=world.structure_a)
    users = [getattr(world, name) for name in USERS]

    assert kit.role_reads_disagree(ReferralBinding(), users, [sent, back]) == []


def test_declining_without_a_reason_is_refused_in_french_and_changes_nothing(
    referral_world,
):
    world = referral_world
    referral = referral_for(world)
    before = trace(referral)

    with pytest.raises(engine.ConditionFailed) as refused:
        engine.fire(referral, "decline", user=world.referent_b)

    assert "motif" in refused.value.message
    assert trace(referral) == before
