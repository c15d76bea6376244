"""Reminders two days before: a mail to an e-mail contact (address forgotten
once sent), an SMS-ready text (160 plain characters at most) posted to the
structure's staff for a phone contact; once each, however often the task runs."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from notifications.formats import long_date
from notifications.models import Notification, OutgoingMail
from reception import appointments
from reception.tasks import appointment_reminders

from ..conftest import login
from ..factories import booked, staff

pytestmark = pytest.mark.django_db


def test_a_reminder_is_sent_once_to_an_email_contact(world):
    soon, _k = booked(world, in_days=1)
    later, _k = booked(world, in_days=5)
    OutgoingMail.objects.all().delete()  # the confirmations
    assert appointment_reminders() == 1
    assert appointment_reminders() == 0
    assert appointments.appointment_reminders_send() == 0
    mail = OutgoingMail.objects.get()
    assert mail.personal
    assert "confirmation" in mail.body  # says how to cancel: no key is kept
    assert "02 99 00 00 00" in mail.body
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminder_sent_at is not None
    assert later.reminder_sent_at is None


def test_a_cancelled_appointment_gets_no_reminder(world):
    appointment, key = booked(world, in_days=1)
    appointments.appointment_cancel_by_person(pk=appointment.pk, key=key)
    assert appointments.appointment_reminders_send() == 0


def test_a_phone_contact_gives_the_staff_an_sms_to_send(client, world):
    colleague = staff(world, "structure_b")
    appointment, _k = booked(world, in_days=1, contact="06 12 34 56 78")
    assert appointments.appointment_reminders_send() == 1
    notices = Notification.objects.filter(user__in=[world.referent_b, colleague])
    assert notices.count() == 2
    text = appointments.sms_text(appointment)
    assert text in notices.first().body
    assert "06 12 34 56 78" in notices.first().body
    assert not Notification.objects.filter(user=world.referent_a).exists()
    login(client, world.referent_b)
    page = client.get(reverse("reception:appointment", args=[appointment.pk]))
    assert text in page.content.decode()


def test_the_sms_text_is_short_and_plain_whatever_the_name(world):
    world.structure_b.organisation.name = (
        "Centre d'information et d'orientation de Quimperlé – Pays de "
        "Quimperlé, Finistère sud, antenne de l'Isle-sur-l'Élorn et de "
        "Saint-Thurien, permanence de Mellac et du Trévoux"
    )  # 172 characters (an organisation's name holds up to 200)
    world.structure_b.organisation.save()
    appointment, _k = booked(world, in_days=1, contact="0612345678")
    appointment.refresh_from_db()
    text = appointments.sms_text(appointment)
    assert len(text) <= 160
    assert text.isascii()
    local = timezone.localtime(appointment.slot.starts_at)
    with override("fr"):
        day = long_date(local.date())
    plain = unicodedata.normalize("NFKD", day).encode("ascii", "ignore").decode()
    assert plain in text  # "5 decembre 2026": a date read aloud the same way
    assert "02 99 00 00 00" in text


def test_a_reminder_due_later_waits(world):
    appointment, _k = booked(world, in_days=1)
    earlier = timezone.now() - datetime.timedelta(days=2)
    assert appointments.appointment_reminders_send(now=earlier) == 0
    appointment.refresh_from_db()
    assert appointment.reminder_sent_at is None
