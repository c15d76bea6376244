"""The access-control matrix of the appointments: every extranet URL of the
slots and appointments that takes an id, asked by users outside the slot's
structure, answers 403 or 404 and changes nothing.

The targets: slots and appointments of structure B (a free slot, a slot booked
online, an appointment booked online, one booked by B's staff). The referring
professional of structure A reads the appointment they booked, and nothing
more (their case is tested below the matrix).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from reception import appointments

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import booked, reception_world, referral_for, slot_for

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    target: str
    data: dict | None = None


APPOINTMENT_ROUTES = [
    Route("reception:slot_cancel", "get", "free_slot"),
    Route("reception:slot_cancel", "post", "free_slot"),
    Route("reception:slot_cancel", "post", "booked_slot"),
    Route("reception:slot_book", "get", "free_slot"),
    Route(
        "reception:slot_book",
        "post",
        "free_slot",
        {"person_label": "Intrus", "contact": "intrus@exemple.fr"},
    ),
    Route("reception:appointment", "get", "appointment"),
    Route("reception:appointment", "get", "staff_appointment"),
    Route(
        "reception:appointment_outcome", "post", "appointment", {"outcome": "excused"}
    ),
    Route(
        "reception:appointment_outcome",
        "post",
        "staff_appointment",
        {"outcome": "cancelled_by_structure"},
    ),
]

# Appointment URLs that take an id and are not in the matrix, with why.
APPOINTMENT_NOT_IN_MATRIX = {
    # Public by design, no login: a published structure's open slots (by its
    # slug) and the form booking one; tested by
    # test_the_public_books_online_without_javascript.
    "reception_public:slots",
    "reception_public:public_book",
    # The secret of the cancel link stands for the person (no login); a
    # forged key answers 404: tested by test_the_cancel_link.
    "reception_public:appointment_cancel",
    "reception_public:appointment_ics",
}

OUTSIDERS = [
    "referent_a",
    "professional_a",
    "network_head_a",
    "network_head_b",
    "territorial_officer_a",
    "coordinator",
    "government",
]


@pytest.fixture
def targets(world):
    reception_world(world)
    free = slot_for(world, in_days=5, hour=9)
    appointment, _key = booked(world, in_days=5, hour=11)
    staff_slot = slot_for(world, in_days=5, hour=14, bookable_by="staff")
    staff_appointment = appointments.appointment_book_for_person(
        user=world.referent_b, slot=staff_slot, person_label="Yann"
    )
    return {
        "free_slot": free.pk,
        "booked_slot": appointment.slot.pk,
        "appointment": appointment.pk,
        "staff_appointment": staff_appointment.pk,
    }


def call(client, route: Route, targets: dict):
    url = reverse(route.name, args=[targets[route.target]])
    if route.method == "get":
        return client.get(url)
    return client.post(url, route.data or {})


@pytest.mark.parametrize(
    "route", APPOINTMENT_ROUTES, ids=lambda r: f"{r.method}-{r.name}-{r.target}"
)
@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_403_or_404_and_change_nothing(
    client, world, targets, route, who
):
    login(client, getattr(world, who))
    before = database_fingerprint()
    response = call(client, route, targets)
    assert response.status_code in (403, 404), response.status_code
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    "who",
    ["network_head_b", "territorial_officer_a", "coordinator", "government"],
)
def test_roles_without_a_structure_to_receive_for_have_no_agenda(client, world, who):
    login(client, getattr(world, who))
    before = database_fingerprint()
    assert client.get(reverse("reception:slots")).status_code == 403
    assert client.get(reverse("reception:slot_new")).status_code == 403
    assert database_fingerprint() == before


def test_another_structure_asked_by_its_id_shows_only_ones_own_agenda(
    client, world, targets
):
    login(client, world.referent_a)
    response = client.get(
        reverse("reception:slots"), {"structure": world.structure_b.pk}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert world.structure_a.name in page
    assert world.structure_b.name not in page
    assert "Camille" not in page


def test_anonymous_visitors_are_sent_to_log_in(client, world, targets):
    before = database_fingerprint()
    for route in APPOINTMENT_ROUTES:
        response = call(client, route, targets)
        assert response.status_code == 302
        assert "/connexion/" in response["Location"] or "login" in response["Location"]
    assert database_fingerprint() == before


def test_every_appointment_url_with_an_id_is_in_the_matrix():
    from reception.public_urls import urlpatterns as public
    from reception.urls import urlpatterns

    mine = {
        f"reception:{p.name}"
        for p in urlpatterns
        if p.pattern.converters
        and p.callback.__module__ == "reception.appointment_views"
    } | {
        f"reception_public:{p.name}"
        for p in public
        if p.pattern.converters and p.callback.__module__ == "reception.booking_views"
    }
    covered = {route.name for route in APPOINTMENT_ROUTES} | APPOINTMENT_NOT_IN_MATRIX
    assert mine, "the appointment URLs moved"
    assert mine - covered == set()


@pytest.mark.parametrize(
    "route", APPOINTMENT_ROUTES, ids=lambda r: f"{r.method}-{r.name}-{r.target}"
)
def test_the_structure_staff_reach_every_route(client, world, targets, route):
    login(client, world.referent_b)
    assert call(client, route, targets).status_code in (200, 302)


def test_the_referring_professional_reads_their_booking_but_not_the_contact(
    client, world
):
    reception_world(world)
    slot = slot_for(world, bookable_by="referrers")
    referral = referral_for(world, contact_channel="appointment", slot=slot)
    appointment = referral.appointments.get()
    login(client, world.professional_a)
    page = client.get(reverse("reception:appointment", args=[appointment.pk]))
    assert page.status_code == 200
    assert "06 12 34 56 78" not in page.content.decode()
    before = database_fingerprint()
    url = reverse("reception:appointment_outcome", args=[appointment.pk])
    assert client.post(url, {"outcome": "excused"}).status_code == 404
    assert database_fingerprint() == before
