"""Every page type of the demo public site, in Chromium, checked with axe-core."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cms.demo import build_demo_site

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_PAGES = [
    "/",
    "/le-spro/",
    "/actualites/",
    "/actualites/nouvel-annuaire-des-structures/",
    "/agenda/",
    "/agenda/espace-otlv-quimper/",
    "/nos-services/",
    "/nos-services/accueil-personnalise-et-individualise/",
    "/nos-services/conseil-en-orientation/",
    "/nos-services/conseil-en-evolution-professionnelle/",
    "/nos-services/conseil-en-vae/",
    "/nos-services/conseil-en-entrepreneuriat/",
    "/ressources/",
    "/ressources/perspectives-sanitaire-et-social/",
    "/contact/",
    "/mentions-legales/",
    "/accessibilite/",
    "/donnees-personnelles/",
]


def test_every_page_type_of_the_demo_site_is_accessible_and_works_without_js(
    page, page_without_js, settings, tmp_path
):
    # One test, one demo build: a transactional test's flush also removes the
    # tree root, locale and collection that Wagtail's migrations create.
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--only", "cms", verbosity=0)
    build_demo_site()  # idempotent: harmless once load_demo calls it itself

    for path in DEMO_PAGES:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        check_accessibility(page)

    page = page_without_js
    page.goto("/")
    assert page.locator("h1").inner_text().startswith("Service public")
    assert page.get_by_role("heading", name="Prochains événements").is_visible()
    page.get_by_role("link", name="Tout l'agenda").click()
    page.locator(".event-list a").first.click()
    assert page.locator(".event-details").is_visible()
    assert page.get_by_role("link", name="Retour à l'agenda").is_visible()
