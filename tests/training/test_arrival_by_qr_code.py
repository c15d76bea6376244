"""A confirmed participant's page shows their personal QR code; opened by the
session's trainer (or GREF), its link asks for a confirmation (a GET writes
nothing) and a POST notes the arrival for the half-day under way. Anyone else,
or a forged key, gets 404 and nothing changes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from training import links
from training.models import Attendance
from workflows import engine

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import during, session_with_participants, staff


@pytest.fixture
def scene(world):
    session, enrolments = session_with_participants(world, count=2)
    trainer = staff(world, "structure_b")
    assign_perm("training.animate_trainingsession", trainer, session)
    slot = session.slots.order_by("date", "start").first()
    enrolment = enrolments[0]
    url = reverse("training:arrival", args=[enrolment.pk, links.arrival_key(enrolment)])
    return session, slot, enrolment, trainer, url


def test_the_confirmed_participant_sees_their_qr_code(client, world, scene):
    session, slot, enrolment, trainer, url = scene
    login(client, enrolment.person)
    page = client.get(reverse("training:enrolment", args=[enrolment.pk]))
    assert "<svg" in page.content.decode()
    assert "Votre code d" in page.content.decode()
    login(client, world.referent_a)  # their referent sees the page, not the code
    page = client.get(reverse("training:enrolment", args=[enrolment.pk]))
    assert "<svg" not in page.content.decode()


def test_the_trainer_confirms_the_arrival_with_a_post(client, world, scene):
    session, slot, enrolment, trainer, url = scene
    login(client, trainer)
    before = database_fingerprint()
    with engine.clock(during(slot, minutes=-10)):
        page = client.get(url)
        assert page.status_code == 200
        assert database_fingerprint() == before
        assert client.post(url).status_code == 200

    row = Attendance.objects.get(enrolment=enrolment, slot=slot)
    assert row.present and row.recorded_by == trainer


@pytest.mark.parametrize("who", ["professional_a", "referent_a", "other_trainer"])
def test_anyone_else_gets_404_and_nothing_changes(client, world, scene, who):
    session, slot, enrolment, trainer, url = scene
    if who == "other_trainer":
        from ..factories import training_session

        user = staff(world, "structure_b")
        assign_perm("training.animate_trainingsession", user, training_session(world))
    else:
        user = getattr(world, who)
    login(client, user)
    before = database_fingerprint()
    with engine.clock(during(slot)):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert database_fingerprint() == before


def test_a_forged_key_gets_404(client, world, scene):
    session, slot, enrolment, trainer, url = scene
    login(client, trainer)
    forged = reverse("training:arrival", args=[enrolment.pk, "0" * 32])
    with engine.clock(during(slot)):
        assert client.post(forged).status_code == 404
    assert not Attendance.objects.exists()


def test_outside_the_half_days_the_arrival_is_refused_in_french(client, world, scene):
    session, slot, enrolment, trainer, url = scene
    login(client, trainer)
    response = client.post(url)
    assert response.status_code == 400
    assert "Aucune demi-journée" in response.content.decode()
    assert not Attendance.objects.exists()
