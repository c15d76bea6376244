"""The demo shows each kind of campaign with results, one structure under the
threshold, a closed and an open campaign; a completed training session sends
its attendees the evaluation, once."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from surveys import services
from surveys.demo import load_surveys
from surveys.models import Campaign, Invitation, Response, Survey
from surveys.policy import Reach
from surveys.selectors import campaign_results

from ..factories import StructureFactory, training_session

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_kind_of_campaign_and_the_hiding(world):
    for _ in range(10):
        StructureFactory(network=world.network_a, territory=world.territory_a)
    assert load_surveys() > 0
    states = set(Campaign.objects.values_list("mode", "state"))
    assert {("public", "closed"), ("public", "open"), ("peer", "closed")} <= states
    spring = Campaign.objects.get(mode="public", state="closed")
    assert spring.published
    results = campaign_results(spring, Reach(everything=True))
    cells = results.questions[0].cells["structure"]
    assert any(not c.shown for c in cells) and any(c.shown for c in cells)
    assert Response.objects.filter(campaign=spring).count() > 100
    assert Survey.objects.filter(kind="session").exists()
    assert load_surveys() == 0


def test_a_completed_session_invites_its_attendees_once(world):
    services.survey_save(
        user=world.gref, data={"kind": "session", "title": "Éval", "introduction": ""}
    )
    session = training_session(world)
    attendees = [
        SimpleNamespace(person=world.professional_a),
        SimpleNamespace(person=world.referent_a),
    ]
    assert services.session_evaluation_start(session=session, attendees=attendees) == 2
    assert services.session_evaluation_start(session=session, attendees=attendees) == 0
    campaign = Campaign.objects.get(session=session)
    assert campaign.mode == "session" and campaign.attribution == "none"
    assert Invitation.objects.filter(campaign=campaign).count() == 2


def test_the_training_signal_starts_the_evaluation(
    world, django_capture_on_commit_callbacks
):
    from training.models import TrainingSession
    from training.signals import session_completed

    services.survey_save(
        user=world.gref, data={"kind": "session", "title": "Éval", "introduction": ""}
    )
    session = training_session(world)
    session_completed.send(sender=TrainingSession, session=session)
    campaign = Campaign.objects.get(session=session)
    assert campaign.state == "open" and campaign.threshold == 5
