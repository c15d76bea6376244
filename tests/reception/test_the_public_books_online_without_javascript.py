"""The person books a public slot online with plain form posts: a first name
or pseudonym and one contact; the confirmation shows the .ics and the cancel
link once (and mails them to an e-mail contact). A slot taken, past, not yet
or no longer open, not for the public, or a bad contact: a French message,
the form as typed, nothing written."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.models import OutgoingMail
from reception.models import Appointment

from ..factories import booked, slot_for, slot_moved

pytestmark = pytest.mark.django_db


def book_url(slot) -> str:
    return reverse("reception_public:public_book", args=[slot.pk])


def test_the_structure_page_lists_the_open_public_slots_by_day(client, world):
    open_slot = slot_for(world, in_days=3, hour=9)
    staff_only = slot_for(world, in_days=3, hour=11, bookable_by="staff")
    taken = slot_for(world, in_days=4, hour=9)
    booked(world, taken)
    url = reverse("reception_public:slots", args=[world.structure_b.organisation.slug])
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert book_url(open_slot) in page
    assert book_url(staff_only) not in page
    assert book_url(taken) not in page
    assert 'name="viewport"' in page or "viewport" in page


def test_an_unpublished_structure_has_no_booking_page(client, world):
    slot = slot_for(world)
    world.structure_b.is_published = False
    world.structure_b.save()
    slug = world.structure_b.organisation.slug
    assert client.get(reverse("reception_public:slots", args=[slug])).status_code == 404
    assert client.get(book_url(slot)).status_code == 404


def test_a_booking_with_an_email_shows_and_mails_the_links(
    client, world, django_capture_on_commit_callbacks
):
    slot = slot_for(world)
    response = client.get(book_url(slot))
    assert response.status_code == 200
    assert "sont effacés" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            book_url(slot),
            {"person_label": "Camille", "contact": "camille@exemple.fr"},
        )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    appointment = Appointment.objects.get()
    assert appointment.booked_via == "public" and appointment.booked_by is None
    page = response.content.decode()
    assert f"/accueil/rendez-vous/{appointment.pk}/" in page
    assert "/annuler/" in page and "rendez-vous.ics" in page
    assert [m.to for m in mail.outbox] == [["camille@exemple.fr"]]
    assert "/annuler/" in mail.outbox[0].body
    assert "rendez-vous.ics" in mail.outbox[0].body
    # The outbox forgot the address and the text (the link) once sent.
    outbox = OutgoingMail.objects.get()
    assert outbox.personal
    assert "camille" not in outbox.to and "/annuler/" not in outbox.body


def test_a_booking_with_a_phone_sends_no_mail(client, world):
    slot = slot_for(world)
    response = client.post(
        book_url(slot), {"person_label": "Yann", "contact": "06 12 34 56 78"}
    )
    assert response.status_code == 200
    assert Appointment.objects.get().contact == "06 12 34 56 78"
    assert not OutgoingMail.objects.exists()


def refused(client, slot, message, data=None):
    data = data or {"person_label": "Maëlle", "contact": "maelle@exemple.fr"}
    before = Appointment.objects.count()
    response = client.post(book_url(slot), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="Maëlle"' in page  # the form as typed
    assert Appointment.objects.count() == before
    return page


def test_a_slot_already_taken_is_refused(client, world):
    appointment, _key = booked(world)
    refused(client, appointment.slot, "vient d&#x27;être réservé")


def test_a_past_slot_is_refused(client, world):
    slot = slot_moved(slot_for(world), starts_in=-datetime.timedelta(hours=1))
    refused(client, slot, "déjà passé")
    assert "déjà passé" in client.get(book_url(slot)).content.decode()


def test_a_slot_whose_window_is_closed_or_not_open_is_refused(client, world):
    closed = slot_for(world, in_days=1, hour=10)
    closed.books_until = timezone.now() - datetime.timedelta(minutes=1)
    closed.save()
    refused(client, closed, "pas ouvert à la réservation")
    later = slot_for(
        world, in_days=20, books_from=timezone.now() + datetime.timedelta(days=2)
    )
    refused(client, later, "pas ouvert à la réservation")


def test_a_slot_not_for_the_public_is_refused(client, world):
    for level in ("staff", "referrers"):
        slot = slot_for(world, in_days=6, hour=8 + len(level), bookable_by=level)
        refused(client, slot, "ne peut pas être réservé ainsi")
        assert (
            "ne se réserve pas en ligne" in client.get(book_url(slot)).content.decode()
        )


@pytest.mark.parametrize(
    ("contact", "message"),
    [
        ("", "pour recevoir la confirmation"),
        ("camille@", "numéro de téléphone français"),
        ("12 34", "numéro de téléphone français"),
        ("<script>alert(1)</script>", "numéro de téléphone français"),
    ],
)
def test_a_missing_or_bad_contact_is_refused(client, world, contact, message):
    slot = slot_for(world)
    refused(client, slot, message, {"person_label": "Maëlle", "contact": contact})


def test_a_missing_name_is_refused(client, world):
    slot = slot_for(world)
    response = client.post(
        book_url(slot), {"person_label": " ", "contact": "0612345678"}
    )
    assert response.status_code == 400
    assert "prénom ou un pseudonyme" in response.content.decode()
    assert not Appointment.objects.exists()


def test_an_unknown_slot_is_404(client, world):
    assert (
        client.get(reverse("reception_public:public_book", args=[999999])).status_code
        == 404
    )
