"""Celery tasks of the professionalisation plan. Idempotent: each may run twice
without harm."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="training.tasks.training_offers_expire")
def training_offers_expire() -> int:
    """Every five minutes: each offer past its term expires and its seat is
    offered to the next in line, so a seat never sleeps for an hour. Each
    expiry locks the session and the enrolment and checks the state again, so
    a repeated run moves nothing more. Returns how many offers expired."""
    return services.offers_expire()


@shared_task(name="training.tasks.training_sessions_close")
def training_sessions_close() -> int:
    """Every hour: each ended session whose attendance is complete gets its
    outcomes (through the workflow), its certificates and its
    ``session_completed`` signal; certificates missing in completed sessions
    are issued. Idempotent: a completed session is never completed again, a
    certificate never issued twice. Returns how many sessions were completed."""
    from . import attendance

    return attendance.sessions_close()


@shared_task(name="training.tasks.training_reminders")
def training_reminders() -> int:
    """Every hour: a reminder to each confirmed participant whose session starts
    within ``SPRO_TRAINING_REMINDER_DAYS`` days. Sent once (a marker set under
    the row's lock with the notice). Returns how many were sent."""
    from . import reminders

    return reminders.reminders_send()


@shared_task(name="training.tasks.training_underfilled_alerts")
def training_underfilled_alerts() -> int:
    """Every hour: GREF is told of each published session whose enrolment
    closes within ``SPRO_TRAINING_UNDERFILLED_DAYS`` days with fewer than half
    of its seats taken. Once per session. Returns how many were signalled."""
    from . import reminders

    return reminders.underfilled_alerts_send()
