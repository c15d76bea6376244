"""Several people take the last seat at the same moment: the session row is
locked before seats are counted, so one gets the seat and the others a place on
the waiting list, in order; an offer and a new request never share a seat.

Real concurrency needs real connections and row locks: PostgreSQL only (CI runs
on it; SQLite serialises writers and is skipped locally).
"""

from __future__ import annotations

import pytest

from training.definitions import SEAT_STATES
from training.models import Enrolment
from workflows import engine

from ..conftest import is_postgresql
from ..conventions.test_convention_concurrency import at_the_same_moment
from ..factories import enrolment_for, staff, training_session

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if not is_postgresql():
        pytest.skip("needs PostgreSQL's row locks (CI runs on PostgreSQL)")


def approve(pk: int, referent):
    return lambda: engine.fire(Enrolment.objects.get(pk=pk), "approve", user=referent)


def test_six_approvals_at_once_on_the_last_seat_give_one_seat(world):
    session = training_session(world, capacity=3)
    for _ in range(2):
        enrolment_for(world, session)
    pending = [
        enrolment_for(world, session, staff(world), approve=False) for _ in range(6)
    ]

    results = at_the_same_moment(*(approve(e.pk, world.referent_a) for e in pending))

    assert not [r for r in results if isinstance(r, Exception)], results
    states = [Enrolment.objects.get(pk=e.pk).state for e in pending]
    assert states.count("confirmed") == 1
    assert states.count("waitlisted") == 5
    assert Enrolment.objects.filter(session=session, state__in=SEAT_STATES).count() == 3
    keys = list(
        Enrolment.objects.filter(session=session, state="waitlisted")
        .order_by("queue_key", "pk")
        .values_list("queue_key", flat=True)
    )
    assert len(set(keys)) == 5


def test_a_freed_seat_and_a_new_approval_at_once_never_share_the_seat(world):
    session = training_session(world, capacity=1)
    seated = enrolment_for(world, session)
    first = enrolment_for(world, session)
    newcomer = enrolment_for(world, session, staff(world), approve=False)

    results = at_the_same_moment(
        lambda: engine.fire(
            Enrolment.objects.get(pk=seated.pk), "cancel", user=seated.person
        ),
        approve(newcomer.pk, world.referent_a),
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    assert Enrolment.objects.filter(session=session, state__in=SEAT_STATES).count() == 1
    assert Enrolment.objects.get(pk=first.pk).state == "offered"
    assert Enrolment.objects.get(pk=newcomer.pk).state == "waitlisted"
