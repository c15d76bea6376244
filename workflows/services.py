"""Writes of the workflows app: queue a mail in the outbox."""

from __future__ import annotations

from django.db import transaction

from .models import OutgoingMail


def mail_enqueue(
    *, to: str, subject: str, body: str, sensitive: bool = False
) -> OutgoingMail:
    """Store a mail in the outbox and send it once the current transaction commits.

    Called inside the transaction of the change that causes the mail: if that
    change rolls back, no mail exists; if the broker is down, the sweeper sends it.
    ``sensitive`` mails (secret links) have their text erased once sent.
    """
    from .tasks import outbox_send

    mail = OutgoingMail.objects.create(
        to=to, subject=subject[:255], body=body, sensitive=sensitive
    )
    transaction.on_commit(lambda: _send_later(outbox_send, mail.pk))
    return mail


def _send_later(task, mail_id: int) -> None:
    try:
        task.delay(mail_id)
    except Exception:  # noqa: BLE001 - broker down: the sweeper will send it
        import logging

        logging.getLogger(__name__).warning(
            "Broker unavailable, mail %s left for the sweeper", mail_id
        )
