"""GREF's year, second half, in Chromium: the trainer granted a session notes
each half-day's attendance with the keyboard and prints the sign-in sheet; the
participant downloads their certificate; anyone checks its code, without
logging in, and sees only the initials; a forged code is refused in French.

The live server runs in another thread: it cannot share a frozen clock. The
session is therefore made as of four days ago and held yesterday, so both its
half-days have started for the server too. axe-core runs on every page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm
from playwright.sync_api import expect

from training import links
from training.models import Certificate
from training.selectors import initials
from workflows import engine

from ..factories import enrolment_for, staff, training_session
from .conftest import _new_page, check_accessibility
from .test_convention_cycles import _log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def session_as(browser, live_server) -> Iterator[Callable]:
    """``session_as(user)``: a fresh context, logged in as ``user`` (or
    anonymous with ``None``)."""
    contexts = []

    def _open(user):
        context, page = _new_page(browser, live_server)
        contexts.append(context)
        if user is not None:
            _log_in(page, user)
        return page

    yield _open
    for context in contexts:
        context.close()


def _held_yesterday(world):
    now = timezone.now()
    with engine.clock(now - datetime.timedelta(days=4)):
        session = training_session(
            world,
            starts_in_days=-1,
            capacity=5,
            enrolment_opens_at=now - datetime.timedelta(days=5),
            enrolment_closes_at=now - datetime.timedelta(days=3),
        )
        attending = enrolment_for(world, session, world.professional_a)
        missing = enrolment_for(world, session)
    return session, attending, missing


def _mark(page, enrolment, *, present: bool) -> None:
    """Keyboard only: Tab lands on the row's first radio, Space ticks
    "présent·e", the right arrow moves to "absent·e" and ticks it."""
    radio = page.locator(f"#present-{enrolment.pk}")
    radio.focus()
    radio.press("Space")
    if not present:
        radio.press("ArrowRight")
    expect(
        page.locator(f"#{'present' if present else 'absent'}-{enrolment.pk}")
    ).to_be_checked()


def test_the_trainer_notes_attendance_and_the_certificate_is_checked(world, session_as):
    session, attending, missing = _held_yesterday(world)
    trainer = staff(world, "structure_b")
    assign_perm("training.animate_trainingsession", trainer, session)
    morning, afternoon = session.slots.order_by("date", "start")

    # The trainer's sheet of each half-day. -----------------------------------
    page = session_as(trainer)
    page.goto(session.get_absolute_url())
    check_accessibility(page)
    page.goto(reverse("training:attendance", args=[morning.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Présences du")
    check_accessibility(page)
    sheet = page.get_by_role("link", name="Télécharger la feuille d'émargement (PDF)")
    response = page.request.get(sheet.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    _mark(page, attending, present=True)
    _mark(page, missing, present=False)
    submit = page.get_by_role(
        "button", name="Enregistrer les présences de la demi-journée"
    )
    submit.focus()
    submit.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Présences enregistrées")
    check_accessibility(page)

    page.get_by_role("navigation", name="Demi-journées de la session").get_by_role(
        "link"
    ).nth(1).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("après-midi")
    _mark(page, attending, present=True)
    _mark(page, missing, present=False)
    page.get_by_role(
        "button", name="Enregistrer les présences de la demi-journée"
    ).click()
    expect(page.locator(".messages")).to_contain_text("La session est close")
    check_accessibility(page)

    # The arrival link of a QR code, as the trainer's phone opens it.
    page.goto(
        reverse("training:arrival", args=[attending.pk, links.arrival_key(attending)])
    )
    check_accessibility(page)

    # The participant downloads their certificate. ----------------------------
    certificate = Certificate.objects.get(enrolment=attending)
    assert not Certificate.objects.filter(enrolment=missing).exists()
    person = session_as(world.professional_a)
    person.goto(reverse("training:enrolment", args=[attending.pk]))
    expect(person.locator("body")).to_contain_text(certificate.code)
    check_accessibility(person)
    with person.expect_download() as info:
        person.get_by_role(
            "link", name="Télécharger l'attestation de présence (PDF)"
        ).click()
    with open(info.value.path(), "rb") as handle:
        assert handle.read().startswith(b"%PDF-")
    person.goto(reverse("training:calendar"))
    expect(person.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(person)

    # Anyone checks the code, without logging in. -----------------------------
    public = session_as(None)
    public.goto(reverse("certificates:verify"))
    check_accessibility(public)
    public.get_by_label("Code de vérification").fill(certificate.code)
    public.get_by_role("button", name="Vérifier").click()
    result = public.get_by_role("status")
    expect(result).to_contain_text("Attestation authentique")
    person_user = world.professional_a
    expect(result).to_contain_text(
        initials(person_user.first_name, person_user.last_name)
    )
    expect(public.locator("main")).not_to_contain_text(person_user.last_name)
    expect(public.locator("main")).not_to_contain_text(person_user.email)
    check_accessibility(public)

    public.get_by_label("Code de vérification").fill("SPRO-AAAA-BBBB")
    public.get_by_role("button", name="Vérifier").click()
    expect(public.get_by_role("heading", level=2)).to_have_text("Code non reconnu")
    expect(public.locator("main")).to_contain_text(
        "Aucune attestation ne correspond à ce code."
    )
    check_accessibility(public)
