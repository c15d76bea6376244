"""Sorted by distance when the visitor shares their position (computed in SQL)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ..factories import StructureFactory
from .directory_helpers import listed_names

pytestmark = pytest.mark.django_db

BREST = {"lat": "48.3904", "lon": "-4.4861"}


@pytest.fixture
def towns(db):
    def at(name, lat, lon, **kwargs):
        return StructureFactory(
            organisation__name=name,
            latitude=Decimal(lat) if lat else None,
            longitude=Decimal(lon) if lon else None,
            **kwargs,
        )

    return {
        "rennes": at("A Rennes", "48.11198", "-1.67429"),
        "brest": at("B Brest", "48.39040", "-4.48610", postcode="29200"),
        "unknown": at("C Sans coordonnées", None, None),
        "quimper": at("D Quimper", "47.99600", "-4.10200", postcode="29000"),
        "landerneau": at("E Landerneau", "48.45000", "-4.25000", postcode="29800"),
    }


def test_without_position_the_list_is_alphabetical(client, towns):
    assert listed_names(client)[:2] == ["A Rennes", "B Brest"]


def test_a_point_in_brest_sorts_brest_structures_first(client, towns):
    assert listed_names(client, **BREST) == [
        "B Brest",
        "E Landerneau",
        "D Quimper",
        "A Rennes",
        "C Sans coordonnées",
    ]


def test_the_distance_is_shown_in_kilometres(client, towns):
    from django.urls import reverse

    response = client.get(reverse("directory:list"), BREST)
    structures = list(response.context["page_obj"].object_list)
    rennes = next(s for s in structures if s.name == "A Rennes")
    assert 190 < rennes.distance_km < 220  # Brest–Rennes ≈ 210 km as the crow flies
    assert "À 0,0 km environ" in response.content.decode()


def test_distance_sorting_honours_the_filters(client, towns):
    for key in ("quimper", "rennes"):
        towns[key].service_vae = True
        towns[key].save()
    assert listed_names(client, service="vae", **BREST) == ["D Quimper", "A Rennes"]


def test_half_a_position_is_ignored(client, towns):
    assert listed_names(client, lat="48.39")[:2] == ["A Rennes", "B Brest"]
