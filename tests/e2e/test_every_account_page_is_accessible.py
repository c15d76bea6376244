"""Every page of the account journeys passes axe, outside the main flows too:
password reset, invitation, second factor, lock-out, errors."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from extranet.models import Role
from extranet.services import invitation_create

from .conftest import LOGIN_PATH, check_accessibility, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def link_in_last_mail() -> str:
    match = re.search(r"https?://\S+", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_password_reset_pages_are_accessible(world, page):
    page.goto(LOGIN_PATH)
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    check_accessibility(page)
    page.fill("input[name=email]", world.referent_a.email)
    page.get_by_role("button", name="Recevoir le lien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lien envoyé")
    check_accessibility(page)

    page.goto(path_of(link_in_last_mail()))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Choisir un nouveau mot de passe"
    )
    check_accessibility(page)
    page.fill("input[name=new_password1]", "court")
    page.fill("input[name=new_password2]", "autre")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_accessibility(page)
    new = "Phare-du-Creach-Ouessant-29"
    page.fill("input[name=new_password1]", new)
    page.fill("input[name=new_password2]", new)
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mot de passe modifié")
    check_accessibility(page)


def test_invitation_pages_are_accessible(world, page):
    from django.db import transaction

    with transaction.atomic():
        invitation_create(
            organisation=world.structure_a.organisation,
            actor=world.referent_a,
            email="nouvelle.collegue@ml.example",
            role=Role.PROFESSIONAL,
            base_url="http://testserver",
        )
    link = path_of(link_in_last_mail())
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rejoindre l'extranet du SPRO"
    )
    check_accessibility(page)
    page.fill("input[name=first_name]", "Nolwenn")
    page.fill("input[name=last_name]", "Kerjean")
    page.fill("input[name=password1]", "12345678")
    page.fill("input[name=password2]", "12345678")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_accessibility(page)
    password = "Landes-de-Lanvaux-2026"
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    check_accessibility(page)

    # The same link again: a clear page, not an error.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitation inutilisable")
    check_accessibility(page)


def test_second_factor_prompt_and_error_pages_are_accessible(world, page):
    device = TOTPDevice.objects.create(
        user=world.network_head_a, name="Téléphone", confirmed=True
    )
    log_in(page, world.network_head_a.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Double authentification")
    expect(page.get_by_label("Code à 6 chiffres")).to_be_focused()
    check_accessibility(page)
    page.get_by_label("Code à 6 chiffres").fill("000000")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator(".error-summary")).to_be_focused()
    page.wait_for_timeout(1500)  # django-otp holds a second after a wrong code
    page.get_by_label("Code à 6 chiffres").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")

    page.goto("/extranet/structures/999999/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    check_accessibility(page)
    page.goto(f"/extranet/structures/{world.structure_a.pk}/modifier/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    check_accessibility(page)

    page.goto("/extranet/")
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.locator(".messages")).to_contain_text("Vous êtes déconnecté·e.")
    check_accessibility(page)


def test_lockout_page_is_accessible(world, page, settings):
    from axes.utils import reset

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    reset()
    for _ in range(3):
        log_in(page, world.referent_a.email, "mauvais-mot-de-passe")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Compte temporairement bloqué"
    )
    check_accessibility(page)
    reset()
