"""The regional follow-up answers "who is late": lateness is counted from the
campaign date the Région sets, in days; the table filters by state and alert
and sorts by lateness or state; a structure whose renewal is under way is not
"échue sans suite"."""

from __future__ import annotations

import datetime
import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from conventions import services
from conventions.models import Convention, ConventionKind, SignatureCampaign
from extranet.models import Structure

from ..conftest import login

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
URL = reverse("conventions:overview")


def start(world, structure, *, year=YEAR, **fields):
    convention = services.convention_start(
        user=world.coordinator,
        kind=ConventionKind.STRUCTURE,
        year=year,
        structure=structure,
    )
    if fields:
        Convention.objects.filter(pk=convention.pk).update(**fields)
    return convention


def page(response) -> str:
    return re.sub(
        r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    )


def listed(response) -> list[str]:
    return [r.structure.organisation.name for r in response.context["rows"]]


@pytest.fixture
def follow_up(world):
    """A in force, A2 in draft, B not started; the campaign closed 20 days ago."""
    start(world, world.structure_a, state="in_force")
    start(world, world.structure_a2, state="draft")
    SignatureCampaign.objects.create(
        year=YEAR, due_date=timezone.localdate() - timedelta(days=20)
    )
    return world


def test_the_coordinator_sets_the_campaign_date_and_it_is_kept_with_its_history(
    client, world
):
    login(client, world.coordinator)
    due = datetime.date(YEAR, 12, 31)

    response = client.post(f"{URL}?annee={YEAR}", {"annee": YEAR, "due_date": due})

    assert response.status_code == 302
    campaign = SignatureCampaign.objects.get(year=YEAR)
    assert campaign.due_date == due
    assert campaign.history.get().history_user == world.coordinator
    text = page(client.get(URL, {"annee": YEAR}))
    assert f"avant le 31 décembre {YEAR}" in text


def test_a_date_outside_the_year_is_refused_in_french_and_nothing_changes(
    client, world
):
    login(client, world.coordinator)

    response = client.post(URL, {"annee": YEAR, "due_date": f"{YEAR + 3}-01-01"})

    assert response.status_code == 400
    assert "doit tomber dans l'année" in page(response)
    assert not SignatureCampaign.objects.exists()


@pytest.mark.parametrize(
    "who", ["territorial_officer_a", "referent_a", "network_head_a"]
)
def test_nobody_else_sets_the_campaign_date(client, world, who):
    login(client, getattr(world, who))

    response = client.post(URL, {"annee": YEAR, "due_date": f"{YEAR}-06-30"})

    assert response.status_code == 403
    assert not SignatureCampaign.objects.exists()


def test_days_overdue_are_shown_and_sorting_puts_the_latest_first(client, follow_up):
    world = follow_up
    login(client, world.coordinator)

    response = client.get(URL, {"annee": YEAR, "tri": "retard"})

    rows = response.context["rows"]
    assert [r.days_overdue for r in rows][:2] == [20, 20]
    assert rows[-1].structure == world.structure_a  # in force: not late
    assert rows[-1].days_overdue == 0


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"etat": "en_vigueur"}, {"structure_a"}),
        ({"etat": "en_cours"}, {"structure_a2"}),
        ({"etat": "non_engagee"}, {"structure_b"}),
        ({"alerte": "retard"}, {"structure_a2", "structure_b"}),
        ({"alerte": "aucune"}, {"structure_a"}),
    ],
)
def test_the_table_filters_by_state_and_alert(client, follow_up, params, expected):
    world = follow_up
    login(client, world.coordinator)

    names = set(listed(client.get(URL, {"annee": YEAR, **params})))

    wanted = {getattr(world, name).organisation.name for name in expected}
    assert wanted <= names
    others = {world.structure_a, world.structure_a2, world.structure_b}
    assert (
        not {s.organisation.name for s in others if s.organisation.name not in wanted}
        & names
    )


def test_exports_carry_the_same_filtered_rows_with_the_days(client, follow_up):
    login(client, follow_up.coordinator)

    csv_text = client.get(
        reverse("conventions:overview_csv"), {"annee": YEAR, "alerte": "retard"}
    ).content.decode("utf-8-sig")

    assert "Jours de retard" in csv_text.splitlines()[0]
    assert follow_up.structure_a.organisation.name not in csv_text
    assert ";20;" in csv_text


def test_a_lapsed_structure_with_its_renewal_under_way_is_not_left_without_follow_up(
    client, world
):
    last_year_end = datetime.date(YEAR - 1, 12, 31)
    Structure.objects.filter(pk=world.structure_b.pk).update(
        convention_valid_until=last_year_end
    )
    structure = Structure.objects.get(pk=world.structure_b.pk)
    assert structure.convention_lapsed
    login(client, world.coordinator)
    rows = {r.structure.pk: r for r in client.get(URL, {"annee": YEAR}).context["rows"]}
    assert rows[structure.pk].lapsed

    start(world, structure, state="submitted")

    rows = {r.structure.pk: r for r in client.get(URL, {"annee": YEAR}).context["rows"]}
    assert not rows[structure.pk].lapsed
    assert rows[structure.pk].in_progress
