"""A request waiting for approval is acknowledged to the person; a change of
the dates, the place or the visio link of a published session is told to
everyone enrolled, once, with what changed; a half-day whose attendance is
recorded cannot be edited away."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from notifications.models import Notification
from training import services
from training.models import Attendance, SessionSlot

from ..conftest import login
from ..factories import (
    enrolment_for,
    record_half_day,
    session_with_participants,
    staff,
    training_session,
)


def told(user, start: str) -> list[Notification]:
    return list(Notification.objects.filter(user=user, title__startswith=start))


def test_ones_own_request_is_acknowledged_and_the_referent_asked(client, world):
    session = training_session(world)
    login(client, world.professional_a)
    client.post(reverse("training:enrol", args=[session.pk]), {"motivation": ""})
    [notice] = told(world.professional_a, "Demande enregistrée")
    assert "attend la validation" in notice.body
    assert told(world.referent_a, "Demande d'inscription à valider")


def test_a_colleague_enrolled_by_the_referent_gets_no_acknowledgement(world):
    session = training_session(world)
    colleague = staff(world)
    services.enrolment_request(user=world.referent_a, session=session, person=colleague)
    assert not told(colleague, "Demande enregistrée")
    assert told(colleague, "Inscription confirmée")


def _update(world, session, **changes):
    slots = [
        (s.date, s.period, s.start, s.end)
        for s in session.slots.order_by("date", "start")
    ]
    fields = {
        "title": session.title,
        "place": session.place,
        "visio_url": session.visio_url,
        "enrolment_opens_at": session.enrolment_opens_at,
        "enrolment_closes_at": session.enrolment_closes_at,
    }
    fields.update(changes)
    return services.session_update(
        user=world.gref,
        session=session,
        action=session.action,
        slots=changes.pop("slots", slots),
        capacity=session.capacity,
        **{k: v for k, v in fields.items() if k != "slots"},
    )


def test_a_new_place_is_told_to_everyone_enrolled_with_what_changed(world):
    session = training_session(world, capacity=1)
    seated = enrolment_for(world, session)
    waiting = enrolment_for(world, session)
    pending = enrolment_for(world, session, staff(world), approve=False)

    _update(world, session, place="Maison de la Région, Brest")

    for enrolment in (seated, waiting, pending):
        [notice] = told(enrolment.person, "Session modifiée")
        assert "Nouveau lieu : Maison de la Région, Brest." in notice.body
        assert "Nouvelles dates" not in notice.body


def test_new_dates_and_a_new_visio_link_are_said_without_the_link(world):
    session = training_session(world)
    seated = enrolment_for(world, session)
    later = [
        (d + datetime.timedelta(days=7), period, start, end)
        for d, period, start, end in (
            (s.date, s.period, s.start, s.end)
            for s in session.slots.order_by("date", "start")
        )
    ]
    _update(
        world, session, slots=later, visio_url="https://visio.example.org/autre-salle"
    )
    [notice] = told(seated.person, "Session modifiée")
    assert "Nouvelles dates" in notice.body
    assert "Le lien de visioconférence a changé" in notice.body
    assert "autre-salle" not in notice.body


def test_an_edit_that_changes_nothing_people_rely_on_tells_nobody(world):
    session = training_session(world)
    seated = enrolment_for(world, session)
    _update(world, session, title="Accueil personnalisé : les bases")
    assert not told(seated.person, "Session modifiée")


def test_a_half_day_with_attendance_recorded_cannot_be_removed(world):
    session, enrolments = session_with_participants(world, count=2)
    first, second = session.slots.order_by("date", "start")
    record_half_day(first, dict.fromkeys(enrolments, True), user=world.gref)
    kept = [(second.date, second.period, second.start, second.end)]

    with pytest.raises(services.TrainingError, match="ne peut plus être retirée"):
        _update(world, session, slots=kept)

    assert SessionSlot.objects.filter(pk=first.pk).exists()
    assert Attendance.objects.filter(slot=first).count() == 2
