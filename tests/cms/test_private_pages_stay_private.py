"""A page made private stays private at once, though the site and the private
pages are read once per version of the public content, not on every page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_a_public_page_is_served_without_reading_sites_or_restrictions(
    client, site_tree
):
    url = site_tree["legal"].url
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    read = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "wagtailcore_site" not in read
    assert "wagtailcore_pageviewrestriction" not in read


def test_a_page_made_private_asks_to_log_in_at_once(client, site_tree):
    agenda = site_tree["agenda"]
    assert client.get(agenda.url).status_code == 200
    PageViewRestriction.objects.create(
        page=agenda, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(agenda.url)
    assert response.status_code == 302
    assert "/extranet/connexion/" in response["Location"]


def test_a_page_under_a_password_asks_for_it(client, site_tree):
    news = site_tree["news"]
    client.get(news.url)
    PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(news.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_a_page_made_public_again_is_served_at_once(client, site_tree):
    agenda = site_tree["agenda"]
    restriction = PageViewRestriction.objects.create(
        page=agenda, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(agenda.url).status_code == 302
    restriction.delete()
    assert client.get(agenda.url).status_code == 200


def test_a_change_of_site_is_read_at_once(client, site_tree, site_home):
    from wagtail.models import Site

    assert client.get("/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.root_page = site_tree["agenda"]
    site.save()
    assert "Agenda" in client.get("/").content.decode().split("<h1>")[1][:40]
