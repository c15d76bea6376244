"""What the surveys app does on a signal: a completed training session gets
its evaluation; responses left waiting get their flush queued (never done in
the sender's place)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from training.signals import session_completed

from .signals import responses_waiting


@receiver(session_completed, dispatch_uid="surveys_session_evaluation")
def send_session_evaluation(sender: Any, session: Any, **kwargs: Any) -> None:
    from .tasks import session_evaluation_send

    try:
        session_evaluation_send.delay(session.pk)
    except Exception:  # noqa: BLE001 - broker down: sent in place, it is small
        session_evaluation_send(session.pk)


@receiver(responses_waiting, dispatch_uid="surveys_flush_waiting_responses")
def queue_flush(sender: Any, campaign_id: int, **kwargs: Any) -> None:
    from .tasks import responses_flush_task

    try:
        responses_flush_task.delay(campaign_id)
    except Exception:  # noqa: BLE001 - broker down: the hourly task flushes
        import logging

        logging.getLogger(__name__).warning("Broker unavailable: flush left for later")
