"""Open data: documented CSV and JSON, and data·inclusion exports that validate."""

from __future__ import annotations

import csv
import html
import io

import pytest
from data_inclusion.schema import v1 as di
from django.urls import reverse

from cms.directory.opendata import FIELDS
from extranet.models import StructureType

from ..factories import StructureFactory
from .conftest import conventions_in_force, export

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(db):
    unpublished = StructureFactory(is_published=False)
    closed = StructureFactory()
    closed.organisation.is_active = False
    closed.organisation.save()
    return {unpublished.organisation.slug, closed.organisation.slug}


@pytest.fixture
def varied(world):
    """Structures exercising every mapping: types, services, channels, blanks."""
    StructureFactory(
        structure_type=StructureType.CIO,
        service_api=False,
        service_cep=False,
        service_orientation=True,
        channel_phone=False,
        phone="",
        email="",
        latitude=None,
        longitude=None,
    )
    StructureFactory(
        structure_type=StructureType.CCI,
        service_vae=True,
        service_entrepreneurship=True,
        channel_visio=True,
        visio_url="https://visio.example/cci",
        website="https://cci.example/",
        description="Chambre de commerce : création et reprise d'entreprise.",
        appointment_info="En ligne ou par téléphone.",
    )
    conventions_in_force()
    return world


def test_the_open_data_page_documents_every_field_and_the_licence(client, db):
    body = client.get(reverse("directory:open_data")).content.decode()
    assert "Licence Ouverte 2.0" in body
    for field in FIELDS:
        assert f"<code>{field.name}</code>" in body


def test_the_csv_has_the_documented_columns_and_one_row_per_structure(
    client, varied, hidden
):
    response = client.get(reverse("directory:open_data_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert list(rows[0].keys()) == [f.name for f in FIELDS]
    assert len(rows) == 5
    assert not {r["identifiant"] for r in rows} & hidden
    assert {r["services"] for r in rows} >= {"api|cep", "orientation"}


def test_the_csv_neutralises_spreadsheet_formulas(client, db):
    StructureFactory(hours_note='=HYPERLINK("http://evil")', phone="+33 2 99 00 00 00")
    row = next(csv.DictReader(io.StringIO(export(client, "directory:open_data_csv"))))
    assert row["precisions_horaires"].startswith("'=")
    assert row["telephone"] == "+33 2 99 00 00 00"


def test_the_json_has_the_documented_fields_and_the_licence(client, varied, hidden):
    data = export(client, "directory:open_data_json")
    assert "Licence Ouverte 2.0" in data["licence"]["nom"]
    assert [c["nom"] for c in data["champs"]] == [f.name for f in FIELDS]
    assert len(data["structures"]) == 5
    for record in data["structures"]:
        assert list(record) == [f.name for f in FIELDS]
    assert not {r["identifiant"] for r in data["structures"]} & hidden


def _strict(model, record):
    """Validate with the schema's warnings raised as errors, and no unknown key."""
    assert set(record) <= set(model.model_fields), set(record) - set(model.model_fields)
    return model.model_validate(record, context={"ignore_warnings": False})


def test_every_data_inclusion_structure_validates(client, varied, hidden):
    records = export(client, "directory:data_inclusion_structures")
    assert len(records) == 5
    for record in records:
        structure = _strict(di.Structure, record)
        assert structure.source == "spro-bretagne"
        assert structure.id.startswith("spro-bretagne--")
    ids = {r["id"] for r in records}
    assert not {f"spro-bretagne--{slug}" for slug in hidden} & ids


def test_every_data_inclusion_service_validates(client, varied, hidden):
    structure_ids = {
        r["id"] for r in export(client, "directory:data_inclusion_structures")
    }
    records = export(client, "directory:data_inclusion_services")
    # world: 3 × (api, cep); CIO: orientation; CCI: api, cep, vae, entrepreneurship.
    assert len(records) == 3 * 2 + 1 + 4
    for record in records:
        service = _strict(di.Service, record)
        assert service.structure_id in structure_ids
        assert service.thematiques
        assert service.frais == di.Frais.GRATUIT
    assert len({r["id"] for r in records}) == len(records)


def test_the_raw_mapping_validates_too(rf, varied):
    """Nothing is silently dropped: every raw record passes the schema."""
    from cms.directory import opendata

    request = rf.get("/")
    structures = list(opendata.data_inclusion_structures_raw(request))
    services = list(opendata.data_inclusion_services_raw(request))
    # The same five structures and eleven services as the published exports.
    assert (len(structures), len(services)) == (5, 3 * 2 + 1 + 4)
    for record in structures:
        _strict(di.Structure, record)
    for record in services:
        _strict(di.Service, record)


def test_every_code_a_field_can_take_is_explained_in_french(client, db):
    page = html.unescape(client.get(reverse("directory:open_data")).content.decode())

    for field in FIELDS:
        for code, meaning in field.code_list():
            assert f"<code>{code}</code> : {meaning}" in page, code
    assert "<code>face_to_face</code> : Sur place" in page
    assert "<code>contact_point</code> : Point de contact" in page
    document = export(client, "directory:open_data_json")
    services = next(f for f in document["champs"] if f["nom"] == "services")
    assert services["valeurs"]["api"] == "Accueil personnalisé et individualisé"


def test_data_inclusion_carries_the_insee_code_of_the_structures_town(client, db):
    StructureFactory(
        organisation__name="Mission locale du Pays de Lorient",
        postcode="56100",
        city="Lorient",
    )

    document = export(client, "directory:data_inclusion_structures")

    lorient = next(s for s in document if s["commune"] == "Lorient")
    assert lorient["code_insee"] == "56121"
    di.Structure.model_validate(lorient)
