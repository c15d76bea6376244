"""Search across pages and structures, in French, with no dead end."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..conftest import is_postgresql
from ..factories import StructureFactory


@pytest.fixture
def structures(world):
    world.structure_a.organisation.name = "Mission locale du Pays de Rennes"
    world.structure_a.organisation.save()
    world.structure_b.organisation.name = "Point information jeunesse de Brest"
    world.structure_b.organisation.save()
    hidden = StructureFactory(is_published=False, city="Rennes")
    hidden.organisation.name = "Mission locale cachée"
    hidden.organisation.save()
    return world


def test_a_town_finds_its_structures_and_only_published_ones(client, structures):
    response = client.get(reverse("search"), {"q": "Rennes"})
    assert response.status_code == 200
    names = [s.organisation.name for s in response.context["results"].structures]
    assert "Mission locale du Pays de Rennes" in names
    assert "Mission locale cachée" not in names
    assert "résultat" in response.content.decode()


def test_a_postcode_finds_the_structures_of_that_town(client, structures):
    response = client.get(reverse("search"), {"q": "29200"})
    names = [s.organisation.name for s in response.context["results"].structures]
    assert "Point information jeunesse de Brest" in names


def test_french_stemming_finds_plural_forms_on_postgresql(client, structures):
    """Only PostgreSQL stems French words; SQLite matches substrings only."""
    if not is_postgresql():
        pytest.skip("French stemming needs PostgreSQL (SQLite has no French stemmer)")
    response = client.get(reverse("search"), {"q": "missions locales"})
    names = [s.organisation.name for s in response.context["results"].structures]
    assert "Mission locale du Pays de Rennes" in names


def test_no_result_suggests_the_directory_and_the_contact_page(client, structures):
    response = client.get(reverse("search"), {"q": "zzzxxyq"})
    content = response.content.decode()
    assert response.context["results"].total == 0
    assert "d'autres pistes" in content
    assert 'href="/structures/"' in content
    assert 'href="/contact/"' in content


def test_a_very_long_search_is_cut_with_a_french_message(client, structures):
    response = client.get(reverse("search"), {"q": "orientation " * 200})
    assert response.status_code == 200
    assert len(response.context["results"].query) <= 200
    assert "trop longue" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "'; DROP TABLE extranet_structure; --",
        "\x00\x1f",
        "%' OR 1=1 --",
        '"unterminated',
        "-",
        "!!!",
    ],
)
def test_hostile_queries_give_a_normal_page_and_are_escaped(client, structures, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
)
@given(query=st.text(max_size=300))
def test_any_text_gives_a_normal_page(client, structures, query):
    assert client.get(reverse("search"), {"q": query}).status_code == 200
