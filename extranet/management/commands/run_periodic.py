"""``python manage.py run_periodic``: the periodic tasks, without a broker.

``make run`` has no Redis and no Celery beat, yet reminders, expiry and the
outbox sweeper must still happen while someone tries the site. This command
reads the very schedule beat would use (``settings.CELERY_BEAT_SCHEDULE``) and
runs each task in this process when its interval is due, so the two cannot
disagree. Every task is idempotent, so running one early or twice is harmless.

``--once`` runs every task once and returns (tests, cron). Without it the loop
runs until stopped; a task that fails is logged and retried at its next turn,
and the loop never dies.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from celery import current_app
from celery.schedules import schedule as celery_schedule
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

logger = logging.getLogger("spro.periodic")

# Never sleep longer than this, so that a stop signal is handled promptly.
MAX_SLEEP_SECONDS = 30.0


@dataclass
class PeriodicTask:
    """One entry of the beat schedule and when it is next due (monotonic clock)."""

    name: str
    task_name: str
    interval: float
    args: tuple
    kwargs: dict[str, Any]
    due_at: float = 0.0


def _interval_seconds(entry_schedule: Any) -> float:
    """Seconds between two runs; only fixed intervals are supported here."""
    if isinstance(entry_schedule, int | float):
        return float(entry_schedule)
    if isinstance(entry_schedule, timedelta):
        return entry_schedule.total_seconds()
    if isinstance(entry_schedule, celery_schedule):
        return entry_schedule.run_every.total_seconds()
    raise CommandError(
        f"Unsupported schedule {entry_schedule!r}: run_periodic only knows intervals."
    )


def periodic_tasks(beat_schedule: dict[str, dict[str, Any]]) -> list[PeriodicTask]:
    """The beat schedule as a list of tasks, all due at once."""
    return [
        PeriodicTask(
            name=name,
            task_name=entry["task"],
            interval=_interval_seconds(entry["schedule"]),
            args=tuple(entry.get("args", ())),
            kwargs=dict(entry.get("kwargs", {})),
        )
        for name, entry in beat_schedule.items()
    ]


def _resolve(task_name: str) -> Callable[..., Any]:
    # Celery imports the apps' tasks modules lazily (a worker at start-up): import
    # them the way Django's autodiscovery does, without Celery's worker fix-ups,
    # which would set Django up (logging, checks) a second time.
    autodiscover_modules("tasks")
    try:
        return current_app.tasks[task_name]
    except KeyError:
        raise LookupError(f"Unknown task {task_name!r}") from None


def run_task(task: PeriodicTask) -> tuple[bool, Any]:
    """Run one task in this process; log and swallow its failure."""
    started = time.monotonic()
    # The loop sleeps for hours: never reuse a connection the server dropped
    # (unless the caller holds a transaction open on it, as tests do).
    if not connection.in_atomic_block:
        close_old_connections()
    try:
        result = _resolve(task.task_name)(*task.args, **task.kwargs)
    except Exception:
        logger.exception("Periodic task %s (%s) failed", task.name, task.task_name)
        return False, None
    logger.info(
        "Periodic task %s (%s) done in %.1f s: %r",
        task.name,
        task.task_name,
        time.monotonic() - started,
        result,
    )
    return True, result


class Command(BaseCommand):
    help = (
        "Exécute les tâches périodiques (relances, échéances des conventions, envoi "
        "des courriels en attente) sans Celery beat ni Redis, selon "
        "CELERY_BEAT_SCHEDULE."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Exécuter chaque tâche une fois, puis s'arrêter.",
        )

    def handle(self, *args: Any, once: bool = False, **options: Any) -> None:
        tasks = periodic_tasks(settings.CELERY_BEAT_SCHEDULE)
        if once:
            self._run_once(tasks)
            return
        if not tasks:
            raise CommandError(_("CELERY_BEAT_SCHEDULE ne contient aucune tâche."))
        self.stdout.write(
            _("Tâches périodiques lancées (%(count)d) ; Ctrl+C pour arrêter.")
            % {"count": len(tasks)}
        )
        try:
            self._loop(tasks)
        except KeyboardInterrupt:
            self.stdout.write(_("Tâches périodiques arrêtées."))

    def _run_once(self, tasks: list[PeriodicTask]) -> None:
        failed = []
        for task in tasks:
            ok, result = run_task(task)
            if ok:
                self.stdout.write(f"{task.name} : {result!r}")
            else:
                failed.append(task.name)
        if failed:
            raise CommandError(
                _("Tâches en échec (voir le journal) : %(names)s.")
                % {"names": ", ".join(failed)}
            )

    def _loop(self, tasks: list[PeriodicTask]) -> None:
        """Run each task when due, forever; ``run_task`` never raises."""
        while True:
            now = time.monotonic()
            for task in tasks:
                if task.due_at <= now:
                    run_task(task)
                    task.due_at = time.monotonic() + task.interval
            next_due = min(task.due_at for task in tasks)
            time.sleep(min(max(next_due - time.monotonic(), 0.5), MAX_SLEEP_SECONDS))
