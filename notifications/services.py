"""Writes of the notifications app: queue a mail, post a notice, or both."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Notification, OutgoingMail


def mail_enqueue(
    *,
    to: str,
    subject: str,
    body: str,
    sensitive: bool = False,
    personal: bool = False,
) -> OutgoingMail:
    """Store a mail in the outbox and send it once the current transaction commits.

    Called inside the transaction of the change that causes the mail: if that
    change rolls back, no mail exists; if the broker is down, the sweeper sends it.
    ``sensitive`` mails (secret links) have their text erased once sent;
    ``personal`` ones (to a member of the public) their address too.
    """
    from .tasks import outbox_send

    mail = OutgoingMail.objects.create(
        to=to,
        subject=subject[:255],
        body=body,
        sensitive=sensitive,
        personal=personal,
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


def notification_post(
    *, user: Any, title: str, body: str = "", url: str = ""
) -> Notification:
    """An in-app notice to one user (shown in the menu count and on their page)."""
    return Notification.objects.create(user=user, title=title[:255], body=body, url=url)


def users_notify(
    *, users: Iterable[Any], subject: str, body: str, url: str = "", site_url: str = ""
) -> int:
    """A notice and a mail to each user, the mail ending with the link to act.

    Call inside the transaction of the change that causes it: both roll back with
    it. Returns how many users were told.
    """
    count = 0
    for user in users:
        notification_post(user=user, title=subject, body=body, url=url)
        text = body
        if url:
            text += "\n\n" + _("Pour agir : %(url)s") % {"url": site_url + url}
        mail_enqueue(to=user.email, subject=subject, body=text)
        count += 1
    return count


def personal_mails_erase(*, created_before: Any) -> int:
    """Erase the address and text of the mails to the public written before
    ``created_before`` that could not be sent (sent ones are erased on
    sending): retention of personal data. Returns how many were erased."""
    from .models import REDACTED_BODY, REDACTED_RECIPIENT

    return (
        OutgoingMail.objects.filter(personal=True, created_at__lt=created_before)
        .exclude(to=REDACTED_RECIPIENT)
        .update(
            to=REDACTED_RECIPIENT,
            body=REDACTED_BODY,
            subject="[effacé]",
            # Never to be sent now: the sweeper stops at ten attempts.
            attempts=99,
            last_error="effacé au terme de la durée de conservation",
        )
    )
