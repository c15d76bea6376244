"""The regional overview of conventions: rows, flags, scope, exports, queries."""

from __future__ import annotations

import csv
import datetime
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conventions import services
from conventions.exports import neutralise
from conventions.models import Convention, ConventionKind, SignatureCampaign
from conventions.overview import convention_overview, overview_summary
from extranet.models import MembershipStatus, Organisation, Structure

from ..conftest import login
from ..factories import NetworkFactory, StructureFactory

YEAR = timezone.localdate().year
OVERVIEW = reverse("conventions:overview")
CSV_URL = reverse("conventions:overview_csv")
XLSX_URL = reverse("conventions:overview_xlsx")


def start(world, structure: Structure, *, year: int = YEAR, **fields) -> Convention:
    """A structure convention started by the Région, then put in the state wanted
    (set directly: the workflow itself is tested elsewhere)."""
    convention = services.convention_start(
        user=world.coordinator,
        kind=ConventionKind.STRUCTURE,
        year=year,
        structure=structure,
    )
    if fields:
        Convention.objects.filter(pk=convention.pk).update(**fields)
        convention.refresh_from_db()
    return convention


def rows_by_structure(user, **kwargs) -> dict[int, object]:
    return {r.structure.pk: r for r in convention_overview(user, year=YEAR, **kwargs)}


@pytest.mark.django_db
def test_rows_flag_in_force_in_progress_and_late(world):
    now = timezone.now()
    start(world, world.structure_a, state="in_force")
    a2 = start(
        world,
        world.structure_a2,
        state="submitted",
        state_entered_at=now - timedelta(days=20),
        state_deadline=now - timedelta(days=5),
    )
    # An abandoned convention does not count: structure B has none.
    start(world, world.structure_b, state="abandoned")
    Structure.objects.filter(pk=world.structure_b.pk).update(
        convention_valid_until=datetime.date(YEAR - 1, 12, 31)
    )

    rows = rows_by_structure(world.coordinator)

    assert set(rows) == {
        world.structure_a.pk,
        world.structure_a2.pk,
        world.structure_b.pk,
    }
    a = rows[world.structure_a.pk]
    assert (a.in_force, a.late, a.state_label, a.deadline) == (
        True,
        False,
        "En vigueur",
        None,
    )
    late = rows[world.structure_a2.pk]
    assert late.convention.pk == a2.pk
    assert not late.in_force and late.late
    assert late.state_label == "Soumise à la tête de réseau"
    assert late.waiting_since == a2.state_entered_at
    assert late.deadline == a2.state_deadline
    b = rows[world.structure_b.pk]
    assert b.convention is None and b.late and b.lapsed
    assert (b.network, b.territory) == (world.network_b, world.territory_b)

    summary = overview_summary(rows.values())
    assert (
        summary.total,
        summary.in_force,
        summary.in_progress,
        summary.not_started,
        summary.late,
        summary.lapsed,
    ) == (3, 1, 1, 1, 2, 1)


@pytest.mark.django_db
def test_lateness_is_counted_from_the_campaign_date_the_region_sets(world):
    start(world, world.structure_a, state="draft")
    this_year_end = datetime.date(YEAR, 12, 31)
    SignatureCampaign.objects.create(year=YEAR, due_date=this_year_end)
    assert not rows_by_structure(world.coordinator)[world.structure_a.pk].late

    SignatureCampaign.objects.filter(year=YEAR).update(
        due_date=timezone.localdate() - timedelta(days=12)
    )
    row = rows_by_structure(world.coordinator)[world.structure_a.pk]
    assert row.late and row.days_overdue == 12
    # Without a date, the end of the year's first quarter.
    start(world, world.structure_a, year=YEAR - 1, state="signing")
    past = {
        r.structure.pk: r for r in convention_overview(world.coordinator, year=YEAR - 1)
    }
    assert past[world.structure_a.pk].late
    expected = (timezone.localdate() - datetime.date(YEAR - 1, 3, 31)).days
    assert past[world.structure_a.pk].days_overdue == expected
    assert past[world.structure_a.pk].state_label == "En signature"


@pytest.mark.django_db
def test_only_active_members_of_partner_networks_are_expected(world):
    associated = StructureFactory(
        network=world.network_a,
        territory=world.territory_a,
        membership_status=MembershipStatus.ASSOCIATED,
    )
    outside_partners = StructureFactory(
        network=NetworkFactory(is_partner=False), territory=world.territory_a
    )
    closed = StructureFactory(network=world.network_a, territory=world.territory_a)
    Organisation.objects.filter(pk=closed.organisation_id).update(is_active=False)
    no_network = StructureFactory(
        network=None,
        territory=world.territory_a,
        membership_status=MembershipStatus.CONTACT_POINT,
    )
    rows = rows_by_structure(world.coordinator)
    for structure in (associated, outside_partners, closed, no_network):
        assert structure.pk not in rows
    assert len(rows) == 3


