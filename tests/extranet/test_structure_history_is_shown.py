"""The structure page shows who changed the card, when, and which fields."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from extranet.selectors import object_history
from extranet.services import structure_update

from ..conftest import login


def test_the_referent_sees_who_changed_which_fields(client, world):
    structure_update(
        structure=world.structure_a,
        actor=world.referent_a,
        data={"hours_note": "Mardi et jeudi, 9 h – 12 h", "phone": "02 99 11 22 33"},
    )
    login(client, world.referent_a)
    page = client.get(reverse("extranet:structure_detail", args=[world.structure_a.pk]))
    history = page.context["history"]
    assert history[0].user == world.referent_a
    assert set(history[0].fields) >= {
        "précisions sur les horaires",
        "numéro de téléphone",
    }
    assert history[-1].kind == "Création"
    assert "Dernières modifications de la fiche" in page.content.decode()


def test_readers_of_a_network_do_not_see_the_change_log(client, world):
    login(client, world.network_head_a)
    page = client.get(reverse("extranet:structure_detail", args=[world.structure_a.pk]))
    assert page.context["history"] is None


def test_the_history_costs_one_query_however_long_it_is(
    client, world, django_assert_num_queries
):
    structure_update(
        structure=world.structure_a,
        actor=world.referent_a,
        data={"hours_note": "Première version"},
    )
    login(client, world.referent_a)
    url = reverse("extranet:structure_detail", args=[world.structure_a.pk])
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as short:
        page = client.get(url)
    assert page.status_code == 200
    for n in range(15):
        structure_update(
            structure=world.structure_a,
            actor=world.referent_a,
            data={"hours_note": f"Version {n}"},
        )

    with django_assert_num_queries(1):
        entries = object_history(world.structure_a)
    assert len(entries) == 10  # the ten latest, however long the history
    with CaptureQueriesContext(connection) as long:
        page = client.get(url)
    assert page.status_code == 200
    assert len(page.context["history"]) == 10
    assert len(long) == len(short)
