"""The figures of the accueil for the evaluation: right on a small hand-built
dataset (people summed, a tally counting three), small cells hidden, the rows
following the user's reach, the same figures in the files, a bounded number
of queries, and never a personal field."""

from __future__ import annotations

import datetime
import io
import statistics
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from extranet.models import Role
from reception import services
from reception.figures import Period, reception_figures
from reception.models import Appointment, Reception, Referral
from workflows import engine

from ..conftest import login
from ..factories import member, reception_for, reception_world, referral_for, slot_for

MARKER = "ZQXFIGURES9021"
TODAY = timezone.localdate


def _period() -> Period:
    return Period(TODAY() - datetime.timedelta(days=40), TODAY())


def _referral(world, reception, state: str, reason: str = "full"):
    referral = referral_for(
        world, reception, person_label=f"Camille {MARKER}", request=f"{MARKER}"
    )
    if state == "accepted":
        engine.fire(referral, "accept", user=world.referent_b)
    elif state == "declined":
        services.referral_decline(
            user=world.referent_b, referral=referral, reason=reason
        )
    elif state == "expired":
        engine.fire(referral, "expire", user=None, system=True)
    return referral


def _appointment(slot, **fields):
    values = {"booked_via": "staff", "person_label": f"Dominique {MARKER}"}
    values.update(fields)
    return Appointment.objects.create(slot=slot, **values)


@pytest.fixture
def dataset(world):
    reception_world(world)
    # Receptions: two full ones at A, a tally of three at A, an anonymous one
    # at B; one older than the period, not counted.
    first = reception_for(
        world, person_label=f"Camille {MARKER}", summary=f"Situation {MARKER}"
    )
    reception_for(world, questions=["employment"])
    services.tally_record(
        user=world.professional_a,
        channel="phone",
        urgency="urgent",
        questions=["employment", "housing"],
        people=3,
    )
    reception_for(
        world,
        user=world.referent_b,
        channel="phone",
        urgency="priority",
        anonymous=True,
        questions=["vae"],
    )
    reception_for(
        world, received_on=TODAY() - datetime.timedelta(days=60), questions=["health"]
    )
    # Referrals to B: 11 accepted (in 1 to 11 days), 2 declined, 2 expired.
    accepted = [_referral(world, first, "accepted") for _i in range(11)]
    for days, referral in enumerate(accepted, start=1):
        Referral.objects.filter(pk=referral.pk).update(
            decided_at=referral.sent_at + datetime.timedelta(days=days)
        )
        slot = slot_for(world, in_days=days)
        _appointment(slot, referral=referral, booked_via="referral")
    _referral(world, first, "declined", "full")
    _referral(world, first, "declined", "not_offered")
    _referral(world, first, "expired")
    _referral(world, first, "expired")
    # To A2: one accepted by its referent, one still open.
    referent_a2 = member(Role.REFERENT, world.structure_a2.organisation)
    to_a2 = referral_for(world, first, to=world.structure_a2)
    engine.fire(to_a2, "accept", user=referent_a2)
    referral_for(world, first, to=world.structure_a2)
    # Past appointments at B: 9 seen, 2 absent, 1 excused, 1 cancelled.
    statuses = ["seen"] * 9 + ["no_show"] * 2 + ["excused", "cancelled_by_structure"]
    for days, status in enumerate(statuses, start=1):
        slot = slot_for(
            world,
            in_days=-days,
            books_from=timezone.now() - datetime.timedelta(days=30),
        )
        _appointment(slot, status=status)
    return {"accepted": accepted}


def _people(rows, key="key"):
    return {row[key]: row["people"] for row in rows}


def test_the_figures_are_right_on_a_small_dataset(world, dataset):
    found = reception_figures(world.coordinator, _period())
    r = found["receptions"]
    # People are summed: the tally counts three.
    assert r["people"] == 6 and r["anonymous"] == 1
    channels = _people(r["by_channel"])
    assert (channels["face_to_face"], channels["phone"], channels["mail"]) == (2, 4, 0)
    assert _people(r["by_urgency"]) == {"urgent": 3, "priority": 1, "normal": 2}
    questions = _people(r["by_question"])
    assert (questions["employment"], questions["housing"]) == (4, 3)
    assert (questions["orientation"], questions["vae"], questions["health"]) == (
        1,
        1,
        0,
    )
    assert _people(r["by_structure"], "name") == {
        world.structure_a.organisation.name: 5,
        world.structure_b.organisation.name: 1,
    }
    assert _people(r["by_network"], "name") == {
        "Missions locales": 5,
        "Information Jeunesse": 1,
    }
    assert _people(r["by_territory"], "name") == {"Rennes": 5, "Brest": 1}

    m = found["referrals"]
    assert (m["sent"], m["open"], m["withdrawn"], m["decided"]) == (17, 1, 0, 16)
    assert m["accepted"]["rate"] == Decimal("75.0")
    assert m["declined"]["rate"] == Decimal("12.5")
    assert m["expired"]["rate"] == Decimal("12.5")
    # Two refusals: their reasons' shares are small cells.
    assert all(
        reason["share"]["hidden"]
        for reason in m["decline_reasons"]
        if reason["share"]["whole"]
    )
    # 11 acceptances after 1..11 days (A2's, the twelfth, is immediate).
    accepted_days = sorted([*range(1, 12), 0])
    assert m["days_to_acceptance"]["count"] == 12
    assert abs(
        m["days_to_acceptance"]["days"] - Decimal(statistics.median(accepted_days))
    ) <= Decimal("0.1")
    delays = [
        a.slot.starts_at - a.referral.sent_at
        for a in Appointment.objects.filter(referral__isnull=False)
    ]
    expected = Decimal(statistics.median(d.total_seconds() for d in delays) / 86400)
    assert m["days_to_appointment"]["days"] == expected.quantize(Decimal("0.1"))

    # 2 absent of 12 outcomes (the cancelled one is no outcome).
    assert found["appointments"]["no_show"]["rate"] == Decimal("16.7")

    rows = {row["name"]: row for row in found["structures"]}
    b = rows[world.structure_b.organisation.name]
    assert b["referrals"]["decided"] == 15
    assert b["referrals"]["accepted"]["rate"] == Decimal("73.3")
    assert b["no_show"]["rate"] == Decimal("16.7")
    a2 = rows[world.structure_a2.organisation.name]
    # One referral decided: a small cell, and nothing to recompute it from.
    assert a2["referrals"]["accepted"] == {"whole": 1, "rate": None, "hidden": True}


