"""A structure's card in the public directory links to online booking while
it has slots the public may book now, at no extra query; a page showing the
link is cached only briefly (the slots change without the card changing)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ..factories import booked, slot_for

pytestmark = pytest.mark.django_db

LINK = "Prendre rendez-vous en ligne"


def detail(world):
    return reverse("directory:detail", args=[world.structure_b.organisation.slug])


def test_the_link_shows_only_with_open_public_slots(client, world):
    assert LINK not in client.get(detail(world)).content.decode()
    slot_for(world, bookable_by="referrers")
    assert LINK not in client.get(detail(world)).content.decode()
    public = slot_for(world, in_days=6)
    page = client.get(detail(world)).content.decode()
    assert LINK in page
    slots_url = reverse(
        "reception_public:slots", args=[world.structure_b.organisation.slug]
    )
    assert slots_url in page
    booked(world, public)
    assert LINK not in client.get(detail(world)).content.decode()


def test_the_link_costs_no_query(client, world):
    url = detail(world)

    def queries_of_the_page():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        return response.content.decode(), len(ctx.captured_queries)

    page, without_link = queries_of_the_page()
    assert LINK not in page
    slot_for(world)
    page, with_link = queries_of_the_page()
    assert LINK in page
    assert with_link == without_link


def test_a_page_with_the_link_is_cached_briefly(rf, world):
    from cms.directory.views import structure_detail

    slug = world.structure_b.organisation.slug
    request = rf.get(detail(world))
    structure_detail(request, slug)
    without = getattr(request, "_public_page_true_until", None)
    slot_for(world)
    request = rf.get(detail(world))
    structure_detail(request, slug)
    until = request._public_page_true_until
    assert until <= timezone.now() + datetime.timedelta(seconds=120)
    assert without is None or without > until
