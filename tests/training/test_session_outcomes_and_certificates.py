"""When every half-day is recorded, each enrolment gets its outcome through the
workflow (present, present in part, absent), each attendee a certificate with
the hours actually attended (told by notice and mail), and the session's
``session_completed`` signal goes out once, after commit. The periodic task
does the same for ended sessions and may run twice."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from guardian.shortcuts import assign_perm

from notifications.models import Notification
from training import attendance
from training.models import Certificate, Enrolment
from training.signals import session_completed
from workflows import engine
from workflows.models import TransitionLog

from ..conftest import login
from ..factories import record_half_day, session_with_participants, staff


@pytest.fixture
def completions():
    sent = []

    def receiver(sender, session, **kwargs):
        sent.append(session.pk)

    session_completed.connect(receiver)
    yield sent
    session_completed.disconnect(receiver)


def _slots(session):
    return list(session.slots.order_by("date", "start"))


def complete(world, session, enrolments, *, user=None):
    """Present all day, present in the morning only, absent all day."""
    user = user or world.gref
    am, pm = _slots(session)
    full, half, away = enrolments
    record_half_day(am, {full: True, half: True, away: False}, user=user)
    record_half_day(pm, {full: True, half: False, away: False}, user=user)


def test_outcomes_follow_the_half_days_attended_and_certificates_carry_the_hours(
    world, django_capture_on_commit_callbacks, completions
):
    session, enrolments = session_with_participants(world, count=3)
    trainer = staff(world, "structure_b")
    assign_perm("training.animate_trainingsession", trainer, session)

    with django_capture_on_commit_callbacks(execute=True):
        complete(world, session, enrolments, user=trainer)

    states = [Enrolment.objects.get(pk=e.pk).state for e in enrolments]
    assert states == ["attended", "partially_attended", "absent"]
    logs = TransitionLog.objects.filter(transition__startswith="mark_")
    assert logs.count() == 3 and {log.user for log in logs} == {trainer}
    full, half, away = enrolments
    assert Certificate.objects.get(enrolment=full).hours == Decimal("6.0")
    assert Certificate.objects.get(enrolment=half).hours == Decimal("3.0")
    assert not Certificate.objects.filter(enrolment=away).exists()
    code = Certificate.objects.get(enrolment=full).code
    assert len(code) == 14 and code.startswith("SPRO-")
    notices = Notification.objects.filter(
        user=full.person, title__startswith="Attestation disponible"
    )
    assert notices.count() == 1
    assert any(m.to == [full.person.email] and code in m.body for m in mail.outbox)
    assert completions == [session.pk]


def test_nothing_completes_while_a_half_day_is_missing(world, completions):
    session, enrolments = session_with_participants(world, count=2)
    am, _pm = _slots(session)
    record_half_day(am, dict.fromkeys(enrolments, True), user=world.gref)

    assert {Enrolment.objects.get(pk=e.pk).state for e in enrolments} == {"confirmed"}
    assert not Certificate.objects.exists()
    assert completions == []


def test_issuing_twice_makes_one_certificate(world):
    session, enrolments = session_with_participants(world, count=3)
    complete(world, session, enrolments)
    full = Enrolment.objects.get(pk=enrolments[0].pk)
    first = Certificate.objects.get(enrolment=full)

    again = attendance.certificate_issue(enrolment=full, user=world.gref)

    assert again.pk == first.pk and again.code == first.code
    assert Certificate.objects.filter(enrolment=full).count() == 1


def test_the_task_closes_ended_sessions_once_and_the_signal_is_sent_once(
    world, django_capture_on_commit_callbacks, completions
):
    from training.tasks import training_sessions_close

    session, enrolments = session_with_participants(world, count=3)
    am, pm = _slots(session)
    record_half_day(am, dict.fromkeys(enrolments, True), user=world.gref)
    record_half_day(pm, dict.fromkeys(enrolments, False), user=world.gref)
    # Completed by the sheet already: the task has nothing left to do.
    after = session.ends_at + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True), engine.clock(after):
        assert training_sessions_close() == 0
        assert training_sessions_close() == 0
    assert Certificate.objects.count() == 3


def test_the_task_completes_a_session_whose_sheet_was_filled_by_scans(
    world, django_capture_on_commit_callbacks, completions
):
    from training.models import Attendance
    from training.tasks import training_sessions_close

    session, enrolments = session_with_participants(world, count=2)
    am, pm = _slots(session)
    # Written as the scans would, without completing (the session is then
    # completed by the hourly task).
    for slot in (am, pm):
        for enrolment in enrolments:
            Attendance.objects.create(
                enrolment=enrolment, slot=slot, present=True, recorded_by=world.gref
            )
    after = session.ends_at + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True), engine.clock(after):
        assert training_sessions_close() == 1
        assert training_sessions_close() == 0

    assert Certificate.objects.count() == 2
    assert completions == [session.pk]
    assert {Enrolment.objects.get(pk=e.pk).state for e in enrolments} == {"attended"}


def test_the_person_their_referent_and_gref_download_the_certificate_nobody_else(
    client, world
):
    session, enrolments = session_with_participants(world, count=3)
    complete(world, session, enrolments)
    full = enrolments[0]
    url = reverse("training:certificate", args=[full.pk])
    trainer = staff(world, "structure_b")
    assign_perm("training.animate_trainingsession", trainer, session)

    for user in (full.person, world.referent_a, world.gref, world.coordinator):
        login(client, user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert response.content.startswith(b"%PDF")
    for user in (
        enrolments[1].person,
        world.referent_b,
        world.network_head_b,
        world.professional_a,
        trainer,
    ):
        login(client, user)
        assert client.get(url).status_code == 404, user


def test_the_certificate_prints_the_hours_and_its_code(world):
    from training.documents import certificate_lines

    session, enrolments = session_with_participants(world, count=3)
    complete(world, session, enrolments)
    certificate = Certificate.objects.get(enrolment=enrolments[1])

    text = "\n".join(certificate_lines(certificate, "http://testserver/v/"))

    assert "3.0 h sur 6.0 h" in text or "3,0 h sur 6,0 h" in text
    assert certificate.code in text
    assert enrolments[1].person.get_full_name() in text


def test_gref_revokes_a_certificate_with_a_reason_and_it_is_no_longer_served(
    client, world
):
    session, enrolments = session_with_participants(world, count=3)
    complete(world, session, enrolments)
    full = enrolments[0]
    revoke = reverse("training:certificate_revoke", args=[full.pk])

    login(client, world.referent_a)
    assert client.post(revoke, {"reason": "Erreur"}).status_code == 403
    login(client, world.gref)
    client.post(revoke, {"reason": ""})
    assert Certificate.objects.get(enrolment=full).revoked_at is None
    client.post(revoke, {"reason": "Présence saisie par erreur."})

    certificate = Certificate.objects.get(enrolment=full)
    assert certificate.revoked_at is not None and certificate.revoked_by == world.gref
    assert certificate.revocation_reason == "Présence saisie par erreur."
    login(client, full.person)
    assert (
        client.get(reverse("training:certificate", args=[full.pk])).status_code == 404
    )
    page = client.get(reverse("training:enrolment", args=[full.pk])).content.decode()
    assert "révoquée" in page and "Présence saisie" not in page
