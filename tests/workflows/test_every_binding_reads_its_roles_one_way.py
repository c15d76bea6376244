"""A binding states its role rule three ways: who holds which role on one object
(``roles_of``), the objects on which one user holds a role (``objects_for_role``,
for worklists) and the users who hold a role on one object (``holders``, to
notify them). If they disagree, someone is notified of what they cannot do, or
never sees what waits for them. This test runs over every registered binding,
so a new binding is checked as soon as it names its test objects below."""

from __future__ import annotations

import pytest

from conventions.models import ConventionKind
from workflows import engine

from ..factories import convention_in_state, convention_start_for
from ..workflow_kit import role_reads_disagree

USERS = (
    "referent_a",
    "professional_a",
    "referent_b",
    "network_head_a",
    "network_head_b",
    "territorial_officer_a",
    "coordinator",
    "gref",
    "government",
)


def conventions_of_every_kind(world) -> list:
    return [
        convention_start_for(world, ConventionKind.STRUCTURE),
        convention_start_for(
            world, ConventionKind.STRUCTURE, structure=world.structure_b
        ),
        convention_in_state(world, ConventionKind.REGION_NETWORK, "submitted"),
        convention_start_for(
            world, ConventionKind.REGION_NETWORK, year=2020, government_cosigns=False
        ),
        convention_start_for(world, ConventionKind.GOVERNMENT_REGION),
    ]


def enrolments_in_several_states(world) -> list:
    """Enrolments of structures A and B; ``referent_b`` is granted the trainer's
    rights on the first session (a per-object grant), so every role is held."""
    from guardian.shortcuts import assign_perm

    from ..factories import enrolment_for, staff, training_session

    first, second = training_session(world, capacity=1), training_session(world)
    assign_perm("training.animate_trainingsession", world.referent_b, first)
    return [
        enrolment_for(world, first, world.professional_a),
        enrolment_for(world, first, staff(world, "structure_b")),
        enrolment_for(world, second, staff(world, "structure_b"), approve=False),
        enrolment_for(world, second, world.referent_a, approve=False),
    ]


def plans_in_several_states(world) -> list:
    from ..factories import plan_in_state

    return [
        plan_in_state(world, "draft", year=2031),
        plan_in_state(world, "submitted", year=2032),
        plan_in_state(world, "validated", year=2033),
    ]


def referrals_both_ways(world) -> list:
    """A referral from structure A to B and one from B to A."""
    from ..factories import reception_for, reception_world, referral_for

    reception_world(world)
    back = reception_for(world, user=world.referent_b)
    return [
        referral_for(world),
        referral_for(world, back, user=world.referent_b, to=world.structure_a),
    ]


def practices_of_two_structures(world) -> list:
    """A draft of structure A and a practice of B under regional review."""
    from ..factories import practice_for, practice_in_state

    return [
        practice_for(world),
        practice_in_state(world, "regional_review", structure=world.structure_b),
    ]


def local_plans_of_two_territories(world) -> list:
    """A draft plan of territory A, and B's plan submitted."""
    from ..factories import local_plan, local_plan_in_state

    return [
        local_plan(world),
        local_plan_in_state(world, "submitted", territory=world.territory_b),
    ]


# The test objects of each bound model (label → builder from the test world).
OBJECTS = {
    "conventions.convention": conventions_of_every_kind,
    "training.enrolment": enrolments_in_several_states,
    "training.plan": plans_in_several_states,
    "reception.referral": referrals_both_ways,
    "collaboration.practice": practices_of_two_structures,
    "coordination.localplan": local_plans_of_two_territories,
}


def test_every_binding_has_test_objects_here():
    assert {b.model._meta.label_lower for b in engine.bindings()} <= set(OBJECTS)


@pytest.mark.parametrize(
    "binding", engine.bindings(), ids=lambda b: b.model._meta.label_lower
)
def test_the_three_role_reads_of_a_binding_agree(world, binding):
    objects = OBJECTS[binding.model._meta.label_lower](world)
    users = [getattr(world, name) for name in USERS]

    assert role_reads_disagree(binding, users, objects) == []
    # Not vacuous: every role of the binding is held by someone somewhere.
    roles = {r for d in binding.definitions for r in d.roles}
    held = {r for u in users for o in objects for r in binding.roles_of(u, o)}
    assert held == roles
