"""The access-control matrix of the accueil: every reception and referral URL
that takes an id, asked by users outside its reach, answers 403 or 404 and
changes nothing; those in reach succeed, so the matrix cannot pass by refusing
everything.

The targets: a reception of structure B (network B, territory B) with its
point de situation, and a referral it sent to structure A2 (network A,
territory B). Outsiders hold roles in structure A, network A and territory A:
none of them is a party to either.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from reception.models import Referral

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import reception_for, reception_world, referral_for, staff


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    target: str
    data: dict | None = None


ROUTES = [
    Route("reception:reception", "get", "reception"),
    Route("reception:point_edit", "get", "reception"),
    Route("reception:point_edit", "post", "reception", {"summary": "Intrus"}),
    Route("reception:point_pdf", "get", "reception"),
    Route("reception:point_mail", "post", "reception", {"to": "intrus@exemple.fr"}),
    Route("reception:referral_new", "get", "reception"),
    Route(
        "reception:referral_new",
        "post",
        "reception",
        {
            "service": "cep",
            "to_structure": "",
            "contact_channel": "face_to_face",
            "consent_method": "oral",
            "consent_given": "on",
        },
    ),
    Route("reception:referral", "get", "referral"),
    Route(
        "reception:referral_transition",
        "post",
        "referral",
        {"transition": "accept", "expected_state": "sent"},
    ),
    Route(
        "reception:referral_transition",
        "post",
        "referral",
        {"transition": "review", "expected_state": "sent"},
    ),
    Route(
        "reception:referral_transition",
        "post",
        "referral",
        {"transition": "withdraw", "expected_state": "sent"},
    ),
    Route(
        "reception:referral_decline",
        "post",
        "referral",
        {"reason": "full", "expected_state": "sent"},
    ),
]

# Reception URLs that take an id and are not in ROUTES, with why.
NOT_IN_MATRIX: set[str] = set()

OUTSIDERS = ["referent_a", "professional_a", "network_head_a", "territorial_officer_a"]


PERSON = "Personne-Témoin"


@pytest.fixture
def targets(world):
    reception_world(world)
    # A label no generated staff name can hold (a staff "Camille" once did).
    reception = reception_for(world, user=world.referent_b, person_label=PERSON)
    referral = referral_for(
        world,
        reception,
        user=world.referent_b,
        to=world.structure_a2,
        person_label=PERSON,
    )
    return {"reception": reception.pk, "referral": referral.pk}


def call(client, route: Route, targets: dict):
    url = reverse(route.name, args=[targets[route.target]])
    if route.method == "get":
        return client.get(url)
    data = dict(route.data or {})
    return client.post(url, data)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}-{r.data}")
@pytest.mark.parametrize(
    "who", [*OUTSIDERS, "network_head_b", "coordinator", "gref", "government"]
)
def test_outsiders_get_403_or_404_and_change_nothing(
    client, world, targets, route, who
):
    login(client, getattr(world, who))
    before = database_fingerprint()
    response = call(client, route, targets)
    assert response.status_code in (403, 404), response.status_code
    assert database_fingerprint() == before


def test_every_reception_url_with_an_id_is_in_the_matrix():
    from reception.urls import urlpatterns

    from .test_appointment_access_matrix import (
        APPOINTMENT_NOT_IN_MATRIX,
        APPOINTMENT_ROUTES,
    )

    with_id = {f"reception:{p.name}" for p in urlpatterns if p.pattern.converters}
    covered = (
        {route.name for route in ROUTES}
        | NOT_IN_MATRIX
        | {route.name for route in APPOINTMENT_ROUTES}
        | APPOINTMENT_NOT_IN_MATRIX
    )
    assert with_id - covered == set()


def test_the_staff_of_the_structure_read_its_reception_and_nobody_else(
    client, world, targets
):
    url = reverse("reception:reception", args=[targets["reception"]])
    login(client, staff(world, "structure_b"))
    assert client.get(url).status_code == 200
    # The receiving structure of its referral does not read the reception.
    login(client, staff(world, "structure_a2"))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["sender", "receiver"])
def test_both_structures_read_the_referral(client, world, targets, who):
    user = staff(world, "structure_b" if who == "sender" else "structure_a2")
    login(client, user)
    url = reverse("reception:referral", args=[targets["referral"]])
    assert client.get(url).status_code == 200


def test_only_the_receiver_accepts(client, world, targets):
    url = reverse("reception:referral_transition", args=[targets["referral"]])
    login(client, staff(world, "structure_b"))
    response = client.post(url, {"transition": "accept", "expected_state": "sent"})
    assert response.status_code == 403
    assert "Votre rôle ne vous permet pas" in response.content.decode()
    assert Referral.objects.get(pk=targets["referral"]).state == "sent"
    login(client, staff(world, "structure_a2"))
    response = client.post(url, {"transition": "accept", "expected_state": "sent"})
    assert response.status_code == 302
    assert Referral.objects.get(pk=targets["referral"]).state == "accepted"


def test_the_territorial_officer_of_the_receiving_territory_reads_the_referral_without_the_person(  # noqa: E501
    client, world, targets
):
    from ..factories import member

    officer_b = member("territorial_officer", world.region, territory=world.territory_b)
    login(client, officer_b)
    url = reverse("reception:referral", args=[targets["referral"]])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert PERSON not in text and "06 12 34 56 78" not in text
    assert "reconversion" not in text
