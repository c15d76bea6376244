"""One search in the extranet: for a query, how many service entries and good
practices match, the first of each, a filter to one kind (then paginated),
each result linked to its page; without a query, the form and a short help;
a new concern plugs in by one registration."""

from __future__ import annotations

import pytest
from django.urls import reverse

from extranet import registry

from ..conftest import login
from ..factories import PracticeFactory, ServiceEntryFactory

pytestmark = pytest.mark.django_db

URL = "/extranet/recherche/"


def sections(response) -> dict[str, object]:
    return {s.provider.key: s for s in response.context["sections"]}


@pytest.fixture
def found(world):
    entries = [
        ServiceEntryFactory(
            structure=world.structure_b,
            title=f"Aide à la mobilité {n}",
            description="Des solutions de transport pour aller en formation.",
        )
        for n in range(7)
    ]
    ServiceEntryFactory(structure=world.structure_b, title="Atelier CV")
    practices = [
        PracticeFactory(
            structure=world.structure_b,
            title=f"Covoiturage et mobilité des jeunes {n}",
        )
        for n in range(2)
    ]
    PracticeFactory(structure=world.structure_b, title="Un forum des métiers")
    return {"entries": entries, "practices": practices}


def test_the_search_has_its_url_and_a_name():
    assert reverse("extranet:search") == URL


def test_a_query_gives_the_count_of_each_kind_and_its_first_results(
    client, world, found
):
    login(client, world.professional_a)
    response = client.get(URL, {"q": "mobilité"})
    assert response.status_code == 200
    by_kind = sections(response)
    assert list(by_kind) == ["cartographie", "pratiques", "ressources"]
    assert by_kind["cartographie"].count == 7
    assert len(by_kind["cartographie"].rows) == 5
    assert by_kind["pratiques"].count == 2
    assert {p.title for p in by_kind["pratiques"].rows} == {
        p.title for p in found["practices"]
    }
    page = response.content.decode()
    assert "9 résultats pour « mobilité »" in page
    assert "Prestations et acteurs locaux : 7 résultats" in page
    assert "Bonnes pratiques : 2 résultats" in page


def test_each_result_links_to_its_page_and_each_kind_to_its_full_list(
    client, world, found
):
    login(client, world.professional_a)
    page = client.get(URL, {"q": "mobilité"}).content.decode()
    for practice in found["practices"]:
        assert reverse("practices:detail", args=[practice.pk]) in page
    shown = sections(client.get(URL, {"q": "mobilité"}))["cartographie"].rows
    for entry in shown:
        assert reverse("servicemap:entry", args=[entry.pk]) in page
    assert f"{reverse('servicemap:search')}?q=mobilit%C3%A9" in page
    assert f"{reverse('practices:list')}?q=mobilit%C3%A9" in page
    # More than the first five: a link to all of this kind.
    assert "?q=mobilit%C3%A9&amp;type=cartographie" in page


def test_one_kind_alone_is_paginated(client, world):
    login(client, world.referent_a)
    for n in range(25):
        ServiceEntryFactory(structure=world.structure_b, title=f"Permanence VAE {n}")
    PracticeFactory(structure=world.structure_b, title="La VAE expliquée aux jeunes")

    first = client.get(URL, {"q": "VAE", "type": "cartographie"})
    assert first.status_code == 200
    assert "sections" not in first.context
    assert first.context["kind"].key == "cartographie"
    assert len(first.context["page"].object_list) == 20
    assert "25 résultats pour « VAE »" in first.content.decode()
    assert "Page 1 sur 2" in first.content.decode()

    second = client.get(URL, {"q": "VAE", "type": "cartographie", "page": 2})
    assert len(second.context["page"].object_list) == 5

    practices = client.get(URL, {"q": "VAE", "type": "pratiques"})
    assert [p.title for p in practices.context["page"].object_list] == [
        "La VAE expliquée aux jeunes"
    ]


def test_without_a_query_the_page_shows_the_form_and_a_help_and_searches_nothing(
    client, world, found
):
    login(client, world.professional_a)
    for params in ({}, {"q": ""}, {"q": "   "}, {"type": "pratiques"}):
        response = client.get(URL, params)
        assert response.status_code == 200
        assert "sections" not in response.context
        assert "page" not in response.context
        page = response.content.decode()
        assert 'role="search"' in page
        assert "La recherche porte sur" in page
        assert "résultats pour" not in page


def test_the_page_is_accessible_by_construction(client, world, found):
    login(client, world.professional_a)
    page = client.get(URL, {"q": "mobilité"}).content.decode()
    assert page.count("<h1") == 1
    assert '<form method="get" action="/extranet/recherche/"' in page
    assert 'role="search"' in page
    assert '<label for="id_q">' in page
    assert '<label for="id_type">' in page
    assert 'aria-describedby="search-help"' in page
    assert '<p role="status">9 résultats' in page
    assert page.index("<h1") < page.index("<h2")


def test_the_menu_offers_the_search(client, world):
    login(client, world.professional_a)
    page = client.get(reverse("extranet:dashboard")).content.decode()
    assert f'<a href="{URL}">Rechercher</a>' in page
    searched = client.get(URL).content.decode()
    assert f'<a href="{URL}" aria-current="page">Rechercher</a>' in searched


def test_a_new_concern_plugs_in_by_one_registration(client, world, monkeypatch):
    """As the resource library did: register one provider."""
    from extranet.models import Structure

    monkeypatch.setattr(registry, "_search_providers", list(registry._search_providers))
    registry.register_search_provider(
        registry.SearchProvider(
            key="essai",
            label="Essai",
            search=lambda user, query, filters: Structure.objects.filter(
                organisation__name__icontains=query
            ).order_by("pk"),
            row_template="extranet/structures/row.html",
            list_url_name="extranet:structure_list",
            order=90,
        )
    )
    login(client, world.coordinator)
    response = client.get(URL, {"q": world.structure_b.name})
    by_kind = sections(response)
    assert list(by_kind) == ["cartographie", "pratiques", "ressources", "essai"]
    assert by_kind["essai"].count == 1
    assert response.context["form"].fields["type"].choices[-1][0] == "essai"


def test_two_providers_may_not_share_a_key(monkeypatch):
    monkeypatch.setattr(registry, "_search_providers", list(registry._search_providers))
    twin = registry.SearchProvider(
        key="pratiques",
        label="Autre",
        search=lambda user, query, filters: None,
        row_template="x.html",
        list_url_name="practices:list",
    )
    with pytest.raises(ValueError):
        registry.register_search_provider(twin)
