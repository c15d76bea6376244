"""Appointments in a real browser: a structure publishes public slots; the
person books one online without JavaScript, at phone width, gets the calendar
file and the cancel link, and cancels; the structure records an outcome; the
figures and the Région's settings pages. Every page passes axe."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from reception.models import Appointment, Slot

from ..factories import reception_world, slot_for
from .conftest import check_accessibility, log_in
from .test_convention_cycles import _log_in as log_in_with_code

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}


def test_a_structure_publishes_slots_and_records_an_outcome(world, page):
    reception_world(world)
    log_in(page, world.referent_b.email)
    page.goto(reverse("reception:slots"))
    check_accessibility(page)
    page.get_by_role("link", name="Publier des créneaux").click()
    check_accessibility(page)
    day = timezone.localdate() + datetime.timedelta(days=9)
    page.locator("#id_day").fill(day.isoformat())
    page.get_by_label("Heure du premier créneau").fill("09:30")
    page.get_by_label("Nombre de créneaux à la suite").fill("3")
    page.locator("#id_service").select_option("cep")
    page.get_by_label("Sur place").check()
    page.get_by_label("Le public, en ligne").check()
    page.get_by_role("button", name="Publier").click()
    expect(page.locator("body")).to_contain_text("9 h 30")
    assert Slot.objects.filter(structure=world.structure_b).count() == 3
    check_accessibility(page)

    # A past appointment: its outcome is recorded from its page.
    past = slot_for(world, in_days=1)
    Slot.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
        books_until=timezone.now() - datetime.timedelta(hours=3),
        books_from=timezone.now() - datetime.timedelta(days=5),
    )
    appointment = Appointment.objects.create(
        slot=past, booked_via="public", person_label="Erwan", contact="06 11 22 33 44"
    )
    page.goto(reverse("reception:appointment", args=[appointment.pk]))
    check_accessibility(page)
    page.get_by_label("Reçue").check()
    page.get_by_role("button", name="Enregistrer l'issue").click()
    expect(page.locator("body")).to_contain_text("Reçue")
    assert Appointment.objects.get(pk=appointment.pk).status == "seen"

    page.goto(reverse("extranet:structure_detail", args=[world.structure_b.pk]))
    expect(page.locator("body")).to_contain_text("Accueil du public")
    check_accessibility(page)


def book_and_cancel(page, world, *, check) -> None:
    """From the structure's public card to a cancelled booking."""
    slot = slot_for(world, in_days=4, hour=11)
    page.goto(reverse("directory:detail", args=[world.structure_b.organisation.slug]))
    page.get_by_role("link", name="Prendre rendez-vous en ligne").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prendre rendez-vous")
    check(page)
    page.get_by_role("link", name="11 h —").first.click()
    check(page)
    page.get_by_label("Prénom ou pseudonyme").fill("Gwen")
    page.get_by_label("Courriel ou téléphone").fill("06 98 76 54 32")
    page.get_by_role("button", name="Réserver ce rendez-vous").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Votre rendez-vous est réservé"
    )
    check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert Appointment.objects.get(slot=slot).status == "booked"
    ics = page.get_by_role("link", name="Ajouter à mon agenda (fichier .ics)")
    assert ics.get_attribute("href").endswith(".ics")
    cancel_url = page.locator("section[aria-labelledby=annuler] a").first
    # The link is absolute, to the site's public address (SPRO_SITE_URL).
    page.goto(urlsplit(cancel_url.get_attribute("href")).path)
    check(page)
    page.get_by_role("button", name="Annuler mon rendez-vous").click()
    expect(page.locator("body")).to_contain_text("annulé")
    assert Appointment.objects.get(slot=slot).status == "cancelled"


def test_the_person_books_and_cancels_online_on_a_phone(world, page):
    reception_world(world)
    page.set_viewport_size(PHONE)
    book_and_cancel(page, world, check=check_accessibility)


def test_the_person_books_and_cancels_online_without_javascript(world, page_without_js):
    """Without JavaScript (axe needs it: the same pages are checked above)."""
    reception_world(world)
    page_without_js.set_viewport_size(PHONE)
    book_and_cancel(page_without_js, world, check=lambda page: None)


def test_the_figures_and_settings_pages_are_accessible(world, page):
    reception_world(world)
    log_in_with_code(page, world.coordinator)
    page.goto(reverse("reception:figures"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(page)
    page.goto(reverse("reception:settings"))
    check_accessibility(page)
    page.get_by_label("Durée de conservation des données personnelles (mois)").fill("6")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("body")).to_contain_text("Réglages enregistrés")
