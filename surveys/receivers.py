"""What the surveys app does when another app signals: a completed training
session gets its evaluation (queued, never done in the sender's place)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from training.signals import session_completed


@receiver(session_completed, dispatch_uid="surveys_session_evaluation")
def send_session_evaluation(sender: Any, session: Any, **kwargs: Any) -> None:
    from .tasks import session_evaluation_send

    try:
        session_evaluation_send.delay(session.pk)
    except Exception:  # noqa: BLE001 - broker down: sent in place, it is small
        session_evaluation_send(session.pk)
