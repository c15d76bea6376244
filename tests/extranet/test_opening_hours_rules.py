"""Opening hours as data: what a day holds, open or closed now, and the
OpenStreetMap text, checked against an independent reading of that text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import opening_hours
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from extranet.hours import (
    opening_status,
    osm_opening_hours,
    parse_osm_week,
    public_holiday,
    validate_week,
    week_rows,
)

WEEK = parse_osm_week("Mo-Fr 09:00-12:30,13:30-17:30; We 09:00-12:00")


@dataclass
class Exception_:
    starts: dt.date
    ends: dt.date
    opens: dt.time | None = None
    closes: dt.time | None = None
    label: str = ""


def at(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


def test_the_week_reads_as_french_monday_first():
    rows = week_rows(WEEK, dt.date(2026, 12, 2))
    assert [(r.name, r.text) for r in rows[:3]] == [
        ("Lundi", "9 h – 12 h 30 et 13 h 30 – 17 h 30"),
        ("Mardi", "9 h – 12 h 30 et 13 h 30 – 17 h 30"),
        ("Mercredi", "9 h – 12 h"),
    ]
    assert rows[6].text == "Fermé"
    assert [r.is_today for r in rows].index(True) == 2


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-12-01 10:00", "Ouvert maintenant · ferme à 12 h 30"),
        ("2026-12-01 12:45", "Fermé maintenant · ouvre à 13 h 30"),
        ("2026-12-01 18:00", "Fermé maintenant · ouvre demain à 9 h"),
        ("2026-12-04 18:00", "Fermé maintenant · ouvre lundi à 9 h"),
        ("2026-12-02 11:59", "Ouvert maintenant · ferme à 12 h"),
    ],
)
def test_the_status_says_open_or_closed_and_until_when(moment, expected):
    status = opening_status(WEEK, [], True, at(moment))
    assert status.text == expected


def test_the_words_of_a_status_hold_until_it_changes_or_until_midnight():
    evening = opening_status(WEEK, [], True, at("2026-12-01 18:00"))
    assert evening.changes_at == at("2026-12-02 09:00")
    assert evening.true_until == at("2026-12-02 00:00")  # "demain" turns false
    morning = opening_status(WEEK, [], True, at("2026-12-01 10:00"))
    assert morning.true_until == morning.changes_at == at("2026-12-01 12:30")


def test_a_public_holiday_closes_the_structure_and_says_which():
    # Wednesday 11 November 2026: Armistice.
    status = opening_status(WEEK, [], True, at("2026-11-11 10:00"))
    assert not status.is_open
    assert status.text == "Fermé maintenant · ouvre demain à 9 h"
    assert status.reason == "jour férié : Armistice"
    assert public_holiday(dt.date(2026, 12, 25)) == "Noël"
    # A structure open on public holidays is open.
    assert opening_status(WEEK, [], False, at("2026-11-11 10:00")).is_open


def test_an_exception_closes_days_and_the_next_opening_is_after_it():
    closure = Exception_(
        dt.date(2026, 12, 24), dt.date(2027, 1, 1), label="Fermeture de fin d'année"
    )
    status = opening_status(WEEK, [closure], True, at("2026-12-28 10:00"))
    assert not status.is_open
    assert status.reason == "Fermeture de fin d'année"
    assert status.text == "Fermé maintenant · ouvre le lundi 4 janvier 2027 à 9 h"
    assert status.changes_at == at("2027-01-04 09:00")


def test_other_hours_for_a_day_replace_the_week_that_day():
    short_day = Exception_(
        dt.date(2026, 12, 1), dt.date(2026, 12, 1), dt.time(14), dt.time(16)
    )
    assert not opening_status(WEEK, [short_day], True, at("2026-12-01 10:00")).is_open
    status = opening_status(WEEK, [short_day], True, at("2026-12-01 15:00"))
    assert status.text == "Ouvert maintenant · ferme à 16 h"
    assert status.reason == "horaires exceptionnels"


def test_of_two_exceptions_over_the_same_days_the_last_given_wins_in_both():
    """Found by the comparison below: OpenStreetMap's last rule wins."""
    day = dt.date(2026, 12, 20)
    closed = Exception_(day, day)
    morning = Exception_(day, day, dt.time(6), dt.time(6, 5))
    week = [[6, "06:00", "06:05"]]
    for order in ([closed, morning], [morning, closed]):
        text = osm_opening_hours(week, order, False, today=dt.date(2026, 12, 1))
        reader = opening_hours.OpeningHours(text, country="FR")
        moment = dt.datetime(2026, 12, 20, 6, 1)
        ours = opening_status(week, order, False, timezone.make_aware(moment))
        assert ours.is_open == (order[-1] is morning) == reader.is_open(moment)