def test_a_year_counts_only_its_own_rows(world, dataset):
    last_year = reception_figures(world.coordinator, Period.of_year(TODAY().year - 5))
    assert last_year["receptions"]["people"] == 0
    assert last_year["referrals"]["sent"] == 0 and last_year["structures"] == []


@pytest.mark.parametrize(
    ("who", "seen"),
    [
        ("coordinator", {"structure_a", "structure_a2", "structure_b"}),
        ("gref", {"structure_a", "structure_a2", "structure_b"}),
        ("network_head_a", {"structure_a", "structure_a2"}),
        ("network_head_b", {"structure_b"}),
        ("territorial_officer_a", {"structure_a"}),
    ],
)
def test_the_page_rows_follow_the_reach(client, world, dataset, who, seen):
    login(client, getattr(world, who))
    response = client.get(reverse("reception:figures"))
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("structure_a", "structure_a2", "structure_b"):
        shown = getattr(world, name).organisation.name in page
        assert shown == (name in seen), name
    assert response.content.decode().count("<h1") == 1
    assert '<th scope="col">' in page and "<caption" in page


@pytest.mark.parametrize(
    "who", ["professional_a", "referent_a", "referent_b", "government"]
)
def test_roles_without_the_figures_are_refused(client, world, who):
    login(client, getattr(world, who))
    for name in (
        "reception:figures",
        "reception:figures_csv",
        "reception:figures_xlsx",
    ):
        assert client.get(reverse(name)).status_code == 403


def test_small_cells_read_moins_de_11(client, world, dataset):
    login(client, world.network_head_a)  # A and A2: two referrals decided at most
    page = client.get(reverse("reception:figures")).content.decode()
    assert "moins de 11" in page


def test_the_files_hold_the_figures_and_no_personal_field(client, world, dataset):
    login(client, world.coordinator)
    year = TODAY().year
    page = client.get(reverse("reception:figures"), {"annee": year})
    csv = client.get(reverse("reception:figures_csv"), {"annee": year})
    xlsx = client.get(reverse("reception:figures_xlsx"), {"annee": year})
    assert csv["Content-Disposition"].endswith(f'accueil-chiffres-{year}.csv"')
    text = csv.content.decode("utf-8-sig")
    assert "Personnes accueillies" in text and "moins de 11" in text
    workbook = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    cells = [
        str(cell)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    assert "Personnes accueillies" in cells
    for content in (page.content.decode(), text, " ".join(cells)):
        assert MARKER not in content
        assert "Camille" not in content and "Dominique" not in content
        assert "06 12 34 56 78" not in content


def test_bad_year_gives_this_year_not_an_error(client, world, dataset):
    login(client, world.coordinator)
    for value in ("abc", "1900", "99999999999999999999", "2026'--"):
        response = client.get(reverse("reception:figures"), {"annee": value})
        assert response.status_code == 200
        assert f"Chiffres de l'accueil {TODAY().year}" in response.content.decode()


def _more(world, n: int) -> None:
    """``n`` more receptions, referrals and appointments (bulk, for the count)."""
    rows = [
        Reception(
            structure=[world.structure_a, world.structure_b][i % 2],
            kind="full",
            received_on=TODAY(),
            channel=["phone", "mail", "face_to_face"][i % 3],
            urgency=["normal", "urgent"][i % 2],
            q_training=bool(i % 2),
        )
        for i in range(n)
    ]
    Reception.objects.bulk_create(rows)
    first = Reception.objects.filter(
        structure=world.structure_a, reference__isnull=False
    ).first()
    for _i in range(n // 10):
        _referral(world, first, "accepted")
    for i in range(n // 10):
        _appointment(
            slot_for(
                world,
                world.structure_a,
                in_days=-(i + 1),
                hour=14,
                books_from=timezone.now() - datetime.timedelta(days=60),
            ),
            status="seen",
        )


def test_the_number_of_queries_does_not_grow_with_the_data(
    world, dataset, django_assert_max_num_queries
):
    def count() -> int:
        # A fresh user each time: their memberships are read again.
        from extranet.models import User

        user = User.objects.get(pk=world.network_head_a.pk)
        with CaptureQueriesContext(connection) as queries:
            reception_figures(user, _period())
        return len(queries)

    small = count()
    _more(world, 40)
    with django_assert_max_num_queries(10):
        reception_figures(world.coordinator, _period())
    assert count() == small <= 10
