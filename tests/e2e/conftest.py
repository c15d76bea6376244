"""End-to-end fixtures: a real headless Chromium (Debian's), axe-core, the login form.

Playwright's browsers are never downloaded here: the Debian package ``chromium``
is launched directly. Without it the tests are skipped, except in CI
(``CI=true`` or ``SPRO_REQUIRE_SERVICES=1``) where a missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# The sync Playwright API runs an event loop in the test thread; the ORM calls
# made by the tests themselves (fixtures, assertions) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from ..factories import DEFAULT_PASSWORD  # noqa: E402

CHROMIUM = Path(os.environ.get("SPRO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOGIN_PATH = "/extranet/connexion/"
BLOCKING_IMPACTS = ("serious", "critical")
# Milliseconds: the pages are small and served locally.
TIMEOUT_MS = 10_000


def _services_required() -> bool:
    return (
        os.environ.get("CI", "").lower() == "true"
        or os.environ.get("SPRO_REQUIRE_SERVICES") == "1"
    )


def pytest_collection_modifyitems(config, items) -> None:
    """Every test under tests/e2e is an ``e2e`` test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        reason = (
            f"Chromium introuvable ({CHROMIUM}) : installez le paquet Debian "
            "« chromium » (apt-get install -y chromium). "
            "Chromium not found; never run `playwright install`."
        )
        if _services_required():
            pytest.fail(reason + " CI=true / SPRO_REQUIRE_SERVICES=1 : échec.")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def _new_page(browser, live_server, **options):
    context = browser.new_context(
        base_url=live_server.url,
        bypass_csp=True,
        locale="fr-FR",
        **options,
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:
    """A fresh page in its own context (no cookies shared between tests)."""
    context, page = _new_page(browser, live_server)
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, live_server) -> Iterator[object]:
    """A page with JavaScript switched off: the site must work without it."""
    context, page = _new_page(browser, live_server, java_script_enabled=False)
    yield page
    context.close()


def check_accessibility(page, *, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> None:
    """Run axe-core on the current page; fail on every serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error as PlaywrightError

    # A click that follows a link returns before the next page has replaced the
    # current one: axe must run on the page that finished loading, not on a
    # document being torn down. Wait for the load, and run again if a navigation
    # still in flight destroyed the document under axe.
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            # Contrast is only meaningful against the real styles: every sheet loads.
            broken = page.evaluate(
                """() => [...document.querySelectorAll('link[rel=stylesheet]')]
                    .filter(link => !link.sheet || link.sheet.cssRules.length === 0)
                    .map(link => link.href)"""
            )
            results = Axe().run(page)
            break
        except PlaywrightError as error:
            navigating = (
                "documentElement" in str(error)
                or "Execution context was destroyed" in str(error)
                or "navigation" in str(error).lower()
            )
            if not navigating or attempt == 2:
                raise
            page.wait_for_timeout(200)
    if broken:
        pytest.fail(
            f"Feuille(s) de style non chargée(s) / stylesheet not loaded : {broken}"
        )

    violations = [
        v for v in results.response["violations"] if v.get("impact") in impacts
    ]
    if not violations:
        return
    lines = [
        f"{len(violations)} violation(s) d'accessibilité (axe-core) sur {page.url} "
        f"/ accessibility violations:"
    ]
    for v in violations:
        nodes = v.get("nodes") or []
        target = nodes[0].get("target") if nodes else "?"
        lines.append(
            f"- [{v.get('impact')}] {v.get('id')} : {v.get('help')} "
            f"— premier élément / first node : {target} ({len(nodes)} élément(s))"
        )
    pytest.fail("\n".join(lines), pytrace=False)


def log_in(
    page, email: str, password: str = DEFAULT_PASSWORD, *, check_a11y: bool = False
):
    """Log in through the real form at /extranet/connexion/."""
    page.goto(LOGIN_PATH)
    if check_a11y:
        check_accessibility(page)
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    return page
