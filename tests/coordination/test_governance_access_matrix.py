"""The access-control matrix of the governance bodies: every URL of the
secretariat (a body's creation and edit, the PSAD's edit included), asked by
anyone who is not the secretariat of the body (its members, the PSAD's pilot
referent, and everyone outside it), answers 403 or 404 and changes nothing;
the Région's coordination succeeds, so the matrix cannot pass by refusing
everything. A body, its meetings and its documents answer 404 to whoever does
not sit in it, whatever the id; anonymous visitors are sent to log in."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from coordination.governance import services
from coordination.models import (
    Body,
    BodyMember,
    Decision,
    Meeting,
    MeetingDocument,
    Platform,
)

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import (
    UserFactory,
    body_for,
    meeting_document,
    meeting_for,
    resource_upload,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    # "body", "seat", "draft" (a meeting with draft minutes), "approved",
    # "platform" (a PSAD piloted by structure A), "" (a URL without an id)
    target: str
    data: dict | None = None
    files: bool = False


MEETING = {"held_on": "2026-03-12T14:00", "place": "Rennes", "agenda": "Intrus"}

ROUTES = [
    Route("governance:body_new", "get", ""),
    Route("governance:body_new", "post", "", {"kind": "gtr", "name": "Intruse"}),
    Route("governance:body_edit", "get", "body"),
    Route("governance:body_edit", "post", "body", {"name": "Renommée"}),
    Route("governance:platform_edit", "get", "platform"),
    Route("governance:platform_edit", "post", "platform", {"name": "PSAD volée"}),
    Route("governance:member_new", "get", "body"),
    Route("governance:member_new", "post", "body", {"quality": "membre"}),
    Route("governance:meeting_new", "get", "body"),
    Route("governance:meeting_new", "post", "body", MEETING),
    Route("governance:decision_new", "get", "body"),
    Route(
        "governance:decision_new",
        "post",
        "body",
        {"number": "X-1", "decided_on": "2026-03-12", "text": "Intrus"},
    ),
    Route("governance:meeting_edit", "get", "draft"),
    Route("governance:meeting_edit", "post", "draft", {**MEETING, "minutes": "Faux"}),
    Route("governance:document_new", "post", "draft", {"title": "Intrus"}, True),
    Route("governance:minutes_approve", "post", "draft"),
    Route("governance:minutes_publish", "post", "approved"),
    Route("governance:member_end", "post", "seat"),
]

# Governance URLs that take an argument and are not in ROUTES, with why.
NOT_IN_MATRIX = {
    # Reading: the members of the body and its secretariat only; everyone
    # else gets 404 (tested below).
    "governance:body",
    "governance:meeting",
    "governance:document",
}

MEMBERS = ["referent_a", "network_head_a"]
OUTSIDERS = [
    "professional_a",
    "referent_b",
    "network_head_b",
    "territorial_officer_a",
    "government",
    "gref",
]


@pytest.fixture
def targets(world):
    body = body_for(
        world, "gpr", members=[world.network_head_a], chair=world.referent_a
    )
    draft = meeting_for(world, body, minutes="Projet.", status="draft")
    approved = meeting_for(world, body, minutes="Approuvé.", status="approved")
    platform = services.platform_save(
        actor=world.coordinator,
        name="PSAD Pays de Rennes",
        pilot=world.structure_a,
        territories=[world.territory_a],
        partners=[world.structure_a2],
    )
    return {
        "body": body,
        "platform": platform,
        "draft": draft,
        "approved": approved,
        "document": meeting_document(world, draft),
        "seat": BodyMember.objects.get(body=body, user=world.network_head_a),
    }


def call(client, route: Route, targets, world):
    args = [targets[route.target].pk] if route.target else []
    url = reverse(route.name, args=args)
    if route.method == "get":
        return client.get(url)
    data = dict(route.data or {})
    if route.name == "governance:platform_edit":
        data.update(
            pilot=world.structure_b.pk,
            territories=[world.territory_a.pk, world.territory_b.pk],
            partners=[world.structure_a.pk],
        )
    if route.name == "governance:member_new":
        data["user"] = world.professional_a.pk
    if route.name == "governance:decision_new":
        data["meeting"] = targets["draft"].pk
    if route.files:
        data["file"] = resource_upload(name="intrus.pdf", text="Intrus")
    return client.post(url, data)


def fingerprint() -> tuple:
    return (
        database_fingerprint(),
        tuple(Meeting.objects.values_list("pk", "agenda", "minutes", "minutes_status")),
        tuple(BodyMember.objects.values_list("pk", "user_id", "until")),
        tuple(Decision.objects.values_list("pk")),
        tuple(MeetingDocument.objects.values_list("pk")),
        tuple(Body.objects.values_list("pk", "kind", "name", "co_secretariat_id")),
        tuple(
            Platform.objects.values_list(
                "pk", "organisation__name", "pilot_id", "contact_name"
            )
        ),
        tuple(Platform.territories.through.objects.values_list("pk")),
        tuple(Platform.partners.through.objects.values_list("pk")),
    )


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}")
@pytest.mark.parametrize("who", OUTSIDERS + ["network_head_a"])
def test_nobody_but_the_secretariat_runs_a_body(client, world, targets, route, who):
    login(client, getattr(world, who))
    before = fingerprint()
    response = call(client, route, targets, world)
    assert response.status_code in (403, 404), response.status_code
    assert fingerprint() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}")
def test_the_chair_only_approves_minutes(client, world, targets, route):
    """The chair is also the referent of the PSAD's pilot structure: that
    gives no right on the PSAD's definition either."""
    login(client, world.referent_a)
    before = fingerprint()
    response = call(client, route, targets, world)
    if route.name == "governance:minutes_approve":
        assert response.status_code == 302
        assert Meeting.objects.get(pk=targets["draft"].pk).minutes_status == "approved"
    else:
        assert response.status_code in (403, 404), response.status_code
        assert fingerprint() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}")
