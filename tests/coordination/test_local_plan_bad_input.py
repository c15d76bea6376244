"""Bad input on local plans gets a French message, a 400 (or the page with
the error), the values typed kept, and nothing saved: a plan for a territory
the officer does not own, a year out of reach, a second plan for the year, a
milestone dated outside the plan's year, a partner outside SPRO Bretagne, a
pilot outside the territory, a tampered id."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from coordination.models import ActionKind, ActionPartner, LocalPlan, Milestone

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import OrganisationFactory, local_plan, local_plan_in_state

pytestmark = pytest.mark.django_db

YEAR = datetime.date.today().year


def _page(response) -> str:
    return response.content.decode()


def test_a_plan_for_a_territory_the_officer_does_not_own_is_refused(client, world):
    login(client, world.territorial_officer_a)
    before = database_fingerprint()
    response = client.post(
        reverse("localplans:new"),
        {
            "territory": world.territory_b.pk,
            "year": YEAR,
            "title": "Plan de Brest par intrusion",
            "diagnosis": "Texte tapé à garder.",
        },
    )
    assert response.status_code == 400
    page = _page(response)
    assert "Vous n&#x27;êtes pas chargé·e de mission du territoire" in page
    assert "Texte tapé à garder." in page and "Plan de Brest par intrusion" in page
    assert database_fingerprint() == before


def test_a_plan_out_of_the_years_in_reach_and_a_second_one_are_refused(client, world):
    local_plan(world, year=YEAR)
    login(client, world.territorial_officer_a)
    before = database_fingerprint()
    for year, message in (
        (YEAR + 5, "l&#x27;année en cours, la précédente ou la suivante"),
        (YEAR, "Le plan de ce territoire pour cette année existe déjà"),
        ("deux-mille", "Saisissez un nombre entier"),
    ):
        response = client.post(
            reverse("localplans:new"),
            {"territory": world.territory_a.pk, "year": year, "title": "Encore"},
        )
        assert response.status_code == 400
        assert message in _page(response), year
    assert database_fingerprint() == before
    assert LocalPlan.objects.count() == 1


def test_a_milestone_outside_the_plans_year_is_refused_and_the_form_kept(client, world):
    plan = local_plan_in_state(world, "in_progress")
    action = plan.actions.get(kind=ActionKind.PARTNERSHIP)
    login(client, world.referent_a)
    before = database_fingerprint()
    response = client.post(
        reverse("localplans:milestone_new", args=[plan.pk, action.pk]),
        {
            "title": "Bilan intermédiaire",
            "due_on": f"{YEAR + 1}-01-15",
            "status": "planned",
            "progress": 0,
            "note": "À garder",
        },
    )
    assert response.status_code == 400
    page = _page(response)
    assert (
        f"L&#x27;échéance d&#x27;un jalon tombe dans l&#x27;année du plan ({YEAR})"
        in (page)
    )
    assert "Bilan intermédiaire" in page and "À garder" in page
    assert database_fingerprint() == before


def test_a_progress_over_100_or_a_bad_date_is_refused_in_french(client, world):
    plan = local_plan_in_state(world, "in_progress")
    action = plan.actions.get(kind=ActionKind.PARTNERSHIP)
    milestone = action.milestones.get()
    login(client, world.professional_a)
    url = reverse("localplans:milestone_edit", args=[plan.pk, action.pk, milestone.pk])
    for data in (
        {"progress": 140, "due_on": f"{YEAR}-05-01"},
        {"progress": 20, "due_on": "31/02/2026"},
    ):
        response = client.post(url, {"title": "Lancement", "status": "started", **data})
        assert response.status_code == 400
        assert "Rien n&#x27;a été enregistré" in _page(response)
    milestone.refresh_from_db()
    assert milestone.progress == 0 and milestone.status == "planned"


@pytest.mark.parametrize("case", ["not_in_spro", "inactive", "network_head"])
def test_a_partner_outside_spro_bretagne_is_refused(client, world, case):
    plan = local_plan(world)
    action = plan.actions.get(kind=ActionKind.PARTNERSHIP)
    if case == "not_in_spro":
        outsider = OrganisationFactory(name="Association de Normandie")
    elif case == "inactive":
        outsider = world.structure_b.organisation
        outsider.is_active = False
        outsider.save()
    else:
        outsider = world.network_head_a.memberships.get().organisation
    login(client, world.territorial_officer_a)
    before = database_fingerprint()
    response = client.post(
        reverse("localplans:partner_add", args=[plan.pk, action.pk]),
        {"organisation": outsider.pk, "role": "Permanences"},
    )
    assert response.status_code == 400
    assert "Un partenaire est une structure membre ou une plate-forme" in _page(
        response
    )
    assert database_fingerprint() == before
    assert not ActionPartner.objects.exists()


def test_a_pilot_outside_the_territory_is_refused_and_the_action_kept(client, world):
    plan = local_plan(world)
    action = plan.actions.get(kind=ActionKind.PARTNERSHIP)
    login(client, world.territorial_officer_a)
    response = client.post(
        reverse("localplans:action_edit", args=[plan.pk, action.pk]),
        {
            "title": "Titre tapé",
            "theme": "coverage",
            "problem": "Problème tapé",
            "objectives": "Objectifs tapés",
            "pilot": world.structure_b.pk,
        },
    )
    assert response.status_code == 400
    page = _page(response)
    assert "La structure pilote est une structure membre du territoire" in page
    assert "Titre tapé" in page and "Problème tapé" in page
    action.refresh_from_db()
    assert action.pilot == world.structure_a and action.title != "Titre tapé"


def test_a_third_partnership_action_is_refused_at_submission(client, world):
    plan = local_plan(world)
    login(client, world.territorial_officer_a)
    for title in ("Deuxième action", "Troisième action"):
        response = client.post(
            reverse("localplans:action_new", args=[plan.pk]),
            {
                "kind": "partnership",
                "title": title,
                "theme": "peaks",
                "problem": "Des pics de demande.",
                "objectives": "Les absorber.",
                "pilot": world.structure_a.pk,
            },
        )
        assert response.status_code in (302, 400)
    response = client.post(
        reverse("localplans:transition", args=[plan.pk]),
        {"transition": "submit", "expected_state": "draft"},
        follow=True,
    )
    plan.refresh_from_db()
    assert plan.state == "draft"
    assert "une ou deux actions partenariales" in _page(response)


def test_a_tampered_action_or_milestone_id_answers_404(client, world):
    plan = local_plan(world)
    other = local_plan(world, territory=world.territory_b)
    foreign = other.actions.get(kind=ActionKind.PARTNERSHIP)
    login(client, world.territorial_officer_a)
    before = database_fingerprint()
    for url in (
        reverse("localplans:action_edit", args=[plan.pk, foreign.pk]),
        reverse(
            "localplans:milestone_edit",
            args=[plan.pk, foreign.pk, foreign.milestones.get().pk],
        ),
        reverse(
            "localplans:milestone_edit",
            args=[
                plan.pk,
                plan.actions.get(kind=ActionKind.PARTNERSHIP).pk,
                Milestone.objects.filter(action=foreign).get().pk,
            ],
        ),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "Intrus"}).status_code == 404, url
    assert database_fingerprint() == before
