"""Open-data exports are built once per change of the public content, then
served from the cache and streamed; a change is in the very next download."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..factories import StructureFactory
from .conftest import export

pytestmark = pytest.mark.django_db

EXPORTS = [
    "directory:open_data_csv",
    "directory:open_data_json",
    "directory:data_inclusion_structures",
    "directory:data_inclusion_services",
]


@pytest.mark.parametrize("route", EXPORTS)
def test_a_second_download_reads_nothing_from_the_database(client, route):
    StructureFactory.create_batch(3)
    first = export(client, route)
    with CaptureQueriesContext(connection) as ctx:
        second = export(client, route)
    assert second == first
    assert ctx.captured_queries == []


@pytest.mark.parametrize("route", EXPORTS)
def test_a_structure_changed_is_in_the_next_download(client, route):
    structure = StructureFactory(city="Lannion")
    assert "Lannion" in str(export(client, route))
    structure.city = "Paimpol"
    structure.save()
    assert "Paimpol" in str(export(client, route))


@pytest.mark.parametrize("route", EXPORTS)
def test_an_export_is_streamed_with_its_length_and_an_etag(client, route):
    StructureFactory()
    response = client.get(reverse(route))
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(body)
    again = client.get(reverse(route), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_the_etag_changes_with_the_content(client):
    structure = StructureFactory()
    route = reverse("directory:data_inclusion_structures")
    before = client.get(route)["ETag"]
    structure.description = "Un accueil pour tous les publics, sans rendez-vous."
    structure.save()
    after = client.get(route, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert after["ETag"] != before


def test_links_in_an_export_follow_the_address_it_was_asked_at(client):
    StructureFactory()
    a = export(client, "directory:data_inclusion_structures")
    b = client.get(
        reverse("directory:data_inclusion_structures"), HTTP_HOST="autre.example"
    )
    assert a[0]["lien_source"].startswith("http://testserver/")
    assert b"http://autre.example/" in b"".join(b.streaming_content)
