"""The accueil in a real browser: a professional records a reception in one
page (timed: under a minute), hands over the point de situation (PDF and
mail), refers the person with an appointment to another structure, which
accepts it; the person follows it with their code on the public page. Every
page passes axe; the public page also at phone width."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reception.models import Appointment, Reception, Referral

from ..factories import reception_world, slot_for
from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def record_a_reception(page) -> None:
    """What a professional does at the desk: the one page, filled in."""
    page.goto(reverse("reception:reception_new"))
    page.get_by_label("Sur place").first.check()
    page.get_by_label("Prioritaire (sous 8 jours)").check()
    page.get_by_label("Formation", exact=True).check()
    page.get_by_label("Emploi", exact=True).check()
    page.get_by_label("Tranche d'âge").select_option("26_44")
    page.get_by_label("Situation", exact=True).select_option("job_seeker")
    page.get_by_label("Prénom ou pseudonyme (facultatif)").fill("Nolwenn")
    page.get_by_label("Ce qui a été dit").fill(
        "Souhaite devenir aide-soignante ; a travaillé dix ans en EHPAD."
    )
    page.get_by_label("Prochaines étapes").fill(
        "Rencontrer un conseiller CEP à Brest\nS'inscrire à la réunion VAE"
    )
    page.get_by_label("La personne accepte que toute structure").check()
    page.get_by_role("button", name="Enregistrer l'accueil").click()


def test_a_reception_is_recorded_handed_over_referred_and_followed(world, page):
    reception_world(world)
    slot = slot_for(world, in_days=6, hour=14)

    log_in(page, world.professional_a.email)
    page.goto(reverse("reception:receptions"))
    check_accessibility(page)
    page.goto(reverse("reception:reception_new"))
    check_accessibility(page)

    started = time.monotonic()
    record_a_reception(page)
    expect(page.locator(".messages, [role=status]").first).to_contain_text(
        "Accueil enregistré"
    )
    elapsed = time.monotonic() - started
    assert elapsed < 60, elapsed
    reception = Reception.objects.get()
    assert reception.person_label == "Nolwenn"
    check_accessibility(page)

    # The point de situation: printed, and mailed to an address typed once.
    with page.expect_download() as download:
        page.get_by_role("link", name="Imprimer (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_label("Adresse de courriel de la personne").fill("nolwenn@exemple.fr")
    page.get_by_role("button", name="Envoyer par courriel").click()
    expect(page.locator("body")).to_contain_text("L'adresse n'est pas conservée")

    # The referral, with consent and an appointment, to structure B.
    page.get_by_role("link", name="Orienter vers une autre structure").click()
    page.get_by_label("Service demandé").select_option("cep")
    page.get_by_label("Structure destinataire").select_option(str(world.structure_b.pk))
    page.get_by_role("button", name="Voir les créneaux et le texte d'accord").click()
    check_accessibility(page)
    page.get_by_label("Au rendez-vous pris pour elle").check()
    page.get_by_label("Rendez-vous", exact=True).select_option(str(slot.pk))
    page.get_by_label("Transmettre son point de situation").check()
    page.get_by_label("Comment la personne a donné son accord").select_option("oral")
    page.get_by_label("J'ai lu ce texte à la personne").check()
    page.get_by_role("button", name="Transmettre la demande").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mise en relation")
    check_accessibility(page)
    referral = Referral.objects.get()
    assert Appointment.objects.get().referral == referral

    # Structure B accepts it from its inbox.
    page.context.clear_cookies()
    log_in(page, world.referent_b.email)
    page.goto(reverse("reception:referrals"))
    check_accessibility(page)
    page.get_by_role("link", name="Conseil en évolution professionnelle").first.click()
    expect(page.locator("body")).to_contain_text("Souhaite devenir aide-soignante")
    check_accessibility(page)
    page.get_by_role("button", name="Accepter").click()
    expect(page.locator("body")).to_contain_text("Acceptée")
    assert Referral.objects.get().state == "accepted"

    # The person follows it with their code, on a phone.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(reverse("reception_public:status"))
    check_accessibility(page)
    page.get_by_label("Votre code de suivi").fill(reception.reference)
    page.get_by_role("button", name="Voir où en est ma demande").click()
    expect(page.locator("body")).to_contain_text("a accepté votre demande")
    check_accessibility(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width


def test_the_quick_tally_and_the_code_look_up_are_accessible(world, page):
    reception_world(world)
    log_in(page, world.referent_b.email)
    page.goto(reverse("reception:tally"))
    check_accessibility(page)
    page.get_by_label("Téléphone").first.check()
    page.get_by_label("VAE").check()
    page.get_by_role("button", name="Compter").click()
    expect(page.locator("body")).to_contain_text("1 contact compté aujourd'hui")
    page.goto(reverse("reception:code"))
    check_accessibility(page)
    page.get_by_label("Code de suivi de la personne").fill("ACC-AAAA-AAAA")
    page.get_by_role("button", name="Lire le point de situation").click()
    expect(page.locator("body")).to_contain_text("Aucun point de situation partagé")
    check_accessibility(page)