def test_no_week_claims_nothing():
    assert opening_status([], [], True) is None
    assert osm_opening_hours([], [], True) is None


def test_the_openstreetmap_text_groups_days_and_keeps_coming_exceptions():
    past = Exception_(dt.date(2026, 8, 1), dt.date(2026, 8, 21))
    closure = Exception_(dt.date(2026, 12, 24), dt.date(2027, 1, 1))
    morning = Exception_(
        dt.date(2026, 12, 23), dt.date(2026, 12, 23), dt.time(9), dt.time(12)
    )
    text = osm_opening_hours(
        WEEK, [past, closure, morning], True, today=dt.date(2026, 12, 2)
    )
    assert text == (
        "Mo-Tu,Th-Fr 09:00-12:30,13:30-17:30; We 09:00-12:00; PH off; "
        "2026 Dec 23 09:00-12:00; 2026 Dec 24-2027 Jan 01 off"
    )
    assert parse_osm_week(text.split("; PH")[0]) == WEEK


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Mo-Fr 09:00", "mal formés"),
        ([[7, "09:00", "12:00"]], "mal formés"),
        ([[0, "12:00", "09:00"]], "Lundi : l'heure de fermeture doit suivre"),
        ([[0, "09:00", "12:00"], [0, "11:00", "14:00"]], "Lundi : la réouverture"),
        (
            [[1, "08:00", "09:00"], [1, "10:00", "11:00"], [1, "12:00", "13:00"]],
            "Mardi : deux plages au plus",
        ),
    ],
)
def test_a_stored_week_is_checked_by_the_model(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_week(value)


# An independent reading of what we export: opening-hours-py (Rust, from the
# OpenStreetMap specification) must agree with our status at any moment.

times = st.integers(min_value=6 * 12, max_value=20 * 12).map(
    lambda n: dt.time(n // 12, n % 12 * 5)
)


@st.composite
def weeks(draw):
    week = []
    for day in range(7):
        bounds = sorted(set(draw(st.lists(times, max_size=4))))
        bounds = bounds[: len(bounds) // 2 * 2]
        for opens, closes in list(zip(bounds[::2], bounds[1::2], strict=True))[:2]:
            week.append([day, opens.strftime("%H:%M"), closes.strftime("%H:%M")])
    return week


@st.composite
def exceptions(draw):
    start = dt.date(2026, 12, 1) + dt.timedelta(days=draw(st.integers(0, 60)))
    length = draw(st.integers(0, 20))
    hours = draw(st.none() | st.tuples(times, times).filter(lambda t: t[0] < t[1]))
    return Exception_(
        start,
        start + dt.timedelta(days=length),
        hours[0] if hours else None,
        hours[1] if hours else None,
    )


@settings(max_examples=300, deadline=None)
@given(
    week=weeks().filter(bool),
    coming=st.lists(exceptions(), max_size=3),
    closed_on_holidays=st.booleans(),
    minutes=st.integers(0, 70 * 24 * 60),
)
def test_our_status_agrees_with_an_independent_openstreetmap_reader(
    week, coming, closed_on_holidays, minutes
):
    today = dt.date(2026, 12, 1)
    moment = dt.datetime(2026, 12, 1) + dt.timedelta(minutes=minutes)
    text = osm_opening_hours(week, coming, closed_on_holidays, today=today)
    reader = opening_hours.OpeningHours(text, country="FR")
    ours = opening_status(week, coming, closed_on_holidays, timezone.make_aware(moment))
    assert reader.is_open(moment) == ours.is_open, text
    if ours.changes_at is not None:
        theirs = reader.next_change(moment)
        assert theirs == timezone.make_naive(ours.changes_at), text
