"""Several people book the same slot at the same moment: the slot's row is
locked before the booking is checked, so one gets it and the others a French
refusal; never two live bookings of one slot.

Real concurrency needs real connections and row locks: PostgreSQL only (CI
runs on it with SPRO_REQUIRE_SERVICES=1; SQLite serialises writers and is
skipped locally).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from reception import appointments
from reception.models import TAKING_STATUSES, Appointment, Slot

from ..conftest import is_postgresql
from ..conventions.test_convention_concurrency import at_the_same_moment
from ..factories import slot_for, staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if not is_postgresql():
        pytest.skip("needs PostgreSQL's row locks (CI runs on PostgreSQL)")


def book_online(pk: int, n: int):
    return lambda: appointments.appointment_book_online(
        slot=Slot.objects.get(pk=pk),
        person_label=f"Personne {n}",
        contact=f"personne{n}@exemple.fr",
    )


def test_two_bookings_of_one_slot_at_once_give_one_booking(world):
    slot = slot_for(world)

    results = at_the_same_moment(book_online(slot.pk, 1), book_online(slot.pk, 2))

    booked = [r for r in results if isinstance(r, tuple)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(booked) == 1 and len(refused) == 1, results
    assert "vient d'être réservé" in " ".join(refused[0].messages)
    assert (
        Appointment.objects.filter(slot=slot, status__in=TAKING_STATUSES).count() == 1
    )


def test_eight_bookings_online_and_at_the_desk_at_once_give_one_booking(world):
    slot = slot_for(world)
    desk = staff(world, "structure_b")

    def at_the_desk():
        return appointments.appointment_book_for_person(
            user=desk, slot=Slot.objects.get(pk=slot.pk), person_label="Yann"
        )

    results = at_the_same_moment(
        *(book_online(slot.pk, n) for n in range(6)), at_the_desk, at_the_desk
    )

    unexpected = [
        r
        for r in results
        if isinstance(r, Exception) and not isinstance(r, ValidationError)
    ]
    assert not unexpected, unexpected
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert Appointment.objects.filter(slot=slot).count() == 1
