"""Decisions of a body, and their link to what they decide: the GPR's
decision validating the professionalisation plan fires the plan's validation
with the decision as its reference; anything out of place is refused in
French, with status 400, and nothing is saved."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from coordination.governance import links
from coordination.models import Decision
from training import definitions as d
from training.models import Plan
from workflows.models import TransitionLog

from ..conftest import login
from ..factories import body_for, meeting_for, plan_in_state

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def gpr(world):
    return body_for(world, "gpr", members=[world.network_head_a])


def post_decision(client, body, meeting, **data):
    values = {
        "number": "GPR-2031-04",
        "decided_on": "2031-03-12",
        "meeting": meeting.pk,
        "text": "Le GPR valide le plan régional de professionnalisation 2031.",
        **data,
    }
    return client.post(reverse("governance:decision_new", args=[body.pk]), values)


def test_the_gprs_decision_validates_the_submitted_plan_with_the_decision_as_reference(
    client, world, gpr
):
    plan = plan_in_state(world, d.PLAN_SUBMITTED)
    meeting = meeting_for(world, gpr)
    login(client, world.coordinator)
    response = post_decision(
        client,
        gpr,
        meeting,
        subject_key="training_plan_validation",
        subject_id=str(plan.pk),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == d.PLAN_VALIDATED
    decision = Decision.objects.get()
    assert decision.subject_key == "training_plan_validation"
    assert decision.subject_id == plan.pk
    assert decision.subject_type.model_class() is Plan
    log = TransitionLog.objects.for_object(plan).order_by("-at", "-pk").first()
    assert log.transition == d.PLAN_VALIDATE
    assert log.comment.startswith("Décision n° GPR-2031-04 du groupe politique")
    assert log.user == world.coordinator
    text = page(client.get(gpr.get_absolute_url()))
    assert "GPR-2031-04" in text


def test_a_decision_without_a_subject_is_simply_recorded(client, world, gpr):
    meeting = meeting_for(world, gpr)
    login(client, world.coordinator)
    assert (
        post_decision(client, gpr, meeting, text="Calendrier adopté.").status_code
        == 302
    )
    assert Decision.objects.get().subject_key == ""


def _nothing_saved(plan_state, plan):
    plan.refresh_from_db()
    assert plan.state == plan_state
    assert Decision.objects.count() == 0
    assert Decision.history.count() == 0


def test_a_plan_not_submitted_is_refused_and_nothing_is_saved(client, world, gpr):
    plan = plan_in_state(world, d.PLAN_DRAFT)
    meeting = meeting_for(world, gpr)
    login(client, world.coordinator)
    response = post_decision(
        client,
        gpr,
        meeting,
        subject_key="training_plan_validation",
        subject_id=str(plan.pk),
    )
    assert response.status_code == 400
    assert "ne peut pas faire l'objet de cette décision" in page(response)
    _nothing_saved(d.PLAN_DRAFT, plan)


def test_an_unknown_id_is_refused_and_nothing_is_saved(client, world, gpr):
    plan = plan_in_state(world, d.PLAN_SUBMITTED)
    meeting = meeting_for(world, gpr)
    login(client, world.coordinator)
    for bad in ("999999", "abc", ""):
        response = post_decision(
            client,
            gpr,
            meeting,
            subject_key="training_plan_validation",
            subject_id=bad,
        )
        assert response.status_code == 400
        assert "Rien n'a été enregistré" in page(response)
    _nothing_saved(d.PLAN_SUBMITTED, plan)


def test_a_subject_not_allowed_for_the_body_is_refused(client, world):
    gtr = body_for(world, "gtr")
    plan = plan_in_state(world, d.PLAN_SUBMITTED)
    meeting = meeting_for(world, gtr)
    login(client, world.coordinator)
    response = post_decision(
        client,
        gtr,
        meeting,
        subject_key="training_plan_validation",
        subject_id=str(plan.pk),
    )
    assert response.status_code == 400
    _nothing_saved(d.PLAN_SUBMITTED, plan)


def test_the_service_refuses_a_subject_not_allowed_for_the_body(world):
    from django.core.exceptions import ValidationError

    from coordination.governance import services

    gtr = body_for(world, "gtr")
    plan = plan_in_state(world, d.PLAN_SUBMITTED)
    meeting = meeting_for(world, gtr)
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            body=gtr,
            actor=world.coordinator,
            meeting=meeting,
            number="1",
            decided_on=meeting.held_on.date(),
            text="Validation",
            subject_key="training_plan_validation",
            subject_id=plan.pk,
        )
    assert "ne peut pas prendre ce type de décision" in str(error.value)
    _nothing_saved(d.PLAN_SUBMITTED, plan)


def test_a_meeting_of_another_body_is_refused(client, world, gpr):
    other = body_for(world, "gtr")
    meeting = meeting_for(world, other)
    login(client, world.coordinator)
    response = post_decision(client, gpr, meeting)
    assert response.status_code == 400
    assert Decision.objects.count() == 0


def test_a_number_used_twice_in_a_body_is_refused(client, world, gpr):
    meeting = meeting_for(world, gpr)
    login(client, world.coordinator)
    assert post_decision(client, gpr, meeting).status_code == 302
    response = post_decision(client, gpr, meeting, text="Autre")
    assert response.status_code == 400
    assert "porte déjà ce numéro" in page(response)
    assert Decision.objects.count() == 1


def test_a_subject_registered_by_another_app_is_offered_to_its_bodies_only(world):
    subject = links.DecisionSubject(
        key="test_subject",
        label="Réception d'un document",
        bodies=frozenset({"crefop"}),
        choices=lambda user: Plan.objects.all(),
        apply=lambda decision, obj, actor: None,
    )
    links.register_subject(subject)
    try:
        assert subject in links.subjects_for("crefop")
        assert subject not in links.subjects_for("gpr")
        with pytest.raises(ValueError):
            links.register_subject(
                links.DecisionSubject(
                    key="test_subject",
                    label="Doublon",
                    bodies=frozenset(),
                    choices=lambda user: Plan.objects.none(),
                    apply=lambda decision, obj, actor: None,
                )
            )
    finally:
        links._subjects.pop("test_subject")
