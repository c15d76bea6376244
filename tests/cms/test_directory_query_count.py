"""The directory runs a bounded number of queries, whatever the number of structures."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..factories import StructureFactory

pytestmark = pytest.mark.django_db

BUDGET = 8

ROUTES = [
    ("directory:list", {}),
    ("directory:list", {"service": "api", "lat": "48.39", "lon": "-4.48"}),
    ("directory:geojson", {}),
    ("directory:open_data_csv", {}),
    ("directory:open_data_json", {}),
    ("directory:data_inclusion_structures", {}),
    ("directory:data_inclusion_services", {}),
]


def count(client, route, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(route), params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("route", "params"), ROUTES)
def test_query_count_does_not_grow_with_structures(client, route, params):
    for _ in range(5):
        StructureFactory()
    few = count(client, route, params)
    for _ in range(40):
        StructureFactory()
    many = count(client, route, params)
    assert many == few <= BUDGET, (route, few, many)


def test_the_structure_page_runs_three_queries(client):
    """The structure, the exceptions to its hours still to come, and the
    public sections the apps register (the service map's public entries: one
    query, whatever their number)."""
    structure = StructureFactory()
    url = reverse("directory:detail", args=[structure.organisation.slug])
    client.get(url)  # warm the per-process caches (Wagtail site, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert structure.name in response.content.decode()
    assert len(ctx.captured_queries) == 3, ctx.captured_queries
