"""Seats of a session: counted, never kept as a counter, under the session's
row lock (``locked_session``), which every writer takes first (the engine
through ``EnrolmentBinding.lock_first``, the services themselves)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connection

from .definitions import SEAT_STATES, WAITLISTED
from .models import Enrolment, TrainingSession


def locked_session(session_id: int) -> TrainingSession:
    """The session row, locked until the end of the transaction (PostgreSQL;
    SQLite serialises writers anyway). Every seat count happens after it."""
    queryset = TrainingSession.objects.filter(pk=session_id)
    if connection.in_atomic_block:
        queryset = queryset.select_for_update()
    return queryset.get()


def seats_taken(session_id: int) -> int:
    return Enrolment.objects.filter(
        session_id=session_id, state__in=SEAT_STATES
    ).count()


def seats_free(session: TrainingSession) -> int:
    return max(0, session.capacity - seats_taken(session.pk))


def someone_waits(session_id: int, *, besides: int | None = None) -> bool:
    waiting = Enrolment.objects.filter(session_id=session_id, state=WAITLISTED)
    if besides is not None:
        waiting = waiting.exclude(pk=besides)
    return waiting.exists()


def offer_window(
    session: TrainingSession, at: datetime.datetime
) -> datetime.timedelta | None:
    """How long a freed seat is offered for, from ``at``: the settings' delay
    (48 h by default), shorter close to the session (half the time left), never
    under the minimum (6 h); None when no offer can be made any more."""
    if session.starts_at is None:
        return None
    left = session.starts_at - at
    minimum = datetime.timedelta(hours=settings.SPRO_TRAINING_OFFER_MIN_HOURS)
    if left < minimum:
        return None
    usual = datetime.timedelta(hours=settings.SPRO_TRAINING_OFFER_HOURS)
    return max(minimum, min(usual, left / 2))
