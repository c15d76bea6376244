"""The to-do list checks every convention awaiting a signature without a query
per convention: their documents and signatures are read at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conventions import definitions as d
from conventions.models import ConventionKind

from ..conftest import login
from ..factories import convention_in_state

pytestmark = pytest.mark.django_db


def dashboard(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("extranet:dashboard"))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_more_conventions_to_sign_cost_no_more_queries(client, world):
    year = timezone.localdate().year
    convention_in_state(world, ConventionKind.STRUCTURE, d.SIGNING, year=year)
    login(client, world.coordinator)
    dashboard(client)
    few, page = dashboard(client)
    assert page.count("Signer") >= 1
    convention_in_state(world, ConventionKind.REGION_NETWORK, d.SIGNING, year=year)
    convention_in_state(world, ConventionKind.GOVERNMENT_REGION, d.SIGNING, year=year)
    many, page = dashboard(client)
    assert many == few, (few, many)
    assert page.count("Signer") >= 3
