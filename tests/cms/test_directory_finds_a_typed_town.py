"""Typing a town finds it: "Lorient, Morbihan", "lorient" or a postcode locates the
town from the communes the project ships and sorts the structures by distance
from it, without JavaScript; the site search finds structures by the service
they offer; result cards show the phone; an empty result is never a dead end."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.search.selectors import search_site
from extranet.models import Structure
from extranet.places import find_town

from ..factories import StructureFactory
from .directory_helpers import listed_names

pytestmark = pytest.mark.django_db

LORIENT = (Decimal("47.74800"), Decimal("-3.37000"))
VANNES = (Decimal("47.65800"), Decimal("-2.76000"))
BREST = (Decimal("48.39029"), Decimal("-4.48628"))


@pytest.fixture
def places(world):
    """Three structures far apart; the world's own stay in Rennes."""
    in_force = date(timezone.localdate().year, 12, 31)
    return {
        "lorient": StructureFactory(
            organisation__name="Mission locale du Pays de Lorient",
            postcode="56100",
            city="Lorient",
            latitude=LORIENT[0],
            longitude=LORIENT[1],
            phone="02 97 21 00 00",
            service_vae=True,
        ),
        "vannes": StructureFactory(
            organisation__name="CIO de Vannes",
            postcode="56000",
            city="Vannes",
            latitude=VANNES[0],
            longitude=VANNES[1],
            service_api=True,
            convention_valid_until=in_force,
        ),
        "brest": StructureFactory(
            organisation__name="Point information de Brest",
            postcode="29200",
            city="Brest",
            latitude=BREST[0],
            longitude=BREST[1],
            service_vae=True,
        ),
    }


def text(response) -> str:
    return re.sub(
        r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    )


@pytest.mark.parametrize(
    "typed",
    ["Lorient, Morbihan", "lorient", "LORIENT", "Lorient (56)", "Lorient 56", "56100"],
)
def test_a_typed_town_sorts_every_structure_from_it(client, places, typed):
    names = listed_names(client, q=typed)

    # Vannes 55 km, Brest 110 km, then the world's structures in Rennes (130 km).
    assert names[:3] == [
        places["lorient"].name,
        places["vannes"].name,
        places["brest"].name,
    ]
    assert len(names) == Structure.objects.published().count()
    page = text(client.get(reverse("directory:list"), {"q": typed}))
    assert "de la plus proche à la plus éloignée de Lorient (Morbihan)" in page
    assert re.search(r"À \d+,\d km environ", page)


def test_names_are_found_however_they_are_typed():
    assert find_town("st malo").name == "Saint-Malo"
    assert find_town("SAINT-BRIEUC, Côtes-d'Armor").name == "Saint-Brieuc"
    assert find_town("quimper (finistere)").name == "Quimper"
    assert find_town("Lorient, Finistère") is None  # not in that département
    assert find_town("Mission locale") is None


def test_a_text_that_is_no_town_still_searches_names(client, places):
    assert listed_names(client, q="CIO de Vannes") == [places["vannes"].name]


def test_a_service_and_a_town_give_the_nearest_offering_it(client, places):
    names = listed_names(client, q="Lorient", service="vae")
    assert names == [places["lorient"].name, places["brest"].name]


def test_result_cards_show_the_phone_as_a_link(client, places):
    page = client.get(reverse("directory:list"), {"q": "Lorient"}).content.decode()
    assert '<a href="tel:+33297210000">02 97 21 00 00</a>' in page


def test_an_empty_result_proposes_the_nearest_that_offer_the_service(client, places):
    response = client.get(
        reverse("directory:list"),
        {"q": "Lorient", "service": "api", "departement": "29"},
    )

    page = text(response)
    assert response.context["paginator"].count == 0
    assert (
        "Aucune structure ne propose « Accueil personnalisé et individualisé »" in page
    )
    assert "convention de l'année est en vigueur" in page
    assert (
        "Les plus proches qui proposent « Accueil personnalisé et individualisé »"
        in page
    )
    assert [s.name for s in response.context["alternatives"]][0] == places[
        "vannes"
    ].name
    assert "?service=api" in response.content.decode()


@pytest.mark.parametrize("query", ["VAE", "vae", "validation des acquis"])
def test_the_site_search_finds_structures_by_the_service_they_offer(places, query):
    found = search_site(query)

    assert {s.name for s in found.structures} == {
        places["lorient"].name,
        places["brest"].name,
    }
    assert [s.value for s in found.service_choices] == ["vae"]


def test_a_service_and_a_place_in_the_site_search_narrow_together(places):
    found = search_site("conseil en VAE Lorient")
    assert [s.name for s in found.structures] == [places["lorient"].name]


def test_site_search_results_show_the_phone(client, places):
    page = client.get("/recherche/", {"q": "VAE"}).content.decode()
    assert 'href="tel:+33297210000"' in page
    assert "/structures/?service=vae" in page
