"""Celery tasks of the extranet. Idempotent: each may run twice without harm."""

from __future__ import annotations

from celery import shared_task

from .conventions import services as convention_services
from .services import structure_card_reminders_send


@shared_task(name="extranet.tasks.card_review_reminders")
def card_review_reminders() -> int:
    """Daily: remind referents whose public card has not been confirmed for long."""
    return structure_card_reminders_send()


@shared_task(name="extranet.tasks.convention_calendar")
def convention_calendar() -> dict[str, int]:
    """Every few hours: the conventions' calendar, expiry first, then renewal.

    Expiring first means a convention whose year is over is flagged as lapsed
    before anyone is asked to renew it. Both services fire each change under a row
    lock and skip what is already done, so a repeated run changes nothing.
    """
    return {
        "expired": convention_services.conventions_expire(),
        "renewal_reminders": convention_services.renewal_reminders_send(),
    }
