"""The access-control matrix of the surveys: every URL that defines a survey
or runs a campaign, asked by anyone who does not manage it (staff of the
structures, network heads, territorial officers, the State, and GREF for a
peer survey), answers 403 or 404 and changes nothing; the Région's
coordination succeeds, so the matrix cannot pass by refusing everything."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from surveys.models import Campaign, PublicLink, Question, Section, Survey

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import campaign_for

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    target: str  # "survey", "section", "question", "draft", "open", "closed", "link"
    data: dict | None = None


ROUTES = [
    Route("surveys:survey", "get", "survey"),
    Route("surveys:survey_edit", "get", "survey"),
    Route("surveys:survey_edit", "post", "survey", {"kind": "peer", "title": "Volé"}),
    Route("surveys:survey_preview", "get", "survey"),
    Route("surveys:survey_new_version", "post", "survey"),
    Route("surveys:section_new", "post", "survey", {"title": "Intruse"}),
    Route(
        "surveys:question_new",
        "post",
        "section",
        {"code": "x", "type": "yes_no", "label": "Intruse"},
    ),
    Route(
        "surveys:question_edit",
        "post",
        "question",
        {"code": "x", "type": "yes_no", "label": "Intruse"},
    ),
    Route("surveys:question_remove", "post", "question"),
    Route("surveys:campaign", "get", "draft"),
    Route("surveys:campaign_edit", "post", "draft", {"title": "Volée"}),
    Route("surveys:campaign_open", "post", "draft"),
    Route("surveys:campaign_close", "post", "open"),
    Route("surveys:campaign_remind", "post", "open"),
    Route("surveys:campaign_publish", "post", "closed", {"publish": "1"}),
    Route("surveys:moderation", "get", "closed"),
    Route("surveys:poster", "get", "link"),
]

# Survey URLs with an id not in ROUTES, with why.
NOT_IN_MATRIX = {
    # Reading results: by reach (tests/surveys/test_results_hide_small_cells.py:
    # a referent gets 404 on a campaign of other structures, sees only their
    # own rows otherwise).
    "surveys:results",
    "surveys:results_csv",
    "surveys:results_xlsx",
}

OUTSIDERS = [
    "referent_a",
    "professional_a",
    "network_head_a",
    "territorial_officer_a",
    "government",
    "gref",
]


@pytest.fixture
def targets(world):
    draft = campaign_for(world, mode="peer", open_it=False)
    opened = campaign_for(world, mode="peer")
    closed = campaign_for(world, mode="public")
    from surveys import services

    services.campaign_close(user=world.coordinator, campaign=closed)
    survey = draft.survey
    section = Section.objects.filter(survey=survey).first()
    return {
        "survey": survey,
        "section": section,
        "question": Question.objects.filter(section=section).last(),
        "draft": draft,
        "open": opened,
        "closed": closed,
        "link": PublicLink.objects.filter(campaign=closed).first(),
    }


def url_for(route: Route, targets) -> str:
    target = targets[route.target]
    if route.name == "surveys:question_new":
        return reverse(route.name, args=[target.survey_id, target.pk])
    if route.name == "surveys:poster":
        return reverse(route.name, args=[target.campaign_id, target.pk])
    return reverse(route.name, args=[target.pk])


def fingerprint() -> tuple:
    return (
        database_fingerprint(),
        tuple(Survey.objects.values_list("pk", "title", "archived")),
        tuple(Question.objects.values_list("pk", "label")),
        tuple(Campaign.objects.values_list("pk", "title", "state", "published")),
    )


@pytest.mark.parametrize("role", OUTSIDERS)
def test_no_one_but_the_coordination_defines_or_runs_a_peer_survey(
    client, world, targets, role
):
    login(client, getattr(world, role))
    before = fingerprint()
    for route in ROUTES:
        url = url_for(route, targets)
        response = (
            client.get(url)
            if route.method == "get"
            else client.post(url, route.data or {})
        )
        assert response.status_code in (403, 404), (
            role,
            route.name,
            response.status_code,
        )
    assert fingerprint() == before


def test_the_coordination_reaches_every_route(client, world, targets):
    login(client, world.coordinator)
    for route in ROUTES:
        url = url_for(route, targets)
        response = (
            client.get(url)
            if route.method == "get"
            else client.post(url, route.data or {})
        )
        assert response.status_code in (200, 302, 400), (
            route.name,
            response.status_code,
        )


def test_anonymous_visitors_are_sent_to_log_in(client, targets):
    for route in ROUTES:
        response = client.get(url_for(route, targets))
        assert response.status_code in (302, 405), route.name
