"""Periodic tasks of conventions: expiry, renewal reminders, workflow reminders,
and ``run_periodic`` which runs them without a broker. Each may run twice."""

from __future__ import annotations

import datetime
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from conventions import services
from conventions.models import Convention, ConventionKind
from conventions.tasks import convention_calendar
from notifications.models import Notification, OutgoingMail
from workflows.models import TransitionLog
from workflows.tasks import workflow_reminders

YEAR = timezone.localdate().year


def start(world, *, year: int = YEAR, structure=None, **fields) -> Convention:
    """A structure's convention (default: structure A, started by its referent),
    then put in the state wanted (set directly: time travel without freezegun)."""
    convention = services.convention_start(
        user=world.coordinator if structure else world.referent_a,
        kind=ConventionKind.STRUCTURE,
        year=year,
        structure=structure or world.structure_a,
    )
    if fields.get("state") == "in_force":
        # In force, the engine's term is the end of the convention's year.
        fields.setdefault(
            "state_deadline",
            timezone.make_aware(datetime.datetime(year + 1, 1, 1)),
        )
    if fields:
        Convention.objects.filter(pk=convention.pk).update(**fields)
        convention.refresh_from_db()
    return convention


def logs(convention: Convention, transition: str) -> int:
    return (
        TransitionLog.objects.for_object(convention)
        .filter(transition=transition)
        .count()
    )


@pytest.mark.django_db
def test_calendar_expires_last_years_conventions_once(world):
    last_year = start(world, year=YEAR - 1, state="in_force")
    this_year = start(world, structure=world.structure_b, state="in_force")

    first = convention_calendar()
    second = convention_calendar()

    last_year.refresh_from_db()
    this_year.refresh_from_db()
    assert last_year.state == "expired"
    assert this_year.state == "in_force"
    assert first["expired"] == 1
    assert second == {"expired": 0, "renewal_reminders": 0}
    assert logs(last_year, "expire") == 1
    # The parties are told once that it lapsed with no successor in force.
    lapsed = OutgoingMail.objects.filter(subject__startswith="Convention échue")
    assert sorted(m.to for m in lapsed) == sorted(
        [
            world.referent_a.email,
            world.network_head_a.email,
            world.coordinator.email,
        ]
    )


@pytest.mark.django_db
def test_renewal_reminder_is_sent_once(world, django_capture_on_commit_callbacks):
    convention = start(world, state="in_force")
    early = datetime.date(YEAR, 9, 1)
    december = datetime.date(YEAR, 12, 1)

    assert services.renewal_reminders_send(today=early) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.renewal_reminders_send(today=december) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.renewal_reminders_send(today=december) == 0

    reminders = OutgoingMail.objects.filter(subject__startswith="À renouveler")
    # Its drafters: the structure's referent and the regional coordination.
    assert sorted(m.to for m in reminders) == sorted(
        [world.referent_a.email, world.coordinator.email]
    )
    assert all(m.sent_at for m in reminders)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.to for m in reminders)
    convention.refresh_from_db()
    assert convention.renewal_reminded_at is not None

    # Once renewed, a convention is not reminded (even if its mark is cleared).
    Convention.objects.filter(pk=convention.pk).update(renewal_reminded_at=None)
    services.convention_renew(user=world.referent_a, convention=convention)
    assert services.renewal_reminders_send(today=december) == 0


@pytest.mark.django_db
def test_workflow_reminder_once_then_after_the_repeat_delay(world):
    now = timezone.now()
    convention = start(
        world,
        state="submitted",
        state_entered_at=now - timedelta(days=30),
        state_deadline=now - timedelta(days=1),
    )
    # Another one still on time: nobody is reminded about it.
    on_time = start(world, structure=world.structure_b)

    # Whoever the workflow waits for: the head of network A (review); not the
    # Région, whose only move here (abandon) is a side exit.
    assert workflow_reminders() == 1
    assert workflow_reminders() == 0
    reminders = OutgoingMail.objects.filter(subject__startswith="Relance")
    assert [m.to for m in reminders] == [world.network_head_a.email]
    assert Notification.objects.filter(
        user=world.network_head_a, title__startswith="Relance"
    ).exists()
    on_time.refresh_from_db()
    assert on_time.reminder_sent_at is None

    # Past the repeat delay, the reminder goes again, once.
    with override_settings(SPRO_WORKFLOW_REMINDER_DAYS=10):
        Convention.objects.filter(pk=convention.pk).update(
            reminder_sent_at=now - timedelta(days=9)
        )
        assert workflow_reminders() == 0
        Convention.objects.filter(pk=convention.pk).update(
            reminder_sent_at=now - timedelta(days=11)
        )
        assert workflow_reminders() == 1
        assert workflow_reminders() == 0
    assert reminders.all().count() == 2


@pytest.mark.django_db
def test_run_periodic_once_runs_every_scheduled_task(world, settings):
    last_year = start(world, year=YEAR - 1, state="in_force")
    out = StringIO()
    call_command("run_periodic", "--once", stdout=out)
    output = out.getvalue()
    for name in settings.CELERY_BEAT_SCHEDULE:
        assert name in output
    last_year.refresh_from_db()
    assert last_year.state == "expired"
    # Run again: nothing more happens.
    call_command("run_periodic", "--once", stdout=StringIO())
    assert logs(last_year, "expire") == 1


@pytest.mark.django_db
def test_run_periodic_logs_a_failing_task_and_goes_on(world, settings, caplog):
    settings.CELERY_BEAT_SCHEDULE = {
        "broken": {"task": "no.such.task", "schedule": 60.0},
        "calendar": {"task": "conventions.tasks.convention_calendar", "schedule": 60.0},
    }
    last_year = start(world, year=YEAR - 1, state="in_force")
    out = StringIO()
    with pytest.raises(Exception, match="broken"):
        call_command("run_periodic", "--once", stdout=out)
    assert "calendar" in out.getvalue()
    assert any("no.such.task" in r.getMessage() and r.exc_info for r in caplog.records)
    last_year.refresh_from_db()
    assert last_year.state == "expired"
