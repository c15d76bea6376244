"""The Région's coordination team administers SPRO's organisations."""

from __future__ import annotations

import pytest
from django.urls import reverse

from extranet.models import Membership, Organisation, Structure

from ..conftest import login


def new_structure_data(world, **overrides) -> dict:
    data = {
        "name": "Point information jeunesse de Vitré",
        "kind": "structure",
        "structure_type": "info_jeunesse",
        "network": world.network_b.pk,
        "territory": world.territory_a.pk,
        "membership_status": "member",
        "address_line": "2 place du Château",
        "postcode": "35500",
        "city": "Vitré",
    }
    data.update(overrides)
    return data


def test_a_coordinator_creates_a_structure_that_waits_for_its_card(client, world):
    login(client, world.coordinator)
    response = client.post(
        reverse("extranet:organisation_new"), new_structure_data(world)
    )
    structure = Structure.objects.get(organisation__name__startswith="Point info")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "extranet:structure_detail", args=[structure.pk]
    )
    assert structure.network == world.network_b
    assert not structure.is_published
    assert structure.history.first().history_user == world.coordinator


def test_a_structure_needs_its_territory_and_address(client, world):
    login(client, world.coordinator)
    response = client.post(
        reverse("extranet:organisation_new"),
        new_structure_data(world, territory="", postcode="75001"),
    )
    assert response.status_code == 400
    assert "obligatoire pour une structure" in response.content.decode()
    assert "code postal breton" in response.content.decode()
    assert not Organisation.objects.filter(name__startswith="Point info").exists()


def test_two_organisations_cannot_share_a_name(client, world):
    login(client, world.coordinator)
    response = client.post(
        reverse("extranet:organisation_new"),
        {"name": world.structure_a.organisation.name.upper(), "kind": "gref"},
    )
    assert response.status_code == 400
    assert "porte déjà ce nom" in response.content.decode()


@pytest.mark.parametrize(
    "who",
    ["referent_a", "network_head_a", "territorial_officer_a", "gref", "government"],
)
def test_only_the_coordination_team_creates_organisations(client, world, who):
    login(client, getattr(world, who))
    count = Organisation.objects.count()
    assert client.get(reverse("extranet:organisation_new")).status_code == 403
    response = client.post(
        reverse("extranet:organisation_new"), new_structure_data(world)
    )
    assert response.status_code == 403
    assert Organisation.objects.count() == count


def test_moving_a_structure_to_another_network_changes_who_sees_it(client, world):
    login(client, world.coordinator)
    url = reverse("extranet:structure_affiliation", args=[world.structure_a.pk])
    response = client.post(
        url,
        {
            "name": world.structure_a.name,
            "structure_type": "mission_locale",
            "network": world.network_b.pk,
            "territory": world.territory_a.pk,
            "membership_status": "associated",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    detail = reverse("extranet:structure_detail", args=[world.structure_a.pk])
    login(client, world.network_head_b)
    assert client.get(detail).status_code == 200
    login(client, world.network_head_a)
    assert client.get(detail).status_code == 404


def test_a_deactivated_organisation_takes_its_members_rights_away(client, world):
    login(client, world.coordinator)
    client.post(
        reverse("extranet:structure_affiliation", args=[world.structure_a.pk]),
        {
            "name": world.structure_a.name,
            "structure_type": "mission_locale",
            "network": world.network_a.pk,
            "territory": world.territory_a.pk,
            "membership_status": "member",
        },
    )
    world.structure_a.organisation.refresh_from_db()
    assert world.structure_a.organisation.is_active is False
    assert Membership.objects.filter(user=world.referent_a).exists()
    login(client, world.referent_a)
    edit = reverse("extranet:structure_edit", args=[world.structure_a.pk])
    assert client.get(edit).status_code == 404
