"""The structures of a territory, and the PSAD that cover it, are invited to
its plan: their referents are told when it is started; their staff contribute
to it and their referents join its partnership actions; nobody contributes in
the name of an organisation of another territory."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coordination.governance import services as governance
from coordination.models import ActionKind, PlanComment
from notifications.models import Notification

from ..conftest import login
from ..factories import local_plan, local_plan_in_state, member

pytestmark = pytest.mark.django_db


def _psad_of_territory_a(world):
    platform = governance.platform_save(
        actor=world.coordinator,
        name="PSAD du pays de Rennes",
        pilot=world.structure_a,
        territories=[world.territory_a],
        partners=[],
    )
    return platform.organisation


def test_the_referents_of_the_territory_are_invited_when_the_plan_starts(world):
    psad = _psad_of_territory_a(world)
    psad_referent = member("referent", psad)
    plan = local_plan(world)

    told = set(
        Notification.objects.filter(url=plan.get_absolute_url()).values_list(
            "user", flat=True
        )
    )
    assert told == {world.referent_a.pk, psad_referent.pk}
    assert world.referent_b.pk not in told  # structure B is in territory B


def test_a_psad_covering_the_territory_contributes_and_joins_an_action(client, world):
    psad = _psad_of_territory_a(world)
    psad_referent = member("referent", psad)
    plan = local_plan_in_state(world, "in_progress")
    action = plan.actions.get(kind=ActionKind.PARTNERSHIP)
    login(client, psad_referent)

    page = client.get(plan.get_absolute_url())
    assert page.status_code == 200
    response = client.post(
        reverse("localplans:comment", args=[plan.pk]),
        {"organisation": psad.pk, "text": "Nous repérons les jeunes sans solution."},
    )
    assert response.status_code == 302
    assert PlanComment.objects.get().organisation == psad
    response = client.post(
        reverse("localplans:join", args=[plan.pk, action.pk]),
        {"organisation": psad.pk, "role": "Repérage"},
    )
    assert response.status_code == 302
    assert action.partners.filter(organisation=psad).exists()


def test_a_psad_of_another_territory_neither_reads_nor_contributes(client, world):
    psad = governance.platform_save(
        actor=world.coordinator,
        name="PSAD du pays de Brest",
        pilot=world.structure_b,
        territories=[world.territory_b],
        partners=[],
    ).organisation
    referent = member("referent", psad)
    plan = local_plan(world)
    login(client, referent)
    assert client.get(plan.get_absolute_url()).status_code == 404
    response = client.post(
        reverse("localplans:comment", args=[plan.pk]),
        {"organisation": psad.pk, "text": "Intrusion"},
    )
    assert response.status_code == 404
    assert not PlanComment.objects.exists()


def test_nobody_contributes_in_the_name_of_a_structure_of_another_territory(
    client, world
):
    """A person on the staff of structures of both territories speaks for
    the one of the plan's territory only."""
    both = member("referent", world.structure_a.organisation)
    from extranet.models import Membership

    Membership.objects.create(
        user=both, organisation=world.structure_b.organisation, role="referent"
    )
    plan = local_plan(world)
    login(client, both)
    response = client.post(
        reverse("localplans:comment", args=[plan.pk]),
        {"organisation": world.structure_b.organisation_id, "text": "Au nom de B"},
    )
    assert response.status_code == 400
    assert not PlanComment.objects.exists()
    response = client.post(
        reverse("localplans:comment", args=[plan.pk]),
        {"organisation": world.structure_a.organisation_id, "text": "Au nom de A"},
    )
    assert response.status_code == 302
    assert PlanComment.objects.get().organisation == world.structure_a.organisation
