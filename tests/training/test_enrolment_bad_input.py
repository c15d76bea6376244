"""Bad input on enrolment: a French message, nothing changed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from training import services
from training.models import Enrolment
from training.services import TrainingError
from workflows import engine

from ..conftest import login
from ..factories import enrolment_for, staff, training_session


def count() -> int:
    return Enrolment.objects.count()


def test_no_enrolment_after_the_deadline_or_before_the_opening(world):
    session = training_session(world, starts_in_days=10)
    person = staff(world)
    before = count()

    with engine.clock(session.enrolment_closes_at + datetime.timedelta(minutes=1)):
        with pytest.raises(TrainingError, match="closes depuis"):
            services.enrolment_request(user=person, session=session)
    with engine.clock(session.enrolment_opens_at - datetime.timedelta(minutes=1)):
        with pytest.raises(TrainingError, match="ouvrent le"):
            services.enrolment_request(user=person, session=session)
    assert count() == before


def test_no_enrolment_in_a_cancelled_or_started_session(world):
    cancelled = training_session(world)
    services.session_cancel(user=world.gref, session=cancelled, reason="Reportée.")
    started = training_session(world, starts_in_days=1)
    person = staff(world)
    before = count()

    with pytest.raises(TrainingError, match="annulée"):
        services.enrolment_request(user=person, session=cancelled)
    with engine.clock(started.starts_at + datetime.timedelta(minutes=5)):
        with pytest.raises(TrainingError, match="commencé"):
            services.enrolment_request(user=person, session=started)
    assert count() == before


def test_nobody_is_enrolled_twice_in_one_session(world):
    session = training_session(world)
    enrolment = enrolment_for(world, session)

    with pytest.raises(TrainingError, match="déjà inscrit"):
        services.enrolment_request(user=enrolment.person, session=session)
    with pytest.raises(TrainingError, match="déjà inscrit"):
        services.enrolment_request(
            user=world.referent_a, session=session, person=enrolment.person
        )
    assert count() == 1


def test_a_user_without_a_structure_cannot_enrol(world):
    session = training_session(world)

    for user in (world.gref, world.network_head_a, world.coordinator):
        with pytest.raises(TrainingError, match="aucune structure"):
            services.enrolment_request(user=user, session=session)
    assert count() == 0


def test_the_enrol_form_says_why_in_french_and_keeps_what_was_typed(client, world):
    session = training_session(world, capacity=5, seats_per_structure=1)
    enrolment_for(world, session)
    person = staff(world)
    login(client, person)

    response = client.post(
        reverse("training:enrol", args=[session.pk]),
        {"motivation": "Je prends mon poste à l'accueil en mars."},
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert "maximum fixé par le GREF" in text
    assert "Je prends mon poste à l&#x27;accueil en mars." in text
    assert count() == 1


def test_attendance_cannot_be_marked_before_the_session_nor_for_a_request(world):
    session = training_session(world)
    confirmed = enrolment_for(world, session)
    pending = enrolment_for(world, session, approve=False)

    with pytest.raises(engine.ConditionFailed):
        engine.fire(confirmed, "mark_attended", user=world.gref)
    with engine.clock(session.starts_at + datetime.timedelta(hours=1)):
        with pytest.raises(engine.StaleState):
            engine.fire(pending, "mark_attended", user=world.gref)
    assert Enrolment.objects.get(pk=confirmed.pk).state == "confirmed"


def test_a_forged_replaced_or_answered_offer_link_changes_nothing(client, world):
    session = training_session(world, capacity=1)
    seated = enrolment_for(world, session)
    first = enrolment_for(world, session)
    engine.fire(seated, "cancel", user=seated.person)
    offered = Enrolment.objects.get(pk=first.pk)

    forged = reverse("training:offer_accept", args=[offered.pk, "pas-le-bon-secret"])
    assert client.get(forged).status_code == 404
    response = client.post(forged)
    assert response.status_code == 400
    assert "pas valable" in response.content.decode()
    assert Enrolment.objects.get(pk=offered.pk).state == "offered"

    good = reverse("training:offer_accept", args=[offered.pk, offered.offer_key])
    page = client.get(good)
    assert page.status_code == 200 and "accepte la place" in page.content.decode()
    assert (
        Enrolment.objects.get(pk=offered.pk).state == "offered"
    )  # a GET writes nothing
    assert client.post(good).status_code == 200
    assert Enrolment.objects.get(pk=offered.pk).state == "confirmed"

    again = client.post(good)
    assert again.status_code == 400
    decline = reverse("training:offer_decline", args=[offered.pk, offered.offer_key])
    assert client.post(decline).status_code == 400
    assert Enrolment.objects.get(pk=offered.pk).state == "confirmed"
