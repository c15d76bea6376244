"""The clock's notices: a reminder to each confirmed participant a few days
before the session (with their arrival link), and an alert to GREF when a
session's enrolment closes soon with fewer than half of its seats taken.
Each is sent once, however many times the task runs."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from training import links, reminders, tasks

from ..factories import enrolment_for, staff, training_session


@pytest.fixture
def confirmed(world):
    session = training_session(world, starts_in_days=5, capacity=1)
    seat = enrolment_for(world, session)
    waiting = enrolment_for(world, session, staff(world))
    assert (seat.state, waiting.state) == ("confirmed", "waitlisted")
    return session, seat, waiting


def _two_days_before(session):
    return session.starts_at - datetime.timedelta(days=2)


def test_a_confirmed_participant_is_reminded_once_with_their_arrival_link(
    world, confirmed, django_capture_on_commit_callbacks
):
    session, seat, waiting = confirmed
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.reminders_send(at=_two_days_before(session)) == 1
        assert reminders.reminders_send(at=_two_days_before(session)) == 0
    reminded = [m for m in mail.outbox if m.subject.startswith("Rappel")]
    assert [m.to for m in reminded] == [[seat.person.email]]
    assert links.arrival_url(seat) in reminded[0].body
    assert Notification.objects.filter(user=seat.person, title__startswith="Rappel")
    assert not Notification.objects.filter(
        user=waiting.person, title__startswith="Rappel"
    )


def test_nobody_is_reminded_too_early(world, confirmed):
    session, _seat, _waiting = confirmed
    too_early = session.starts_at - datetime.timedelta(days=4)
    assert reminders.reminders_send(at=too_early) == 0


def test_the_reminder_task_run_twice_sends_one_mail(world, settings):
    settings.SPRO_TRAINING_REMINDER_DAYS = 10
    session = training_session(world, starts_in_days=5)
    enrolment_for(world, session)
    assert tasks.training_reminders() == 1
    assert tasks.training_reminders() == 0


def test_the_confirmation_mail_carries_the_arrival_link(
    world, django_capture_on_commit_callbacks
):
    session = training_session(world)
    with django_capture_on_commit_callbacks(execute=True):
        seat = enrolment_for(world, session)
    confirmed = [
        m for m in mail.outbox if m.subject.startswith("Inscription confirmée")
    ]
    assert len(confirmed) == 1
    assert links.arrival_url(seat) in confirmed[0].body


# The under-filled session ---------------------------------------------------------


def _alerts(user):
    return Notification.objects.filter(user=user, title__startswith="Session peu")


@pytest.mark.parametrize("taken, alerted", [(0, True), (1, True), (2, False)])
def test_gref_is_alerted_when_fewer_than_half_the_seats_are_taken(
    world, taken, alerted
):
    session = training_session(world, starts_in_days=5, capacity=4)
    for _ in range(taken):
        enrolment_for(world, session)
    assert reminders.underfilled_alerts_send() == int(alerted)
    assert _alerts(world.gref).exists() is alerted
    assert not _alerts(world.coordinator).exists()
    assert not _alerts(world.referent_a).exists()


def test_no_alert_while_enrolment_closes_later_than_the_setting(world, settings):
    settings.SPRO_TRAINING_UNDERFILLED_DAYS = 7
    training_session(world, starts_in_days=30, capacity=4)
    assert reminders.underfilled_alerts_send() == 0


def test_no_alert_once_enrolment_is_closed(world):
    session = training_session(world, starts_in_days=5, capacity=4)
    after = session.enrolment_closes_at + datetime.timedelta(minutes=1)
    assert reminders.underfilled_alerts_send(at=after) == 0


def test_a_draft_or_cancelled_session_raises_no_alert(world):
    from training import services

    session = training_session(world, starts_in_days=5, capacity=4)
    services.session_cancel(user=world.gref, session=session, reason="Report")
    assert reminders.underfilled_alerts_send(at=timezone.now()) == 0


def test_the_alert_task_run_twice_alerts_once(
    world, django_capture_on_commit_callbacks
):
    training_session(world, starts_in_days=5, capacity=4)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.training_underfilled_alerts() == 1
        assert tasks.training_underfilled_alerts() == 0
    assert [m.to for m in mail.outbox if m.subject.startswith("Session peu")] == [
        [world.gref.email]
    ]
