"""The evaluation figures of training (section VI, dimension 3), counted on a
small world built by hand: people enrolled and trained, hours, attendance and
no-show rates, waiting-list conversion, cross-network sessions; and who sees
which rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from extranet.models import Role
from training import services
from training.figures import training_figures

from ..conftest import member
from ..factories import enrolment_for, record_half_day, staff, training_session


def hold(session, marks, world):
    """Record every half-day of ``session``: ``marks`` maps an enrolment to
    one presence per half-day."""
    slots = list(session.slots.order_by("date", "start"))
    for index, slot in enumerate(slots):
        record_half_day(
            slot, {e: days[index] for e, days in marks.items()}, user=world.gref
        )


@pytest.fixture
def year(world):
    """Two sessions, five people of three structures (see each test).

    Session one (2 seats): P1 of A present; P2 of A cancels, so P3 of A2
    (network A, territory B) gets the seat from the waiting list, then is
    absent; P4 of B stays waiting. Session two: P5 of B present in the
    morning only, P1 present; P6 of A still waits for approval."""
    member(Role.REFERENT, world.structure_a2.organisation)
    one = training_session(
        world, starts_in_days=3, capacity=2, cancellation_cutoff_hours=24
    )
    p1 = staff(world, "structure_a")
    e1 = enrolment_for(world, one, p1)
    e2 = enrolment_for(world, one, staff(world, "structure_a"))
    e3 = enrolment_for(world, one, staff(world, "structure_a2"))
    e4 = enrolment_for(world, one, staff(world, "structure_b"))
    assert (e3.state, e4.state) == ("waitlisted", "waitlisted")
    services.enrolment_move(user=e2.person, enrolment=e2, transition="cancel")
    e3.refresh_from_db()
    assert e3.state == "offered"
    services.offer_answer(enrolment_id=e3.pk, key=e3.offer_key, accept=True)
    hold(one, {e1: [True, True], e3: [False, False]}, world)

    two = training_session(world, starts_in_days=4, title="Conseil en évolution")
    e5 = enrolment_for(world, two, staff(world, "structure_b"))
    e6 = enrolment_for(world, two, p1)
    enrolment_for(world, two, staff(world, "structure_a"), approve=False)
    hold(two, {e5: [True, False], e6: [True, True]}, world)
    return {"year": timezone.localtime(one.starts_at).year, "two": two}


def by_name(rows):
    return {row.name: row for row in rows}


def test_people_hours_and_rates_per_structure(world, year):
    found = training_figures(world.gref, year=year["year"])
    rows = by_name(found.structures)
    a = rows[world.structure_a.organisation.name]
    assert (a.enrolled, a.trained, a.hours) == (2, 1, Decimal("12.0"))
    assert (a.attendance_rate, a.no_show_rate, a.conversion_rate) == (
        Decimal("100.0"),
        Decimal("0.0"),
        None,
    )
    a2 = rows[world.structure_a2.organisation.name]
    assert (a2.enrolled, a2.trained, a2.hours) == (1, 0, Decimal("0"))
    assert (a2.attendance_rate, a2.no_show_rate) == (Decimal("0.0"), Decimal("100.0"))
    assert (a2.waitlisted, a2.converted) == (1, 1)
    b = rows[world.structure_b.organisation.name]
    assert (b.enrolled, b.trained, b.hours) == (2, 1, Decimal("3.0"))
    assert (b.waitlisted, b.converted, b.conversion_rate) == (1, 0, Decimal("0.0"))


def test_a_person_counts_once_per_network_and_territory(world, year):
    found = training_figures(world.gref, year=year["year"])
    networks = by_name(found.networks)
    a = networks[world.network_a.name]
    assert (a.enrolled, a.trained, a.hours) == (3, 1, Decimal("12.0"))
    assert (a.attendance_rate, a.no_show_rate) == (Decimal("66.7"), Decimal("33.3"))
    territories = by_name(found.territories)
    brest = territories[world.territory_b.name]
    assert (brest.enrolled, brest.present, brest.absent) == (3, 1, 1)
    assert brest.conversion_rate == Decimal("50.0")
    total = found.total
    assert (total.enrolled, total.trained, total.hours) == (5, 2, Decimal("15.0"))
    assert (total.waitlisted, total.converted) == (2, 1)


def test_a_session_with_people_of_two_networks_is_cross_network(world, year):
    found = training_figures(world.gref, year=year["year"])
    assert [(s.pk, s.networks, s.participants) for s in found.cross_network] == [
        (year["two"].pk, 2, 2)
    ]


def test_another_year_counts_nothing(world, year):
    found = training_figures(world.gref, year=year["year"] + 1)
    assert found.structures == [] and found.total.enrolled == 0


def test_a_network_head_counts_their_network_only(world, year):
    found = training_figures(world.network_head_a, year=year["year"])
    assert {row.name for row in found.structures} == {
        world.structure_a.organisation.name,
        world.structure_a2.organisation.name,
    }
    assert found.total.enrolled == 3
    assert found.cross_network[0].pk == year["two"].pk


def test_a_territorial_officer_counts_their_territory_only(world, year):
    found = training_figures(world.territorial_officer_a, year=year["year"])
    assert [row.name for row in found.structures] == [
        world.structure_a.organisation.name
    ]
    assert [row.name for row in found.territories] == [world.territory_a.name]


def test_the_filters_narrow_the_rows(world, year):
    found = training_figures(world.gref, year=year["year"], network=world.network_b)
    assert [row.name for row in found.structures] == [
        world.structure_b.organisation.name
    ]
    found = training_figures(world.gref, year=year["year"], territory=world.territory_a)
    assert found.total.enrolled == 2
