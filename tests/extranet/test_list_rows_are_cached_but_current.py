"""Rows of the extranet's lists are rendered once and read from the cache, yet
each list shows its rows as they are now."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conventions import definitions as d
from conventions.models import ConventionKind
from workflows import engine

from ..conftest import login
from ..factories import convention_in_state

pytestmark = pytest.mark.django_db


def page(client, route: str) -> str:
    response = client.get(reverse(route))
    assert response.status_code == 200
    return response.content.decode()


def rows(client, route: str) -> str:
    return page(client, route).split("<tbody>")[1].split("</tbody>")[0]


def test_a_convention_moved_on_shows_its_new_state_in_the_list(client, world):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, d.DRAFT)
    login(client, world.coordinator)
    first = rows(client, "conventions:list")
    assert rows(client, "conventions:list") == first  # from the cache
    engine.fire(convention, d.SUBMIT, user=world.referent_a)
    after = rows(client, "conventions:list")
    assert after != first
    assert "Soumise" in after or "soumise" in after


def test_a_structure_changed_shows_in_the_list(client, world):
    login(client, world.coordinator)
    assert world.structure_a.city in page(client, "extranet:structure_list")
    world.structure_a.city = "Plougastel-Daoulas"
    world.structure_a.save()
    assert "Plougastel-Daoulas" in page(client, "extranet:structure_list")


def test_a_renamed_organisation_shows_in_every_list(client, world):
    login(client, world.coordinator)
    page(client, "extranet:structure_list")
    page(client, "extranet:organisation_list")
    organisation = world.structure_a.organisation
    organisation.name = "Mission locale renommée"
    organisation.save()
    assert "Mission locale renommée" in page(client, "extranet:structure_list")
    assert "Mission locale renommée" in page(client, "extranet:organisation_list")


def test_a_shared_row_never_lets_a_referent_see_another_structure(client, world):
    login(client, world.coordinator)
    page(client, "extranet:structure_list")  # every row now cached
    client.logout()
    login(client, world.referent_b)
    listed = page(client, "extranet:structure_list")
    assert world.structure_b.organisation.name in listed
    assert world.structure_a.organisation.name not in listed


def test_the_follow_up_shows_a_convention_moved_on_at_once(client, world):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, d.DRAFT)
    login(client, world.coordinator)
    first = rows(client, "conventions:overview")
    assert rows(client, "conventions:overview") == first  # from the cache
    engine.fire(convention, d.SUBMIT, user=world.referent_a)
    assert rows(client, "conventions:overview") != first
