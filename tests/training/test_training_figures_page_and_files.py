"""The figures page and its CSV and XLSX files: the same rule decides who sees
them (GREF and the Région all, a network head their network, a territorial
officer their territory, nobody else), the files carry the page's rows with
French headers, and the number of queries does not grow with the rows."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from extranet.models import Role

from ..conftest import login, member
from ..factories import enrolment_for, staff, training_session

URLS = ["training:figures", "training:figures_csv", "training:figures_xlsx"]


def url(name, session):
    """The page or a file for the year ``session`` starts in."""
    year = timezone.localtime(session.starts_at).year
    return f"{reverse(name)}?annee={year}"


@pytest.fixture
def enrolled(world):
    session = training_session(world)
    enrolment_for(world, session, staff(world, "structure_a"))
    enrolment_for(world, session, staff(world, "structure_b"))
    return session


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize(
    "who", ["professional_a", "referent_a", "referent_b", "government"]
)
def test_others_are_refused_the_page_and_the_files(client, world, name, who):
    login(client, getattr(world, who))
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "who, seen, hidden",
    [
        ("gref", ["structure_a", "structure_b"], []),
        ("coordinator", ["structure_a", "structure_b"], []),
        ("network_head_a", ["structure_a"], ["structure_b"]),
        ("network_head_b", ["structure_b"], ["structure_a"]),
        ("territorial_officer_a", ["structure_a"], ["structure_b"]),
    ],
)
def test_each_role_sees_the_structures_of_its_reach(
    client, world, enrolled, who, seen, hidden
):
    login(client, getattr(world, who))
    page = client.get(url("training:figures", enrolled)).content.decode()
    text = client.get(url("training:figures_csv", enrolled)).content.decode("utf-8-sig")
    for attr in seen:
        name = getattr(world, attr).organisation.name
        assert name in page and name in text
    for attr in hidden:
        name = getattr(world, attr).organisation.name
        assert name not in page and name not in text


def test_the_page_has_captioned_tables_and_the_links_to_the_files(
    client, world, enrolled
):
    login(client, world.gref)
    page = client.get(url("training:figures", enrolled)).content.decode()
    assert page.count("<h1") == 1
    assert page.count("<caption") == 4  # three levels, cross-network sessions
    assert 'scope="col"' in page
    assert reverse("training:figures_csv") in page
    assert reverse("training:figures_xlsx") in page


def test_the_csv_has_french_headers_and_one_row_per_line(client, world, enrolled):
    login(client, world.gref)
    response = client.get(url("training:figures_csv", enrolled))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][:6] == [
        "Niveau",
        "Nom",
        "Réseau",
        "Territoire",
        "Personnes inscrites",
        "Personnes formées",
    ]
    levels = [row[0] for row in rows[1:]]
    # Two structures, two networks, two territories, the total.
    assert levels == ["Structure"] * 2 + ["Réseau"] * 2 + ["Territoire"] * 2 + [
        "Ensemble"
    ]
    assert rows[-1][4] == "2"


def test_the_xlsx_has_the_figures_and_the_cross_network_sessions(
    client, world, enrolled
):
    login(client, world.gref)
    response = client.get(url("training:figures_xlsx", enrolled))
    assert "spreadsheetml" in response["Content-Type"]
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    first, second = book.worksheets
    rows = list(first.iter_rows(values_only=True))
    assert rows[0][0] == "Niveau" and len(rows) == 8
    assert rows[-1][4] == 2
    header = next(second.iter_rows(values_only=True))
    assert header[0] == "Session"


def test_a_name_typed_as_a_formula_is_not_run_by_the_spreadsheet(
    client, world, enrolled
):
    organisation = world.structure_a.organisation
    organisation.name = "=HYPERLINK(1)"
    organisation.save()
    login(client, world.gref)
    text = client.get(url("training:figures_csv", enrolled)).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def _grow(world, sessions: int):
    session = None
    for _ in range(sessions):
        session = training_session(world)
        for attr in ("structure_a", "structure_a2", "structure_b"):
            enrolment_for(world, session, staff(world, attr))
    return session


@pytest.mark.parametrize("name", URLS)
def test_the_queries_do_not_grow_with_the_rows(
    client, world, name, django_assert_max_num_queries
):
    member(Role.REFERENT, world.structure_a2.organisation)
    login(client, world.gref)
    session = _grow(world, 1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(name, session)).status_code == 200
    _grow(world, 4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url(name, session))
    assert response.status_code == 200
    if not name.endswith("xlsx"):  # a zip: its rows are read above
        assert response.content.count(b"Mission") >= 1
