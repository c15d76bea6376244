"""The access-control matrix of training: every training URL that takes an id
(attendance sheets, sign-in sheets, arrival links and certificates included),
asked by users outside its reach, answers 403 or 404 and changes nothing; the
participant list and the visio link are for GREF, the Région, the confirmed
participants and the trainer granted that very session.

The targets: the confirmed enrolment of a professional of structure B (network
B, territory B) in a published session, a waiting one, and a draft session;
a document of each session (read by all who see the published one, managed by
GREF and the Région only).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from training import links, services
from training.models import Certificate, Enrolment

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import (
    enrolment_for,
    need_for,
    needs_campaign,
    pdf_bytes,
    plan_action,
    plan_draft,
    plan_in_state,
    record_half_day,
    staff,
    training_session,
)


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    target: str
    data: dict | None = None


ROUTES = [
    Route("training:enrolment", "get", "enrolment"),
    Route(
        "training:enrolment_transition",
        "post",
        "enrolment",
        {"transition": "cancel", "expected_state": "confirmed"},
    ),
    Route(
        "training:enrolment_transition",
        "post",
        "pending",
        {"transition": "approve", "expected_state": "requested"},
    ),
    Route(
        "training:enrolment_transition",
        "post",
        "enrolment",
        {
            "transition": "organiser_cancel",
            "expected_state": "confirmed",
            "comment": "Intrus",
        },
    ),
    Route(
        "training:queue_move",
        "post",
        "waiting",
        {"direction": "up", "reason": "Intrus"},
    ),
    Route("training:session", "get", "draft"),
    Route("training:session_ics", "get", "draft"),
    Route("training:enrol", "post", "draft", {"motivation": "x"}),
    Route("training:session_cancel", "post", "session", {"reason": "Intrus"}),
    Route("training:attendance", "get", "slot"),
    Route("training:attendance", "post", "slot", {"presence-0": "present"}),
    Route("training:attendance", "post", "past_slot", {"presence-0": "absent"}),
    Route("training:sign_in_sheet", "get", "slot"),
    Route("training:arrival", "get", "arrival"),
    Route("training:arrival", "post", "arrival"),
    Route("training:certificate", "get", "certified"),
    Route("training:certificate_revoke", "post", "certified", {"reason": "Intrus"}),
    Route("training:session_edit", "get", "session"),
    Route("training:session_edit", "post", "session", {"capacity": "99"}),
    Route("training:session_publish", "post", "draft"),
    Route("training:session_document", "get", "draft_document"),
    Route("training:session_document_add", "post", "session", {"title": "Intrus"}),
    Route("training:session_document_add", "post", "draft", {"title": "Intrus"}),
    Route("training:session_document_remove", "post", "document"),
    Route("training:session_document_remove", "post", "draft_document"),
    Route("training:plan", "get", "plan"),
    Route(
        "training:plan_transition",
        "post",
        "plan",
        {"transition": "submit", "expected_state": "draft"},
    ),
    Route(
        "training:plan_transition",
        "post",
        "submitted_plan",
        {"transition": "validate", "expected_state": "submitted"},
    ),
    Route("training:plan_action_new", "get", "plan"),
    Route("training:plan_action_new", "post", "plan", {"theme": "Intrus"}),
    Route("training:plan_action_edit", "get", "plan_action"),
    Route("training:plan_action_edit", "post", "plan_action", {"theme": "Intrus"}),
    Route("training:need", "get", "need"),
    Route("training:need_edit", "get", "need"),
    Route("training:need_edit", "post", "need", {"theme": "Intrus"}),
    Route("training:campaign_close", "post", "campaign"),
]

# Training URLs that take an id and are not in ROUTES, with why.
NOT_IN_MATRIX = {
    # The secret of the mail stands for the person: tested by the offer tests.
    "training:offer_accept",
    "training:offer_decline",
    # One's calendar feed: its secret address stands for the person (no login
    # for calendar applications); tested by test_training_calendars.
    "training:calendar_feed",
    # Every member who says needs opens the campaign's page (their needs
    # only, tested by test_needs_census) and says needs of their own scope.
    "training:campaign",
    "training:need_new",
}

# Training URLs without an id whose answer depends on the role only: the
# figures for the evaluation and their files (refused to everyone but GREF, the
# Région's coordination, network heads and territorial officers; which rows
# each of them sees is tested by test_training_figures_page_and_files).
ROUTES_WITHOUT_ID = [
    Route("training:figures", "get", ""),
    Route("training:figures_csv", "get", ""),
    Route("training:figures_xlsx", "get", ""),
]

OUTSIDERS = ["referent_a", "professional_a", "network_head_a", "territorial_officer_a"]


@pytest.fixture
def targets(world):
    session = training_session(world, capacity=1)
    person = staff(world, "structure_b")
    enrolment = enrolment_for(world, session, person)
    waiting = enrolment_for(world, session, staff(world, "structure_b"))
    pending = enrolment_for(world, session, staff(world, "structure_b"), approve=False)
    draft = services.session_create(
        user=world.gref,
        action=plan_action(world),
        slots=[(session.slots.first().date, "am", *_times(session))],
        title="Session en préparation",
        capacity=5,
        enrolment_opens_at=session.enrolment_opens_at,
        enrolment_closes_at=session.enrolment_closes_at,
    )
    # A session already held, its attendance recorded: a certificate exists.
    held = training_session(world, starts_in_days=3)
    certified = enrolment_for(world, held, staff(world, "structure_b"))
    slots = list(held.slots.order_by("date", "start"))
    for slot in slots:
        record_half_day(slot, {certified: True}, user=world.gref)
    assert Certificate.objects.filter(enrolment=certified).exists()
    plan = plan_draft(world, year=2031)
    submitted = plan_in_state(world, "submitted", year=2032)
    campaign = needs_campaign(world)
    need = need_for(world, campaign, world.network_head_b)
    document = _document(world, session, "Programme")
    draft_document = _document(world, draft, "Programme en préparation")
    return {
        "document": document.pk,
        "draft_document": draft_document.pk,
        "slot": session.slots.first().pk,
        "past_slot": slots[0].pk,
        "arrival": [enrolment.pk, links.arrival_key(enrolment)],
        "certified": certified.pk,
        "plan": plan.pk,
        "submitted_plan": submitted.pk,
        "plan_action": plan.actions.get().pk,
        "campaign": campaign.pk,
        "need": need.pk,
        "session": session.pk,
        "enrolment": enrolment.pk,
        "waiting": waiting.pk,
        "pending": pending.pk,
        "draft": draft.pk,
        "person": person,
    }


def _document(world, session, title):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return services.session_document_add(
        user=world.gref,
        session=session,
        upload=SimpleUploadedFile(f"{title}.pdf", pdf_bytes(title)),
        title=title,
    )


def _times(session):
    slot = session.slots.first()
    return slot.start, slot.end


def call(client, route: Route, targets: dict):
    target = targets[route.target]
    url = reverse(route.name, args=target if isinstance(target, list) else [target])
    if route.method == "get":
        return client.get(url)
    return client.post(url, route.data or {})


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}-{r.name}-{r.data}")
@pytest.mark.parametrize("who", [*OUTSIDERS, "government"])
def test_outsiders_get_403_or_404_and_change_nothing(
    client, world, targets, route, who
):
    login(client, getattr(world, who))
    before = database_fingerprint()
    response = call(client, route, targets)
    assert response.status_code in (403, 404), response.status_code
    assert database_fingerprint() == before


@pytest.mark.parametrize("route", ROUTES_WITHOUT_ID, ids=lambda r: r.name)
@pytest.mark.parametrize("who", ["referent_a", "professional_a", "government"])
def test_routes_without_id_refuse_the_roles_they_are_not_for(client, world, route, who):
    login(client, getattr(world, who))
    before = database_fingerprint()
    assert client.get(reverse(route.name)).status_code == 403
    assert database_fingerprint() == before


def test_every_training_url_with_an_id_is_in_the_matrix():
    from training.urls import urlpatterns

    with_id = {f"training:{p.name}" for p in urlpatterns if p.pattern.converters}
    covered = {route.name for route in ROUTES} | NOT_IN_MATRIX
    assert with_id - covered == set()


@pytest.mark.parametrize("who", ["referent_b", "network_head_b", "gref", "coordinator"])
def test_those_in_scope_read_the_enrolment(client, world, targets, who):
    login(client, getattr(world, who))
    url = reverse("training:enrolment", args=[targets["enrolment"]])
    assert client.get(url).status_code == 200


def test_a_referent_approves_only_their_own_staff(client, world, targets):
    url = reverse("training:enrolment_transition", args=[targets["pending"]])
    data = {"transition": "approve", "expected_state": "requested"}
    login(client, world.referent_a)
    assert client.post(url, data).status_code == 404
    login(client, world.referent_b)
    assert client.post(url, data).status_code == 302
    assert Enrolment.objects.get(pk=targets["pending"]).state == "waitlisted"


def test_the_participant_list_and_the_visio_link_are_kept_from_others(
    client, world, targets
):
    session_url = reverse("training:session", args=[targets["session"]])
    person = targets["person"]
    secret = "salle-secrete"

    login(client, world.professional_a)
    page = client.get(session_url).content.decode()
    assert secret not in page and person.get_full_name() not in page

    login(client, person)  # confirmed: the link, not the others
    page = client.get(session_url).content.decode()
    assert secret in page and "Participant·es" not in page

    login(client, world.gref)
    page = client.get(session_url).content.decode()
    assert secret in page and person.get_full_name() in page


def test_a_trainer_sees_their_session_only(client, world, targets):
    trainer = staff(world, "structure_a2")
    assign_perm("training.animate_trainingsession", trainer, _session(targets))
    other = training_session(world)
    enrolment_for(world, other)
    login(client, trainer)

    page = client.get(reverse("training:session", args=[targets["session"]]))
    assert targets["person"].get_full_name() in page.content.decode()
    url = reverse("training:enrolment", args=[targets["enrolment"]])
    assert client.get(url).status_code == 200
    other_enrolment = Enrolment.objects.filter(session=other).first()
    url = reverse("training:enrolment", args=[other_enrolment.pk])
    assert client.get(url).status_code == 404
    page = client.get(reverse("training:session", args=[other.pk])).content.decode()
    assert other_enrolment.person.get_full_name() not in page


def _session(targets):
    from training.models import TrainingSession

    return TrainingSession.objects.get(pk=targets["session"])


def test_a_professional_lists_only_their_own_enrolments(client, world, targets):
    mine = enrolment_for(world, training_session(world), world.professional_a)
    login(client, world.professional_a)

    page = client.get(reverse("training:enrolments")).content.decode()

    assert reverse("training:enrolment", args=[mine.pk]) in page
    assert targets["person"].get_full_name() not in page
