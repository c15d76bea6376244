"""The resource library as its users meet it: GREF prepares a document, which
no reader sees until it is published; every member then finds and downloads
it; a new version becomes the current one and the earlier ones stay; a
withdrawn resource leaves the readers' library and is kept; every change is
in the history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from collaboration.models import Resource, ResourceVersion
from collaboration.resources import services

from ..conftest import login
from ..factories import (
    resource_data,
    resource_document,
    resource_link,
    resource_upload,
)

pytestmark = pytest.mark.django_db


def download(client, resource, number=1):
    return client.get(reverse("resources:download", args=[resource.pk, number]))


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_resource_in_preparation_is_seen_by_its_curators_only(client, world):
    resource = resource_document(world, published=False, title="Données Brest 2026")
    login(client, world.professional_a)
    assert "Données Brest 2026" not in client.get(reverse("resources:list")).text
    assert client.get(resource.get_absolute_url()).status_code == 404
    assert download(client, resource).status_code == 404
    for curator in (world.gref, world.coordinator):
        login(client, curator)
        page = client.get(reverse("resources:list")).text
        assert "Données Brest 2026" in page and "En préparation" in page
        assert download(client, resource).status_code == 200


def test_a_published_document_is_found_and_downloaded_by_every_member(client, world):
    resource = resource_document(world, title="Les métiers du soin")
    for who in ("professional_a", "referent_b", "network_head_a", "government"):
        login(client, getattr(world, who))
        assert "Les métiers du soin" in client.get(reverse("resources:list")).text
        response = download(client, resource)
        assert response.status_code == 200
        assert content_of(response).startswith(b"%PDF")
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "fiche-metier.pdf" in response["Content-Disposition"]


def test_a_new_version_becomes_current_and_the_earlier_ones_stay(client, world):
    resource = resource_document(world)
    login(client, world.gref)
    response = client.post(
        reverse("resources:version_new", args=[resource.pk]),
        {
            "file": resource_upload("fiche-2027.pdf", "Édition 2027"),
            "note": "Chiffres 2027",
        },
    )
    assert response.status_code == 302
    assert list(resource.versions.values_list("number", flat=True)) == [2, 1]
    login(client, world.professional_a)
    page = client.get(resource.get_absolute_url()).text
    assert "Chiffres 2027" in page and "Édition 2026" in page
    assert "fiche-2027.pdf" in download(client, resource, 2)["Content-Disposition"]
    assert "fiche-metier.pdf" in download(client, resource, 1)["Content-Disposition"]
    assert download(client, resource, 3).status_code == 404


def test_a_withdrawn_resource_leaves_the_library_and_is_kept(client, world):
    resource = resource_document(world, title="Ancienne grille des aides")
    login(client, world.coordinator)
    assert (
        client.post(reverse("resources:withdraw", args=[resource.pk])).status_code
        == 302
    )
    login(client, world.referent_a)
    assert "Ancienne grille" not in client.get(reverse("resources:list")).text
    assert download(client, resource).status_code == 404
    assert ResourceVersion.objects.filter(resource=resource).count() == 1
    login(client, world.gref)
    assert (
        client.post(reverse("resources:publish", args=[resource.pk])).status_code == 302
    )
    login(client, world.referent_a)
    assert client.get(resource.get_absolute_url()).status_code == 200


def test_a_curator_creates_a_document_through_the_form(client, world):
    login(client, world.gref)
    response = client.post(
        reverse("resources:new"),
        {
            "title": "Panorama emploi-formation du pays de Brest",
            "summary": "Les chiffres clés du territoire.",
            "theme": "territory_data",
            "territory": world.territory_b.pk,
            "source": "GREF Bretagne",
            "file": resource_upload("panorama.xlsx", "Chiffres"),
            "note": "Données 2025",
        },
    )
    resource = Resource.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == resource.get_absolute_url()
    )
    assert resource.status == "draft" and resource.created_by == world.gref
    version = resource.versions.get()
    assert (version.number, version.kind, version.note) == (1, "xlsx", "Données 2025")
    assert (
        client.post(reverse("resources:publish", args=[resource.pk])).status_code == 302
    )
    resource.refresh_from_db()
    assert resource.status == "published" and resource.published_at


def test_a_link_opens_in_a_new_window_without_the_opener(client, world):
    resource = resource_link(world)
    login(client, world.professional_a)
    page = client.get(resource.get_absolute_url()).text
    assert 'href="https://www.gref-bretagne.com/financer-sa-formation"' in page
    assert 'rel="noopener noreferrer"' in page
    assert "Déposer une nouvelle version" not in page


def test_a_territory_filter_keeps_what_holds_for_all_of_bretagne(client, world):
    resource_document(world, title="Fiche régionale")
    resource_link(world, title="Données de Brest", territory=world.territory_b)
    resource_link(
        world,
        title="Données de Rennes",
        territory=world.territory_a,
        url="https://example.org/rennes",
    )
    login(client, world.professional_a)
    page = client.get(
        reverse("resources:list"), {"territoire": world.territory_b.pk}
    ).text
    assert "Fiche régionale" in page and "Données de Brest" in page
    assert "Données de Rennes" not in page
    page = client.get(reverse("resources:list"), {"format": "link", "q": "rennes"}).text
    assert "Données de Rennes" in page and "Fiche régionale" not in page


def test_every_change_is_in_the_history_with_who_did_it(world):
    resource = resource_document(world)
    services.resource_update(
        resource=resource,
        actor=world.coordinator,
        data=resource_data(title="Les métiers de l'aide à la personne"),
    )
    services.resource_add_version(
        resource=resource, actor=world.gref, upload=resource_upload(text="v2")
    )
    services.resource_withdraw(resource=resource, actor=world.coordinator)
    rows = list(resource.history.order_by("history_date", "history_id"))
    assert [(r.history_change_reason, r.history_user) for r in rows] == [
        ("create", world.gref),
        ("publish", world.gref),
        ("update", world.coordinator),
        ("version 2", world.gref),
        ("withdraw", world.coordinator),
    ]
    assert ResourceVersion.history.filter(history_user=world.gref).count() == 2


def test_the_library_costs_the_same_queries_for_3_or_30_resources(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        client.get(reverse("resources:list"))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("resources:list")).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        resource_document(world, title=f"Fiche {n}", territory=world.territory_a)
    login(client, world.professional_a)
    few = queries()
    for n in range(27):
        resource_link(world, title=f"Lien {n}", url=f"https://example.org/{n}")
    assert queries() == few


def test_the_curators_find_what_waits_to_be_published_on_their_dashboard(client, world):
    resource_document(world, published=False, title="Portrait du pays de Brest")
    resource_document(world, title="Déjà publiée")
    for curator in (world.gref, world.coordinator):
        login(client, curator)
        page = client.get(reverse("extranet:dashboard")).text
        assert "Ressource à publier : Portrait du pays de Brest" in page
        assert "Déjà publiée" not in page
    login(client, world.professional_a)
    assert "Ressource à publier" not in client.get(reverse("extranet:dashboard")).text