def test_the_regional_coordination_runs_every_body(client, world, targets, route):
    login(client, world.coordinator)
    assert call(client, route, targets, world).status_code in (200, 302)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_404_for_a_body_its_meetings_and_documents(
    client, world, targets, who
):
    login(client, getattr(world, who))
    for url in (
        reverse("governance:body", args=[targets["body"].pk]),
        reverse("governance:meeting", args=[targets["draft"].pk]),
        reverse("governance:document", args=[targets["document"].pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.get(reverse("governance:list"))
    assert targets["body"].name not in response.content.decode()


@pytest.mark.parametrize("who", MEMBERS + ["coordinator"])
def test_members_and_the_secretariat_read_the_body_and_its_documents(
    client, world, targets, who
):
    login(client, getattr(world, who))
    for url in (
        reverse("governance:body", args=[targets["body"].pk]),
        reverse("governance:meeting", args=[targets["draft"].pk]),
        reverse("governance:document", args=[targets["document"].pk]),
    ):
        assert client.get(url).status_code == 200, url
    response = client.get(reverse("governance:list"))
    assert targets["body"].name in response.content.decode()


def test_a_former_member_reads_nothing_any_more(client, world, targets):
    import datetime

    from coordination.governance import services

    seat = targets["seat"]
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    services.body_member_end(member=seat, actor=world.coordinator, until=yesterday)
    login(client, world.network_head_a)
    url = reverse("governance:body", args=[targets["body"].pk])
    assert client.get(url).status_code == 404


def test_gref_runs_the_steering_committee_it_co_runs_and_no_other(
    client, world, targets
):
    gref_org = world.gref.memberships.get().organisation
    steering = body_for(world, "steering", co_secretariat=gref_org)
    login(client, world.gref)
    assert (
        client.get(reverse("governance:meeting_new", args=[steering.pk])).status_code
        == 200
    )
    assert client.get(steering.get_absolute_url()).status_code == 200
    assert client.get(targets["body"].get_absolute_url()).status_code == 404


def test_gref_renames_the_body_it_co_runs_but_never_chooses_its_co_secretariat(
    client, world, targets
):
    gref_org = world.gref.memberships.get().organisation
    steering = body_for(world, "steering", co_secretariat=gref_org)
    login(client, world.gref)
    url = reverse("governance:body_edit", args=[steering.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="co_secretariat"' not in page.content.decode()
    response = client.post(url, {"name": "Copil du PRP", "co_secretariat": ""})
    assert response.status_code == 302
    steering.refresh_from_db()
    assert steering.name == "Copil du PRP"
    assert steering.co_secretariat_id == gref_org.pk  # posted anyway: ignored
    assert client.get(reverse("governance:body_new")).status_code == 403
    assert client.get(reverse("governance:list")).status_code == 200
    assert reverse("governance:body_new") not in (
        client.get(reverse("governance:list")).content.decode()
    )


@pytest.mark.parametrize(
    "who", ["coordinator", "gref", "referent_a", "professional_a", "government"]
)
def test_only_the_regional_coordination_is_offered_to_edit_a_psad(
    client, world, targets, who
):
    login(client, getattr(world, who))
    page = client.get(reverse("governance:platforms")).content.decode()
    edit = reverse("governance:platform_edit", args=[targets["platform"].pk])
    assert (edit in page) is (who == "coordinator")


def test_a_signed_in_user_without_a_role_reads_nothing(client, world, targets):
    login(client, UserFactory())
    assert client.get(targets["body"].get_absolute_url()).status_code == 404
    assert client.get(reverse("governance:platforms")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, world, targets):
    for url in (
        reverse("governance:list"),
        reverse("governance:platforms"),
        targets["body"].get_absolute_url(),
        reverse("governance:meeting", args=[targets["draft"].pk]),
        reverse("governance:document", args=[targets["document"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "connexion" in response["Location"] or "login" in response["Location"]


def test_every_governance_url_with_an_argument_is_in_the_matrix():
    from coordination.governance_urls import urlpatterns

    with_id = {f"governance:{p.name}" for p in urlpatterns if p.pattern.converters}
    assert with_id - ({r.name for r in ROUTES} | NOT_IN_MATRIX) == set()
    assert "governance:body_new" in {r.name for r in ROUTES}


def test_no_get_writes_to_the_database(client, world, targets):
    login(client, world.coordinator)
    before = fingerprint()
    for route in ROUTES:
        if route.method == "get":
            assert call(client, route, targets, world).status_code == 200
    for url in (
        reverse("governance:list"),
        reverse("governance:platforms"),
        targets["body"].get_absolute_url(),
        reverse("governance:meeting", args=[targets["draft"].pk]),
        reverse("governance:document", args=[targets["document"].pk]),
    ):
        assert client.get(url).status_code == 200
    assert fingerprint() == before
