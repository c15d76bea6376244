"""The access-control matrix of local plans and the regional synthesis: every
URL that takes an id, asked by every user of the world, succeeds for exactly
the users the table below names (written by hand from the framework, not
asked of the code) and, for everyone else, answers 403 or 404 and changes
nothing. The plans are territory A's: a draft, last year's plan in progress,
next year's under review; the synthesis is last year's draft."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse

from coordination.models import (
    ActionKind,
    LocalAction,
    LocalPlan,
    Milestone,
    RegionalSynthesis,
)
from coordination.plans import services

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import local_plan, local_plan_in_state, member

pytestmark = pytest.mark.django_db

OFFICER = {"territorial_officer_a"}
PILOT_STAFF = {"territorial_officer_a", "professional_a", "referent_a"}
TERRITORY_STAFF = {"professional_a", "referent_a"}
COORDINATION = {"coordinator"}
READERS_PAST_DRAFT = {"gref", "network_head_a", "network_head_b", "government"}
SYNTHESIS_READERS = {
    "territorial_officer_a",
    "territorial_officer_b",
    "coordinator",
    "gref",
    "network_head_a",
    "network_head_b",
    "government",
}


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    target: str  # draft, running, review, synthesis
    allowed: frozenset
    data: dict | None = None
    query: str = ""


def _r(name, method, target, allowed, data=None, query=""):
    return Route(name, method, target, frozenset(allowed), data, query)


ROUTES = [
    _r("localplans:detail", "get", "draft", OFFICER | TERRITORY_STAFF | COORDINATION),
    _r(
        "localplans:detail",
        "get",
        "running",
        OFFICER | TERRITORY_STAFF | COORDINATION | READERS_PAST_DRAFT,
    ),
    _r("localplans:edit", "get", "draft", OFFICER),
    _r("localplans:edit", "post", "draft", OFFICER, {"title": "Plan", "diagnosis": ""}),
    _r("localplans:action_new", "get", "draft", OFFICER, query="?type=local_need"),
    _r(
        "localplans:action_new",
        "post",
        "draft",
        OFFICER,
        {"kind": "local_need", "title": "Besoin", "audience": "CIO", "people": 3},
    ),
    _r("localplans:action_edit", "get", "draft", OFFICER),
    _r(
        "localplans:action_edit",
        "post",
        "draft",
        OFFICER,
        {"title": "Besoin revu", "audience": "CIO", "people": 4},
    ),
    _r("localplans:action_remove", "post", "draft", OFFICER),
    _r("localplans:partner_add", "get", "draft", OFFICER),
    _r("localplans:partner_add", "post", "draft", OFFICER, {"role": "Accueil"}),
    _r("localplans:comment", "post", "draft", TERRITORY_STAFF, {"text": "Idée"}),
    _r(
        "localplans:transition",
        "post",
        "draft",
        OFFICER,
        {"transition": "submit", "expected_state": "draft"},
    ),
    _r("localplans:milestone_new", "get", "running", PILOT_STAFF),
    _r("localplans:milestone_new", "post", "running", PILOT_STAFF, {"title": "Bis"}),
    _r("localplans:milestone_edit", "get", "running", PILOT_STAFF),
    _r("localplans:milestone_edit", "post", "running", PILOT_STAFF, {"title": "Revu"}),
    # Structure A pilots the action, so nobody of the world may join it;
    # a referent of another structure of the territory may (tested below).
    _r("localplans:join", "post", "running", set(), {"role": "Accueil"}),
    _r("localplans:review", "get", "review", OFFICER),
    _r("localplans:review", "post", "review", OFFICER, {"review_summary": "Bilan"}),
    _r("localplans:synthesis", "get", "synthesis", SYNTHESIS_READERS),
    _r("localplans:synthesis_pdf", "get", "synthesis", SYNTHESIS_READERS),
    _r("localplans:synthesis_edit", "get", "synthesis", COORDINATION),
    _r(
        "localplans:synthesis_edit",
        "post",
        "synthesis",
        COORDINATION,
        {"title": "Synthèse", "narrative": "Texte revu.", "recommendations": ""},
    ),
    _r("localplans:synthesis_present", "post", "synthesis", COORDINATION),
]

# Local plan URLs that take an argument and are not in ROUTES, with why.
NOT_IN_MATRIX: set[str] = set()

USERS = [
    "professional_a",
    "referent_a",
    "referent_b",
    "network_head_a",
    "network_head_b",
    "territorial_officer_a",
    "territorial_officer_b",
    "coordinator",
    "gref",
    "government",
]


@pytest.fixture
def targets(world):
    world.territorial_officer_b = member(
        "territorial_officer", world.region, territory=world.territory_b
    )
    year = datetime.date.today().year
    draft = local_plan(world, year=year)
    running = local_plan_in_state(world, "in_progress", year=year - 1)
    review = local_plan_in_state(world, "under_review", year=year + 1)
    synthesis = services.synthesis_create(
        user=world.coordinator,
        year=year - 1,
        data={"title": "Synthèse", "narrative": "Une année.", "recommendations": ""},
    )
    return {
        "draft": draft,
        "running": running,
        "review": review,
        "synthesis": synthesis,
    }


def _partnership(plan) -> LocalAction:
    return plan.actions.get(kind=ActionKind.PARTNERSHIP)


def call(client, route: Route, targets, world):
    obj = targets[route.target]
    args = [obj.pk]
    data = dict(route.data or {})
    if route.name in ("localplans:action_edit", "localplans:action_remove"):
        args.append(obj.actions.get(kind=ActionKind.LOCAL_NEED).pk)
    elif route.name in ("localplans:partner_add", "localplans:join"):
        args.append(_partnership(obj).pk)
        data["organisation"] = world.structure_b.organisation_id
    elif route.name.startswith("localplans:milestone"):
        action = _partnership(obj)
        args.append(action.pk)
        if route.name == "localplans:milestone_edit":
            args.append(action.milestones.get().pk)
        data.update(due_on=f"{obj.year}-06-01", status="planned", progress=10)
    elif route.name == "localplans:comment":
        data["organisation"] = world.structure_a.organisation_id
    elif route.name == "localplans:synthesis_present":
        data["presented_at"] = datetime.date.today().isoformat()
    url = reverse(route.name, args=args) + route.query
    if route.method == "get":
        return client.get(url)
    return client.post(url, data)


def fingerprint() -> tuple:
    return (
        database_fingerprint(),
        tuple(LocalPlan.objects.values_list("pk", "state", "title", "review_summary")),
        tuple(LocalAction.objects.values_list("pk", "title", "people")),
        tuple(Milestone.objects.values_list("pk", "title", "progress")),
        tuple(RegionalSynthesis.objects.values_list("pk", "narrative", "presented_at")),
    )


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}")
@pytest.mark.parametrize("who", USERS)
def test_a_route_serves_the_users_it_names_and_refuses_everyone_else(
    client, world, targets, route, who
):
    login(client, getattr(world, who))
    before = fingerprint()
    response = call(client, route, targets, world)
    if who in route.allowed:
        assert response.status_code in (200, 302), response.status_code
        if route.method == "post":
            assert response.status_code == 302
            assert fingerprint() != before
    else:
        assert response.status_code in (403, 404), response.status_code
        assert fingerprint() == before


def test_anonymous_visitors_are_sent_to_log_in(client, world, targets):
    for route in ROUTES:
        before = fingerprint()
        response = call(client, route, targets, world)
        assert response.status_code == 302 and "connexion" in response.url, route
        assert fingerprint() == before


def test_the_referent_of_another_structure_of_the_territory_joins_the_action(
    client, world, targets
):
    from ..factories import StructureFactory

    neighbour = StructureFactory(network=world.network_b, territory=world.territory_a)
    referent = member("referent", neighbour.organisation)
    action = _partnership(targets["running"])
    login(client, referent)
    response = client.post(
        reverse("localplans:join", args=[targets["running"].pk, action.pk]),
        {"organisation": neighbour.organisation_id, "role": "Permanences"},
    )
    assert response.status_code == 302
    assert action.partners.filter(organisation=neighbour.organisation).exists()


def test_plan_lists_show_nobody_a_plan_they_cannot_open(client, world, targets):
    for who in USERS:
        login(client, getattr(world, who))
        page = client.get(reverse("localplans:list"))
        if page.status_code != 200:
            assert page.status_code in (403, 404)
            continue
        content = page.content.decode()
        for plan in (targets["draft"], targets["running"], targets["review"]):
            shown = reverse("localplans:detail", args=[plan.pk]) in content
            readable = client.get(plan.get_absolute_url()).status_code == 200
            assert shown == readable, (who, plan.state)
