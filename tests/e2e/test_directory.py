"""The public directory in a real browser: accessible, usable without JavaScript,
and its map initialised with JavaScript (tiles may fail: the network is closed)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..factories import StructureFactory
from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def directory(world):
    return StructureFactory(
        organisation__name="Point VAE de Lorient",
        service_vae=True,
        wheelchair_accessible=True,
        postcode="56100",
        city="Lorient",
    )


def test_the_directory_and_its_map_are_accessible(directory, page):
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto("/structures/")
    expect(page.locator("#directory-map.leaflet-container")).to_be_visible()
    expect(page.locator("#directory-map[data-loaded=true]")).to_have_count(1)
    expect(page.locator("#directory-map .leaflet-marker-icon")).to_have_count(4)
    expect(page.get_by_role("button", name="Près de chez moi")).to_be_visible()
    # Leaflet's zoom buttons speak French.
    expect(page.get_by_role("button", name="Zoomer", exact=True)).to_have_attribute(
        "title", "Zoomer"
    )
    expect(page.get_by_role("button", name="Dézoomer")).to_be_visible()
    assert page.locator("#directory-map [title='Zoom in']").count() == 0
    check_accessibility(page)


def test_a_structure_page_is_accessible(directory, page):
    page.goto(f"/structures/{directory.organisation.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Point VAE de Lorient")
    check_accessibility(page)


def test_filtering_by_service_works_without_javascript(directory, page_without_js):
    page = page_without_js
    page.goto("/structures/")
    expect(page.get_by_role("button", name="Près de chez moi")).to_have_count(0)
    expect(page.locator("[data-directory-map]")).to_be_hidden()
    page.get_by_label("Service").select_option("vae")
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"service=vae"))
    expect(page.get_by_role("status")).to_have_text("1 structure trouvée")
    expect(page.locator(".directory-results article")).to_have_count(1)
    expect(page.locator(".directory-results h3")).to_have_text("Point VAE de Lorient")
    # axe needs JavaScript: the same page is checked with it in the first test.
