"""Celery tasks of conventions. Idempotent: each may run twice without harm."""

from __future__ import annotations

from celery import shared_task

from . import services as convention_services


@shared_task(name="conventions.tasks.convention_calendar")
def convention_calendar() -> dict[str, int]:
    """Every few hours: the conventions' calendar, expiry first, then renewal.

    Expiry is the engine's deadline of the state "in force" (the end of the
    year), which ``workflows.tasks.workflow_deadlines`` applies to every binding;
    it is run here first too, so that a convention whose year is over is flagged
    as lapsed before anyone is asked to renew it. Both fire each change under a
    row lock and skip what is already done, so a repeated run changes nothing.
    """
    return {
        "expired": convention_services.conventions_expire(),
        "renewal_reminders": convention_services.renewal_reminders_send(),
    }
