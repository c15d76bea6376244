"""Bad input to the resource library gets a French message beside its field,
the page answers 400 with what was typed, and nothing already saved is lost:
files of the wrong type or size, markup in the text, a link and a file at once
(or neither), an address that is not a web page, the same file twice."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collaboration.models import Resource, ResourceVersion

from ..conftest import login
from ..factories import resource_document, resource_link, resource_upload

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Les métiers du numérique",
    "summary": "Fiche « Perspectives ».",
    "theme": "jobs",
    "territory": "",
    "source": "GREF Bretagne",
    "url": "",
    "note": "",
}


def create(client, **changes):
    return client.post(reverse("resources:new"), {**VALID, **changes})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"file": SimpleUploadedFile("outil.exe", b"MZ\x90\x00")},
            "Ce type de fichier n&#x27;est pas accepté",
        ),
        (
            {"file": SimpleUploadedFile("fiche.pdf", b"<script>alert(1)</script>")},
            "PDF",
        ),
        ({}, "Déposez le document, ou donnez l&#x27;adresse du lien."),
        (
            {"url": "https://example.org", "file": resource_upload()},
            "pas les deux",
        ),
        ({"url": "javascript:alert(1)"}, "Saisissez une URL valide."),
        (
            {"url": "https://example.org", "summary": "<script>alert(1)</script>"},
            "balises HTML",
        ),
        (
            {"url": "https://example.org", "theme": "nope"},
            "Sélectionnez un choix valide",
        ),
    ],
)
def test_a_bad_resource_is_refused_in_french_and_nothing_is_saved(
    client, world, changes, message
):
    login(client, world.gref)
    response = create(client, **changes)
    assert response.status_code == 400
    assert message in response.text
    assert "Les métiers du numérique" in response.text  # what was typed is kept
    assert Resource.objects.count() == 0


def test_a_file_over_the_limit_is_refused(client, world, settings):
    settings.SPRO_ATTACHMENT_MAX_MB = 0
    login(client, world.gref)
    response = create(client, file=resource_upload())
    assert response.status_code == 400 and "dépasse" in response.text
    assert Resource.objects.count() == 0


def test_a_bad_version_leaves_the_current_one(client, world):
    resource = resource_document(world)
    login(client, world.gref)
    url = reverse("resources:version_new", args=[resource.pk])
    for data, message in (
        ({"file": SimpleUploadedFile("x.html", b"<script>")}, "pas accepté"),
        ({"file": resource_upload()}, "identique à la version en cours"),
        ({"note": "sans fichier"}, "Choisissez le fichier"),
        ({"file": resource_upload(text="v2"), "note": "<b>gras</b>"}, "balises HTML"),
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.text.replace("&#x27;", "'")
    assert list(resource.versions.values_list("number", flat=True)) == [1]


def test_a_link_has_no_versions(client, world):
    resource = resource_link(world)
    login(client, world.gref)
    response = client.post(
        reverse("resources:version_new", args=[resource.pk]),
        {"file": resource_upload()},
    )
    assert response.status_code == 400
    assert "Un lien n&#x27;a pas de versions" in response.text
    assert ResourceVersion.objects.count() == 0


def test_a_bad_edit_loses_nothing_saved(client, world):
    resource = resource_link(world, title="Financer sa formation")
    login(client, world.gref)
    response = client.post(
        reverse("resources:edit", args=[resource.pk]),
        {**VALID, "title": "", "url": "pas une adresse"},
    )
    assert response.status_code == 400
    assert "Modifier « Financer sa formation »" in response.text
    resource.refresh_from_db()
    assert resource.title == "Financer sa formation"
    assert resource.url == "https://www.gref-bretagne.com/financer-sa-formation"


def test_publishing_twice_says_so_and_changes_nothing(client, world):
    resource = resource_document(world)
    login(client, world.gref)
    response = client.post(reverse("resources:publish", args=[resource.pk]))
    assert response.status_code == 400 and "déjà publiée" in response.text
    response = client.post(reverse("resources:withdraw", args=[resource.pk]))
    response = client.post(reverse("resources:withdraw", args=[resource.pk]))
    assert response.status_code == 400
    assert "Seule une ressource publiée peut être retirée." in response.text
