"""Mails go through the outbox: a row written with the change, a real Celery task
through Redis to a real worker, and a sweeper for when the broker is down."""

from __future__ import annotations

import os
import time

import pytest
from django.core import mail
from django.db import transaction

from notifications.models import OutgoingMail
from notifications.services import mail_enqueue
from notifications.tasks import outbox_send, outbox_sweep
from spro.celery import app

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER"):
    # One Redis database per test process: a worker never takes another's task.
    _number = int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw"))
    REDIS_URL = f"{REDIS_URL.rsplit('/', 1)[0]}/{_number + 1}"


@pytest.fixture
def real_broker():
    """Switch the Celery app from eager mode to the real Redis broker."""
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_URL
    yield app
    app.conf.task_always_eager, app.conf.broker_url = saved


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
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    app.conf.broker_transport_options = {"max_retries": 0}
    try:
        with transaction.atomic():
            queued = mail_enqueue(to="agent@cio.example", subject="Rappel", body="…")
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        app.conf.broker_transport_options = {}
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
