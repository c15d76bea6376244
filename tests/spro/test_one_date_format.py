"""One way to write a date, everywhere: "1er janvier 2027", "jeudi 3 décembre
2026", "3 décembre 2026 à 14 h 05"; machines get ISO dates."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.translation import override

from notifications.formats import long_date, long_datetime, time_of_day

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    p
    for p in ROOT.rglob("*")
    if p.suffix in {".html", ".txt", ".py"}
    and not {".venv", "tests", "migrations", "var", "bench", "locale"} & set(p.parts)
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2027, 1, 1), "1er janvier 2027"),
        (datetime.date(2026, 12, 3), "3 décembre 2026"),
        (datetime.date(2026, 12, 31), "31 décembre 2026"),
    ],
)
def test_a_date_is_written_the_french_way(value, expected):
    with override("fr"):
        assert long_date(value) == expected


def test_a_weekday_a_time_and_a_moment_are_written_the_french_way():
    moment = timezone.make_aware(datetime.datetime(2026, 12, 1, 14, 5))
    with override("fr"):
        assert long_date(moment, weekday=True) == "mardi 1er décembre 2026"
        assert time_of_day(moment) == "14 h 05"
        assert time_of_day(datetime.time(9, 0)) == "9 h"
        assert long_datetime(moment) == "1er décembre 2026 à 14 h 05"


def test_an_aware_moment_is_written_in_local_time():
    late = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    with override("fr"):
        assert long_date(late) == "1er janvier 2027"  # 00:30 in Paris


def test_no_page_mail_or_message_writes_a_date_another_way():
    other_ways = re.compile(r"""\|date:["'](?!c["']|Y-m-d["'])|strftime\(["']%d/%m""")
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in SOURCES
        for match in other_ways.finditer(path.read_text(errors="ignore"))
    ]
    assert found == []
