"""Outcomes: seen or no-show once the slot has started, excused, or cancelled
by the structure (the person told by mail, the referring structure by a
notice), with who and when; a slot cancelled takes its booking with it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from notifications.models import Notification, OutgoingMail
from reception import appointments
from reception.models import Appointment

from ..conftest import login
from ..factories import booked, reception_world, referral_for, slot_for, slot_moved

pytestmark = pytest.mark.django_db


def test_seen_is_refused_before_the_start_then_recorded_with_who_and_when(world):
    appointment, _key = booked(world)
    with pytest.raises(ValidationError, match="pas encore commencé"):
        appointments.appointment_outcome_record(
            user=world.referent_b, appointment=appointment, outcome="seen"
        )
    slot_moved(appointment.slot, starts_in=-datetime.timedelta(minutes=5))
    done = appointments.appointment_outcome_record(
        user=world.referent_b, appointment=appointment, outcome="seen"
    )
    assert done.status == "seen"
    assert done.outcome_by == world.referent_b and done.outcome_at
    assert done.history.first().history_user == world.referent_b
    # A mistake is corrected.
    again = appointments.appointment_outcome_record(
        user=world.referent_b, appointment=appointment, outcome="no_show"
    )
    assert again.status == "no_show"


def test_excused_may_be_recorded_before_the_start(world):
    appointment, _key = booked(world)
    done = appointments.appointment_outcome_record(
        user=world.referent_b, appointment=appointment, outcome="excused"
    )
    assert done.status == "excused"


def test_another_structure_records_nothing(world):
    appointment, _key = booked(world)
    with pytest.raises(ValidationError):
        appointments.appointment_outcome_record(
            user=world.referent_a, appointment=appointment, outcome="excused"
        )
    assert Appointment.objects.get().status == "booked"


def test_cancelled_by_the_structure_tells_the_person(world):
    appointment, _key = booked(world)
    OutgoingMail.objects.all().delete()
    appointments.appointment_outcome_record(
        user=world.referent_b, appointment=appointment, outcome="cancelled_by_structure"
    )
    appointment.refresh_from_db()
    assert appointment.status == "cancelled_by_structure"
    mail = OutgoingMail.objects.get()
    assert mail.personal and "annuler votre rendez-vous" in mail.body
    with pytest.raises(ValidationError, match="annulé"):
        appointments.appointment_outcome_record(
            user=world.referent_b, appointment=appointment, outcome="excused"
        )


def test_cancelling_a_slot_booked_by_referral_tells_the_referring_structure(world):
    reception_world(world)
    slot = slot_for(world, bookable_by="referrers")
    referral_for(world, contact_channel="appointment", slot=slot)
    appointment = Appointment.objects.get()
    Notification.objects.all().delete()
    appointments.slot_cancel(user=world.referent_b, slot=slot)
    slot.refresh_from_db()
    appointment.refresh_from_db()
    assert slot.cancelled_at is not None
    assert appointment.status == "cancelled_by_structure"
    assert appointment.outcome_by == world.referent_b
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert {world.professional_a.pk, world.referent_a.pk} <= told
    assert world.referent_b.pk not in told
    # The phone contact gets no mail: the staff call.
    assert not OutgoingMail.objects.filter(personal=True).exists()


def test_the_outcome_form_answers_400_in_french_and_changes_nothing(client, world):
    appointment, _key = booked(world)
    login(client, world.referent_b)
    url = reverse("reception:appointment_outcome", args=[appointment.pk])
    response = client.post(url, {"outcome": "no_show"})
    assert response.status_code == 400
    assert "pas encore commencé" in response.content.decode()
    assert client.post(url, {"outcome": "bogus"}).status_code == 400
    assert Appointment.objects.get().status == "booked"
    response = client.post(url, {"outcome": "excused"})
    assert response.status_code == 302
    assert Appointment.objects.get().status == "excused"


def test_the_slot_cancel_page_confirms_then_cancels(client, world):
    appointment, _key = booked(world)
    login(client, world.referent_b)
    url = reverse("reception:slot_cancel", args=[appointment.slot.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Camille" in page.content.decode()
    assert client.post(url).status_code == 302
    assert Appointment.objects.get().status == "cancelled_by_structure"
    response = client.post(url)
    assert response.status_code == 400
    assert "déjà annulé" in response.content.decode()
