"""Public pages are cached, and any visible change invalidates them at once."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from ..conftest import login


@pytest.fixture
def page_cache(settings):
    settings.SPRO_PUBLIC_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_a_second_anonymous_visit_is_served_from_the_cache(client, world, page_cache):
    url = reverse("search") + "?q=Rennes"
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"


def test_a_saved_structure_makes_cached_pages_stale(client, world, page_cache):
    url = reverse("search") + "?q=Rennes"
    client.get(url)
    world.structure_a.city = "Rennes"
    world.structure_a.save()
    response = client.get(url)
    assert response["X-Cache"] == "MISS"


def test_the_cached_page_keeps_its_security_headers(client, world, page_cache):
    url = reverse("search") + "?q=Brest"
    client.get(url)
    response = client.get(url)
    assert response["X-Cache"] == "HIT"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_logged_in_users_and_the_extranet_are_never_cached(client, world, page_cache):
    login(client, world.referent_a)
    search = reverse("search") + "?q=Rennes"
    assert "X-Cache" not in client.get(search)
    assert "X-Cache" not in client.get(reverse("extranet:dashboard"))


def test_pages_with_a_form_token_are_not_cached(client, world, page_cache):
    response = client.get(reverse("extranet:login"))
    assert "X-Cache" not in response


def test_publishing_a_page_makes_the_cached_home_page_stale(
    client, site_home, page_cache
):
    assert client.get("/")["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "HIT"
    site_home.intro = "Nouvelle accroche pour la rentrée"
    site_home.save_revision().publish()
    response = client.get("/")
    assert response["X-Cache"] == "MISS"
    assert "Nouvelle accroche pour la rentrée" in response.content.decode()


def test_the_cache_can_be_switched_off(client, world, settings):
    settings.SPRO_PUBLIC_CACHE_SECONDS = 0
    assert "X-Cache" not in client.get(reverse("search") + "?q=Rennes")


def test_the_same_query_written_differently_is_one_cache_entry(
    client, world, page_cache
):
    assert client.get("/structures/?q=Rennes&page=1")["X-Cache"] == "MISS"
    for variant in (
        "/structures/?page=1&q=Rennes",
        "/structures/?q=+Rennes+&page=01",
        "/structures/?q=Rennes&page=1&service=",
    ):
        assert client.get(variant)["X-Cache"] == "HIT", variant


def test_a_url_cannot_grow_the_cache(client, world, page_cache):
    """Unknown parameters, positions, very long values and far pages are served
    normally but never stored: varying them creates no entry (once the cards,
    one per structure whatever the list, are there)."""
    client.get("/structures/?lat=48.1&lon=-1.67")
    entries = len(cache._cache)  # the test cache is local memory
    for n in range(30):
        for url in (
            f"/structures/?q=Rennes&utm_source={n}",
            f"/structures/?lat=48.{n:05d}&lon=-1.67",
            "/structures/?q=" + "x" * 101 + str(n),
            f"/structures/?page={501 + n}",
            f"/recherche/?q=Rennes&bidon={n}",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "X-Cache" not in response, url
    assert len(cache._cache) == entries
