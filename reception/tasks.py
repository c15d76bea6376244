"""Celery tasks of the accueil. Idempotent: each may run twice without harm."""

from __future__ import annotations

from celery import shared_task

# Appointments ------------------------------------------------------------------


@shared_task(name="reception.tasks.appointment_reminders")
def appointment_reminders() -> int:
    """Every 15 minutes: remind the people whose appointment starts within
    ``SPRO_APPOINTMENT_REMINDER_HOURS`` (a mail, or an SMS-ready text for the
    structure's staff). Once each: the marker is set under the appointment's
    row lock with what it sends. Returns how many were reminded."""
    from .appointments import appointment_reminders_send

    return appointment_reminders_send()
