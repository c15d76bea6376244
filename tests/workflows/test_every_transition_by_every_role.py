"""Every transition of every convention workflow, fired by every user of the world.

Generated from the definitions: a transition added or a role changed there is
tested here without writing a test. What each user is on each kind of convention
is written out below, by hand, from who the parties are, so that the test does
not ask the code under test who may act.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from conventions import services
from conventions.definitions import (
    CONVENTION_WORKFLOWS,
    GOVERNMENT_REPRESENTATIVE,
    NETWORK_HEAD,
    REGIONAL_COORDINATOR,
    STRUCTURE_REFERENT,
)
from conventions.models import (
    KIND_WORKFLOW,
    ConventionDocument,
    ConventionKind,
    Signature,
)
from workflows import engine
from workflows.engine import TransitionNotAllowed
from workflows.models import TransitionLog

from .. import workflow_kit as kit
from ..factories import COMMENT, convention_in_state

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

# The roles each user of the world holds on a convention of structure A, of
# network A co-signed by the State, and on the State–Région convention.
ROLES_ON = {
    "structure_convention": {
        "referent_a": {STRUCTURE_REFERENT},
        "network_head_a": {NETWORK_HEAD},
        "coordinator": {REGIONAL_COORDINATOR},
    },
    "network_convention": {
        "network_head_a": {NETWORK_HEAD},
        "coordinator": {REGIONAL_COORDINATOR},
        "government": {GOVERNMENT_REPRESENTATIVE},
    },
    "government_convention": {
        "coordinator": {REGIONAL_COORDINATOR},
        "government": {GOVERNMENT_REPRESENTATIVE},
    },
}

KIND_OF = {workflow: kind for kind, workflow in KIND_WORKFLOW.items()}
DEFINITIONS = {d.name: d for d in CONVENTION_WORKFLOWS}


@pytest.fixture
def quick_pdf(monkeypatch):
    """A tiny PDF instead of the real one: this matrix is about who may act, and
    the real document (tested on its own) takes a second to lay out."""

    def render(convention, *, version):
        return f"%PDF-1.4\n% convention {convention.pk} v{version}\n%%EOF\n".encode()

    monkeypatch.setattr("conventions.document.render_convention_pdf", render)


def trace(convention) -> tuple:
    """Everything a transition may write: state, log, documents, signatures."""
    convention.refresh_from_db()
    return (
        convention.state,
        TransitionLog.objects.for_object(convention).count(),
        ConventionDocument.objects.filter(convention=convention).count(),
        Signature.objects.filter(party__convention=convention).count(),
    )


def through_the_service(convention, name, *, user, comment, expected_state):
    return services.convention_transition(
        user=user,
        convention=convention,
        transition=name,
        comment=comment,
        expected_state=expected_state,
    )


@pytest.mark.parametrize(
    ("workflow", "name", "source", "user_name"),
    kit.transition_cases(CONVENTION_WORKFLOWS, USERS),
)
def test_a_transition_is_fired_by_the_roles_it_names_and_by_nobody_else(
    world, quick_pdf, workflow, name, source, user_name
):
    transition = DEFINITIONS[workflow].transition(name)
    convention = convention_in_state(world, KIND_OF[workflow], source)
    user = getattr(world, user_name)
    allowed = bool(transition.roles & ROLES_ON[workflow].get(user_name, set()))
    before = trace(convention)

    moved = kit.check_transition(
        convention,
        name,
        user,
        allowed=allowed,
        trace=trace,
        fire=through_the_service,
    )

    if allowed and name.startswith("sign_"):
        signature = Signature.objects.get(party__convention=moved)
        assert (signature.party.kind, signature.user) == (
            name.removeprefix("sign_"),
            user,
        )
    if not allowed:
        with pytest.raises((PermissionDenied, TransitionNotAllowed)):
            through_the_service(
                convention,
                name,
                user=user,
                comment=COMMENT,
                expected_state=source,
            )
        assert trace(convention) == before


@pytest.mark.parametrize(("workflow", "name"), kit.machine_cases(CONVENTION_WORKFLOWS))
def test_automatic_and_scheduled_steps_are_fired_by_no_user(
    world, quick_pdf, workflow, name
):
    transition = DEFINITIONS[workflow].transition(name)
    source = transition.sources[0]
    last_year = timezone.localdate().year - 1
    if source == "signing":
        convention = convention_in_state(world, KIND_OF[workflow], "signing")
    else:
        convention = convention_in_state(
            world, KIND_OF[workflow], source, year=last_year
        )
    before = trace(convention)

    for user_name in USERS:
        user = getattr(world, user_name)
        assert not engine.may_fire(user, convention, transition)
        with pytest.raises(TransitionNotAllowed):
            engine.fire(convention, name, user=user, comment=COMMENT)
    assert trace(convention) == before

    if transition.automatic:
        with pytest.raises(TransitionNotAllowed):
            engine.fire(convention, name, user=None, system=True)
        assert trace(convention) == before
    else:
        moved = engine.fire(convention, name, user=None, system=True)
        assert moved.state == transition.target
        assert engine.history(convention)[-1].user is None


@pytest.mark.parametrize("kind", list(ConventionKind))
def test_a_scheduled_task_cannot_fire_a_step_reserved_to_people(world, kind):
    convention = convention_in_state(world, kind, "draft")

    with pytest.raises(TransitionNotAllowed):
        engine.fire(convention, "submit", user=None, system=True)

    convention.refresh_from_db()
    assert convention.state == "draft"
    assert engine.history(convention) == []


def test_without_the_state_as_party_nobody_signs_for_it(world, quick_pdf):
    convention = convention_in_state(
        world, ConventionKind.REGION_NETWORK, "signing", government_cosigns=False
    )

    with pytest.raises(TransitionNotAllowed):
        engine.fire(convention, "sign_government", user=world.government)
    assert "sign_government" not in {
        t.name for t in engine.available_transitions(world.government, convention)
    }

    for party, user in (("network", "network_head_a"), ("region", "coordinator")):
        convention = engine.fire(convention, f"sign_{party}", user=getattr(world, user))
    assert convention.state == "in_force"
