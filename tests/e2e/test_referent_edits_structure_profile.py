"""A structure referent keeps their public card up to date, in a real browser.

Every page visited is checked with axe-core (serious and critical violations fail).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from extranet.models import Structure

from ..factories import DEFAULT_PASSWORD
from .conftest import LOGIN_PATH, check_accessibility, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PHONE = "02 99 12 34 56"


def _structure_path(structure: Structure) -> str:
    return f"/extranet/structures/{structure.pk}/"


def test_referent_logs_in_edits_hours_and_phone_and_the_change_is_in_the_history(
    world, page
):
    structure = world.structure_a
    referent = world.referent_a
    history_before = structure.history.count()

    # Login page, then "Mon espace".
    log_in(page, referent.email, check_a11y=True)
    expect(page).to_have_url(re.compile(r"/extranet/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    check_accessibility(page)

    # The dashboard links to the structure's page.
    page.get_by_role("link", name="Fiche de la structure").click()
    expect(page).to_have_url(re.compile(re.escape(_structure_path(structure)) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(structure.name)
    check_accessibility(page)

    # The card editor.
    page.get_by_role("link", name="Modifier la fiche").click()
    expect(page).to_have_url(re.compile(r"/modifier/$"))
    check_accessibility(page)
    # Friday: the morning only (its afternoon emptied), typed by keyboard.
    page.get_by_label("Vendredi, ferme à").fill("12:30")
    page.get_by_label("Samedi, ouvre à").fill("09:00")
    page.get_by_label("Samedi, ferme à").fill("12:00")
    page.locator("#id_phone").fill(NEW_PHONE)
    page.get_by_role("button", name="Enregistrer la fiche").click()

    # Back on the structure's page, with the message and the new values.
    expect(page).to_have_url(re.compile(re.escape(_structure_path(structure)) + "$"))
    expect(page.locator(".messages")).to_contain_text(
        "La fiche de la structure est enregistrée."
    )
    # The focus is on what the action said, so a screen reader reads it first.
    expect(page.locator(".messages")).to_be_focused()
    week = page.get_by_role("table", name="Horaires de la semaine")
    expect(week.get_by_role("row", name=re.compile("^Vendredi"))).to_contain_text(
        "9 h – 12 h 30"
    )
    expect(week.get_by_role("row", name=re.compile("^Samedi"))).to_contain_text(
        "9 h – 12 h"
    )
    expect(page.get_by_role("link", name=NEW_PHONE)).to_have_attribute(
        "href", "tel:0299123456"
    )
    check_accessibility(page)

    structure.refresh_from_db()
    assert [4, "09:00", "12:30"] in structure.weekly_hours
    assert [5, "09:00", "12:00"] in structure.weekly_hours
    assert structure.phone == NEW_PHONE
    assert structure.history.count() == history_before + 1
    last = structure.history.latest()
    assert last.history_type == "~"
    assert last.history_user_id == referent.pk
    assert last.phone == NEW_PHONE

    # A closure announced apart from the week, then seen by the public.
    page.get_by_role("link", name="Fermetures et horaires exceptionnels").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Fermetures et horaires exceptionnels"
    )
    check_accessibility(page)
    start = timezone.localdate() + timedelta(days=8)
    page.get_by_label("Premier jour").fill(start.isoformat())
    page.get_by_label("Dernier jour").fill((start + timedelta(days=2)).isoformat())
    page.get_by_label("fermée toute la journée").check()
    page.get_by_label("Motif").fill("Séminaire de l'équipe")
    page.get_by_role("button", name="Ajouter").click()
    expect(page.locator(".messages")).to_contain_text("L'exception est enregistrée")
    expect(page.locator(".exception-list")).to_contain_text("Séminaire de l'équipe")
    check_accessibility(page)
    page.goto(f"/structures/{structure.organisation.slug}/")
    expect(page.locator("main")).to_contain_text("Séminaire de l'équipe")
    expect(page.locator(".opening-status")).to_contain_text("maintenant")
    check_accessibility(page)
    page.goto(_structure_path(structure))

    # The team and the invitation form.
    page.get_by_role("link", name="Membres de l'équipe").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Membres de")
    check_accessibility(page)
    page.get_by_role("link", name="Inviter une personne").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inviter une personne")
    check_accessibility(page)

    # The lists, through the main menu.
    nav = page.get_by_role("navigation", name="Menu de l’extranet")
    nav.get_by_role("link", name="Structures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Structures")
    expect(page.get_by_role("link", name=structure.name)).to_be_visible()
    check_accessibility(page)
    nav.get_by_role("link", name="Organisations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    check_accessibility(page)
    nav.get_by_role("link", name="Mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    check_accessibility(page)
    page.get_by_role("link", name="Changer mon mot de passe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Changer mon mot de passe"
    )
    check_accessibility(page)


def test_invalid_card_shows_french_errors_keeps_typed_values_and_saves_nothing(
    world, page
):
    structure = world.structure_a
    before = Structure.objects.get(pk=structure.pk)
    history_before = structure.history.count()

    log_in(page, world.referent_a.email)
    page.goto(f"{_structure_path(structure)}modifier/")
    page.locator("#id_description").fill("<script>alert(1)</script>")
    page.locator("#id_postcode").fill("75001")
    page.locator("#id_latitude").fill("43.6")
    page.locator("#id_hours_note").fill("Le mardi après-midi sur rendez-vous")
    page.locator("#id_city").fill("Saint-Malo")
    page.locator("#id_phone").fill("02 99 98 76 54")
    page.get_by_role("button", name="Enregistrer la fiche").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text(
        re.compile(r"Le formulaire contient \d+ erreurs\.")
    )
    expect(summary).to_contain_text("Présentation")
    expect(summary).to_contain_text("balises HTML")
    expect(summary).to_contain_text("code postal breton")
    expect(summary).to_contain_text("hors de Bretagne")
    expect(page.locator(".messages")).to_contain_text(
        "La fiche n'a pas été enregistrée"
    )
    # Each error links to its field.
    expect(summary.locator('a[href="#id_postcode"]')).not_to_have_count(0)
    expect(summary.locator('a[href="#id_latitude"]')).not_to_have_count(0)
    expect(summary.locator('a[href="#id_description"]')).not_to_have_count(0)

    # Each field announces its errors (aria-describedby points to their container).
    expect(page.locator("#id_postcode")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_postcode")).to_have_accessible_description(
        re.compile(r"code postal breton")
    )
    expect(page.locator("#id_latitude")).to_have_accessible_description(
        re.compile(r"hors de Bretagne")
    )

    # What was typed is still there, the script was not run, only shown as text.
    expect(page.locator("#id_description")).to_have_value("<script>alert(1)</script>")
    expect(page.locator("#id_postcode")).to_have_value("75001")
    expect(page.locator("#id_latitude")).to_have_value("43.6")
    expect(page.locator("#id_hours_note")).to_have_value(
        "Le mardi après-midi sur rendez-vous"
    )
    expect(page.locator("#id_city")).to_have_value("Saint-Malo")
    expect(page.locator("#id_phone")).to_have_value("02 99 98 76 54")
    check_accessibility(page)

    # Nothing was saved.
    after = Structure.objects.get(pk=structure.pk)
    fields = ("description", "postcode", "latitude", "hours_note", "city", "phone")
    for field in fields:
        assert getattr(after, field) == getattr(before, field), field
    assert after.card_checked_at == before.card_checked_at
    assert structure.history.count() == history_before


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                name: el.getAttribute("name"),
                text: (el.textContent || "").trim(),
                outlineStyle: style.outlineStyle,
                outlineWidth: style.outlineWidth,
            };
        }"""
    )


