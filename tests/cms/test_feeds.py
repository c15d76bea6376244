"""Feeds and files for machines: RSS, iCalendar, sitemap.xml, robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from icalendar import Calendar

pytestmark = pytest.mark.django_db


def test_the_rss_feed_lists_the_published_news(client, site_tree):
    response = client.get("/actualites/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Un nouvel annuaire"]
    assert channel.find("item").findtext("link").endswith("/actualites/annuaire/")


def test_the_news_index_announces_its_feed(client, site_tree):
    html = client.get("/actualites/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/actualites/rss/"' in html


def test_the_icalendar_feed_parses_and_holds_only_the_coming_events(client, site_tree):
    response = client.get("/agenda/ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [site_tree["future_event"].title]
    event = events[0]
    assert event["LOCATION"] == "Médiathèque, Quimper"
    assert event.decoded("DTSTART") == site_tree["future_event"].start.replace(
        microsecond=0
    )
    assert str(event["URL"]).endswith("/agenda/espace-quimper/")


def test_the_agenda_links_to_its_icalendar_feed(client, site_tree):
    assert 'href="/agenda/ical/"' in client.get("/agenda/").content.decode()


def test_the_sitemap_lists_the_published_pages(client, site_tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {
        loc.text
        for loc in ET.fromstring(response.content).findall(".//s:loc", namespace)
    }
    for key in ["home", "news", "future_event", "service", "resource", "legal"]:
        assert any(loc.endswith(site_tree[key].url) for loc in locations), key


def test_robots_txt_keeps_robots_out_of_the_extranet_and_admin(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /extranet/" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [
        loc.text
        for loc in ET.fromstring(response.content).findall(".//s:loc", namespace)
    ]


@override_settings(SPRO_SITE_URL="https://spro.bretagne.bzh")
def test_the_sitemap_lists_the_directory_and_every_published_structure_on_the_real_host(
    client, site_tree, world
):
    from extranet.models import Structure

    Structure.objects.filter(pk=world.structure_b.pk).update(is_published=False)
    published = Structure.objects.published()
    assert published.exists()

    locations = sitemap_locations(client)

    assert "https://spro.bretagne.bzh/structures/" in locations
    for structure in published:
        url = f"https://spro.bretagne.bzh/structures/{structure.organisation.slug}/"
        assert url in locations
    hidden = world.structure_b.organisation.slug
    assert not any(loc.endswith(f"/structures/{hidden}/") for loc in locations)
    # Wagtail's pages too, never at the demo Site's "localhost".
    assert "https://spro.bretagne.bzh/" in locations
    assert all(loc.startswith("https://spro.bretagne.bzh/") for loc in locations)


@override_settings(SPRO_SITE_URL="https://spro.bretagne.bzh")
def test_robots_txt_points_to_the_sitemap_on_the_real_host(client, site_tree):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: https://spro.bretagne.bzh/sitemap.xml" in lines


def test_each_event_page_offers_its_own_icalendar_file(client, site_tree):
    event = site_tree["future_event"]
    html = client.get(event.url).content.decode()
    assert f'href="{event.url}ical/"' in html
    assert "Ajouter à mon agenda" in html

    response = client.get(f"{event.url}ical/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"].startswith("attachment;")
    (entry,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(entry["SUMMARY"]) == event.title
    assert entry.decoded("DTSTART") == event.start.replace(microsecond=0)
    assert str(entry["LOCATION"]) == f"{event.place}, {event.town}"
    # The same UID as in the agenda's feed: adding both does not double it.
    feed = Calendar.from_ical(client.get("/agenda/ical/").content)
    assert str(entry["UID"]) in {str(e["UID"]) for e in feed.walk("VEVENT")}


def test_an_unpublished_event_has_no_icalendar_file(client, site_tree):
    event = site_tree["future_event"]
    url = f"{event.url}ical/"
    assert client.get(url).status_code == 200

    event.unpublish()

    assert client.get(url).status_code == 404
