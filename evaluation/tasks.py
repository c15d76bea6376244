"""Periodic work of the evaluation: keep the region's dashboard warm."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from . import selectors


@shared_task(name="evaluation.tasks.evaluation_precompute")
def evaluation_precompute() -> list[int]:
    """Compute again, and cache for an hour, the region's dashboard of this
    year and of the previous one (each with its own previous year)."""
    year = timezone.localdate().year
    years = [year, year - 1]
    for one in years:
        selectors.dashboard(one, None, None, refresh=True)
    return years
