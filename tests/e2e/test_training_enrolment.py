"""A professional finds a session, asks for a place, their referent approves it;
a freed seat offered by mail is accepted from its link. Every page passes axe;
the enrolment is also made without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from training.models import Enrolment
from workflows import engine

from ..factories import enrolment_for, training_session
from .conftest import check_accessibility, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_professional_enrols_and_their_referent_approves(world, page):
    session = training_session(world, capacity=5)

    log_in(page, world.professional_a.email)
    page.goto(reverse("training:catalogue"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Formations")
    check_accessibility(page)
    page.get_by_role("link", name=session.title).click()
    check_accessibility(page)
    page.get_by_label("Vos attentes (facultatif)").fill("Je débute à l'accueil.")
    page.get_by_role("button", name="Demander une place").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inscription")
    expect(page.locator("body")).to_contain_text("en attente de validation")
    check_accessibility(page)

    page.context.clear_cookies()
    log_in(page, world.referent_a.email)
    enrolment = Enrolment.objects.get(person=world.professional_a)
    page.goto(reverse("training:enrolment", args=[enrolment.pk]))
    check_accessibility(page)
    page.get_by_role("button", name="Valider la demande").click()
    expect(page.locator("body")).to_contain_text("Confirmée")
    check_accessibility(page)
    page.goto(reverse("training:enrolments"))
    check_accessibility(page)


def test_an_offered_seat_is_accepted_from_the_mail_link(world, page):
    session = training_session(world, capacity=1)
    seated = enrolment_for(world, session)
    waiting = enrolment_for(world, session)
    engine.fire(seated, "cancel", user=seated.person)
    waiting.refresh_from_db()

    page.goto(reverse("training:offer_accept", args=[waiting.pk, waiting.offer_key]))
    check_accessibility(page)
    page.get_by_role("button", name="J'accepte la place").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Place acceptée")
    check_accessibility(page)
    assert Enrolment.objects.get(pk=waiting.pk).state == "confirmed"


def test_enrolment_works_without_javascript(world, page_without_js):
    page = page_without_js
    session = training_session(world)

    log_in(page, world.professional_a.email)
    page.goto(reverse("training:session", args=[session.pk]))
    page.get_by_role("button", name="Demander une place").click()
    expect(page.locator("body")).to_contain_text("en attente de validation")
    assert Enrolment.objects.get(person=world.professional_a).state == "requested"
