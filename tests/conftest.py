"""Shared fixtures: one per role, each in its own world, and helpers to log in."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.db import connection, connections
from django.test import TestCase, TransactionTestCase
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import validate_django_db

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


# Tests that commit (``django_db(transaction=True)``, ``live_server``) end by emptying
# every table, the rows written by the migrations too (Wagtail's root page and default
# site, the editorial groups...). pytest-django runs them after all the others, so
# that serially no ordinary test meets an emptied database. In parallel (pytest-xdist,
# ``--dist loadfile``) each process runs whole modules one after another: a module of
# ordinary tests may follow one that committed. Before such a test, the rows of the
# migrated database are written back (as Django's ``serialized_rollback`` does).
@dataclass
class MigratedRows:
    """The rows of the freshly migrated test database, to write back."""

    # Per database alias: its content types, and all its rows (content types too),
    # as Django's serializer writes them.
    rows: dict[str, tuple[str, str]]
    blocker: object  # pytest-django's django_db_blocker, to reach the database
    emptied: bool = False  # by a test that committed, since the last write back

    @classmethod
    def read(cls, blocker) -> MigratedRows:
        with blocker.unblock():
            return cls(
                {
                    alias: (
                        serializers.serialize(
                            "json", ContentType.objects.using(alias).order_by("pk")
                        ),
                        connections[alias].creation.serialize_db_to_string(),
                    )
                    for alias in connections
                },
                blocker,
            )

    def write_back(self) -> None:
        with self.blocker.unblock():
            for alias, (content_types, rows) in self.rows.items():
                # The flush after the test ran the post-migrate handlers (content
                # types, permissions): empty again without them, then load the copy.
                # Sequences go on from where they are, past the ids written back.
                call_command(
                    "flush",
                    verbosity=0,
                    interactive=False,
                    database=alias,
                    reset_sequences=False,
                    inhibit_post_migrate=True,
                )
                # Content types first, with their ids: a Wagtail task or page made
                # from its row without its parent's id asks for its content type.
                ContentType.objects.clear_cache()
                for content_type in serializers.deserialize(
                    "json", content_types, using=alias
                ):
                    content_type.save()
                connections[alias].creation.deserialize_db_from_string(rows)
        ContentType.objects.clear_cache()
        self.emptied = False


_migrated: list[MigratedRows] = []  # set once per process by django_db_setup


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, and a copy of the rows its migrations wrote."""
    _migrated.append(MigratedRows.read(django_db_blocker))
    yield
    _migrated.clear()


def _database_use(item: pytest.Item | None) -> str:
    """How a test uses the database, as pytest-django tells them apart to order
    them: "transactional" (commits), "rolled back" or "none"."""
    if item is None:
        return "none"
    test_class = getattr(item, "cls", None)
    if test_class and issubclass(test_class, TransactionTestCase):
        return "rolled back" if issubclass(test_class, TestCase) else "transactional"
    fixtures = getattr(item, "fixturenames", [])
    marker = item.get_closest_marker("django_db")
    if marker:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return "transactional"
    if "transactional_db" in fixtures or "live_server" in fixtures:
        return "transactional"
    if marker or "db" in fixtures:
        return "rolled back"
    return "none"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Once a test emptied the database, put the migrated rows back before the next
    test that rolls back (and so expects them); tests without a database may come
    in between (a module's come after its committing tests)."""
    result = yield
    if _migrated:
        migrated = _migrated[0]
        if _database_use(item) == "transactional":
            migrated.emptied = True
        if migrated.emptied and _database_use(nextitem) == "rolled back":
            migrated.write_back()
    return result


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
