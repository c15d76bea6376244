"""A staff member books a slot of their own structure for a person at the
desk; a slot taken meanwhile, or of another structure, is refused."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from reception.models import Appointment

from ..conftest import login
from ..factories import booked, reception_world, slot_for

pytestmark = pytest.mark.django_db


def test_staff_book_for_a_person_without_contact(client, world):
    reception_world(world)
    slot = slot_for(world, bookable_by="staff")
    login(client, world.referent_b)
    url = reverse("reception:slot_book", args=[slot.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"person_label": "Yann", "contact": ""})
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.booked_via == "staff"
    assert appointment.booked_by == world.referent_b
    assert appointment.history.get().history_user == world.referent_b
    assert client.get(response["Location"]).status_code == 200


def test_a_slot_already_taken_is_refused_in_french(client, world):
    reception_world(world)
    appointment, _key = booked(world)
    login(client, world.referent_b)
    url = reverse("reception:slot_book", args=[appointment.slot.pk])
    response = client.post(url, {"person_label": "Yann", "contact": "02 99 11 22 33"})
    assert response.status_code == 400
    assert "vient d'être réservé" in html.unescape(response.content.decode())
    assert Appointment.objects.count() == 1


def test_a_bad_contact_is_refused(client, world):
    slot = slot_for(world)
    login(client, world.referent_b)
    url = reverse("reception:slot_book", args=[slot.pk])
    response = client.post(url, {"person_label": "Yann", "contact": "pas un contact"})
    assert response.status_code == 400
    assert "numéro de téléphone français" in response.content.decode()
    assert not Appointment.objects.exists()


def test_staff_of_another_structure_get_404(client, world):
    slot = slot_for(world)
    login(client, world.referent_a)
    url = reverse("reception:slot_book", args=[slot.pk])
    assert client.post(url, {"person_label": "Yann"}).status_code == 404
    assert not Appointment.objects.exists()


def test_staff_of_two_structures_choose_whose_agenda_they_read(client, world):
    from extranet.models import Role

    from ..factories import MembershipFactory

    MembershipFactory(
        user=world.referent_a,
        organisation=world.structure_b.organisation,
        role=Role.PROFESSIONAL,
    )
    slot_for(world, world.structure_a, hour=9, place="Salle A")
    slot_for(world, world.structure_b, hour=11, place="Salle B")
    login(client, world.referent_a)
    url = reverse("reception:slots")
    for structure, mine, other in (
        (world.structure_a, "Salle A", "Salle B"),
        (world.structure_b, "Salle B", "Salle A"),
    ):
        page = client.get(url, {"structure": structure.pk}).content.decode()
        assert 'name="structure"' in page
        assert mine in page and other not in page
