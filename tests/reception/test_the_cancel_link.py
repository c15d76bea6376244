"""The cancel link: a forged key answers 404 and changes nothing; too close to
the start it is refused in French; in time it cancels and frees the slot."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reception.models import Appointment

from ..factories import booked, slot_moved

pytestmark = pytest.mark.django_db


def cancel_url(appointment, key) -> str:
    return reverse("reception_public:appointment_cancel", args=[appointment.pk, key])


def test_a_forged_key_answers_404_and_changes_nothing(client, world):
    appointment, key = booked(world)
    other, other_key = booked(world, in_days=6)
    for forged in (
        "x" * len(key),
        key[:-1] + ("A" if key[-1] != "A" else "B"),
        other_key,
    ):
        url = cancel_url(appointment, forged)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
        ics = reverse("reception_public:appointment_ics", args=[appointment.pk, forged])
        assert client.get(ics).status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == "booked"


def test_a_cancellation_in_time_frees_the_slot(client, world):
    appointment, key = booked(world)
    response = client.get(cancel_url(appointment, key))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    response = client.post(cancel_url(appointment, key))
    assert response.status_code == 200
    assert "annulé" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    # Free again: somebody else books it.
    again, _key = booked(world, appointment.slot)
    assert again.status == "booked"
    # The old link now says it cannot be cancelled again.
    response = client.post(cancel_url(appointment, key))
    assert response.status_code == 400
    assert "ne peut plus être annulé" in response.content.decode()


def test_too_close_to_the_start_it_is_refused_in_french(client, world, settings):
    settings.SPRO_APPOINTMENT_CANCEL_HOURS = 4
    appointment, key = booked(world)
    slot_moved(appointment.slot, starts_in=datetime.timedelta(hours=3))
    assert "trop tard" in client.get(cancel_url(appointment, key)).content.decode()
    response = client.post(cancel_url(appointment, key))
    assert response.status_code == 400
    page = response.content.decode()
    assert "trop tard pour annuler en ligne" in page
    assert "02 99 00 00 00" in page
    assert Appointment.objects.get().status == "booked"
