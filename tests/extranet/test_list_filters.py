"""Every extranet list narrows by its filter form, says how many it found, and
answers any query string with a normal page: a value it cannot read is shown
as an error beside its field and ignored, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from conventions import definitions as d
from conventions.models import ConventionKind
from extranet.models import OrganisationKind
from notifications.services import notification_post

from ..conftest import login
from ..factories import convention_in_state

pytestmark = pytest.mark.django_db

HOSTILE = [
    {"territoire": "abc"},
    {"territoire": "999999"},
    {"reseau": "-1"},
    {"nature": "<script>alert(1)</script>"},
    {"annee": "l'an dernier"},
    {"type": "inconnu"},
    {"etat": "'; DROP TABLE conventions_convention; --"},
    {"q": "x" * 500},
    {"non_lues": "peut-être"},
    {"page": "dernière"},
    {"territoire": ["abc", "1.5"], "reseau": ""},
]

LISTS = [
    "extranet:structure_list",
    "extranet:organisation_list",
    "conventions:list",
    "notifications:list",
]


def listed(client, route: str, params: dict | None = None) -> list:
    response = client.get(reverse(route), params or {})
    assert response.status_code == 200, (route, params)
    return list(response.context["page"].object_list)


@pytest.mark.parametrize("route", LISTS)
@pytest.mark.parametrize("params", HOSTILE, ids=lambda p: "-".join(p))
def test_a_value_the_list_cannot_read_is_ignored_with_a_french_message(
    client, world, route, params
):
    convention_in_state(world, ConventionKind.STRUCTURE, d.SUBMITTED)
    notification_post(user=world.coordinator, title="Une action vous attend")
    login(client, world.coordinator)
    everything = listed(client, route)
    assert everything

    response = client.get(reverse(route), params)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == everything
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    form = response.context["form"]
    for name in params:
        if name in form.fields and form.errors.get(name):
            assert f'id="id_{name}_error"' in body  # beside its field


def test_structures_narrow_by_network_territory_and_text(client, world):
    login(client, world.coordinator)
    route = "extranet:structure_list"
    by_network = listed(client, route, {"reseau": world.network_a.pk})
    assert {s.pk for s in by_network} == {world.structure_a.pk, world.structure_a2.pk}
    both = listed(
        client,
        route,
        {"reseau": world.network_a.pk, "territoire": world.territory_b.pk},
    )
    assert [s.pk for s in both] == [world.structure_a2.pk]
    assert {s.pk for s in listed(client, route, {"q": "29200"})} == {
        world.structure_a2.pk,
        world.structure_b.pk,
    }


def test_a_filter_never_widens_the_scope(client, world):
    login(client, world.referent_a)
    for params in ({"reseau": world.network_b.pk}, {"q": "Brest"}, {}):
        shown = {s.pk for s in listed(client, "extranet:structure_list", params)}
        assert shown <= {world.structure_a.pk}


def test_organisations_narrow_by_nature(client, world):
    login(client, world.coordinator)
    networks = listed(
        client, "extranet:organisation_list", {"nature": OrganisationKind.NETWORK_HEAD}
    )
    assert networks
    assert {o.kind for o in networks} == {OrganisationKind.NETWORK_HEAD}


def test_conventions_narrow_by_state_kind_and_year(client, world):
    submitted = convention_in_state(world, ConventionKind.STRUCTURE, d.SUBMITTED)
    draft = convention_in_state(
        world, ConventionKind.STRUCTURE, d.DRAFT, structure=world.structure_b
    )
    network = convention_in_state(world, ConventionKind.REGION_NETWORK, d.DRAFT)
    login(client, world.coordinator)
    route = "conventions:list"
    assert [c.pk for c in listed(client, route, {"etat": d.SUBMITTED})] == [
        submitted.pk
    ]
    assert {c.pk for c in listed(client, route, {"etat": d.DRAFT})} == {
        draft.pk,
        network.pk,
    }
    assert [
        c.pk for c in listed(client, route, {"type": ConventionKind.REGION_NETWORK})
    ] == [network.pk]
    year = timezone.localdate().year
    assert len(listed(client, route, {"annee": year})) == 3
    # A year the user has no convention for is not offered, hence ignored.
    assert len(listed(client, route, {"annee": year - 30})) == 3
    page = client.get(reverse(route), {"etat": d.SUBMITTED}).content.decode()
    assert "1 convention" in page
    assert "Effacer les filtres" in page


def test_notifications_show_the_unread_ones_on_demand(client, world):
    read = notification_post(user=world.coordinator, title="Déjà lue")
    read.read_at = timezone.now()
    read.save()
    unread = notification_post(user=world.coordinator, title="À lire")
    notification_post(user=world.referent_a, title="Pas pour vous")
    login(client, world.coordinator)
    assert {n.pk for n in listed(client, "notifications:list")} == {read.pk, unread.pk}
    assert [n.pk for n in listed(client, "notifications:list", {"non_lues": "on"})] == [
        unread.pk
    ]


@pytest.mark.parametrize("route", LISTS)
def test_every_filter_has_a_label_and_the_form_is_a_search_landmark(
    client, world, route
):
    login(client, world.coordinator)
    response = client.get(reverse(route))
    body = response.content.decode()
    assert 'role="search"' in body
    for field in response.context["form"]:
        assert f'<label for="{field.auto_id}">' in body
