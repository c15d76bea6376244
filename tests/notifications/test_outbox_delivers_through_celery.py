"""Mails go through the outbox: a row written with the change, a real Celery task
through Redis to a real worker, and a sweeper for when the broker is down."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction

from notifications.models import OutgoingMail
from notifications.services import mail_enqueue
from notifications.tasks import outbox_send, outbox_sweep
from spro.celery import app

REDIS_URL = os.environ.get("REDIS_URL", "")


def forget_broker_connections() -> None:
    """Drop the producer pool the app keeps: it is made once, for the broker of the
    first task sent in the process (even an eager one), and kept whatever
    ``broker_url`` says afterwards (Celery's own ``_after_fork`` does the same)."""
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker(url: str, **transport_options):
    """Send the app's tasks to the broker at ``url`` (not in eager mode), then back."""
    saved = (
        app.conf.task_always_eager,
        app.conf.broker_url,
        app.conf.broker_transport_options,
    )
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    app.conf.broker_transport_options = transport_options
    forget_broker_connections()
    try:
        yield app
    finally:
        (
            app.conf.task_always_eager,
            app.conf.broker_url,
            app.conf.broker_transport_options,
        ) = saved
        forget_broker_connections()


@pytest.fixture
def real_broker():
    """Switch the Celery app from eager mode to the real Redis broker: this test
    process's own database and queue when tests run in parallel
    (spro/settings/test.py)."""
    with broker(settings.CELERY_BROKER_URL) as real:
        yield real


@pytest.mark.integration
@pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL (run by .ci/run)")
@pytest.mark.django_db(transaction=True)
def test_a_queued_mail_is_sent_by_a_real_worker_through_redis(real_broker):
    from celery.contrib.testing.worker import start_worker

    with start_worker(real_broker, pool="solo", perform_ping_check=False):
        with transaction.atomic():
            queued = mail_enqueue(
                to="referente@ml.example", subject="Invitation", body="Bonjour"
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            queued.refresh_from_db()
            if queued.sent_at:
                break
            time.sleep(0.2)
    assert queued.sent_at is not None, "the worker did not send the mail"
    assert queued.attempts == 1
    assert [m.to for m in mail.outbox] == [["referente@ml.example"]]


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_mail_is_kept_and_sent_once_by_the_sweeper():
    # Nothing listens there.
    with broker("redis://127.0.0.1:1/0", max_retries=0), transaction.atomic():
        queued = mail_enqueue(to="agent@cio.example", subject="Rappel", body="…")
    queued.refresh_from_db()
    assert queued.sent_at is None
    assert mail.outbox == []
    assert outbox_sweep() == 1
    assert outbox_sweep() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_sending_the_same_mail_twice_sends_it_once():
    queued = OutgoingMail.objects.create(to="a@b.example", subject="S", body="B")
    assert outbox_send(queued.pk) is True
    assert outbox_send(queued.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_mail():
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_enqueue(to="a@b.example", subject="S", body="B")
        raise RuntimeError
    assert not OutgoingMail.objects.exists()
