"""The public site's search also finds the services the structures publish
from the service map: in their own section, counted, each linked to its
structure's public page; never a private entry, a local actor, or an entry of
a structure the directory does not show; at a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.search.selectors import search_site

from ..factories import ServiceEntryFactory, StructureFactory, local_actor

pytestmark = pytest.mark.django_db

WORD = "permis"


@pytest.fixture
def entries(world):
    hidden = StructureFactory(is_published=False)
    return {
        "public": ServiceEntryFactory(
            structure=world.structure_b,
            title="Financer son permis de conduire",
            is_public=True,
        ),
        "private": ServiceEntryFactory(
            structure=world.structure_a,
            title="Le permis en interne",
            is_public=False,
        ),
        "unpublished": ServiceEntryFactory(
            structure=hidden, title="Le permis d'une structure cachée", is_public=True
        ),
        "actor": local_actor(world.territory_b, title="Auto-école sociale du permis"),
    }


def section(results) -> dict:
    return next(other for other in results.others if other["key"] == "prestations")


def test_public_entries_are_found_and_only_they(entries):
    found = section(search_site(WORD))
    assert [e.title for e in found["rows"]] == [entries["public"].title]
    assert found["count"] == 1


def test_the_page_shows_them_in_their_own_section_linked_to_the_structure(
    client, world, entries
):
    response = client.get(reverse("search"), {"q": WORD})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h2 id="res-prestations">1 prestation d&#x27;une structure</h2>' in page
    detail = reverse("directory:detail", args=[world.structure_b.organisation.slug])
    assert f'href="{detail}#servicemap-public-title"' in page
    assert entries["public"].title in page
    for hidden in ("private", "unpublished", "actor"):
        assert entries[hidden].title not in page
    assert "1 résultat pour « permis »" in page


def test_a_structure_unpublished_later_takes_its_services_out(world, entries):
    world.structure_b.is_published = False
    world.structure_b.save()
    assert section(search_site(WORD))["count"] == 0


def test_without_a_match_there_is_no_section(client, entries):
    page = client.get(reverse("search"), {"q": "boulangerie"}).content.decode()
    assert 'id="res-prestations"' not in page
    assert "Aucun résultat : d'autres pistes" in page


def test_an_empty_query_searches_nothing(entries):
    with CaptureQueriesContext(connection) as ctx:
        results = search_site("   ")
    assert results.others == () and results.total == 0
    assert not ctx.captured_queries


def test_the_services_cost_one_query_however_many_match(world):
    def queries() -> tuple[int, int]:
        search_site(WORD)  # warm the per-process caches (content types, Wagtail)
        with CaptureQueriesContext(connection) as ctx:
            results = search_site(WORD, limit=20)
        on_entries = [
            q for q in ctx.captured_queries if "collaboration_serviceentry" in q["sql"]
        ]
        return len(ctx.captured_queries), len(on_entries), section(results)["count"]

    for n in range(3):
        ServiceEntryFactory(
            structure=world.structure_b, title=f"Permis {n}", is_public=True
        )
    few, on_entries, count = queries()
    assert (on_entries, count) == (1, 3)
    for n in range(3, 30):
        ServiceEntryFactory(
            structure=world.structure_a, title=f"Permis {n}", is_public=True
        )
    many, on_entries, count = queries()
    assert (on_entries, count) == (1, 30)
    assert many == few
    assert len(section(search_site(WORD, limit=20))["rows"]) == 20
