"""The access-control matrix: every extranet URL that takes an object id, asked by
users outside the object's scope, answers 403 or 404 and changes nothing.

Targets all belong to structure B (network B, territory B). Outsiders hold roles in
structure A, network A or territory A. Insiders prove each row can succeed, so the
matrix cannot pass by refusing everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from extranet.models import Invitation, Membership, OpeningException, Role
from notifications.models import OutgoingMail

from ..conftest import login
from ..factories import member

VALID_CARD = {
    "description": "Accueil de tous les publics.",
    "address_line": "1 place de la Liberté",
    "postcode": "29200",
    "city": "Brest",
    "latitude": "48.39",
    "longitude": "-4.48",
    "hours_note": "Lundi au vendredi",
    "phone": "02 98 00 00 00",
    "email": "contact@ij.example",
    "channel_face_to_face": "on",
    "channel_phone": "on",
    "is_published": "on",
}


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    action: str  # what the policy must allow: view, change, view_members, manage
    target: str | tuple[str, ...]  # the targets the URL's arguments are
    # Form data, or a function of the world for data that needs its ids.
    data: dict | Callable | None = None


ROUTES = [
    Route("extranet:structure_detail", "get", "view", "structure"),
    Route("extranet:structure_detail_by_org", "get", "view", "organisation"),
    Route("extranet:structure_edit", "get", "change", "structure"),
    Route("extranet:structure_edit", "post", "change", "structure", VALID_CARD),
    Route("extranet:structure_confirm", "post", "change", "structure"),
    Route("extranet:structure_exceptions", "get", "change", "structure"),
    Route(
        "extranet:structure_exceptions",
        "post",
        "change",
        "structure",
        lambda world: {
            "starts": (timezone.localdate() + timedelta(days=10)).isoformat(),
            "ends": (timezone.localdate() + timedelta(days=12)).isoformat(),
            "kind": "closed",
            "label": "Séminaire d'équipe",
        },
    ),
    Route(
        "extranet:structure_exception_remove",
        "post",
        "change",
        ("structure", "exception"),
    ),
    Route("extranet:structure_affiliation", "get", "administer", "structure"),
    Route(
        "extranet:structure_affiliation",
        "post",
        "administer",
        "structure",
        lambda world: {
            "name": "Structure renommée",
            "structure_type": "mission_locale",
            "network": world.network_a.pk,
            "territory": world.territory_b.pk,
            "membership_status": "member",
            "is_active": "on",
        },
    ),
    Route("extranet:organisation_members", "get", "view_members", "organisation"),
    Route("extranet:organisation_invite", "get", "manage", "organisation"),
    Route(
        "extranet:organisation_invite",
        "post",
        "manage",
        "organisation",
        {"email": "intrus@example.org", "role": "professional"},
    ),
    Route("extranet:membership_delete", "post", "manage", "membership"),
    Route("extranet:invitation_cancel", "post", "manage", "invitation"),
]

# URLs whose argument is not an object id of a tenant (a secret token); each
# app lists its own too (training's NOT_IN_MATRIX), with why.
NOT_OBJECT_ROUTES = {
    "extranet:invitation_accept",
    "extranet:password_reset_confirm",
}


def extranet_routes_with_arguments() -> set[str]:
    """Every URL under ``/extranet/`` that takes an argument, whatever app adds it
    (the shell, conventions, notifications…), as ``namespace:name``."""

    def walk(patterns, namespace, converters=False):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(
                    p.url_patterns,
                    p.namespace or namespace,
                    converters or bool(p.pattern.converters),
                )
            elif isinstance(p, URLPattern) and (converters or p.pattern.converters):
                yield f"{namespace}:{p.name}"

    found = set()
    for p in get_resolver().url_patterns:
        if isinstance(p, URLResolver) and str(p.pattern).startswith("extranet/"):
            found |= set(walk(p.url_patterns, p.namespace))
    return found


def test_every_extranet_url_with_an_id_is_in_the_matrix():
    from ..collaboration.test_practice_access_matrix import (
        NOT_IN_MATRIX as PRACTICE_NOT_IN_MATRIX,
    )
    from ..collaboration.test_practice_access_matrix import (
        ROUTES as PRACTICE_ROUTES,
    )
    from ..collaboration.test_resource_access_matrix import (
        NOT_IN_MATRIX as RESOURCE_NOT_IN_MATRIX,
    )
    from ..collaboration.test_resource_access_matrix import (
        ROUTES as RESOURCE_ROUTES,
    )
    from ..collaboration.test_service_map_access_matrix import (
        NOT_IN_MATRIX as SERVICE_MAP_NOT_IN_MATRIX,
    )
    from ..collaboration.test_service_map_access_matrix import (
        ROUTES as SERVICE_MAP_ROUTES,
    )
    from ..conventions.test_convention_access_matrix import CONVENTION_ROUTES
    from ..coordination.test_governance_access_matrix import (
        NOT_IN_MATRIX as GOVERNANCE_NOT_IN_MATRIX,
    )
    from ..coordination.test_governance_access_matrix import (
        ROUTES as GOVERNANCE_ROUTES,
    )
    from ..coordination.test_local_plan_access_matrix import (
        NOT_IN_MATRIX as LOCAL_PLAN_NOT_IN_MATRIX,
    )
    from ..coordination.test_local_plan_access_matrix import (
        ROUTES as LOCAL_PLAN_ROUTES,
    )
    from ..evaluation.test_evaluation_access_matrix import (
        NOT_IN_MATRIX as EVALUATION_NOT_IN_MATRIX,
    )
    from ..evaluation.test_evaluation_access_matrix import (
        ROUTES as EVALUATION_ROUTES,
    )
    from ..reception.test_appointment_access_matrix import (
        APPOINTMENT_NOT_IN_MATRIX,
        APPOINTMENT_ROUTES,
    )
    from ..reception.test_reception_access_matrix import (
        NOT_IN_MATRIX as RECEPTION_NOT_IN_MATRIX,
    )
    from ..reception.test_reception_access_matrix import ROUTES as RECEPTION_ROUTES
    from ..surveys.test_survey_access_matrix import (
        NOT_IN_MATRIX as SURVEY_NOT_IN_MATRIX,
    )
    from ..surveys.test_survey_access_matrix import ROUTES as SURVEY_ROUTES
    from ..training.test_training_access_matrix import NOT_IN_MATRIX
    from ..training.test_training_access_matrix import ROUTES as TRAINING_ROUTES

    covered = (
        {route.name for route in ROUTES}
        | {route.name for route in CONVENTION_ROUTES}
        | {route.name for route in TRAINING_ROUTES}
        | {route.name for route in RECEPTION_ROUTES}
        | {route.name for route in APPOINTMENT_ROUTES}
        | NOT_IN_MATRIX
        | RECEPTION_NOT_IN_MATRIX
        | APPOINTMENT_NOT_IN_MATRIX
        | {route.name for route in SERVICE_MAP_ROUTES}
        | SERVICE_MAP_NOT_IN_MATRIX
        | NOT_OBJECT_ROUTES
        | {route.name for route in PRACTICE_ROUTES}
        | PRACTICE_NOT_IN_MATRIX
        | {route.name for route in RESOURCE_ROUTES}
        | RESOURCE_NOT_IN_MATRIX
        | {route.name for route in GOVERNANCE_ROUTES}
        | GOVERNANCE_NOT_IN_MATRIX
        | {route.name for route in LOCAL_PLAN_ROUTES}
        | LOCAL_PLAN_NOT_IN_MATRIX
        | {route.name for route in SURVEY_ROUTES}
        | SURVEY_NOT_IN_MATRIX
        | {route.name for route in EVALUATION_ROUTES}
        | EVALUATION_NOT_IN_MATRIX
    )
    found = extranet_routes_with_arguments()
    assert {"conventions:detail", "notifications:read"} <= found
    assert found <= covered


def database_fingerprint() -> tuple:
    """Row counts of every domain table and its history: any write shows up."""
    counts = []
    for model in apps.get_models():
        if model._meta.app_label in (
            "extranet",
            "workflows",
            "notifications",
            "conventions",
            "training",
            "reception",
            "collaboration",
            "coordination",
            "surveys",
        ):
            counts.append((model._meta.label, model._default_manager.count()))
    cards = tuple(
        apps.get_model("extranet", "Structure").objects.values_list(
            "pk", "updated_at", "card_checked_at"
        )
    )
    return tuple(counts), cards


@pytest.fixture
def targets(world):
    membership = Membership.objects.get(
        user=world.referent_b, organisation=world.structure_b.organisation
    )
    # A second referent, so that removing one is allowed for insiders.
    member(Role.REFERENT, world.structure_b.organisation)
    invitation = Invitation.objects.create(
        email="nouvelle@ij.example",
        organisation=world.structure_b.organisation,
        role=Role.PROFESSIONAL,
        token_hash="0" * 64,
        invited_by=world.referent_b,
        expires_at=timezone.now() + timedelta(days=3),
    )
    exception = OpeningException.objects.create(
        structure=world.structure_b,
        starts=timezone.localdate() + timedelta(days=3),
        ends=timezone.localdate() + timedelta(days=4),
        label="Inventaire",
    )
    return {
        "structure": world.structure_b.pk,
        "exception": exception.pk,
        "organisation": world.structure_b.organisation_id,
        "membership": membership.pk,
        "invitation": invitation.pk,
        "world": world,
    }


def outsiders(world) -> dict[str, object]:
    return {
        "referent of another structure": world.referent_a,
        "professional of another structure": world.professional_a,
        "head of another network": world.network_head_a,
        "officer of another territory": world.territorial_officer_a,
    }


def call(client, route: Route, targets: dict):
    keys = route.target if isinstance(route.target, tuple) else (route.target,)
    url = reverse(route.name, args=[targets[key] for key in keys])
    if route.method == "get":
        return client.get(url)
    data = route.data(targets["world"]) if callable(route.data) else route.data
    return client.post(url, data or {})


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}")
@pytest.mark.parametrize(
    "who",
    [
        "referent of another structure",
        "professional of another structure",
        "head of another network",
        "officer of another territory",
    ],
)
def test_outsiders_get_403_or_404_and_change_nothing(
    client, world, targets, route, who
):
    login(client, outsiders(world)[who])
    before = database_fingerprint()
    response = call(client, route, targets)
    assert response.status_code in (403, 404), response.status_code
    assert database_fingerprint() == before
    assert not OutgoingMail.objects.exists()


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.action != "view"],
    ids=lambda r: f"{r.method}-{r.name}",
)
@pytest.mark.parametrize("who", ["gref", "government"])
def test_region_wide_readers_cannot_change_a_structure(
    client, world, targets, route, who
):
    login(client, getattr(world, who))
    before = database_fingerprint()
    response = call(client, route, targets)
    assert response.status_code in (403, 404)
    assert database_fingerprint() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}")
def test_the_regional_coordinator_succeeds_on_every_route(
    client, world, targets, route
):
    login(client, world.coordinator)
    response = call(client, route, targets)
    assert response.status_code in (200, 302), response.status_code


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.action != "administer"],
    ids=lambda r: f"{r.method}-{r.name}",
)
def test_the_structures_referent_succeeds_on_every_route_of_their_own(
    client, world, targets, route
):
    login(client, world.referent_b)
    response = call(client, route, targets)
    assert response.status_code in (200, 302), response.status_code


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.action == "administer"],
    ids=lambda r: f"{r.method}-{r.name}",
)
def test_a_referent_cannot_move_their_structure_to_another_network(
    client, world, targets, route
):
    login(client, world.referent_b)
    before = database_fingerprint()
    response = call(client, route, targets)
    assert response.status_code == 403
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.action in ("view", "view_members")],
    ids=lambda r: f"{r.method}-{r.name}",
)
def test_the_head_of_the_structures_network_may_read_it(client, world, targets, route):
    login(client, world.network_head_b)
    assert call(client, route, targets).status_code in (200, 302)


def test_no_get_writes_to_the_database(client, world, targets):
    login(client, world.referent_b)
    before = database_fingerprint()
    for route in ROUTES:
        if route.method == "get" and route.action != "administer":
            assert call(client, route, targets).status_code in (200, 302)
    for name in ("dashboard", "structure_list", "organisation_list"):
        assert client.get(reverse(f"extranet:{name}")).status_code == 200
    assert database_fingerprint() == before


# The extranet's one search (``extranet:search``) takes no id: what it shows is
# the matrix's business all the same. Structure B's unpublished practices are
# out of every outsider's reach, through the search as through their pages.
@pytest.mark.parametrize(
    "who",
    [
        "referent_a",
        "professional_a",
        "network_head_a",
        "network_head_b",
        "territorial_officer_a",
        "gref",
        "government",
        "coordinator",
    ],
)
def test_the_search_shows_nobody_another_structures_unpublished_practices(
    client, world, who
):
    from ..factories import practice_in_state

    titles = [
        practice_in_state(
            world, state, structure=world.structure_b, title=f"Passerelle {state}"
        ).title
        for state in ("draft", "submitted", "regional_review", "returned", "archived")
    ]
    login(client, getattr(world, who))
    before = database_fingerprint()
    for params in ({"q": "passerelle"}, {"q": "passerelle", "type": "pratiques"}):
        response = client.get(reverse("extranet:search"), params)
        assert response.status_code == 200
        page = response.content.decode()
        assert not any(title in page for title in titles)
    assert database_fingerprint() == before