def _settle(page) -> None:
    """Let the browser run its rendering steps, where ``autofocus`` is applied."""
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => "
        "requestAnimationFrame(() => done())))"
    )


def _tab_until(page, predicate, limit: int = 15) -> dict:
    focused = _focused(page)
    for _ in range(limit):
        if predicate(focused):
            return focused
        page.keyboard.press("Tab")
        focused = _focused(page)
    if predicate(focused):
        return focused
    pytest.fail(f"La touche Tab n'atteint pas l'élément attendu (dernier : {focused}).")


def _assert_outlined(focused: dict) -> None:
    assert focused["outlineStyle"] != "none", focused
    assert focused["outlineWidth"] != "0px", focused


def test_on_the_login_page_tab_reaches_the_skip_link_first(world, page):
    page.goto(LOGIN_PATH)
    _settle(page)
    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["tag"] == "a" and first["text"] == "Aller au contenu", first
    _assert_outlined(first)


def test_keyboard_alone_logs_in_and_the_focus_is_always_visible(world, page):
    page.goto(LOGIN_PATH)
    check_accessibility(page)
    _settle(page)

    _tab_until(page, lambda f: f["name"] == "username")
    page.keyboard.type(world.referent_a.email)
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "password"
    page.keyboard.type(DEFAULT_PASSWORD)

    # The submit button is outlined when focused with the keyboard.
    page.keyboard.press("Tab")
    button = _focused(page)
    assert button["tag"] == "button" and button["text"] == "Se connecter", button
    _assert_outlined(button)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/extranet/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")

    # On a page without autofocus, the first Tab reaches the skip link, outlined.
    page.keyboard.press("Tab")
    skip = _focused(page)
    assert skip["tag"] == "a" and skip["text"] == "Aller au contenu", skip
    _assert_outlined(skip)
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#contenu$"))
    # The next Tab goes into the main content, past the header's menu.
    page.keyboard.press("Tab")
    in_main = page.evaluate("() => !!document.activeElement.closest('main')")
    assert in_main, _focused(page)
    link = _focused(page)
    assert link["tag"] == "a", link
    _assert_outlined(link)


def test_login_and_card_edit_work_without_javascript(world, page_without_js):
    page = page_without_js
    structure = world.structure_a
    log_in(page, world.referent_a.email)
    expect(page).to_have_url(re.compile(r"/extranet/$"))
    page.get_by_role("link", name="Fiche de la structure").click()
    page.get_by_role("link", name="Modifier la fiche").click()

    # An error is shown by the server, without any script.
    page.locator("#id_postcode").fill("75001")
    page.get_by_role("button", name="Enregistrer la fiche").click()
    expect(page.locator(".error-summary")).to_contain_text("code postal breton")
    expect(page.locator("#id_postcode")).to_have_value("75001")

    page.locator("#id_postcode").fill("35200")
    page.locator("#id_hours_note").fill("Sur rendez-vous uniquement")
    page.get_by_role("button", name="Enregistrer la fiche").click()
    expect(page).to_have_url(re.compile(re.escape(_structure_path(structure)) + "$"))
    expect(page.locator(".messages")).to_contain_text(
        "La fiche de la structure est enregistrée."
    )
    expect(page.locator("main")).to_contain_text("Sur rendez-vous uniquement")
    structure.refresh_from_db()
    assert structure.postcode == "35200"
    assert structure.hours_note == "Sur rendez-vous uniquement"
