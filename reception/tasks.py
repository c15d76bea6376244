"""Celery tasks of the accueil: each loads what it needs and calls a service,
and may run twice without harm (idempotent)."""

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


# Referrals and retention -------------------------------------------------------


@shared_task(name="reception.tasks.referral_reminders")
def referral_reminders() -> int:
    """Remind the receivers of unanswered referrals (day 10 and 20) and tell
    the territorial officer of the overdue ones (hourly)."""
    from .reminders import referral_reminders_send

    return referral_reminders_send()


@shared_task(name="reception.tasks.reception_retention")
def reception_retention() -> dict[str, int]:
    """Erase the personal data past retention, everywhere (daily)."""
    from .retention import retention_run

    return retention_run()
