"""GREF's year, first half, in Chromium: a network head says a need in the
census; GREF reads the synthesis, drafts the year's plan with an action that
answers it and submits it; the regional coordination validates it; GREF
prepares a session of that action (two half-days typed at the keyboard, once
with a mistake), publishes it, and it is in the catalogue.

Every role logs in through the real form and its second factor. Every page is
checked with axe-core, the form shown again with its errors included.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from training.definitions import PLAN_VALIDATED
from training.models import Plan, SessionStatus, TrainingSession

from ..factories import needs_campaign
from .conftest import _new_page, check_accessibility
from .test_convention_cycles import _log_in

pytestmark = pytest.mark.django_db(transaction=True)

NEED = "Accueil des personnes sourdes ou malentendantes"
ACTION = "Accueillir en langue des signes : les premiers gestes"
SESSION = "Premiers gestes en LSF à Rennes"


@pytest.fixture
def session_as(browser, live_server) -> Iterator[Callable]:
    """``session_as(user)``: a page in a fresh context, logged in (second
    factor included) as ``user``."""
    contexts = []

    def _open(user):
        context, page = _new_page(browser, live_server)
        contexts.append(context)
        _log_in(page, user)
        return page

    yield _open
    for context in contexts:
        context.close()


def _heading(page):
    return page.get_by_role("heading", level=1)


def _messages(page):
    return page.locator(".messages")


def _day_first(page) -> bool:
    """Whether the browser's date fields ask for the day first (French) or the
    month first (a browser left in English): typing 01/02/2000 once in a
    scratch field tells."""
    page.evaluate(
        """() => { const probe = document.createElement('input');
            probe.type = 'date'; probe.id = 'probe-date';
            document.body.append(probe); }"""
    )
    probe = page.locator("#probe-date")
    probe.focus()
    probe.press_sequentially("01022000")
    day_first = probe.input_value() == "2000-02-01"
    page.evaluate("() => document.getElementById('probe-date').remove()")
    return day_first


def _keyboard_date(field, day: datetime.date, day_first: bool) -> None:
    """Type a date as a keyboard user does, digit by digit."""
    field.focus()
    field.press_sequentially(day.strftime("%d%m%Y" if day_first else "%m%d%Y"))
    expect(field).to_have_value(day.isoformat())


def _meridiem(field, hour: int, minute: int) -> None:
    """A browser left in English asks for AM or PM after the minutes."""
    if not field.input_value().endswith(f"{hour:02d}:{minute:02d}"):
        field.press("A" if hour < 12 else "P")


def _keyboard_time(field, hour: int, minute: int = 0) -> None:
    field.focus()
    field.press_sequentially(f"{hour:02d}{minute:02d}")
    _meridiem(field, hour, minute)
    expect(field).to_have_value(f"{hour:02d}:{minute:02d}")


def _keyboard_datetime(field, moment: datetime.datetime, day_first: bool) -> None:
    field.focus()
    field.press_sequentially(moment.strftime("%d%m%Y" if day_first else "%m%d%Y"))
    # The year takes more than four digits: Tab moves on to the hours.
    field.press("Tab")
    field.press_sequentially(moment.strftime("%H%M"))
    _meridiem(field, moment.hour, moment.minute)
    expect(field).to_have_value(moment.strftime("%Y-%m-%dT%H:%M"))


def _half_day(page, n: int):
    return page.locator("fieldset.slot").filter(
        has=page.locator("legend", has_text=f"Demi-journée {n}")
    )


def test_gref_builds_the_plan_from_the_census_and_publishes_a_session(
    world, session_as
):
    year = timezone.localdate().year
    campaign = needs_campaign(world, year=year)

    # A network head says a need. ---------------------------------------------
    page = session_as(world.network_head_a)
    page.goto(reverse("training:campaigns"))
    expect(_heading(page)).to_contain_text("Recensement des besoins")
    check_accessibility(page)
    page.get_by_role("link", name=campaign.title).click()
    expect(_heading(page)).to_have_text(campaign.title)
    check_accessibility(page)
    page.get_by_role("link", name="Saisir un besoin").click()
    expect(_heading(page)).to_have_text("Saisir un besoin")
    check_accessibility(page)
    page.get_by_label("Thème").fill(NEED)
    page.get_by_label("Public concerné").fill("Conseiller·es d'accueil")
    page.get_by_label("Nombre de personnes").fill("14")
    page.get_by_label("Priorité").select_option(label="Haute")
    page.get_by_label("Portée").select_option(label="Régionale")
    page.get_by_role("button", name="Enregistrer le besoin").click()
    expect(_messages(page)).to_contain_text("Le besoin est enregistré.")
    expect(_heading(page)).to_contain_text(NEED)
    check_accessibility(page)

    # GREF reads the synthesis and drafts the plan. ---------------------------
    gref = session_as(world.gref)
    gref.goto(campaign.get_absolute_url())
    synthesis = gref.get_by_role("table", name="Par thème")
    expect(synthesis.get_by_role("row").filter(has_text=NEED)).to_contain_text("14")
    check_accessibility(gref)
    gref.goto(reverse("training:plans"))
    expect(_heading(gref)).to_have_text("Plans de professionnalisation")
    check_accessibility(gref)
    gref.get_by_role("link", name="Préparer le plan d'une année").click()
    check_accessibility(gref)
    gref.get_by_label("Année").fill(str(year))
    gref.get_by_label("Intitulé").fill(f"Plan de professionnalisation {year}")
    gref.get_by_role("button", name="Créer le plan").click()
    expect(_messages(gref)).to_contain_text("Le plan est créé en rédaction")
    check_accessibility(gref)
    plan_url = gref.url

    gref.get_by_role("link", name="Ajouter une action").click()
    expect(_heading(gref)).to_have_text("Ajouter une action")
    check_accessibility(gref)
    gref.get_by_label("Thème").fill(ACTION)
    gref.get_by_label("Objectifs").fill("Saluer, se présenter, orienter en LSF.")
    gref.get_by_label("Public visé").fill("Conseiller·es d'accueil")
    gref.get_by_label("Modalité").select_option(label="Présentiel")
    gref.get_by_label("Portée").select_option(label="Régionale")
    gref.get_by_label("Proposée par").select_option(label="GREF Bretagne")
    gref.get_by_label("Sessions prévues").fill("2")
    gref.get_by_label("Heures prévues par session").fill("6")
    need_box = gref.get_by_role("group", name="Besoins auxquels elle répond")
    need_box.get_by_label(re.compile(re.escape(NEED))).check()
    gref.get_by_role("button", name="Enregistrer l'action").click()
    expect(_messages(gref)).to_contain_text(f"L'action « {ACTION} » est enregistrée.")
    action_card = gref.get_by_role("article", name=ACTION)
    expect(action_card).to_contain_text(NEED)
    check_accessibility(gref)
    gref.get_by_role("button", name="Soumettre au groupe politique régional").click()
    expect(gref.locator("body")).to_contain_text("Soumis au groupe politique régional")
    check_accessibility(gref)

    # The regional coordination validates it. ---------------------------------
    region = session_as(world.coordinator)
    region.goto(plan_url)
    check_accessibility(region)
    region.get_by_role("button", name="Valider le plan", exact=True).click()
    expect(region.locator("body")).to_contain_text("Validé")
    check_accessibility(region)
    plan = Plan.objects.get(year=year)
    assert plan.state == PLAN_VALIDATED
    assert list(plan.actions.get().needs.values_list("theme", flat=True)) == [NEED]

    # The need now says which action answers it. ------------------------------
    page.goto(campaign.get_absolute_url())
    expect(page.get_by_role("row").filter(has_text=NEED)).to_contain_text(ACTION)

    # GREF prepares a session of the action, with one mistake first. ----------
    gref.goto(reverse("training:session_new"))
    expect(_heading(gref)).to_have_text("Nouvelle session")
    check_accessibility(gref)
    day = timezone.localdate() + datetime.timedelta(days=40)
    now = timezone.localtime()
    gref.get_by_label("Intitulé").fill(SESSION)
    gref.get_by_label("Action du plan").select_option(label=f"{ACTION} ({year})")
    gref.get_by_label("Territoire", exact=False).first.select_option(
        label=world.territory_a.name
    )
    gref.get_by_label("Lieu").fill("Espace Région, Rennes")
    gref.get_by_label("Places au plus par structure").fill("2")
    gref.get_by_label("Places", exact=False).first.fill("12")
    gref.get_by_label("Lien de visioconférence").fill("visio.example.org/lsf")
    morning, afternoon = _half_day(gref, 1), _half_day(gref, 2)
    day_first = _day_first(gref)
    _keyboard_date(morning.get_by_label("Date"), day, day_first)
    morning.get_by_label("Demi-journée", exact=False).select_option(label="matin")
    _keyboard_time(morning.get_by_label("De (obligatoire)"), 9)
    # The mistake: the morning ends before it starts.
    _keyboard_time(morning.get_by_label("À (obligatoire)"), 8)
    _keyboard_date(afternoon.get_by_label("Date"), day, day_first)
    afternoon.get_by_label("Demi-journée", exact=False).select_option(
        label="après-midi"
    )
    _keyboard_time(afternoon.get_by_label("De (obligatoire)"), 13, 30)
    _keyboard_time(afternoon.get_by_label("À (obligatoire)"), 16, 30)
    # Opened already: now, or noon today in the evening (a browser left in
    # English takes a two-digit hour from 20 on as two fields, not "8 PM").
    opens = min(now, now.replace(hour=12, minute=0)).replace(second=0, microsecond=0)
    _keyboard_datetime(
        gref.get_by_label("Inscriptions ouvertes à partir du"), opens, day_first
    )
    _keyboard_datetime(
        gref.get_by_label("Inscriptions closes le"),
        datetime.datetime.combine(day - datetime.timedelta(days=7), datetime.time(12)),
        day_first,
    )
    gref.get_by_role("button", name="Publier la session").click()

    summary = gref.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("L'heure de fin doit suivre l'heure de début.")
    expect(_messages(gref)).to_contain_text("La session n'a pas été enregistrée")
    # Nothing typed is lost.
    expect(gref.get_by_label("Intitulé")).to_have_value(SESSION)
    expect(_half_day(gref, 2).get_by_label("De (obligatoire)")).to_have_value("13:30")
    check_accessibility(gref)
    summary.get_by_role("link").first.click()
    expect(_half_day(gref, 1).get_by_label("À (obligatoire)")).to_be_focused()
    _keyboard_time(_half_day(gref, 1).get_by_label("À (obligatoire)"), 12)
    gref.get_by_role("button", name="Publier la session").click()

    expect(_messages(gref)).to_contain_text("La session est publiée.")
    expect(_heading(gref)).to_contain_text(SESSION)
    check_accessibility(gref)
    session = TrainingSession.objects.get(title=SESSION)
    assert session.status == SessionStatus.PUBLISHED
    assert session.visio_url == "https://visio.example.org/lsf"
    assert [(s.start.hour, s.end.hour) for s in session.slots.all()] == [
        (9, 12),
        (13, 16),
    ]

    # It is in the catalogue, for the professionals. --------------------------
    professional = session_as(world.professional_a)
    professional.goto(reverse("training:catalogue"))
    expect(_heading(professional)).to_contain_text("Formations")
    expect(professional.get_by_role("link", name=SESSION)).to_be_visible()
    check_accessibility(professional)
