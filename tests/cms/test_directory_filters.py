"""The directory lists every published structure and each filter narrows it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from extranet.models import Structure

from ..factories import NetworkFactory, StructureFactory, TerritoryFactory
from .directory_helpers import listed_names

pytestmark = pytest.mark.django_db


def test_the_directory_lists_every_published_structure(client, world):
    names = listed_names(client)
    assert set(names) == {
        world.structure_a.name,
        world.structure_a2.name,
        world.structure_b.name,
    }


def test_unpublished_and_inactive_structures_are_never_listed(client, world):
    hidden = StructureFactory(is_published=False)
    closed = StructureFactory()
    closed.organisation.is_active = False
    closed.organisation.save()
    names = listed_names(client)
    assert hidden.name not in names
    assert closed.name not in names
    for structure in (hidden, closed):
        url = reverse("directory:detail", args=[structure.organisation.slug])
        assert client.get(url).status_code == 404


def test_filter_by_service_keeps_structures_delivering_it(client, world):
    vae = StructureFactory(service_vae=True)
    assert listed_names(client, service="vae") == [vae.name]


def test_filter_by_territory_keeps_its_structures(client, world):
    names = listed_names(client, territory="rennes")
    assert names == [world.structure_a.name]


def test_filter_by_departement_keeps_its_structures(client, world):
    names = listed_names(client, departement="29")
    assert set(names) == {world.structure_a2.name, world.structure_b.name}


def test_filter_by_network_keeps_its_structures(client, world):
    names = listed_names(client, network=world.network_b.slug)
    assert names == [world.structure_b.name]


def test_filter_by_channel_keeps_structures_offering_it(client, world):
    chat = StructureFactory(channel_chat=True, chat_url="https://chat.example/ml")
    assert listed_names(client, channel="chat") == [chat.name]


def test_filter_by_wheelchair_access_keeps_accessible_structures(client, world):
    accessible = StructureFactory(wheelchair_accessible=True)
    assert listed_names(client, accessible="on") == [accessible.name]


def test_search_by_town_finds_its_structures(client, world):
    quimper = StructureFactory(
        city="Quimper",
        postcode="29000",
        territory=TerritoryFactory(slug="quimper", name="Quimper", departement="29"),
    )
    assert listed_names(client, q="quimp") == [quimper.name]


def test_search_by_postcode_lists_its_structures_first(client, world):
    # Brest's structures at Brest (the factory puts every structure in Rennes).
    Structure.objects.filter(
        pk__in=[world.structure_a2.pk, world.structure_b.pk]
    ).update(latitude=Decimal("48.39029"), longitude=Decimal("-4.48628"))
    names = listed_names(client, q="29200")
    assert set(names[:2]) == {world.structure_a2.name, world.structure_b.name}
    assert world.structure_a.name in names[2:]


def test_filters_combine(client, world):
    for structure in (world.structure_a, world.structure_a2, world.structure_b):
        structure.convention_valid_until = date(timezone.localdate().year, 12, 31)
        structure.save()
    names = listed_names(
        client, departement="29", network=world.network_a.slug, service="api"
    )
    assert names == [world.structure_a2.name]


def test_only_structures_with_a_convention_in_force_deliver_the_api(client, world):
    """Section 2.2: declaring the service is not enough, a convention must bind it."""
    this_year = timezone.localdate().year
    world.structure_a.convention_valid_until = date(this_year, 12, 31)
    world.structure_a.save()
    world.structure_b.convention_valid_until = date(this_year - 1, 12, 31)
    world.structure_b.save()
    assert listed_names(client, service="api") == [world.structure_a.name]
    page = client.get(
        reverse("directory:detail", args=[world.structure_b.organisation.slug])
    ).content.decode()
    assert "Accueil personnalisé et individualisé" not in page


def test_the_result_count_is_announced(client, world):
    response = client.get(reverse("directory:list"), {"departement": "29"})
    assert 'role="status"' in response.content.decode()
    assert "2 structures trouvées" in response.content.decode()


def test_the_list_is_paginated_by_twenty(client, db):
    network = NetworkFactory()
    for _ in range(23):
        StructureFactory(
            network=network,
            convention_valid_until=date(timezone.localdate().year, 12, 31),
        )
    assert len(listed_names(client)) == 20
    assert len(listed_names(client, page=2)) == 3
    response = client.get(reverse("directory:list"), {"page": 2, "service": "api"})
    assert "service=api&amp;page=1" in response.content.decode()


def test_the_map_tiles_host_is_allowed_by_the_content_security_policy(client, db):
    response = client.get(reverse("directory:list"))
    policy = response["Content-Security-Policy"]
    img_src = next(d for d in policy.split(";") if d.strip().startswith("img-src"))
    assert "https://tile.openstreetmap.org" in img_src
    assert 'data-tiles-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in (
        response.content.decode()
    )
