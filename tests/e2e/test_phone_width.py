"""On a phone (320 px wide): nothing scrolls sideways, the menu folds and opens
without JavaScript, the directory's first results show without scrolling, and
every button, field and menu link is at least 24 px high."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conventions.policy import convention_policy
from extranet.demo.data import DEMO_PASSWORD
from extranet.models import Structure, User

from .conftest import _new_page, log_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"viewport": {"width": 320, "height": 640}, "is_mobile": True}

PUBLIC = [
    "/",
    "/le-spro/",
    "/actualites/",
    "/agenda/",
    "/agenda/espace-otlv-quimper/",
    "/nos-services/",
    "/nos-services/conseil-en-vae/",
    "/ressources/",
    "/contact/",
    "/structures/",
    "/structures/?q=Lorient&service=api",
    "/structures/donnees/",
    "/recherche/?q=orientation",
]

TOO_WIDE = """() =>
  document.documentElement.scrollWidth - document.documentElement.clientWidth"""
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, nav a, .button')]
  .filter(el => el.offsetParent !== null)
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([el, box]) => box.height < 24 || box.width < 24)
  .map(([el, box]) => `${el.outerHTML.slice(0, 80)} (${box.width}×${box.height})`)"""


def check_phone_page(page, path: str) -> None:
    response = page.goto(path)
    assert response.status == 200, path
    assert page.evaluate(TOO_WIDE) <= 0, f"{path} scrolls sideways"
    assert page.evaluate(SMALL_TARGETS) == [], path


def test_every_page_fits_a_phone_and_the_menu_opens_without_javascript(
    browser, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--only", "conventions", "cms", verbosity=0)
    context, page = _new_page(browser, live_server, java_script_enabled=False, **PHONE)
    try:
        for path in PUBLIC:
            check_phone_page(page, path)
        structure = Structure.objects.published().first()
        check_phone_page(page, f"/structures/{structure.organisation.slug}/")

        # The menu is folded; a tap on its button opens it, without script.
        page.goto("/")
        menu = page.get_by_role("navigation", name="Menu principal")
        expect(menu.get_by_role("link", name="Trouver une structure")).to_be_hidden()
        page.locator("summary", has_text="Menu").click()
        expect(menu.get_by_role("link", name="Trouver une structure")).to_be_visible()

        # The directory shows its first result without scrolling.
        page.goto("/structures/")
        first = page.locator(
            ".structure-card, .result-card, .directory-results li"
        ).first
        box = first.bounding_box()
        assert box is not None and box["y"] < 640, box

        # A visitor in Lorient asking for the accueil personnalisé in Morbihan
        # finds structures near them, nearest first: no dead end.
        page.goto("/structures/?q=Lorient%2C+Morbihan&service=api&departement=56")
        expect(page.locator(".directory-count")).to_contain_text(
            "de la plus proche à la plus éloignée de Lorient (Morbihan)"
        )
        count = int(page.locator(".directory-count").inner_text().split()[0])
        assert count >= 3, count
        first_distance = page.locator(".directory-distance").first.inner_text()
        assert float(first_distance.split()[1].replace(",", ".")) < 15, first_distance

        # The extranet, as a referent.
        log_in(page, "referent@spro-demo.bzh", DEMO_PASSWORD)
        referent = User.objects.get(email="referent@spro-demo.bzh")
        convention = convention_policy.visible(referent, "view").order_by("-pk")[0]
        own = referent.memberships.filter(role="referent").first().organisation
        for path in [
            f"/extranet/structures/{own.structure.pk}/modifier/",
            f"/extranet/structures/{own.structure.pk}/horaires-exceptionnels/",
            "/extranet/",
            "/extranet/structures/",
            "/extranet/conventions/",
            convention.get_absolute_url(),
            "/extranet/compte/",
            "/extranet/notifications/",
        ]:
            check_phone_page(page, path)
    finally:
        context.close()
