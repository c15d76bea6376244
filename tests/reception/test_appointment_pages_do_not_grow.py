"""The agenda and the public booking page run the same number of queries
whatever the number of slots and bookings."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..conftest import login
from ..factories import booked, slot_for

pytestmark = pytest.mark.django_db


def fill(world, days: range, hours: range) -> None:
    for day in days:
        for hour in hours:
            slot = slot_for(world, in_days=day, hour=hour)
            if hour % 2:
                booked(world, slot)


def count(client, url) -> int:
    client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_agenda_does_not_grow_with_slots(
    client, world, django_assert_max_num_queries
):
    login(client, world.referent_b)
    url = reverse("reception:slots")
    fill(world, range(1, 3), range(9, 11))
    few = count(client, url)
    fill(world, range(3, 12), range(9, 17))
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.content.decode().count("Annuler le créneau") > 60


def test_the_public_booking_page_does_not_grow_with_slots(
    client, world, django_assert_max_num_queries
):
    url = reverse("reception_public:slots", args=[world.structure_b.organisation.slug])
    fill(world, range(1, 3), range(9, 11))
    few = count(client, url)
    assert few <= 4
    fill(world, range(3, 12), range(9, 17))
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.content.decode().count("/accueil/rendez-vous/creneau/") > 30
