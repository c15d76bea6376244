"""Pages run a bounded number of queries, whatever the number of structures."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..conftest import login
from ..factories import StructureFactory, member

# Measured budgets (see the closing note); a change that adds queries must say why.
BUDGETS = {
    # + the local plans waiting for the officer or the coordination (the
    # engine's one query per binding), + the bodies the user sits in (the
    # chairs' to-do: minutes to approve), + the free-text survey answers
    # waiting for who runs campaigns
    "dashboard": 15,
    # + the exceptions to its hours still to come, + its entries in the service
    # map (one query, whatever their number), + the good practices' section
    # (its two counts in one query)
    "structure_detail": 15,
    "structure_edit": 12,
    "structure_list": 12,
    "organisation_members": 12,
    "organisation_list": 12,
}


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def page_urls(world) -> dict[str, str]:
    return {
        "dashboard": reverse("extranet:dashboard"),
        "structure_detail": reverse(
            "extranet:structure_detail", args=[world.structure_a.pk]
        ),
        "structure_edit": reverse(
            "extranet:structure_edit", args=[world.structure_a.pk]
        ),
        "structure_list": reverse("extranet:structure_list"),
        "organisation_members": reverse(
            "extranet:organisation_members", args=[world.structure_a.organisation_id]
        ),
        "organisation_list": reverse("extranet:organisation_list"),
    }


@pytest.mark.parametrize("who", ["referent_a", "coordinator", "network_head_a"])
def test_extranet_pages_stay_within_budget_and_do_not_grow_with_structures(
    client, world, who
):
    user = getattr(world, who)
    login(client, user)
    urls = page_urls(world)
    if who == "network_head_a":
        urls.pop("structure_edit")  # a network head reads, never edits
    for url in urls.values():  # warm the per-process caches (content types)
        count_queries(client, url)
    before = {name: count_queries(client, url) for name, url in urls.items()}
    for _ in range(40):
        structure = StructureFactory(
            network=world.network_a, territory=world.territory_a
        )
        member("referent", structure.organisation)
    for _ in range(5):
        member("professional", world.structure_a.organisation)
    after = {name: count_queries(client, url) for name, url in urls.items()}
    for name in urls:
        assert after[name] == before[name], (name, before[name], after[name])
        assert after[name] <= BUDGETS[name], (name, after[name])
