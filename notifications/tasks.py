"""Celery tasks of the outbox. Idempotent: each may run twice without harm."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import REDACTED_BODY, REDACTED_RECIPIENT, OutgoingMail

logger = logging.getLogger(__name__)


@shared_task(name="notifications.tasks.outbox_send")
def outbox_send(mail_id: int) -> bool:
    """Send one mail of the outbox unless it was already sent. Returns True if sent."""
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, sent_at__isnull=True)
            .first()
        )
        if mail is None:
            return False
        mail.attempts += 1
        try:
            send_mail(
                mail.subject,
                mail.body,
                settings.DEFAULT_FROM_EMAIL,
                [mail.to],
                fail_silently=False,
            )
        except Exception as exc:  # noqa: BLE001 - kept for the sweeper to retry
            mail.last_error = str(exc)[:2000]
            mail.save(update_fields=["attempts", "last_error"])
            logger.warning("Mail %s not sent: %s", mail_id, exc)
            return False
        mail.sent_at = timezone.now()
        mail.last_error = ""
        if mail.sensitive or mail.personal:
            mail.body = REDACTED_BODY
        if mail.personal:
            mail.to = REDACTED_RECIPIENT
        mail.save(update_fields=["attempts", "sent_at", "last_error", "body", "to"])
        return True


@shared_task(name="notifications.tasks.outbox_sweep")
def outbox_sweep(limit: int = 200) -> int:
    """Send what is left in the outbox (broker was down, SMTP failed). Returns count."""
    ids = list(
        OutgoingMail.objects.unsent()
        .filter(attempts__lt=10)
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for mail_id in ids if outbox_send(mail_id))
