"""The .ics of an online booking: one event at the slot's times, where, how
to cancel; a cancelled appointment's file says CANCELLED."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from reception import appointments

from ..factories import booked

pytestmark = pytest.mark.django_db


def test_the_calendar_file_holds_the_appointment(client, world):
    appointment, key = booked(world)
    slot = appointment.slot
    url = reverse("reception_public:appointment_ics", args=[appointment.pk, key])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == slot.starts_at
    assert event.decoded("dtend") == slot.ends_at
    assert str(event["uid"]).startswith(f"appointment-{appointment.pk}@")
    assert world.structure_b.name in str(event["summary"])
    assert "Bureau" in str(event["location"]) or "Accueil" in str(event["location"])
    assert "12 rue de la République" in str(event["location"])
    assert "/annuler/" in str(event["description"])
    assert "STATUS" not in event


def test_a_cancelled_appointment_file_says_so(client, world):
    appointment, key = booked(world)
    appointments.appointment_cancel_by_person(pk=appointment.pk, key=key)
    url = reverse("reception_public:appointment_ics", args=[appointment.pk, key])
    (event,) = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
