"""A territorial officer runs a year of their territory's plan, through the
pages: draft with its three kinds of action, submission (the local needs
reach GREF's census), a send-back and its comment, validation, the pilot's
milestones, a structure joining and contributing, the review handed in."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionKind, LocalPlan
from workflows import engine

from ..conftest import login
from ..factories import local_plan, local_plan_in_state, member, plan_action

pytestmark = pytest.mark.django_db


def _fire(client, plan, name, comment=""):
    return client.post(
        reverse("localplans:transition", args=[plan.pk]),
        {"transition": name, "expected_state": plan.state, "comment": comment},
    )


def test_an_officer_creates_the_plan_of_their_territory_and_its_actions(client, world):
    login(client, world.territorial_officer_a)
    year = timezone.localdate().year

    response = client.post(
        reverse("localplans:new"),
        {
            "territory": world.territory_a.pk,
            "year": year,
            "title": "Plan d'action du pays de Brest",
            "diagnosis": "Des jeunes sans solution.",
        },
    )
    plan = LocalPlan.objects.get()
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.state == "draft" and plan.created_by == world.territorial_officer_a

    regional = plan_action(world)
    response = client.post(
        reverse("localplans:action_new", args=[plan.pk]),
        {
            "kind": "professionalisation",
            "title": "Décliner l'API sur le territoire",
            "plan_action": regional.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        reverse("localplans:action_new", args=[plan.pk]),
        {
            "kind": "partnership",
            "title": "Couvrir les îles",
            "theme": "coverage",
            "problem": "Pas de permanence à Ouessant.",
            "objectives": "Une permanence par mois.",
            "indicators": "Permanences tenues : 12",
            "pilot": world.structure_a.pk,
        },
    )
    assert response.status_code == 302
    kinds = sorted(plan.actions.values_list("kind", flat=True))
    assert kinds == ["partnership", "professionalisation"]
    page = client.get(plan.get_absolute_url()).content.decode()
    assert (
        "Couvrir les îles" in page and "Décliner l&#x27;API sur le territoire" in page
    )


def test_a_year_of_the_plan_from_draft_to_review(client, world):
    from training.models import Need, NeedsCampaign

    campaign = NeedsCampaign.objects.create(
        year=timezone.localdate().year + 1,
        title="Recensement des besoins",
        deadline=timezone.now() + datetime.timedelta(days=30),
    )
    plan = local_plan(world)
    partnership = plan.actions.get(kind=ActionKind.PARTNERSHIP)
    officer = world.territorial_officer_a

    login(client, officer)
    assert _fire(client, plan, "submit").status_code == 302
    plan.refresh_from_db()
    assert plan.state == "submitted"
    # The local need went to GREF's open census, said by the territory.
    need = Need.objects.get()
    assert need.campaign == campaign and need.scope_territory == world.territory_a
    assert plan.actions.get(kind=ActionKind.LOCAL_NEED).need == need

    client.logout()
    login(client, world.coordinator)
    assert _fire(client, plan, "send_back").status_code == 302  # no comment
    plan.refresh_from_db()
    assert plan.state == "submitted"
    _fire(client, plan, "send_back", "Précisez les indicateurs.")
    plan.refresh_from_db()
    assert plan.state == "returned"

    client.logout()
    login(client, officer)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Précisez les indicateurs." in page
    _fire(client, plan, "submit")
    plan.refresh_from_db()
    assert Need.objects.count() == 1  # reported once

    client.logout()
    login(client, world.coordinator)
    _fire(client, plan, "validate")
    plan.refresh_from_db()
    assert plan.state == "validated"

    client.logout()
    login(client, officer)
    _fire(client, plan, "start")
    plan.refresh_from_db()
    assert plan.state == "in_progress"

    # The pilot structure's referent updates the milestone.
    milestone = partnership.milestones.get()
    client.logout()
    login(client, world.referent_a)
    response = client.post(
        reverse(
            "localplans:milestone_edit", args=[plan.pk, partnership.pk, milestone.pk]
        ),
        {
            "title": milestone.title,
            "due_on": milestone.due_on.isoformat(),
            "status": "done",
            "progress": 40,
            "note": "Tenue avec 14 structures.",
        },
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.status, milestone.progress) == ("done", 100)
    assert milestone.history.latest().history_user == world.referent_a

    client.logout()
    login(client, officer)
    _fire(client, plan, "open_review")
    plan.refresh_from_db()
    _fire(client, plan, "hand_in_review")  # the review is not written
    plan.refresh_from_db()
    assert plan.state == "under_review"

    fields = {
        "review_summary": "Une année riche.",
        "review_difficulties": "Peu de disponibilités en été.",
        "review_participation": "Toutes les structures présentes.",
    }
    for action in plan.actions.all():
        fields[f"a{action.pk}-outcome"] = "done"
        fields[f"a{action.pk}-review_done"] = "Fait."
        fields[f"a{action.pk}-review_participants"] = "14"
    response = client.post(reverse("localplans:review", args=[plan.pk]), fields)
    assert response.status_code == 302
    _fire(client, plan, "hand_in_review")
    plan.refresh_from_db()
    assert plan.state == "reviewed"
    steps = [(e.transition, e.user) for e in engine.history(plan)]
    assert steps == [
        ("submit", officer),
        ("send_back", world.coordinator),
        ("submit", officer),
        ("validate", world.coordinator),
        ("start", officer),
        ("open_review", officer),
        ("hand_in_review", officer),
    ]


def test_a_referent_of_the_territory_joins_a_partnership_and_contributes(client, world):
    plan = local_plan_in_state(world, "in_progress")
    partnership = plan.actions.get(kind=ActionKind.PARTNERSHIP)
    neighbour = member("referent", world.structure_a2.organisation)
    # structure A2 is in territory B: make a structure of territory A for it.
    from ..factories import StructureFactory

    here = StructureFactory(territory=world.territory_a, network=world.network_b)
    referent = member("referent", here.organisation)

    login(client, referent)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Rejoindre cette action comme partenaire" in page
    response = client.post(
        reverse("localplans:join", args=[plan.pk, partnership.pk]),
        {"organisation": here.organisation.pk, "role": "Permanences"},
    )
    assert response.status_code == 302
    assert list(partnership.partners.values_list("organisation", flat=True)) == [
        here.organisation.pk
    ]
    response = client.post(
        reverse("localplans:comment", args=[plan.pk]),
        {"organisation": here.organisation.pk, "text": "Nous pouvons accueillir."},
    )
    assert response.status_code == 302
    assert plan.comments.get().organisation == here.organisation

    # A referent of another territory's structure cannot even see the plan.
    client.logout()
    login(client, neighbour)
    assert client.get(plan.get_absolute_url()).status_code == 404


def test_a_professional_of_the_pilot_may_not_change_the_plan_itself(client, world):
    plan = local_plan_in_state(world, "in_progress")
    login(client, world.professional_a)

    response = client.post(
        reverse("localplans:edit", args=[plan.pk]),
        {"title": "Détourné", "diagnosis": ""},
    )

    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.title != "Détourné"


def test_every_change_of_a_plan_is_in_its_history_with_who_made_it(client, world):
    from coordination.models import LocalAction, Milestone, PlanComment

    plan = local_plan(world)
    officer = world.territorial_officer_a
    login(client, officer)
    client.post(
        reverse("localplans:edit", args=[plan.pk]),
        {"title": "Plan revu", "diagnosis": "Diagnostic revu."},
    )
    need = plan.actions.get(kind=ActionKind.LOCAL_NEED)
    client.post(reverse("localplans:action_remove", args=[plan.pk, need.pk]))
    partnership = plan.actions.get(kind=ActionKind.PARTNERSHIP)
    client.post(
        reverse("localplans:partner_add", args=[plan.pk, partnership.pk]),
        {"organisation": world.structure_a2.organisation_id, "role": "Permanences"},
    )
    login(client, world.referent_a)
    client.post(
        reverse("localplans:comment", args=[plan.pk]),
        {"organisation": world.structure_a.organisation_id, "text": "Bonne idée."},
    )

    assert plan.history.latest().title == "Plan revu"
    assert plan.history.latest().history_user == officer
    removed = LocalAction.history.filter(id=need.pk).latest()
    assert removed.history_type == "-" and removed.history_user == officer
    assert not LocalAction.objects.filter(pk=need.pk).exists()
    partner = partnership.partners.get()
    assert partner.history.latest().history_user == officer
    comment = PlanComment.objects.get()
    assert comment.history.latest().history_user == world.referent_a
    assert Milestone.history.filter(action_id=partnership.pk).exists()
