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
