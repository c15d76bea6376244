"""Professionals search the map by need, audience, territory or commune,
channel and keywords; answers say qui, quoi, comment, où; the page does not
grow with the data; odd input is ignored in French, never fatal."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import ServiceEntry
from collaboration.servicemap.search import refresh_entry_vectors
from extranet.models import Role, Structure

from ..conftest import is_postgresql, login
from ..factories import ServiceEntryFactory, StructureFactory, local_actor, member

pytestmark = pytest.mark.django_db


def titles(response) -> set[str]:
    return {e.title for e in response.context["page"].object_list}


def search(client, **params):
    response = client.get(reverse("servicemap:search"), params)
    assert response.status_code == 200
    return response


@pytest.fixture
def entries(world):
    found = {
        "cep": ServiceEntryFactory(
            structure=world.structure_a,
            title="Conseil en évolution professionnelle",
            kind="advice",
            audiences="|employees|job_seekers|",
            channels="|visio|",
            coverage="departements",
            coverage_departements="|35|",
            description="Faire le point sur sa carrière et sa reconversion.",
        ),
        "garantie": ServiceEntryFactory(
            structure=world.structure_b,
            title="Garantie jeunes",
            kind="scheme",
            audiences="|young|",
            channels="|face_to_face|",
            coverage="territory",
            coverage_territory=world.territory_b,
            description="Un accompagnement intensif vers l'emploi des jeunes.",
        ),
        "brest": ServiceEntryFactory(
            structure=world.structure_a2,
            title="Atelier CV à Brest",
            kind="workshop",
            audiences="|adults|",
            channels="|face_to_face|phone|",
            coverage="communes",
            coverage_communes="|29019|",
        ),
        "mobility": local_actor(
            world.territory_a,
            title="Location de scooters",
            kind="support",
            actor_name="Plateforme mobilité de Rennes",
            audiences="|young|job_seekers|",
        ),
    }
    refresh_entry_vectors(ServiceEntry.objects.values_list("pk", flat=True))
    return found


def test_every_member_sees_every_entry_private_ones_included(client, world, entries):
    login(client, world.network_head_a)
    assert titles(search(client)) == {e.title for e in entries.values()}


def test_filter_by_need_audience_and_channel(client, world, entries):
    login(client, world.professional_a)
    assert titles(search(client, kind="scheme")) == {"Garantie jeunes"}
    assert titles(search(client, audience="young")) == {
        "Garantie jeunes",
        "Location de scooters",
    }
    assert titles(search(client, audience="job_seekers", channel="visio")) == {
        "Conseil en évolution professionnelle"
    }


def test_filter_by_territory(client, world, entries):
    login(client, world.professional_a)
    # Territory B (Finistère): its own coverage and a commune of an entry of a
    # structure standing there.
    assert titles(search(client, territory=world.territory_b.slug)) == {
        "Garantie jeunes",
        "Atelier CV à Brest",
    }
    assert titles(search(client, territory=world.territory_a.slug)) == {
        "Conseil en évolution professionnelle",
        "Location de scooters",
    }


def test_filter_by_a_commune_typed(client, world, entries):
    login(client, world.professional_a)
    # Brest: the commune listed, and territory B where a structure stands in Brest.
    assert titles(search(client, commune="brest")) == {
        "Garantie jeunes",
        "Atelier CV à Brest",
    }
    assert titles(search(client, commune="Saint-Malo")) == {
        "Conseil en évolution professionnelle"
    }


def test_keyword(client, world, entries):
    login(client, world.professional_a)
    assert titles(search(client, q="reconversion")) == {
        "Conseil en évolution professionnelle"
    }
    assert titles(search(client, q="scooters")) == {"Location de scooters"}


def test_keyword_is_french_full_text_on_postgresql(client, world, entries):
    """Stemmed and accents folded: "evolutions" finds "évolution"."""
    if not is_postgresql():
        pytest.skip("PostgreSQL full-text search")
    login(client, world.professional_a)
    assert titles(search(client, q="evolutions professionnelles")) == {
        "Conseil en évolution professionnelle"
    }
    assert ServiceEntry.objects.filter(search_vector__isnull=False).count() == 4


def test_an_answer_says_who_what_how_where(client, world, entries):
    login(client, world.professional_a)
    content = html.unescape(search(client, kind="scheme").content.decode())
    for word in ("Qui", "Quoi", "Pour qui", "Comment", "Où"):
        assert f"<dt>{word} ?</dt>" in content
    assert reverse("extranet:structure_detail", args=[world.structure_b.pk]) in content
    assert world.territory_b.name in content


def test_a_structure_delivering_the_accueil_offers_the_referral_entry_point(
    client, world, entries
):
    Structure.objects.filter(
        pk__in=[world.structure_a.pk, world.structure_b.pk]
    ).update(
        convention_valid_until=timezone.localdate().replace(year=2099),
        service_api=True,
    )
    login(client, world.professional_a)
    content = search(client, kind="scheme").content.decode()
    assert reverse("reception:reception_new") in content
    # A network head receives nobody: the structure only.
    login(client, world.network_head_a)
    content = search(client, kind="scheme").content.decode()
    assert reverse("reception:reception_new") not in content


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "inconnu"},
        {"audience": "<script>"},
        {"territory": "nulle-part"},
        {"commune": "Paris"},
        {"channel": "pigeon"},
        {"q": "x" * 500},
        {"page": "abc"},
        {"q": "'; DROP TABLE collaboration_serviceentry; --"},
        {"q": "\x00"},
    ],
)
def test_odd_filters_are_ignored_in_french(client, world, entries, params):
    login(client, world.professional_a)
    response = search(client, **params)
    assert len(response.context["page"].object_list) >= 0
    if set(params) - {"page", "q"} or len(params.get("q", "")) > 100:
        assert response.context["problems"]


def test_the_search_page_does_not_grow_with_the_data(
    client, world, django_assert_max_num_queries
):
    login(client, world.professional_a)
    for _ in range(3):
        ServiceEntryFactory(structure=world.structure_a)
        local_actor(world.territory_a)

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            search(client, audience="young")
        return len(queries)

    few = count()
    for _ in range(15):
        structure = StructureFactory(territory=world.territory_b)
        member(Role.REFERENT, structure.organisation)
        ServiceEntryFactory(structure=structure)
        local_actor(world.territory_b)
    with django_assert_max_num_queries(few):
        search(client, audience="young")
    with django_assert_max_num_queries(few + 1):
        search(client, audience="young", commune="Rennes", q="atelier")


def test_the_csv_holds_the_results_of_the_search(client, world, entries):
    login(client, world.professional_a)
    response = client.get(reverse("servicemap:export_csv"), {"audience": "young"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Qui;")
    assert "Garantie jeunes" in text and "Location de scooters" in text
    assert "Atelier CV" not in text


def test_the_csv_neutralises_formulas(client, world):
    ServiceEntryFactory(structure=world.structure_a, title="=HYPERLINK(1)")
    login(client, world.professional_a)
    text = client.get(reverse("servicemap:export_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def test_the_booklet_of_a_territory_is_a_pdf(client, world, entries):
    login(client, world.professional_a)
    response = client.get(reverse("servicemap:booklet", args=[world.territory_b.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        client.get(reverse("servicemap:booklet", args=["nulle-part"])).status_code
        == 404
    )