@pytest.mark.django_db
def test_territorial_officer_sees_their_territory_only(world, client):
    rows = rows_by_structure(world.territorial_officer_a)
    assert set(rows) == {world.structure_a.pk}
    # Asking for another territory gives nothing more.
    assert not convention_overview(
        world.territorial_officer_a, year=YEAR, territory=world.territory_b
    )

    login(client, world.territorial_officer_a)
    response = client.get(OVERVIEW, {"territoire": world.territory_b.pk})
    assert response.status_code == 200
    assert world.structure_a.organisation.name in response.content.decode()
    assert world.structure_a2.organisation.name not in response.content.decode()
    assert response.context["filters"].territory is None
    csv_text = client.get(CSV_URL).content.decode("utf-8-sig")
    assert world.structure_a.organisation.name in csv_text
    assert world.structure_b.organisation.name not in csv_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["referent_a", "professional_a", "network_head_a", "gref", "government"]
)
@pytest.mark.parametrize("url", [OVERVIEW, CSV_URL, XLSX_URL])
def test_others_are_refused(world, client, who, url):
    login(client, getattr(world, who))
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert reverse("extranet:login") in response["Location"]


@pytest.mark.django_db
def test_page_filters_summary_and_accessible_table(world, client):
    start(world, world.structure_a, state="in_force")
    login(client, world.coordinator)
    response = client.get(OVERVIEW)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    for field in ("id_annee", "id_reseau", "id_territoire"):
        assert f'<label for="{field}">' in html
    assert f"{CSV_URL}?annee={YEAR}" in html
    assert f"{XLSX_URL}?annee={YEAR}" in html
    assert response.context["summary"].in_force == 1

    response = client.get(
        OVERVIEW, {"annee": "n'importe quoi", "reseau": world.network_b.pk}
    )
    assert response.context["filters"].year == YEAR
    assert [r.structure for r in response.context["rows"]] == [world.structure_b]
    assert f"reseau={world.network_b.pk}" in response.context["query_string"]


@pytest.mark.django_db
def test_csv_export(world, client):
    start(
        world,
        world.structure_a,
        state="submitted",
        state_entered_at=timezone.make_aware(datetime.datetime(YEAR, 3, 2, 10)),
    )
    Organisation.objects.filter(pk=world.structure_b.organisation_id).update(
        name='=HYPERLINK("http://evil.example","clic")'
    )
    login(client, world.coordinator)
    SignatureCampaign.objects.create(year=YEAR, due_date=datetime.date(YEAR, 12, 31))
    response = client.get(CSV_URL, {"annee": YEAR})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="conventions-{YEAR}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][:4] == [
        "Structure",
        "Réseau",
        "Territoire",
        "État de la convention",
    ]
    assert len(rows) == 4
    by_name = {r[0]: r for r in rows[1:]}
    a = by_name[world.structure_a.organisation.name]
    assert a[1:5] == [
        str(world.network_a),
        world.territory_a.name,
        "Soumise à la tête de réseau",
        f"02/03/{YEAR}",
    ]
    assert a[6:8] == ["non", "non"]
    assert '\'=HYPERLINK("http://evil.example","clic")' in by_name


@pytest.mark.django_db
def test_xlsx_export(world, client):
    start(
        world,
        world.structure_a,
        state="in_force",
        state_entered_at=timezone.make_aware(datetime.datetime(YEAR, 5, 6, 12)),
    )
    Organisation.objects.filter(pk=world.structure_b.organisation_id).update(
        name="@SUM(A1:A9)"
    )
    login(client, world.coordinator)
    response = client.get(XLSX_URL)

    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="conventions-{YEAR}.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [f"Conventions {YEAR}"]
    sheet = workbook.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("Structure", "Réseau", "Territoire")
    assert len(values) == 4
    by_name = {r[0]: r for r in values[1:]}
    a = by_name[world.structure_a.organisation.name]
    assert a[3] == "En vigueur"
    assert a[4] == datetime.datetime(YEAR, 5, 6)  # a real date, not text
    assert a[6] == "oui"
    assert "'@SUM(A1:A9)" in by_name
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type != "f" for cell in row)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 2 99", "'+33 2 99"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("Mission locale", "Mission locale"),
        ("", ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.mark.django_db
def test_query_count_does_not_grow_with_structures(
    world, client, django_assert_max_num_queries
):
    start(world, world.structure_a, state="in_force")
    login(client, world.coordinator)
    client.get(OVERVIEW)  # warm per-process caches (content types, sessions)
    budget = 12
    with django_assert_max_num_queries(budget):
        assert client.get(OVERVIEW).status_code == 200
    for i in range(30):
        structure = StructureFactory(
            network=world.network_a if i % 2 else world.network_b,
            territory=world.territory_a if i % 3 else world.territory_b,
        )
        if i % 2:
            start(world, structure, state="submitted")
    with django_assert_max_num_queries(budget):
        response = client.get(OVERVIEW)
    assert len(response.context["rows"]) == 33
    for url in (CSV_URL, XLSX_URL):
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
