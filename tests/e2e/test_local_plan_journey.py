"""A year of a territory's local plan, in a real browser: the territorial
officer drafts it with a partnership action, its milestone and a local need,
and submits it; the Région's coordination validates it; the pilot structure's
referent updates the milestone and contributes; the officer opens the annual
review, writes it and hands it in; the coordination then prepares the regional
synthesis, downloads its PDF, presents it to the CREFOP commission and starts
its next version. Every page passes axe."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import LocalPlan, RegionalSynthesis

from .conftest import check_accessibility
from .test_convention_cycles import _log_in

pytestmark = pytest.mark.django_db(transaction=True)

PARTNERSHIP = "Des permanences sur les îles"


def _as(page, user) -> None:
    page.context.clear_cookies()
    _log_in(page, user)


def _label(text: str):
    return re.compile(rf"^{re.escape(text)}")


def _fire(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    expect(page.locator("main")).to_contain_text(f"Action « {label} » enregistrée")


def test_an_officer_runs_a_year_and_the_coordination_makes_the_synthesis(world, page):
    year = timezone.localdate().year
    main = page.locator("main")

    # The officer drafts the plan of their territory.
    _as(page, world.territorial_officer_a)
    page.goto(reverse("localplans:list"))
    check_accessibility(page)
    page.get_by_role("link", name="Préparer le plan d'un territoire").click()
    check_accessibility(page)
    page.get_by_label(_label("Territoire")).select_option(str(world.territory_a.pk))
    page.get_by_label(_label("Année")).fill(str(year))
    page.get_by_label(_label("Intitulé")).fill(f"Plan {year} du pays de Rennes")
    page.get_by_label(_label("Diagnostic du territoire")).fill(
        "Les communes rurales sont loin des services."
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(main).to_contain_text("Plan créé en rédaction")
    check_accessibility(page)
    plan = LocalPlan.objects.get()

    page.get_by_role("region", name="Action partenariale").get_by_role(
        "link", name="Ajouter une action de ce type"
    ).click()
    check_accessibility(page)
    page.get_by_label(_label("Intitulé")).fill(PARTNERSHIP)
    page.get_by_label(_label("Problématique")).select_option("coverage")
    page.get_by_label(_label("Problème traité")).fill("Aucune permanence à Ouessant.")
    page.get_by_label(_label("Objectifs")).fill("Une permanence par mois.")
    page.get_by_label(_label("Indicateurs")).fill("Permanences tenues : 12")
    page.get_by_label(_label("Structure pilote")).select_option(
        str(world.structure_a.pk)
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(main).to_contain_text("Action ajoutée au plan.")

    page.get_by_role("link", name=re.compile(r"^Ajouter un jalon")).click()
    check_accessibility(page)
    page.get_by_label(_label("Jalon")).fill("Première permanence")
    page.get_by_label(_label("Échéance")).fill(f"{year}-03-15")
    page.get_by_role("button", name="Enregistrer").click()
    expect(main).to_contain_text("Jalon enregistré.")

    page.get_by_role(
        "region", name="Besoin local remonté au niveau régional"
    ).get_by_role("link", name="Ajouter une action de ce type").click()
    page.get_by_label(_label("Intitulé")).fill("Accueillir les publics allophones")
    page.get_by_label(_label("Public concerné")).fill("Chargé·es d'accueil")
    page.get_by_label(_label("Nombre de personnes")).fill("9")
    page.get_by_role("button", name="Enregistrer").click()
    expect(main).to_contain_text("Action ajoutée au plan.")
    _fire(page, "Soumettre à la coordination régionale")
    check_accessibility(page)

    # The Région's coordination validates it.
    _as(page, world.coordinator)
    page.goto(plan.get_absolute_url())
    _fire(page, "Valider le plan")

    # The officer starts it; the pilot's referent keeps the milestone and
    # contributes.
    _as(page, world.territorial_officer_a)
    page.goto(plan.get_absolute_url())
    _fire(page, "Lancer la mise en œuvre")
    _as(page, world.referent_a)
    page.goto(plan.get_absolute_url())
    page.get_by_role("link", name=re.compile(r"^Mettre à jour")).click()
    check_accessibility(page)
    page.get_by_label(_label("État")).select_option("done")
    page.get_by_role("button", name="Enregistrer").click()
    expect(main).to_contain_text("Jalon enregistré.")
    page.get_by_label(_label("Votre contribution")).fill(
        "Nous tiendrons la permanence de juin."
    )
    page.get_by_role("button", name="Envoyer la contribution").click()
    expect(main).to_contain_text("Merci : votre contribution est enregistrée.")
    check_accessibility(page)

    # The officer opens the review, writes it and hands it in.
    _as(page, world.territorial_officer_a)
    page.goto(plan.get_absolute_url())
    _fire(page, "Ouvrir le bilan annuel")
    page.get_by_role("link", name="Écrire le bilan").click()
    check_accessibility(page)
    page.get_by_label(_label("Bilan d'ensemble")).fill("Douze permanences tenues.")
    for action in plan.actions.all():
        group = page.get_by_role("group", name=re.compile(re.escape(action.title)))
        group.get_by_label("Réalisation").select_option("done")
        group.get_by_label("Participant·es").fill("14")
    page.get_by_role("button", name="Enregistrer le bilan").click()
    expect(main).to_contain_text("Bilan enregistré.")
    _fire(page, "Remettre le bilan")
    expect(main).to_contain_text("Douze permanences tenues.")

    # The coordination prepares the regional synthesis and presents it.
    _as(page, world.coordinator)
    page.goto(reverse("localplans:list"))
    page.get_by_role("link", name="Synthèses régionales").click()
    check_accessibility(page)
    page.get_by_role("link", name="Préparer une synthèse").click()
    check_accessibility(page)
    page.get_by_label(_label("Année")).fill(str(year))
    page.get_by_label(_label("Analyse")).fill("Une première année de permanences.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(main).to_contain_text("Synthèse créée.")
    expect(main).to_contain_text(
        "Plans dont le bilan est remis : 1 (sur 1 cette année)"
    )
    check_accessibility(page)
    synthesis = RegionalSynthesis.objects.get()
    pdf = page.request.get(reverse("localplans:synthesis_pdf", args=[synthesis.pk]))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    expect(page.get_by_role("button", name="Imprimer cette page")).to_be_visible()

    page.get_by_role("button", name="Enregistrer la présentation").click()
    expect(main).to_contain_text("Version présentée")
    page.get_by_role("link", name="Préparer une nouvelle version").click()
    page.get_by_label(_label("Préconisations")).fill("Étendre aux autres îles.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(main).to_contain_text("vos modifications forment la version 2")
    check_accessibility(page)
