"""The plans' list, a plan's page and the syntheses' list read in a number of
queries that does not grow with the plans, actions, partners, milestones and
contributions they show."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from coordination.models import ActionKind, ActionPartner, LocalAction, Milestone
from coordination.plans import services

from ..conftest import login
from ..factories import (
    StructureFactory,
    TerritoryFactory,
    local_plan,
    member,
    practice_for,
    training_session,
)

pytestmark = pytest.mark.django_db

YEAR = datetime.date.today().year


def _grow(world, plan, n: int) -> None:
    """``n`` more of everything the plan's page shows."""
    partnership = plan.actions.get(kind=ActionKind.PARTNERSHIP)
    session = training_session(world)
    practice = practice_for(world)
    for i in range(n):
        neighbour = StructureFactory(network=world.network_b, territory=plan.territory)
        ActionPartner.objects.create(
            action=partnership, organisation=neighbour.organisation
        )
        Milestone.objects.create(
            action=partnership, title=f"Jalon {i}", due_on=datetime.date(YEAR, 5, 1)
        )
        action = LocalAction.objects.create(
            plan=plan,
            kind=ActionKind.PROFESSIONALISATION,
            title=f"Déclinaison {i}",
            plan_action=session.action,
        )
        action.sessions.add(session)
        action.practices.add(practice)
        LocalAction.objects.create(
            plan=plan, kind=ActionKind.LOCAL_NEED, title=f"Besoin {i}", people=3
        )
        services.comment_add(
            user=world.referent_a,
            plan=plan,
            organisation=world.structure_a.organisation,
            text=f"Contribution {i}",
        )


@pytest.mark.parametrize(
    "who", ["territorial_officer_a", "referent_a", "coordinator", "professional_a"]
)
def test_a_plans_page_reads_the_same_for_few_or_many_actions(
    client, world, django_assert_max_num_queries, who
):
    plan = local_plan(world)
    login(client, getattr(world, who))
    client.get(plan.get_absolute_url())  # warm the session and caches
    counts = []
    for n in (1, 6):
        _grow(world, plan, n)
        with django_assert_max_num_queries(30) as queries:
            response = client.get(plan.get_absolute_url())
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("who", ["coordinator", "gref", "territorial_officer_a"])
def test_the_plans_list_reads_the_same_for_few_or_many_plans(
    client, world, django_assert_max_num_queries, who
):
    login(client, getattr(world, who))
    client.get(reverse("localplans:list"))
    counts = []
    for n in (1, 12):
        for _ in range(n):
            territory = TerritoryFactory()
            member("territorial_officer", world.region, territory=territory)
            StructureFactory(network=world.network_a, territory=territory)
            plan = local_plan(world, territory=territory)
            plan.state = "submitted"
            plan.save(update_fields=["state"])
        with django_assert_max_num_queries(20) as queries:
            response = client.get(reverse("localplans:list"))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
