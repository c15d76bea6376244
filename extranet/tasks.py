"""Celery tasks of the extranet. Idempotent: each may run twice without harm."""

from __future__ import annotations

from celery import shared_task

from .services import structure_card_reminders_send


@shared_task(name="extranet.tasks.card_review_reminders")
def card_review_reminders() -> int:
    """Daily: remind referents whose public card has not been confirmed for long."""
    return structure_card_reminders_send()
