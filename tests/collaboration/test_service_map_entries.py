"""A structure's staff describe its services; bad input is refused in French
and nothing is lost; the entry's page shows its history; the owner confirms it."""

from __future__ import annotations

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import ServiceEntry

from ..conftest import login
from ..factories import ServiceEntryFactory, entry_form_data, local_actor

pytestmark = pytest.mark.django_db


def test_a_professional_describes_a_service_of_their_structure(client, world):
    login(client, world.professional_a)
    data = entry_form_data(owner=world.structure_a.pk)
    response = client.post(reverse("servicemap:entry_new"), data)
    assert response.status_code == 302
    entry = ServiceEntry.objects.get()
    assert entry.structure == world.structure_a
    assert entry.audiences == "|employees|job_seekers|"
    assert entry.coverage_departements == "|29|"
    assert entry.history.get().history_user == world.professional_a
    page = client.get(response["Location"]).content.decode()
    assert "Conseil en évolution professionnelle" in page
    assert "Création" in page  # the history


def test_one_cannot_create_for_another_structure(client, world):
    login(client, world.professional_a)
    data = entry_form_data(owner=world.structure_b.pk)
    response = client.post(reverse("servicemap:entry_new"), data)
    assert response.status_code == 400
    assert not ServiceEntry.objects.exists()


@pytest.mark.parametrize(
    "overrides, field_message",
    [
        ({"coverage_departements": ["75"]}, "doit être en Bretagne"),
        (
            {"coverage": "communes", "coverage_communes": "Brest\nParis"},
            "« Paris » n'est pas une commune bretonne",
        ),
        ({"coverage": "territory"}, "Choisissez le territoire couvert"),
        ({"audiences": []}, "Publics : Champ requis"),
        ({"contact_phone": "=1+2"}, "numéro de téléphone français"),
        ({"title": "<script>alert(1)</script>"}, "balise"),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_is_lost(
    client, world, overrides, field_message
):
    login(client, world.referent_a)
    data = entry_form_data(owner=world.structure_a.pk, **overrides)
    response = client.post(reverse("servicemap:entry_new"), data)
    assert response.status_code == 400
    content = html.unescape(response.content.decode())
    assert "Rien n'a été enregistré" in content
    assert field_message in content
    assert "Un conseiller fait le point avec la personne" in content  # kept
    assert not ServiceEntry.objects.exists()


def test_communes_of_bretagne_are_stored_as_insee_codes(client, world):
    login(client, world.referent_a)
    data = entry_form_data(
        owner=world.structure_a.pk,
        coverage="communes",
        coverage_communes="Brest\nMorlaix",
    )
    assert client.post(reverse("servicemap:entry_new"), data).status_code == 302
    entry = ServiceEntry.objects.get()
    assert entry.coverage_communes == "|29019|29151|"
    assert entry.coverage_text in ("Brest, Morlaix", "Morlaix, Brest")


def test_editing_keeps_the_owner_and_confirms_the_entry(client, world):
    entry = ServiceEntryFactory(
        structure=world.structure_a,
        reviewed_at=timezone.now() - datetime.timedelta(days=400),
        review_reminder_sent_at=timezone.now(),
    )
    login(client, world.referent_a)
    edit = reverse("servicemap:entry_edit", args=[entry.pk])
    assert client.get(edit).status_code == 200
    data = entry_form_data(title="Nouveau titre", structure=world.structure_b.pk)
    assert client.post(edit, data).status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Nouveau titre"
    assert entry.structure == world.structure_a
    assert entry.review_reminder_sent_at is None
    assert not entry.review_due()


def test_the_owner_marks_the_entry_reviewed(client, world):
    entry = ServiceEntryFactory(
        structure=world.structure_a,
        reviewed_at=timezone.now() - datetime.timedelta(days=400),
    )
    login(client, world.professional_a)
    response = client.post(reverse("servicemap:entry_review", args=[entry.pk]))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert timezone.now() - entry.reviewed_at < datetime.timedelta(minutes=1)
    assert entry.history.first().history_user == world.professional_a


def test_the_territorial_officer_lists_a_local_actor_of_their_territory(client, world):
    login(client, world.territorial_officer_a)
    data = entry_form_data(
        owner=world.territory_a.pk,
        actor_name="Point mobilité de Rennes",
        actor_domain="mobility",
        kind="scheme",
    )
    response = client.post(reverse("servicemap:actor_new"), data)
    assert response.status_code == 302
    entry = ServiceEntry.objects.get()
    assert entry.structure is None
    assert entry.territory == world.territory_a
    assert not entry.is_public


def test_a_structure_user_cannot_list_local_actors(client, world):
    login(client, world.referent_a)
    assert client.get(reverse("servicemap:actor_new")).status_code == 403


def test_an_officer_may_not_change_a_structures_entry_nor_another_territorys(
    client, world
):
    entry = ServiceEntryFactory(structure=world.structure_a)
    actor = local_actor(world.territory_b)
    login(client, world.territorial_officer_a)
    for pk in (entry.pk, actor.pk):
        assert client.get(reverse("servicemap:entry", args=[pk])).status_code == 200
        assert (
            client.get(reverse("servicemap:entry_edit", args=[pk])).status_code == 403
        )


def test_delete_removes_the_entry_and_keeps_its_history(client, world):
    entry = ServiceEntryFactory(structure=world.structure_a)
    login(client, world.referent_a)
    url = reverse("servicemap:entry_delete", args=[entry.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not ServiceEntry.objects.exists()
    assert ServiceEntry.history.filter(history_type="-").count() == 1


def test_the_structure_page_lists_its_entries_for_every_member(client, world):
    ServiceEntryFactory(structure=world.structure_b, title="Garantie jeunes")
    login(client, world.network_head_b)
    url = reverse("extranet:structure_detail", args=[world.structure_b.pk])
    content = client.get(url).content.decode()
    assert "Garantie jeunes" in content
    assert reverse("servicemap:search") in content  # the menu link


def test_the_entry_page_does_not_grow_with_its_history(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from collaboration.servicemap.services import service_entry_review

    entry = ServiceEntryFactory(structure=world.structure_a)
    login(client, world.referent_a)
    url = reverse("servicemap:entry", args=[entry.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    for _ in range(15):
        service_entry_review(entry=entry, actor=world.referent_a)
    with django_assert_max_num_queries(len(queries)):
        assert client.get(url).status_code == 200
