"""Celery tasks of good practices: each calls a service and may run twice
without harm (markers under row locks, one digest row per person and month)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="collaboration.practices.tasks.practice_freshness_reminders")
def practice_freshness_reminders() -> int:
    """Daily: remind the referents of the practices published or confirmed
    more than a year ago."""
    from .services import practice_freshness_reminders_send

    return practice_freshness_reminders_send()


@shared_task(name="collaboration.practices.tasks.practice_digest")
def practice_digest() -> int:
    """Daily (it sends once a month per person, so a missed day is caught up):
    the digest of featured and new practices."""
    from .services import practice_digest_send

    return practice_digest_send()
