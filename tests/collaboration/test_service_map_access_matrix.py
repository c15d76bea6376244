"""The access-control matrix of the service map: every URL that changes an
entry, asked by users outside its owner (another structure, a network head,
another territory's officer, GREF, the State), answers 403 or 404 and changes
nothing; the owner and the Région succeed, so the matrix cannot pass by
refusing everything.

Targets: an entry of structure B (network B, territory B) and a local actor of
territory B. Reading is every member's right (the map is shared): the detail
page is tested apart, with non-members refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from collaboration.models import ServiceEntry
from extranet.models import Role

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import ServiceEntryFactory, entry_form_data, local_actor, member


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    data: dict | None = None


ROUTES = [
    Route("servicemap:entry_edit", "get"),
    Route("servicemap:entry_edit", "post", entry_form_data(title="Intrus")),
    Route("servicemap:entry_review", "post"),
    Route("servicemap:entry_delete", "get"),
    Route("servicemap:entry_delete", "post"),
]

# Service-map URLs that take an argument and are not in ROUTES, with why.
NOT_IN_MATRIX = {
    # Every member of SPRO reads every entry (the map is shared across
    # networks): tested below, non-members refused.
    "servicemap:entry",
    # The argument is a territory's slug, not a tenant's object: the booklet
    # prints what every member may read.
    "servicemap:booklet",
}

STRUCTURE_OUTSIDERS = [
    "referent_a",
    "professional_a",
    "network_head_a",
    "network_head_b",
    "territorial_officer_a",
    "territorial_officer_b",
    "gref",
    "government",
]
ACTOR_OUTSIDERS = [
    "referent_a",
    "referent_b",
    "professional_a",
    "network_head_b",
    "territorial_officer_a",
    "gref",
    "government",
]


@pytest.fixture
def targets(world):
    world.territorial_officer_b = member(
        Role.TERRITORIAL_OFFICER, world.region, territory=world.territory_b
    )
    return {
        "structure": ServiceEntryFactory(structure=world.structure_b).pk,
        "actor": local_actor(world.territory_b).pk,
    }


def call(client, route: Route, pk: int):
    url = reverse(route.name, args=[pk])
    if route.method == "get":
        return client.get(url)
    return client.post(url, route.data or {})


def fingerprint() -> tuple:
    return database_fingerprint(), tuple(
        ServiceEntry.objects.values_list("pk", "title", "updated_at", "reviewed_at")
    )


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}")
@pytest.mark.parametrize("who", STRUCTURE_OUTSIDERS)
def test_outsiders_cannot_touch_a_structures_entry(client, world, targets, route, who):
    login(client, getattr(world, who))
    before = fingerprint()
    response = call(client, route, targets["structure"])
    assert response.status_code in (403, 404), response.status_code
    assert fingerprint() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}")
@pytest.mark.parametrize("who", ACTOR_OUTSIDERS)
def test_outsiders_cannot_touch_a_local_actor(client, world, targets, route, who):
    login(client, getattr(world, who))
    before = fingerprint()
    response = call(client, route, targets["actor"])
    assert response.status_code in (403, 404), response.status_code
    assert fingerprint() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}")
@pytest.mark.parametrize(
    "who, target",
    [
        ("referent_b", "structure"),
        ("territorial_officer_b", "actor"),
        ("coordinator", "structure"),
        ("coordinator", "actor"),
    ],
)
def test_owners_and_the_region_succeed(client, world, targets, route, who, target):
    login(client, getattr(world, who))
    data = dict(route.data or {})
    if target == "actor" and data:
        data.update(actor_name="Plateforme mobilité", actor_domain="mobility")
    url = reverse(route.name, args=[targets[target]])
    response = client.get(url) if route.method == "get" else client.post(url, data)
    assert response.status_code in (200, 302), response.status_code


@pytest.mark.parametrize(
    "who",
    ["referent_a", "network_head_a", "territorial_officer_a", "gref", "government"],
)
def test_every_member_reads_any_entry(client, world, targets, who):
    login(client, getattr(world, who))
    for pk in targets.values():
        assert client.get(reverse("servicemap:entry", args=[pk])).status_code == 200


def test_a_signed_in_user_without_a_role_reads_nothing(client, world, targets):
    from ..factories import UserFactory

    login(client, UserFactory())
    assert client.get(reverse("servicemap:search")).status_code == 403
    url = reverse("servicemap:entry", args=[targets["structure"]])
    assert client.get(url).status_code == 404
    assert client.get(reverse("servicemap:export_csv")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, targets):
    for url in (
        reverse("servicemap:search"),
        reverse("servicemap:entry", args=[targets["structure"]]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/connexion" in response["Location"] or "login" in response["Location"]


def test_every_service_map_url_with_an_argument_is_in_the_matrix():
    from collaboration.servicemap_urls import urlpatterns

    with_id = {f"servicemap:{p.name}" for p in urlpatterns if p.pattern.converters}
    assert with_id - ({r.name for r in ROUTES} | NOT_IN_MATRIX) == set()


def test_no_get_writes_to_the_database(client, world, targets):
    login(client, world.referent_b)
    before = fingerprint()
    for name in (
        "servicemap:entry",
        "servicemap:entry_edit",
        "servicemap:entry_delete",
    ):
        assert client.get(reverse(name, args=[targets["structure"]])).status_code == 200
    assert client.get(reverse("servicemap:search")).status_code == 200
    assert fingerprint() == before
