"""The directory's cards are built once, then read from the cache, and never
say anything that is no longer true."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..factories import StructureFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
WEEK_9_TO_17 = [[day, "09:00", "17:00"] for day in range(7)]


def directory(client, **params) -> str:
    response = client.get(reverse("directory:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_builds_no_card_and_shows_the_same_list(client):
    StructureFactory.create_batch(5, weekly_hours=WEEK_9_TO_17)
    first = directory(client)
    with CaptureQueriesContext(connection) as ctx:
        second = directory(client)
    assert second == first
    tables = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "extranet_openingexception" not in tables
    assert len(ctx.captured_queries) <= 4, ctx.captured_queries


def test_a_structure_changed_shows_on_its_card_at_once(client):
    structure = StructureFactory(phone="02 99 00 00 01")
    assert "02 99 00 00 01" in directory(client)
    structure.phone = "02 99 00 00 02"
    structure.save()
    page = directory(client)
    assert "02 99 00 00 02" in page
    assert "02 99 00 00 01" not in page


def test_a_card_is_kept_no_longer_than_its_opening_status_holds(client):
    StructureFactory(weekly_hours=WEEK_9_TO_17, closed_on_public_holidays=False)
    before = dt.datetime(2027, 3, 10, 16, 50, tzinfo=PARIS)  # a Wednesday
    with mock.patch("django.utils.timezone.now", return_value=before):
        assert "Ouvert maintenant · ferme à 17 h" in directory(client)
    after = before + dt.timedelta(minutes=15)
    with mock.patch("django.utils.timezone.now", return_value=after):
        page = directory(client)
    assert "Ouvert maintenant" not in page
    assert "Fermé maintenant · ouvre demain à 9 h" in page


def test_each_visitor_reads_their_own_distance_on_a_shared_card(client):
    StructureFactory(city="Rennes", latitude="48.1114", longitude="-1.6806")
    near = directory(client, lat="48.11", lon="-1.68")
    far = directory(client, lat="48.39", lon="-4.48")  # Brest
    assert "À 0,2 km environ" in near
    assert "À 209,6 km environ" in far  # Brest–Rennes as the crow flies
    assert "À 209,6 km environ" not in near and "À 0,2 km environ" not in far
    assert "<!--distance-->" not in near + far


def test_a_visitor_without_position_reads_no_distance(client):
    StructureFactory(city="Rennes", latitude="48.1114", longitude="-1.6806")
    directory(client, lat="48.11", lon="-1.68")
    assert "km environ" not in directory(client)
