"""Celery tasks of the workflow engine, for every binding. Idempotent: each may
run twice without harm."""

from __future__ import annotations

import logging

from celery import shared_task

from . import engine

logger = logging.getLogger(__name__)


@shared_task(name="workflows.tasks.workflow_reminders")
def workflow_reminders() -> int:
    """Hourly: remind whoever must act on an object past its deadline.

    Only ids are read here; ``engine.remind`` locks each object, checks again that
    it is still overdue and not reminded lately, then marks it, so a run repeated
    (or two workers at once) sends each reminder once. Returns the mails queued.
    """
    sent = 0
    for binding in engine.bindings():
        ids = list(engine.overdue(binding).values_list("pk", flat=True))
        for pk in ids:
            obj = binding.model._default_manager.filter(pk=pk).first()
            if obj is not None:
                sent += engine.remind(obj)
    return sent


@shared_task(name="workflows.tasks.workflow_deadlines")
def workflow_deadlines() -> int:
    """Hourly: fire the deadline transition of every object whose term has passed
    (a convention in force at the end of its year…), for every binding. Each fire
    locks its row and checks the state again, so a repeated run moves nothing
    more. Returns how many objects moved."""
    return engine.deadlines_pass()
