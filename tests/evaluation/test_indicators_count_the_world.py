"""Each indicator counts the right number on a small world, for the region,
a territory and a network, and says so when it has no source."""

from __future__ import annotations

import pytest

from evaluation.indicators import (
    DIMENSIONS,
    INDICATORS,
    INDICATORS_BY_KEY,
    NOT_APPLICABLE,
    indicators_of,
)
from evaluation.selectors import dashboard

pytestmark = pytest.mark.django_db


def value(key, records, territory=None, network=None, year=None):
    return INDICATORS_BY_KEY[key].compute(
        year or records.year,
        territory.pk if territory else None,
        network.pk if network else None,
    )


def test_the_registry_covers_the_five_dimensions_of_section_vi():
    assert [d.key for d in DIMENSIONS] == [
        "api",
        "continuity",
        "professionalisation",
        "local_partnership",
        "networks",
    ]
    for dimension in DIMENSIONS:
        assert indicators_of(dimension.key)
    for indicator in INDICATORS:
        assert str(indicator.label) and str(indicator.definition)
        assert str(indicator.source)


def test_api_counts_structures_under_a_convention_in_force_and_the_conventions(
    world, records
):
    assert value("api_structures", records) == 2  # A in force, B expired
    assert value("api_structures", records, territory=world.territory_a) == 1
    assert value("api_structures", records, network=world.network_b) == 1
    assert value("conventions_in_force", records) == 3  # A, B and network A
    assert value("conventions_in_force", records, network=world.network_a) == 2
    assert value("conventions_in_force", records, territory=world.territory_b) == 1
    assert value("api_structures", records, year=records.year - 1) == 0


def test_every_indicator_has_its_source_and_no_answer_gives_no_number(world, records):
    assert all(indicator.available for indicator in INDICATORS_BY_KEY.values())
    satisfaction = INDICATORS_BY_KEY["public_satisfaction"]
    row = next(r for r in dashboard(records.year).rows() if r.indicator is satisfaction)
    # No closed satisfaction campaign this year: nothing to compute.
    assert row.shown_value == "non calculé"


def test_continuity_counts_people_received_and_referrals(world, records):
    # Two people on a tally row, the person of the referral, one at B.
    assert value("people_received", records) == 4
    assert value("people_received", records, territory=world.territory_a) == 3
    assert value("people_received", records, network=world.network_b) == 1
    assert value("referrals_sent", records) == 1
    assert value("referrals_sent", records, network=world.network_b) == 0
    # One referral decided: under the small-cell threshold, no rate, no delay.
    assert value("referrals_accepted_rate", records) is None
    assert value("days_to_acceptance", records) is None


def test_the_acceptance_rate_and_delay_appear_from_eleven_referrals(world, records):
    import datetime

    from reception.models import Referral

    from ..factories import referral_in_state

    for _ in range(10):
        referral = referral_in_state(world, "accepted")
        Referral.objects.filter(pk=referral.pk).update(
            decided_at=referral.sent_at + datetime.timedelta(days=4)
        )
    referral_in_state(world, "declined")
    assert value("referrals_accepted_rate", records) == pytest.approx(91.7)
    # (2 + 10 × 4) / 11 days.
    assert value("days_to_acceptance", records) == pytest.approx(3.8)


def test_professionalisation_counts_people_trained_hours_and_attendance(world, records):
    assert value("people_trained", records) == 3
    assert value("people_trained", records, network=world.network_a) == 2
    assert value("training_hours", records) == pytest.approx(6.0)
    assert value("attendance_rate", records) == pytest.approx(75.0)
    assert value("attendance_rate", records, network=world.network_b) == 100.0
    assert value("training_cross_network_sessions", records) == 1
    assert value("local_actions_done", records) == 2
    assert value("local_actions_done", records, territory=world.territory_b) == 0


def test_local_partnership_counts_actions_partners_and_validated_plans(world, records):
    assert value("actions_with_partners", records) == 1
    assert value("partner_structures", records) == 2
    assert value("partner_structures", records, network=world.network_b) == 1
    assert value("plans_validated", records) == 1
    assert value("plans_validated", records, territory=world.territory_b) == 0
    assert value("plans_validated", records, network=world.network_a) == (
        NOT_APPLICABLE
    )


def test_networks_count_practices_shared_and_reused_across_networks(world, records):
    assert value("practices_published", records) == 1
    assert value("practices_published", records, network=world.network_b) == 0
    # Reused by B (network B), not counted for A2 (the author's network).
    assert value("practices_reused_across_networks", records) == 1
    assert value("partnership_actions_across_networks", records) == 1
    assert value("networks_cross_network_sessions", records) == 1


def test_the_dashboard_gives_the_previous_year_and_the_trend(world, records):
    board = dashboard(records.year)
    row = next(r for r in board.rows() if r.indicator.key == "people_received")
    assert (row.value, row.previous, row.trend) == (4, 0, 4)
    assert row.shown_trend == "+4"


def test_the_dashboard_is_cached_for_the_same_filters(
    world, records, django_assert_num_queries
):
    dashboard(records.year)
    with django_assert_num_queries(0):
        dashboard(records.year)


def test_the_precompute_task_warms_the_region_for_this_year_and_the_last(
    world, records, django_assert_num_queries
):
    from evaluation.tasks import evaluation_precompute

    assert evaluation_precompute() == [records.year, records.year - 1]
    with django_assert_num_queries(0):
        dashboard(records.year)
        dashboard(records.year - 1)
