"""The site search reads a stored, indexed vector on PostgreSQL: kept true on every
write, accents folded, found through its GIN index, results and count at once."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.search.selectors import (
    counted,
    first_structures,
    search_site,
    search_structures,
)
from extranet.models import Organisation, OrganisationKind, Structure, StructureType
from extranet.search import refresh_search_vectors

from ..conftest import is_postgresql
from ..factories import NetworkFactory, StructureFactory, TerritoryFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not is_postgresql(), reason="the stored search vector is PostgreSQL's"
    ),
]


def found(query: str) -> list[str]:
    return [s.organisation.name for s in search_site(query).structures]


@pytest.fixture
def structure(db):
    return StructureFactory(
        organisation__name="Point accueil emploi du Méné",
        network=NetworkFactory(name="Réseau Armor emploi"),
        territory=TerritoryFactory(name="Centre Bretagne", slug="centre-bretagne"),
        description="Ateliers de recherche d'emploi.",
    )


# The vector follows every write ---------------------------------------------------


def test_a_new_presentation_is_found_and_the_old_one_no_longer(structure):
    assert found("ateliers") == ["Point accueil emploi du Méné"]
    structure.description = "Permanences juridiques le jeudi."
    structure.save()
    assert found("juridique") == ["Point accueil emploi du Méné"]
    assert found("ateliers") == []


def test_a_renamed_organisation_is_found_by_its_new_name(structure):
    structure.organisation.name = "Maison de l'emploi de Loudéac"
    structure.organisation.save()
    assert found("Loudéac") == ["Maison de l'emploi de Loudéac"]
    assert found("Méné") == []


def test_a_renamed_network_is_found_in_its_structures(structure):
    structure.network.name = "Réseau des maisons France services"
    structure.network.save()
    assert found("France services") == ["Point accueil emploi du Méné"]
    assert found("Armor") == []


def test_a_renamed_territory_is_found_in_its_structures(structure):
    structure.territory.name = "Pays de Pontivy"
    structure.territory.save()
    assert found("Pontivy") == ["Point accueil emploi du Méné"]
    assert found("Centre Bretagne") == []


def test_a_save_of_other_fields_only_leaves_the_vector_and_costs_no_update(structure):
    before = Structure.objects.values_list("search_vector", flat=True).get()
    with CaptureQueriesContext(connection) as ctx:
        structure.phone = "02 96 00 00 00"
        structure.save(update_fields=["phone"])
    assert not [q for q in ctx.captured_queries if "search_vector" in q["sql"]]
    assert Structure.objects.values_list("search_vector", flat=True).get() == before


def test_a_save_naming_the_presentation_refreshes_the_vector(structure):
    structure.description = "Aide au permis de conduire."
    structure.save(update_fields=["description"])
    assert found("permis") == ["Point accueil emploi du Méné"]


def test_the_demo_loader_leaves_every_structure_searchable(db):
    from extranet.demo.loader import load_demo

    load_demo()
    assert Structure.objects.count() >= 150
    assert not Structure.objects.filter(search_vector__isnull=True).exists()


# Accents and French stemming -------------------------------------------------------


def test_words_typed_without_accents_find_accented_ones(db):
    StructureFactory(
        organisation__name="CCI Brest Métropole",
        description="Conseil à la création d'entreprise.",
    )
    assert found("Brest metropole") == ["CCI Brest Métropole"]
    assert found("metropole") == ["CCI Brest Métropole"]
    assert found("creation") == ["CCI Brest Métropole"]
    assert found("Métropole création") == ["CCI Brest Métropole"]


def test_plural_and_singular_find_each_other(db):
    StructureFactory(
        organisation__name="CIO de Vannes", description="Conseil en orientation."
    )
    assert found("orientations") == ["CIO de Vannes"]


def test_the_name_weighs_more_than_the_presentation(db):
    StructureFactory(
        organisation__name="Mission locale", description="Partenaire du CIO de Lannion."
    )
    StructureFactory(organisation__name="CIO de Lannion", description="Orientation.")
    assert found("Lannion")[0] == "CIO de Lannion"


def test_web_search_syntax_still_excludes_and_quotes(db):
    StructureFactory(organisation__name="CIO de Quimper", city="Quimper")
    StructureFactory(organisation__name="Mission locale de Quimper", city="Quimper")
    assert found("Quimper -CIO") == ["Mission locale de Quimper"]
    assert found('"mission locale" Quimper') == ["Mission locale de Quimper"]


# At scale: the index, and one query ------------------------------------------------

TOWNS = [
    "Rennes",
    "Brest",
    "Quimper",
    "Lorient",
    "Vannes",
    "Saint-Brieuc",
    "Saint-Malo",
    "Lannion",
    "Morlaix",
    "Pontivy",
    "Fougères",
    "Vitré",
    "Dinan",
    "Guingamp",
    "Concarneau",
    "Redon",
    "Auray",
    "Ploërmel",
    "Landerneau",
    "Carhaix-Plouguer",
    "Douarnenez",
    "Quimperlé",
    "Lamballe",
    "Loudéac",
    "Paimpol",
]
PHRASES = [
    "Accueil des jeunes de 16 à 25 ans.",
    "Conseil en évolution professionnelle pour les salariés.",
    "Information sur les métiers et les formations.",
    "Accompagnement vers l'emploi et la formation.",
    "Aide à la création et à la reprise d'entreprise.",
    "Validation des acquis de l'expérience.",
    "Orientation scolaire des collégiens et lycéens.",
    "Ateliers CV et lettre de motivation.",
]


def many_structures(count: int) -> None:
    """``count`` published structures, made in a few queries as a big region
    would hold them, their vectors filled in one UPDATE, the tables analysed."""
    rng = random.Random(10)
    territories = [
        TerritoryFactory(name=f"Territoire {i}", slug=f"territoire-scale-{i}")
        for i in range(6)
    ]
    networks = [NetworkFactory(name=f"Réseau {i}") for i in range(4)]
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Structure {i} de {TOWNS[i % len(TOWNS)]}",
            slug=f"structure-scale-{i}",
            kind=OrganisationKind.STRUCTURE,
        )
        for i in range(count)
    )
    Structure.objects.bulk_create(
        Structure(
            organisation=organisation,
            structure_type=StructureType.OTHER,
            network=networks[i % len(networks)],
            territory=territories[i % len(territories)],
            address_line="1 place de la Mairie",
            postcode=f"{rng.choice(['22', '29', '35', '56'])}{i % 1000:03d}",
            city=TOWNS[i % len(TOWNS)],
            description=" ".join(rng.sample(PHRASES, 3)),
        )
        for i, organisation in enumerate(organisations)
    )
    assert refresh_search_vectors(Structure.objects.all()) == count
    with connection.cursor() as cursor:
        for table in ("organisation", "structure", "network", "territory"):
            cursor.execute(f"ANALYZE extranet_{table}")


def test_with_two_thousand_structures_the_search_reads_the_gin_index(db):
    many_structures(2000)
    structures, total = first_structures(search_structures("Loudéac"), 20)
    assert total == 80
    plan = counted(search_structures("Loudéac"))[:20].explain()
    assert "structure_search_vector_gin" in plan, plan


def test_results_and_their_count_come_from_one_query(db):
    many_structures(60)
    with CaptureQueriesContext(connection) as ctx:
        structures, total = first_structures(search_structures("Lamballe"), 2)
    assert len(ctx.captured_queries) == 1
    assert len(structures) == 2
    assert total == len([i for i in range(60) if TOWNS[i % len(TOWNS)] == "Lamballe"])


def test_a_search_naming_a_service_also_counts_in_the_same_query(db):
    for town in ("Redon", "Redon", "Redon", "Auray"):
        StructureFactory(city=town, service_vae=True)
    with CaptureQueriesContext(connection) as ctx:
        structures, total = first_structures(search_structures("VAE Redon"), 2)
    assert len(ctx.captured_queries) == 1
    assert (len(structures), total) == (2, 3)


def test_the_site_search_gives_the_full_count_beyond_the_first_page(db):
    many_structures(60)
    results = search_site("Redon", limit=1)
    assert len(results.structures) == 1
    assert results.structure_count == len(
        [i for i in range(60) if TOWNS[i % len(TOWNS)] == "Redon"]
    )


def test_the_structures_of_a_site_search_cost_one_query(db):
    many_structures(60)
    search_site("Vitré")  # warm the per-process caches (content types, Wagtail)
    with CaptureQueriesContext(connection) as ctx:
        results = search_site("Vitré", limit=1)
    on_structures = [
        q
        for q in ctx.captured_queries
        # (the public services of the map have their own query: see
        # test_public_search_finds_public_services)
        if "extranet_" in q["sql"] and "collaboration_" not in q["sql"]
    ]
    assert len(on_structures) == 1
    assert (len(results.structures), results.structure_count) == (1, 2)
