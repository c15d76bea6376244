"""Pages are found from an index of the tree, read once per version: every
publication, withdrawal, move or deletion is served at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_a_page_is_found_with_one_query_for_itself(client, site_tree):
    url = site_tree["legal"].url
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    pages = [q for q in ctx.captured_queries if "wagtailcore_page" in q["sql"]]
    assert len(pages) == 1, pages


def test_the_breadcrumb_names_every_ancestor_from_home(client, site_tree):
    body = client.get(site_tree["future_event"].url).content.decode()
    trail = body.split('class="breadcrumb"')[1].split("</nav>")[0]
    assert '<a href="/">Accueil</a>' in trail
    assert '<a href="/agenda/">Agenda</a>' in trail
    assert 'aria-current="page"' in trail


def test_an_unpublished_page_is_gone_at_once(client, site_tree):
    page = site_tree["legal"]
    url = page.url
    assert client.get(url).status_code == 200
    page.unpublish()
    assert client.get(url).status_code == 404


def test_a_deleted_page_is_gone_at_once(client, site_tree):
    page = site_tree["resource"]
    url = page.url
    assert client.get(url).status_code == 200
    page.delete()
    assert client.get(url).status_code == 404


def test_a_moved_page_is_served_at_its_new_address(client, site_tree):
    page = site_tree["resource"]
    old = page.url
    assert client.get(old).status_code == 200
    page.move(site_tree["services"], pos="last-child")
    page.refresh_from_db()
    moved = client.get(old)  # Wagtail's redirect, made by the move
    assert (moved.status_code, moved["Location"]) == (301, page.url)
    response = client.get(page.url)
    assert response.status_code == 200
    assert '<a href="/nos-services/">Nos services</a>' in response.content.decode()


def test_a_renamed_page_is_served_at_its_new_address(client, site_tree):
    page = site_tree["legal"]
    old = page.url
    client.get(old)
    page.slug = "mentions"
    page.save_revision().publish()
    assert client.get(old).status_code == 404
    assert client.get("/mentions/").status_code == 200


def test_an_unknown_address_is_a_french_404(client, site_tree):
    response = client.get("/agenda/nulle-part/plus-loin/")
    assert response.status_code == 404
