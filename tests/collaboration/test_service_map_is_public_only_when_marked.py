"""Entries marked public appear on the structure's public card and in the
data·inclusion ``services`` export (valid against the national schema);
private entries and local actors never appear publicly."""

from __future__ import annotations

import html

import pytest
from data_inclusion.schema import v1 as di
from django.urls import reverse

from collaboration.servicemap.services import service_entry_update

from ..cms.conftest import export
from ..factories import ServiceEntryFactory, local_actor

pytestmark = pytest.mark.django_db

PRIVATE = "Permanence interne réservée aux partenaires"


@pytest.fixture
def published(world):
    entries = [
        ServiceEntryFactory(
            structure=world.structure_a,
            title="Atelier découverte des métiers",
            kind="workshop",
            audiences="|young|pupils|",
            channels="|face_to_face|",
            coverage="communes",
            coverage_communes="|35238|",
            is_public=True,
        ),
        ServiceEntryFactory(
            structure=world.structure_a,
            title="Conseil en évolution professionnelle à distance",
            kind="advice",
            audiences="|employees|disabled|",
            channels="|visio|mail|",
            coverage="departements",
            coverage_departements="|35|56|",
            contact_email="cep@exemple.fr",
            is_public=True,
        ),
        ServiceEntryFactory(
            structure=world.structure_b,
            title="Information jeunesse",
            kind="information",
            audiences="|everyone|employers|",
            coverage="territory",
            coverage_territory=world.territory_b,
            is_public=True,
        ),
    ]
    ServiceEntryFactory(structure=world.structure_a, title=PRIVATE, is_public=False)
    local_actor(world.territory_a, title="Hébergement d'urgence du territoire")
    return entries


def _strict(record):
    assert set(record) <= set(di.Service.model_fields)
    return di.Service.model_validate(record, context={"ignore_warnings": False})


def test_public_entries_are_in_the_data_inclusion_services_export(client, published):
    records = export(client, "directory:data_inclusion_services")
    mapped = [r for r in records if "--carto-" in r["id"]]
    assert {r["nom"] for r in mapped} == {e.title for e in published}
    for record in mapped:
        service = _strict(record)
        assert service.structure_id.startswith("spro-bretagne--")
        assert service.publics
    by_name = {r["nom"]: r for r in mapped}
    assert by_name["Atelier découverte des métiers"]["zone_eligibilite"] == ["35238"]
    assert by_name["Atelier découverte des métiers"]["type"] == "atelier"
    text = str(records)
    assert PRIVATE not in text
    assert "Hébergement d'urgence" not in text


def test_the_raw_records_all_validate(rf, published):
    """Nothing is silently dropped by the validation."""
    from cms.directory import opendata

    raw = opendata.data_inclusion_services_raw(rf.get("/"))
    mapped = [r for r in raw if "--carto-" in r["id"]]
    assert len(mapped) == 3
    for record in mapped:
        _strict(record)


def test_the_public_card_shows_public_entries_only(client, world, published):
    url = reverse("directory:detail", args=[world.structure_a.organisation.slug])
    content = html.unescape(client.get(url).content.decode())
    assert "Atelier découverte des métiers" in content
    assert "Conseil en évolution professionnelle à distance" in content
    assert PRIVATE not in content
    assert "Information jeunesse" not in content  # another structure's


def test_a_structure_without_public_entries_shows_no_section(client, world):
    ServiceEntryFactory(structure=world.structure_b, title=PRIVATE)
    url = reverse("directory:detail", args=[world.structure_b.organisation.slug])
    content = html.unescape(client.get(url).content.decode())
    assert "Prestations et dispositifs" not in content
    assert PRIVATE not in content


def test_an_entry_made_private_leaves_the_cached_public_pages(
    client, world, published, django_capture_on_commit_callbacks
):
    url = reverse("directory:detail", args=[world.structure_a.organisation.slug])
    assert "Atelier découverte" in html.unescape(client.get(url).content.decode())
    entry = published[0]
    with django_capture_on_commit_callbacks(execute=True):
        service_entry_update(
            entry=entry,
            actor=world.referent_a,
            data={"is_public": False},
        )
    assert "Atelier découverte" not in html.unescape(client.get(url).content.decode())
    records = export(client, "directory:data_inclusion_services")
    assert "Atelier découverte" not in str(records)


def test_a_local_actor_cannot_be_public(world):
    from django.core.exceptions import ValidationError

    actor = local_actor(world.territory_a)
    actor.is_public = True
    with pytest.raises(ValidationError):
        actor.full_clean()
