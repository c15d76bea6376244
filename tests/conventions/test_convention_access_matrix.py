"""The access-control matrix of conventions: every convention URL that takes an id,
asked by users outside the convention's scope, answers 403 or 404 and changes
nothing; region-wide readers may read but not act; each party acts only for itself.

The target is the convention of structure B (network B, territory B), in signature
with its document and an attachment, so that every route has something to reach.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conventions import services
from conventions.models import Convention, ConventionKind, Signature
from notifications.models import Notification

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import pdf_bytes

PDF = pdf_bytes("Annexe")


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    target: str
    data: dict | None = None
    # True when a region-wide reader (State) may do it.
    read_only: bool = False


CONVENTION_ROUTES = [
    Route("conventions:detail", "get", "convention", read_only=True),
    Route("conventions:edit", "get", "convention"),
    Route(
        "conventions:edit",
        "post",
        "convention",
        {"objectives": "Objectifs réécrits par un intrus", "seen_updated_at": ""},
    ),
    Route(
        "conventions:transition",
        "post",
        "convention",
        {"transition": "sign_structure", "expected_state": "signing"},
    ),
    Route(
        "conventions:transition",
        "post",
        "convention",
        {"transition": "sign_network", "expected_state": "signing"},
    ),
    Route(
        "conventions:transition",
        "post",
        "convention",
        {"transition": "reopen", "expected_state": "signing", "comment": "Intrus"},
    ),
    Route("conventions:renew", "post", "convention"),
    Route("conventions:attachment_add", "post", "convention", {"description": "x"}),
    Route("conventions:document", "get", "document", read_only=True),
    Route("conventions:attachment", "get", "attachment", read_only=True),
    Route("notifications:read", "post", "notification"),
]


@pytest.fixture
def targets(world):
    convention = services.convention_start(
        user=world.referent_b,
        kind=ConventionKind.STRUCTURE,
        year=2026,
        structure=world.structure_b,
    )
    for user, name in (
        (world.referent_b, "submit"),
        (world.network_head_b, "approve"),
        (world.coordinator, "validate"),
    ):
        convention = services.convention_transition(
            user=user, convention=convention, transition=name
        )
    attachment = services.attachment_add(
        user=world.referent_b,
        convention=convention,
        upload=SimpleUploadedFile("annexe.pdf", PDF, "application/pdf"),
        description="Annexe",
    )
    notification = Notification.objects.filter(user=world.referent_b).first() or (
        Notification.objects.create(user=world.referent_b, title="Test", url="/")
    )
    return {
        "convention": convention.pk,
        "document": convention.documents.get().pk,
        "attachment": attachment.pk,
        "notification": notification.pk,
        "world": world,
    }


def call(client, route: Route, targets: dict):
    url = reverse(route.name, args=[targets[route.target]])
    if route.method == "get":
        return client.get(url)
    data = dict(route.data or {})
    if route.name == "conventions:attachment_add":
        data["file"] = SimpleUploadedFile(
            "autre.pdf", pdf_bytes("Autre annexe"), "application/pdf"
        )
    return client.post(url, data)


OUTSIDERS = [
    "referent_a",
    "professional_a",
    "network_head_a",
    "territorial_officer_a",
    "gref",
]


@pytest.mark.parametrize(
    "route", CONVENTION_ROUTES, ids=lambda r: f"{r.method}-{r.name}-{r.data}"
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
    "route",
    [r for r in CONVENTION_ROUTES if not r.read_only],
    ids=lambda r: f"{r.method}-{r.name}-{r.data}",
)
def test_the_state_reads_structure_conventions_but_cannot_act_on_them(
    client, world, targets, route
):
    login(client, world.government)
    before = database_fingerprint()
    response = call(client, route, targets)
    assert response.status_code in (403, 404), response.status_code
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    "route",
    [r for r in CONVENTION_ROUTES if r.read_only],
    ids=lambda r: f"{r.method}-{r.name}",
)
@pytest.mark.parametrize(
    "who", ["government", "coordinator", "network_head_b", "referent_b"]
)
def test_readers_in_scope_may_read(client, world, targets, route, who):
    login(client, getattr(world, who))
    assert call(client, route, targets).status_code == 200


def test_a_party_signs_for_itself_only(client, world, targets):
    convention = Convention.objects.get(pk=targets["convention"])
    login(client, world.referent_b)
    url = reverse("conventions:transition", args=[convention.pk])
    response = client.post(
        url, {"transition": "sign_network", "expected_state": "signing"}
    )
    assert response.status_code == 403
    assert not Signature.objects.exists()
    response = client.post(
        url, {"transition": "sign_structure", "expected_state": "signing"}
    )
    assert response.status_code == 302
    assert Signature.objects.get().party.kind == "structure"
    # The same post replayed signs nothing more.
    response = client.post(
        url, {"transition": "sign_structure", "expected_state": "signing"}
    )
    assert response.status_code == 302
    assert Signature.objects.count() == 1


def test_the_head_of_the_network_signs_for_the_network(client, world, targets):
    login(client, world.network_head_b)
    response = client.post(
        reverse("conventions:transition", args=[targets["convention"]]),
        {"transition": "sign_network", "expected_state": "signing"},
    )
    assert response.status_code == 302
    assert Signature.objects.get().party.kind == "network"
