"""The evaluation pages: who may read them, what they show, what a bad filter
does, the CSV and PDF files, the public page of a territory, and a bounded
number of queries whatever the number of structures."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from ..conftest import login
from ..factories import StructureFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "evaluation:dashboard"


def pdf_url(year=None):
    return reverse("evaluation:report_pdf", args=[year or timezone.localdate().year])


@pytest.mark.parametrize(
    "who",
    ["referent_a", "professional_a", "network_head_a", "gref", "territorial_officer_a"],
)
@pytest.mark.parametrize(
    "url_name", ["evaluation:dashboard", "evaluation:dashboard_csv"]
)
def test_the_dashboard_and_its_file_are_refused_to_everybody_else(
    client, world, who, url_name
):
    login(client, getattr(world, who))
    assert client.get(reverse(url_name)).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login(client, world):
    response = client.get(reverse(DASHBOARD))
    assert response.status_code == 302
    assert reverse("extranet:login") in response["Location"]


@pytest.mark.parametrize("who", ["coordinator", "government"])
def test_the_regional_coordination_and_the_state_read_the_five_dimensions(
    client, world, records, who
):
    login(client, getattr(world, who))
    response = client.get(reverse(DASHBOARD))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h2 ") >= 5
    assert "Continuité des parcours" in page
    assert "Dynamiques inter-réseaux" in page
    assert '<th scope="row">Personnes accueillies</th>' in page
    assert "Personnes satisfaites de leur accueil" in page
    assert "<caption" in page
    assert "style=" not in page


def test_a_superuser_reads_the_dashboard(client, world):
    from ..factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    login(client, admin)
    assert client.get(reverse(DASHBOARD)).status_code == 200


def test_the_menu_offers_the_evaluation_to_the_coordinator_only(client, world):
    login(client, world.coordinator)
    page = client.get(reverse("extranet:dashboard")).content.decode()
    assert reverse(DASHBOARD) in page
    login(client, world.referent_a)
    page = client.get(reverse("extranet:dashboard")).content.decode()
    assert reverse(DASHBOARD) not in page


def test_the_filters_narrow_the_figures_to_a_territory_and_a_network(
    client, world, records
):
    login(client, world.coordinator)
    response = client.get(
        reverse(DASHBOARD),
        {
            "annee": records.year,
            "territoire": world.territory_a.pk,
            "reseau": world.network_a.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["board"].territory_id == world.territory_a.pk
    assert response.context["board"].network_id == world.network_a.pk
    assert "sans objet" in response.content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"annee": "1800"}, "Cette année n&#x27;est pas proposée"),
        ({"annee": "deux-mille"}, "Cette année n&#x27;est pas proposée"),
        ({"territoire": "999999"}, "Ce territoire n&#x27;existe pas"),
        ({"reseau": "abc"}, "Ce réseau n&#x27;existe pas"),
    ],
)
def test_an_invalid_filter_is_ignored_with_a_message_in_french(
    client, world, query, message
):
    login(client, world.coordinator)
    response = client.get(reverse(DASHBOARD), query)
    assert response.status_code == 200
    assert message in response.content.decode()
    board = response.context["board"]
    assert board.year == timezone.localdate().year
    assert board.territory_id is None and board.network_id is None


def test_the_csv_holds_every_indicator_with_its_definition(client, world, records):
    from evaluation.indicators import INDICATORS

    login(client, world.coordinator)
    response = client.get(reverse("evaluation:dashboard_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert len(text.strip().splitlines()) == len(INDICATORS) + 1
    assert "Définition" in text and "Personnes accueillies" in text


def test_the_annual_report_is_a_pdf_for_the_coordinator(client, world, records):
    login(client, world.coordinator)
    response = client.get(pdf_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["referent_a", "network_head_b", "gref"])
def test_the_annual_report_is_refused_to_others(client, world, who):
    login(client, getattr(world, who))
    assert client.get(pdf_url()).status_code == 403


def test_a_report_of_a_year_out_of_range_is_not_found(client, world):
    login(client, world.coordinator)
    assert client.get(pdf_url(1990)).status_code == 404


def test_the_public_page_of_a_territory_shows_its_aggregates(client, world, records):
    response = client.get(
        reverse("evaluation_public:territory", args=[world.territory_a.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rennes" in page and "Méthode" in page
    assert "Chiffres calculés le" in page
    # Aggregates only: nobody's name or contact.
    assert "Camille" not in page and "camille@exemple.fr" not in page
    assert response.context["board"].territory_id == world.territory_a.pk


def test_the_public_page_of_an_unknown_territory_is_not_found(client, db):
    response = client.get(reverse("evaluation_public:territory", args=[999999]))
    assert response.status_code == 404


def test_the_dashboard_query_count_does_not_grow_with_the_structures(
    client, world, records, django_assert_max_num_queries
):
    login(client, world.coordinator)
    url = reverse(DASHBOARD)

    def queries_of_a_fresh_page() -> int:
        from django.core.cache import cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    few = queries_of_a_fresh_page()
    for _ in range(5):
        StructureFactory(network=world.network_b, territory=world.territory_a)
    assert queries_of_a_fresh_page() == few
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(60):
        client.get(url)
