"""Every transition of the practice workflow, fired by every user of the world.

Generated from the definition with the generic kit. Who each user is on a
practice of structure A is written out below by hand (its professional is
staff; its referent is staff and referent; the Région's coordination and GREF
moderate), so that the test never asks the code under test who may act.
The other structure's staff, network heads, the territorial officer and the
State fire nothing.
"""

from __future__ import annotations

import pytest

from collaboration.models import Practice
from collaboration.practices.definitions import (
    MODERATOR,
    PRACTICE,
    PRACTICE_WORKFLOWS,
    REFERENT,
    STAFF,
)
from collaboration.practices.workflow import PracticeBinding
from workflows import engine

from .. import workflow_kit as kit
from ..factories import COMMENT, practice_for, practice_in_state, staff

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
    "professional_a": {STAFF},
    "referent_a": {STAFF, REFERENT},
    "coordinator": {MODERATOR},
    "gref": {MODERATOR},
}


@pytest.fixture
def practice_world(world):
    world.professional_b = staff(world, "structure_b")
    return world


def trace(practice) -> tuple:
    practice.refresh_from_db()
    return (
        practice.state,
        kit.log_count(practice),
        practice.published_at,
        practice.featured,
        practice.history.count(),
        Practice.objects.count(),
    )


@pytest.mark.parametrize(
    ("workflow", "name", "source", "user_name"),
    kit.transition_cases(PRACTICE_WORKFLOWS, USERS),
)
def test_a_practice_transition_is_fired_by_the_roles_it_names_and_by_nobody_else(
    practice_world, workflow, name, source, user_name
):
    world = practice_world
    transition = PRACTICE.transition(name)
    practice = practice_in_state(world, source)
    user = getattr(world, user_name)
    allowed = bool(transition.roles & ROLES_ON.get(user_name, set()))

    kit.check_transition(practice, name, user, allowed=allowed, trace=trace)


def test_the_practice_workflow_has_no_scheduled_step():
    assert kit.machine_cases(PRACTICE_WORKFLOWS) == []


def test_the_three_role_reads_of_the_practice_binding_agree(practice_world):
    world = practice_world
    of_a = practice_for(world)
    of_b = practice_for(world, structure=world.structure_b, user=world.referent_b)
    users = [getattr(world, name) for name in USERS]

    assert kit.role_reads_disagree(PracticeBinding(), users, [of_a, of_b]) == []


@pytest.mark.parametrize(
    ("source", "name", "who"),
    [("submitted", "return", "referent_a"), ("regional_review", "send_back", "gref")],
)
def test_sending_a_practice_back_needs_a_comment_said_in_french(
    practice_world, source, name, who
):
    world = practice_world
    practice = practice_in_state(world, source)
    before = trace(practice)

    with pytest.raises(engine.CommentRequired) as refused:
        engine.fire(practice, name, user=getattr(world, who))

    assert "commentaire" in refused.value.message
    assert trace(practice) == before


def test_a_returned_practice_tells_its_structure_with_the_comment(practice_world):
    from notifications.models import Notification

    world = practice_world
    practice = practice_in_state(world, "regional_review")

    engine.fire(practice, "send_back", user=world.coordinator, comment=COMMENT)

    told = Notification.objects.filter(user=world.professional_a)
    assert any(COMMENT in n.body for n in told)


def test_publishing_stamps_the_date_and_starts_the_freshness_year(practice_world):
    practice = practice_in_state(practice_world, "published")

    assert practice.published_at is not None
    assert practice.checked_at == practice.published_at


def test_archiving_takes_a_practice_off_the_front_page(practice_world):
    from collaboration.practices import services

    world = practice_world
    practice = practice_in_state(world, "published")
    services.practice_feature(user=world.coordinator, practice=practice, featured=True)

    archived = engine.fire(practice, "archive", user=world.referent_a)

    archived.refresh_from_db()
    assert archived.state == "archived" and not archived.featured


def test_describe_workflow_prints_the_practice_workflow():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("describe_workflow", "practice", stdout=out)
    text = out.getvalue()
    for name in ("draft", "submitted", "regional_review", "returned", "published"):
        assert name in text
    assert "send_back" in text and "comment required" in text
