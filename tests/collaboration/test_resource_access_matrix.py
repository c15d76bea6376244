"""The access-control matrix of the resource library: every URL that curates
a resource, asked by a member who only reads (every role but GREF and the
regional coordination), answers 403 or 404 and changes nothing; GREF and the
coordination succeed, so the matrix cannot pass by refusing everything. A
resource in preparation, and its files, answer 404 to every reader whatever
the id; a signed-in user without a role reads nothing; anonymous visitors are
sent to log in."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from collaboration.models import Resource, ResourceVersion

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import UserFactory, resource_document, resource_upload

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    data: dict | None = None
    files: bool = False


EDIT = {
    "title": "Intrus",
    "summary": "Réécrit.",
    "theme": "tools",
    "territory": "",
    "source": "",
}

ROUTES = [
    Route("resources:edit", "get"),
    Route("resources:edit", "post", EDIT),
    Route("resources:version_new", "post", files=True),
    Route("resources:publish", "post"),
    Route("resources:withdraw", "post"),
]

# Library URLs that take an argument and are not in ROUTES, with why.
NOT_IN_MATRIX = {
    # Reading: every member reads a published resource and its files; a
    # resource in preparation answers 404 to them (tested below).
    "resources:detail",
    "resources:download",
}

READERS = [
    "professional_a",
    "referent_a",
    "referent_b",
    "network_head_a",
    "territorial_officer_a",
    "government",
]
CURATORS = ["gref", "coordinator"]


@pytest.fixture
def targets(world):
    return {
        "published": resource_document(world, title="Publiée"),
        "draft": resource_document(world, published=False, title="En préparation"),
    }


def call(client, route: Route, resource):
    url = reverse(route.name, args=[resource.pk])
    if route.method == "get":
        return client.get(url)
    data = dict(route.data or {})
    if route.files:
        data.update(file=resource_upload(text="Version intruse"), note="intrus")
    return client.post(url, data)


def fingerprint() -> tuple:
    return (
        database_fingerprint(),
        tuple(Resource.objects.values_list("pk", "title", "status", "updated_at")),
        tuple(ResourceVersion.objects.values_list("pk", "number")),
    )


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}")
@pytest.mark.parametrize("who", READERS)
@pytest.mark.parametrize("target", ["published", "draft"])
def test_readers_cannot_curate(client, world, targets, route, who, target):
    login(client, getattr(world, who))
    before = fingerprint()
    response = call(client, route, targets[target])
    assert response.status_code in (403, 404), response.status_code
    assert fingerprint() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}")
@pytest.mark.parametrize("who", CURATORS)
def test_gref_and_the_coordination_curate(client, world, targets, route, who):
    login(client, getattr(world, who))
    # Publish applies to the resource in preparation; the rest to the published.
    target = (
        targets["draft"] if route.name == "resources:publish" else targets["published"]
    )
    assert call(client, route, target).status_code in (200, 302)


@pytest.mark.parametrize("who", READERS)
def test_readers_get_404_for_a_resource_in_preparation_and_its_files(
    client, world, targets, who
):
    login(client, getattr(world, who))
    draft = targets["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    url = reverse("resources:download", args=[draft.pk, 1])
    assert client.get(url).status_code == 404
    published = targets["published"]
    assert client.get(published.get_absolute_url()).status_code == 200
    url = reverse("resources:download", args=[published.pk, 1])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", READERS)
def test_readers_cannot_create(client, world, who):
    login(client, getattr(world, who))
    assert client.get(reverse("resources:new")).status_code == 403
    response = client.post(reverse("resources:new"), {**EDIT, "url": "https://x.fr"})
    assert response.status_code == 403
    assert Resource.objects.count() == 0


def test_a_signed_in_user_without_a_role_reads_nothing(client, world, targets):
    login(client, UserFactory())
    assert client.get(reverse("resources:list")).status_code == 403
    published = targets["published"]
    assert client.get(published.get_absolute_url()).status_code == 404
    url = reverse("resources:download", args=[published.pk, 1])
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, world, targets):
    published = targets["published"]
    for url in (
        reverse("resources:list"),
        reverse("resources:new"),
        published.get_absolute_url(),
        reverse("resources:download", args=[published.pk, 1]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "connexion" in response["Location"] or "login" in response["Location"]


def test_every_library_url_with_an_argument_is_in_the_matrix():
    from collaboration.resources_urls import urlpatterns

    with_id = {f"resources:{p.name}" for p in urlpatterns if p.pattern.converters}
    assert with_id - ({r.name for r in ROUTES} | NOT_IN_MATRIX) == set()


def test_no_get_writes_to_the_database(client, world, targets):
    login(client, world.gref)
    before = fingerprint()
    for resource in targets.values():
        for name in ("resources:detail", "resources:edit"):
            assert client.get(reverse(name, args=[resource.pk])).status_code == 200
        url = reverse("resources:download", args=[resource.pk, 1])
        assert client.get(url).status_code == 200
    assert client.get(reverse("resources:list")).status_code == 200
    assert fingerprint() == before
