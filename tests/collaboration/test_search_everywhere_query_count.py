"""The extranet's search runs the same number of queries for 3 matching rows
of each kind (entries, practices, resources) as for 30: one query per kind for
its count and first rows, two for one kind's page, whatever the rows show."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..conftest import login
from ..factories import (
    PracticeFactory,
    ServiceEntryFactory,
    local_actor,
    resource_link,
)

pytestmark = pytest.mark.django_db

URL = "/extranet/recherche/"


def rows(world, n: int) -> None:
    for i in range(n):
        structure = world.structure_a if i % 2 else world.structure_b
        ServiceEntryFactory(structure=structure, title=f"Passerelle emploi {i}")
        PracticeFactory(structure=structure, title=f"Une passerelle vers l'emploi {i}")
        resource_link(
            world, title=f"Passerelles vers l'emploi {i}", url=f"https://ex.org/{i}"
        )
    local_actor(world.territory_b, title="Passerelle mobilité")


def queries(client, params: dict) -> int:
    client.get(URL, params)  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["professional_a", "coordinator", "network_head_a"])
@pytest.mark.parametrize(
    "params",
    [
        {"q": "passerelle"},
        {"q": "passerelle", "type": "cartographie"},
        {"q": "passerelle", "type": "pratiques"},
        {"q": "passerelle", "type": "pratiques", "page": 2},
        {"q": "passerelle", "type": "ressources"},
    ],
    ids=["overview", "entries", "practices", "practices-page-2", "resources"],
)
def test_the_search_does_not_grow_with_the_rows(client, world, who, params):
    login(client, getattr(world, who))
    rows(world, 3)
    few = queries(client, params)
    rows(world, 27)
    many = queries(client, params)
    assert many == few
    assert many <= 14


def test_the_overview_reads_each_kind_once(client, world):
    login(client, world.professional_a)
    rows(world, 30)
    client.get(URL, {"q": "passerelle"})
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, {"q": "passerelle"})
    assert [s.count for s in response.context["sections"]] == [31, 30, 30]
    on_entries = [q for q in ctx.captured_queries if "serviceentry" in q["sql"]]
    on_practices = [
        q for q in ctx.captured_queries if '"collaboration_practice"' in q["sql"]
    ]
    on_resources = [
        q for q in ctx.captured_queries if '"collaboration_resource"' in q["sql"]
    ]
    assert len(on_entries) == 1
    assert len(on_practices) == 1
    assert len(on_resources) == 1
