"""Odd input to the extranet's search never gives a 500: a very long query is
ignored with a French message, any characters are searched or escaped, an
unknown kind is reported and the search covers every kind, a bad page number
gives a page."""

from __future__ import annotations

import html

import pytest

from ..conftest import login
from ..factories import PracticeFactory, ServiceEntryFactory

pytestmark = pytest.mark.django_db

URL = "/extranet/recherche/"


@pytest.fixture
def searcher(client, world):
    ServiceEntryFactory(structure=world.structure_b, title="Garantie jeunes")
    PracticeFactory(structure=world.structure_b, title="Garantie jeunes en atelier")
    login(client, world.professional_a)
    return client


def test_a_very_long_query_is_ignored_with_a_french_message(searcher):
    response = searcher.get(URL, {"q": "jeunes " * 100})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Votre recherche est trop longue (100 caractères au plus)" in page
    assert "sections" not in response.context
    assert "La recherche porte sur" in page


def test_an_unknown_kind_is_reported_and_every_kind_is_searched(searcher):
    response = searcher.get(URL, {"q": "garantie", "type": "inconnu<b>"})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Ce type de résultat n'existe pas" in page
    assert "inconnu" not in page
    assert [s.count for s in response.context["sections"]] == [1, 1, 0]


@pytest.mark.parametrize(
    "query",
    [
        '"garantie',
        "garantie & | ! ( ) :*",
        "-garantie",
        "<script>alert('x')</script>",
        "' OR 1=1 --",
        "jeunes\tgarantie\n",
        "garantie\x07\x1b",
        "🙂 garantie",
        "%%%",
        "\\",
        "a" * 100,
    ],
)
def test_any_characters_give_a_normal_page_escaped(searcher, query):
    response = searcher.get(URL, {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page
    shown = response.context["query"]
    if shown:
        assert html.escape(shown) in page or html.escape(shown, quote=False) in page


def test_a_null_character_is_refused_in_french(searcher):
    response = searcher.get(URL, {"q": "garantie\x00"})
    assert response.status_code == 200
    assert "sections" not in response.context
    assert response.context["problems"] == ["Le caractère nul n’est pas autorisé."]


def test_control_characters_are_spaces(searcher):
    response = searcher.get(URL, {"q": "jeunes\tgarantie\x07"})
    assert response.context["query"] == "jeunes garantie"
    assert [s.count for s in response.context["sections"]] == [1, 1, 0]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1e9", ""])
def test_a_bad_page_number_gives_a_page(searcher, page):
    response = searcher.get(URL, {"q": "garantie", "type": "pratiques", "page": page})
    assert response.status_code == 200
    assert response.context["page"].number >= 1


def test_repeated_parameters_give_a_page(searcher):
    response = searcher.get(URL + "?q=garantie&q=jeunes&type=pratiques&type=x")
    assert response.status_code == 200
