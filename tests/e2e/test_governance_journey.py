"""Governance, in a real browser: the Région's coordination records a meeting
of the regional political group and a decision that validates the submitted
professionalisation plan, whose page then shows it validated with the
decision as reference in its history; a member reads the published minutes;
a non-member gets 404 on the body; the forms of a new body, a body's edit
and a PSAD's edit are visited. Every page passes axe."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coordination.governance import services
from coordination.models import Decision, Meeting
from training import definitions as d

from ..factories import body_for, meeting_for, plan_in_state
from .conftest import check_accessibility, log_in
from .test_convention_cycles import _log_in

pytestmark = pytest.mark.django_db(transaction=True)

MINUTES = "Le groupe a entendu le bilan des plans d'action locaux."


def test_the_gpr_validates_the_plan_and_members_read_the_minutes(world, page):
    plan = plan_in_state(world, d.PLAN_SUBMITTED)
    body = body_for(world, "gpr", members=[world.network_head_a])
    earlier = meeting_for(world, body, minutes=MINUTES, status="published")
    platform = services.platform_save(
        actor=world.coordinator,
        name="PSAD Pays de Rennes",
        pilot=world.structure_a,
        territories=[world.territory_a],
        partners=[world.structure_a2],
    )

    _log_in(page, world.coordinator)
    page.goto(reverse("governance:list"))
    check_accessibility(page)
    page.get_by_role("link", name=body.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(body.name)
    check_accessibility(page)

    page.get_by_role("link", name="Convoquer une réunion").click()
    expect(page.get_by_label(re.compile(r"^Date et heure"))).to_be_visible()
    check_accessibility(page)
    page.get_by_label(re.compile(r"^Date et heure")).fill("2031-03-12T14:00")
    page.get_by_label(re.compile(r"^Lieu")).fill("Hôtel de Région, Rennes")
    page.get_by_label(re.compile(r"^Ordre du jour")).fill(
        "1. Plan régional de professionnalisation"
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("main")).to_contain_text("La réunion est enregistrée.")
    check_accessibility(page)
    meeting = Meeting.objects.exclude(pk=earlier.pk).get()
    page.get_by_role(
        "link", name="Modifier la réunion, les présences et le compte rendu"
    ).click()
    expect(page.get_by_label(re.compile(r"^Compte rendu"))).to_be_visible()
    check_accessibility(page)
    page.get_by_label(re.compile(r"^Compte rendu")).fill("Projet de compte rendu.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("main")).to_contain_text("Projet de compte rendu")
    page.goto(reverse("governance:member_new", args=[body.pk]))
    check_accessibility(page)

    page.goto(reverse("governance:decision_new", args=[body.pk]))
    check_accessibility(page)
    page.get_by_label(re.compile(r"^Numéro")).fill("GPR-2031-01")
    page.get_by_label(re.compile(r"^Date")).fill("2031-03-12")
    page.get_by_label(re.compile(r"^Réunion")).select_option(str(meeting.pk))
    page.get_by_label(re.compile(r"^Texte de la décision")).fill(
        "Le groupe politique régional valide le plan 2031."
    )
    page.get_by_label("Ce que la décision valide").select_option(
        "training_plan_validation"
    )
    page.get_by_label(re.compile(r"^Élément concerné")).select_option(str(plan.pk))
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("main")).to_contain_text("est enregistrée et appliquée")
    check_accessibility(page)
    assert Decision.objects.get().subject_id == plan.pk

    page.goto(plan.get_absolute_url())
    main = page.locator("main")
    expect(main).to_contain_text("Validé")
    expect(main).to_contain_text("Décision n° GPR-2031-01 du groupe politique régional")

    page.goto(reverse("governance:platforms"))
    check_accessibility(page)
    page.get_by_role("link", name=f"Modifier {platform.organisation.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Modifier {platform.organisation.name}"
    )
    check_accessibility(page)
    page.goto(reverse("governance:list"))
    page.get_by_role("link", name="Nouvelle instance").click()
    check_accessibility(page)
    page.goto(reverse("governance:body_edit", args=[body.pk]))
    check_accessibility(page)

    # A member reads the published minutes.
    page.context.clear_cookies()
    _log_in(page, world.network_head_a)
    page.goto(earlier.get_absolute_url())
    expect(page.locator("main")).to_contain_text(MINUTES)
    check_accessibility(page)

    # Someone who does not sit in the body: 404.
    page.context.clear_cookies()
    log_in(page, world.professional_a.email)
    response = page.goto(body.get_absolute_url())
    assert response.status == 404
    response = page.goto(earlier.get_absolute_url())
    assert response.status == 404
