"""Celery tasks of the service map: each calls a service and may run twice
without harm (idempotent). Imported by the app's registrations, so that the
worker and ``run_periodic`` know them (Celery discovers ``collaboration.tasks``
only)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="collaboration.servicemap.tasks.servicemap_review_reminders")
def servicemap_review_reminders() -> int:
    """Daily: recall the entries not reviewed for twelve months, once each."""
    from .reminders import review_reminders_send

    return review_reminders_send()
