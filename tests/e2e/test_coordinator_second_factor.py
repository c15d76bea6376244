"""A regional coordinator must pair an authenticator app before anything else."""

from __future__ import annotations

import base64
import re

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from .conftest import check_accessibility, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SETUP_PATH = "/extranet/double-authentification/activer/"


def test_coordinator_without_device_sets_up_totp_then_reaches_the_dashboard(
    world, page
):
    coordinator = world.coordinator
    assert not TOTPDevice.objects.filter(user=coordinator).exists()

    log_in(page, coordinator.email)
    expect(page).to_have_url(re.compile(re.escape(SETUP_PATH) + r"(\?.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Activer la double authentification"
    )
    check_accessibility(page)

    # The dashboard stays closed until the second factor is proved.
    page.goto("/extranet/")
    expect(page).to_have_url(re.compile(re.escape(SETUP_PATH)))

    # A wrong code is refused, in French, and the page stays usable.
    page.get_by_label("Code à 6 chiffres").fill("000000")
    page.get_by_role("button", name="Activer").click()
    expect(page.locator(".error-summary")).to_contain_text("Ce code n'est pas valide")
    check_accessibility(page)
    assert not TOTPDevice.objects.filter(user=coordinator).exists()

    secret = page.locator("code.secret").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]+=*", secret), secret
    key = base64.b32decode(secret)
    code = f"{totp(key):06d}"
    page.get_by_label("Code à 6 chiffres").fill(code)
    page.get_by_role("button", name="Activer").click()

    expect(page).to_have_url(re.compile(r"/extranet/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    expect(page.locator(".messages")).to_contain_text(
        "La double authentification est activée."
    )
    check_accessibility(page)

    device = TOTPDevice.objects.get(user=coordinator)
    assert device.confirmed
    assert device.bin_key == key

    # Administration: create a structure, then open its attachment page.
    nav = page.get_by_role("navigation", name="Menu de l’extranet")
    nav.get_by_role("link", name="Organisations").click()
    page.get_by_role("link", name="Nouvelle organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle organisation")
    check_accessibility(page)
    page.get_by_label("Nom", exact=False).first.fill("PIJ de Vitré")
    page.get_by_label("Nature").select_option("structure")
    page.get_by_label("Type de structure").select_option("info_jeunesse")
    page.get_by_label("Territoire").select_option(str(world.territory_a.pk))
    page.get_by_label("Adresse").fill("2 place du Château")
    page.get_by_label("Code postal").fill("35500")
    page.get_by_label("Commune").fill("Vitré")
    page.get_by_role("button", name="Créer l'organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PIJ de Vitré")
    check_accessibility(page)
    page.get_by_role("link", name="Rattachement et statut").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rattachement")
    check_accessibility(page)

    # The regional follow-up: set the campaign date, then sort by lateness.
    page.goto("/extranet/conventions/suivi/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Suivi des conventions"
    )
    check_accessibility(page)
    page.get_by_label("Date limite de signature").fill(
        f"{timezone.localdate().year}-06-30"
    )
    page.get_by_role("button", name="Fixer la date limite").click()
    expect(page.locator(".messages")).to_contain_text("est enregistrée")
    expect(page.locator(".messages")).to_be_focused()
    page.get_by_label("Trier par").select_option("retard")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("columnheader", name="Jours de retard")).to_be_visible()
    check_accessibility(page)
