"""Lists are filtered by the very rule that guards the detail pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from extranet.models import Membership, Structure
from extranet.permissions import structure_policy

from ..conftest import login


def listed(client) -> set[int]:
    response = client.get(reverse("extranet:structure_list"))
    assert response.status_code == 200
    return {s.pk for s in response.context["page"].object_list}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("referent_a", {"structure_a"}),
        ("professional_a", {"structure_a"}),
        ("network_head_a", {"structure_a", "structure_a2"}),
        ("territorial_officer_a", {"structure_a"}),
        ("coordinator", {"structure_a", "structure_a2", "structure_b"}),
        ("gref", {"structure_a", "structure_a2", "structure_b"}),
        ("government", {"structure_a", "structure_a2", "structure_b"}),
    ],
)
def test_each_role_lists_exactly_the_structures_of_its_scope(
    client, world, who, expected
):
    login(client, getattr(world, who))
    assert listed(client) == {getattr(world, name).pk for name in expected}


def test_every_listed_structure_opens_and_every_other_is_hidden(client, world):
    for user in (world.referent_a, world.network_head_a, world.territorial_officer_a):
        login(client, user)
        visible = listed(client)
        for structure in Structure.objects.all():
            response = client.get(
                reverse("extranet:structure_detail", args=[structure.pk])
            )
            assert (response.status_code == 200) == (structure.pk in visible)


def test_a_removed_membership_takes_its_rights_away_at_once(client, world):
    login(client, world.referent_a)
    url = reverse("extranet:structure_edit", args=[world.structure_a.pk])
    assert client.get(url).status_code == 200
    Membership.objects.get(user=world.referent_a).delete()
    # Their open session ends; logged in again, they reach nothing.
    assert client.get(url)["Location"].startswith(reverse("extranet:login"))
    login(client, world.referent_a)
    assert client.get(url).status_code == 404
    assert listed(client) == set()


def test_an_explicit_grant_on_one_object_opens_that_object_only(client, world):
    delegate = world.referent_a
    assign_perm("extranet.change_structure", delegate, world.structure_b)
    assign_perm("extranet.view_structure", delegate, world.structure_b)
    assert structure_policy.can(delegate, "change", world.structure_b)
    assert not structure_policy.can(delegate, "change", world.structure_a2)
    login(client, delegate)
    assert listed(client) == {world.structure_a.pk, world.structure_b.pk}


def test_a_model_wide_permission_never_opens_every_structure(client, world):
    """django-guardian's pitfall: global perms must not count as object grants."""
    assign_perm("extranet.view_structure", world.referent_a)
    assign_perm("extranet.change_structure", world.referent_a)
    login(client, world.referent_a)
    assert listed(client) == {world.structure_a.pk}
    assert not structure_policy.can(world.referent_a, "change", world.structure_b)


def test_object_grants_are_removed_with_their_object(world):
    from guardian.models import UserObjectPermission

    structure = world.structure_b
    assign_perm("extranet.change_structure", world.referent_a, structure)
    organisation = structure.organisation
    Membership.objects.filter(organisation=organisation).delete()
    structure.delete()
    assert not UserObjectPermission.objects.filter(object_pk=str(structure.pk)).exists()
    assert organisation.pk


def test_a_region_wide_role_reads_no_grant_and_answers_without_a_query(
    world, django_assert_num_queries
):
    everyone = Structure.objects.all()
    assert structure_policy.visible(world.coordinator, "view", everyone) is everyone
    with django_assert_num_queries(0):  # the memberships were read above
        assert structure_policy.can(world.coordinator, "view", world.structure_b)
        assert structure_policy.can(world.coordinator, "change", world.structure_a)
    # A narrower role still asks, and still gets its scope only.
    assert not structure_policy.can(world.referent_a, "view", world.structure_b)
