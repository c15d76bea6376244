"""Shared fixtures: one per role, each in its own world, and helpers to log in."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.db import connection
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from extranet.models import Organisation, OrganisationKind, Role, Structure

from .factories import (
    NetworkFactory,
    OrganisationFactory,
    StructureFactory,
    TerritoryFactory,
    member,
    region,
)


def pytest_sessionstart(session):
    """In CI (SPRO_REQUIRE_SERVICES=1) the real services must be there: no skipping."""
    if os.environ.get("SPRO_REQUIRE_SERVICES") == "1":
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            pytest.exit("SPRO_REQUIRE_SERVICES=1 but DATABASE_URL is not PostgreSQL", 2)
        if not os.environ.get("REDIS_URL"):
            pytest.exit("SPRO_REQUIRE_SERVICES=1 but REDIS_URL is not set", 2)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (tests share one process-wide
    locmem cache; the database is rolled back, the cache would not be)."""
    from django.core.cache import cache

    cache.clear()
    yield


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


@dataclass
class World:
    """Two networks, two territories, structures in each, and one user per role."""

    region: Organisation
    network_a: object
    network_b: object
    territory_a: object
    territory_b: object
    structure_a: Structure  # network A, territory A
    structure_a2: Structure  # network A, territory B
    structure_b: Structure  # network B, territory B
    referent_a: object
    professional_a: object
    referent_b: object
    network_head_a: object
    network_head_b: object
    territorial_officer_a: object
    coordinator: object
    gref: object
    government: object


@pytest.fixture
def world(db) -> World:
    reg = region()
    network_a = NetworkFactory(name="Missions locales", short_name="ML")
    network_b = NetworkFactory(name="Information Jeunesse", short_name="IJ")
    territory_a = TerritoryFactory(name="Rennes", slug="rennes", departement="35")
    territory_b = TerritoryFactory(name="Brest", slug="brest", departement="29")
    structure_a = StructureFactory(network=network_a, territory=territory_a)
    structure_a2 = StructureFactory(
        network=network_a, territory=territory_b, postcode="29200", city="Brest"
    )
    structure_b = StructureFactory(
        network=network_b, territory=territory_b, postcode="29200", city="Brest"
    )
    gref_org = OrganisationFactory(name="GREF Bretagne", kind=OrganisationKind.GREF)
    government_org = OrganisationFactory(
        name="DREETS Bretagne", kind=OrganisationKind.GOVERNMENT
    )
    return World(
        region=reg,
        network_a=network_a,
        network_b=network_b,
        territory_a=territory_a,
        territory_b=territory_b,
        structure_a=structure_a,
        structure_a2=structure_a2,
        structure_b=structure_b,
        referent_a=member(Role.REFERENT, structure_a.organisation),
        professional_a=member(Role.PROFESSIONAL, structure_a.organisation),
        referent_b=member(Role.REFERENT, structure_b.organisation),
        network_head_a=member(Role.NETWORK_HEAD, network_a.head),
        network_head_b=member(Role.NETWORK_HEAD, network_b.head),
        territorial_officer_a=member(
            Role.TERRITORIAL_OFFICER, reg, territory=territory_a
        ),
        coordinator=member(Role.REGIONAL_COORDINATOR, reg),
        gref=member(Role.GREF, gref_org),
        government=member(Role.GOVERNMENT, government_org),
    )


def login(client, user):
    """Log in, with the second factor already proved when the role needs one."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def login_as(client):
    def _login(user):
        return login(client, user)

    return _login
