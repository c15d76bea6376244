"""The map's GeoJSON: points [lon, lat] of the published structures, same filters."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..factories import StructureFactory
from .conftest import conventions_in_force

pytestmark = pytest.mark.django_db


def test_the_geojson_is_a_feature_collection_of_points(client, world):
    conventions_in_force()
    response = client.get(reverse("directory:geojson"))
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3
    feature = next(
        f for f in data["features"] if f["properties"]["name"] == world.structure_a.name
    )
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {
        "type": "Point",
        "coordinates": [
            float(world.structure_a.longitude),
            float(world.structure_a.latitude),
        ],
    }
    assert feature["properties"] == {
        "name": world.structure_a.name,
        "url": f"/structures/{world.structure_a.organisation.slug}/",
        "city": "Rennes",
        "services": ["api", "cep"],
    }


def test_the_geojson_honours_the_filters(client, world):
    data = client.get(reverse("directory:geojson"), {"departement": "29"}).json()
    names = {f["properties"]["name"] for f in data["features"]}
    assert names == {world.structure_a2.name, world.structure_b.name}


def test_the_geojson_leaves_out_hidden_structures_and_missing_points(client, world):
    hidden = StructureFactory(is_published=False)
    closed = StructureFactory()
    closed.organisation.is_active = False
    closed.organisation.save()
    nowhere = StructureFactory(latitude=None, longitude=None)
    data = client.get(reverse("directory:geojson")).json()
    names = {f["properties"]["name"] for f in data["features"]}
    assert not names & {hidden.name, closed.name, nowhere.name}
