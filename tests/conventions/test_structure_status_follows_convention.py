"""A structure delivers the accueil personnalisé et individualisé while its
convention is in force (2.2): the workflow keeps the structure's status, and its
history, in step; at year end the convention expires and every party is told."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conventions import services
from conventions.models import ConventionKind
from extranet.models import MembershipStatus
from notifications.models import Notification
from workflows.models import TransitionLog

from ..factories import convention_drive, convention_in_state

pytestmark = pytest.mark.django_db

STRUCTURE = ConventionKind.STRUCTURE


@pytest.fixture
def clock(monkeypatch):
    """Set the clock every ``timezone.now()`` and ``localdate()`` reads."""

    def set_day(day: datetime.date) -> None:
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_day


def this_year() -> int:
    return timezone.localdate().year


def test_a_convention_in_force_makes_the_structure_deliver_the_api(world):
    structure = world.structure_a
    convention = convention_in_state(
        world, STRUCTURE, "signing", signed_by=["structure", "network"]
    )
    structure.refresh_from_db()
    assert structure.convention_valid_until is None
    assert not structure.delivers_api

    services.convention_transition(
        user=world.coordinator, convention=convention, transition="sign_region"
    )

    structure.refresh_from_db()
    assert structure.convention_valid_until == datetime.date(this_year(), 12, 31)
    assert structure.convention_in_force and not structure.convention_lapsed
    assert structure.service_api and structure.delivers_api
    change = structure.history.first()
    assert change.history_user == world.coordinator
    assert change.history_change_reason == f"Convention {this_year()} en vigueur"
    assert change.convention_valid_until == datetime.date(this_year(), 12, 31)
    assert structure.history.count() == 2


def test_a_convention_in_force_is_not_enough_without_declaring_the_service(world):
    structure = world.structure_a
    structure.service_api = False
    structure.membership_status = MembershipStatus.ASSOCIATED
    structure.save()

    convention_in_state(world, STRUCTURE, "in_force")

    structure.refresh_from_db()
    assert structure.convention_in_force
    assert not structure.delivers_api


def test_at_year_end_the_convention_expires_and_each_party_is_told(world, clock):
    structure = world.structure_a
    year = this_year()
    convention = convention_in_state(world, STRUCTURE, "in_force", year=year)
    clock(datetime.date(year + 1, 1, 2))

    expired = services.conventions_expire(today=datetime.date(year + 1, 1, 2))

    assert expired == 1
    convention.refresh_from_db()
    assert convention.state == "expired"
    entry = TransitionLog.objects.for_object(convention).last()
    assert (entry.transition, entry.user) == ("expire", None)
    structure.refresh_from_db()
    assert structure.convention_lapsed
    assert not structure.delivers_api
    told = Notification.objects.filter(title__startswith="Convention échue")
    assert sorted(n.user.pk for n in told) == sorted(
        u.pk for u in (world.referent_a, world.network_head_a, world.coordinator)
    )
    assert f"31 décembre {year}" in told.first().body

    assert services.conventions_expire(today=datetime.date(year + 1, 1, 3)) == 0
    assert told.count() == 3


def test_the_expiry_runs_for_the_day_it_is_given_not_the_servers_clock(world):
    year = this_year()
    convention = convention_in_state(world, STRUCTURE, "in_force", year=year)

    assert services.conventions_expire(today=datetime.date(year, 12, 31)) == 0
    assert services.conventions_expire(today=datetime.date(year + 1, 1, 1)) == 1

    convention.refresh_from_db()
    assert convention.state == "expired"


def test_no_lapse_is_announced_when_next_years_convention_is_in_force(world):
    last_year = this_year() - 1
    old = convention_in_state(world, STRUCTURE, "in_force", year=last_year)
    renewal = services.convention_renew(user=world.referent_a, convention=old)
    convention_drive(world, renewal, "in_force")
    Notification.objects.all().delete()

    assert services.conventions_expire() == 1

    old.refresh_from_db()
    assert old.state == "expired"
    assert not Notification.objects.exists()
    world.structure_a.refresh_from_db()
    assert world.structure_a.delivers_api
    assert world.structure_a.convention_valid_until == datetime.date(
        this_year(), 12, 31
    )
