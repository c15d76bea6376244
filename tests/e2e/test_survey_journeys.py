"""The surveys and the evaluation in a real browser: a member of the public
answers from a structure's QR-code poster on a phone (with and without
JavaScript); a professional answers a peer survey from the single-use link
of their invitation; GREF reads a session's evaluation; the Région runs a
campaign, reads the five dimensions of the evaluation and downloads the
CREFOP report. Every new page passes axe."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from surveys import services
from surveys.models import PendingResponse, PublicLink

from ..factories import answer_many, campaign_for, training_session
from .conftest import check_accessibility
from .test_convention_cycles import _log_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
THANKS = "Merci pour votre réponse"


def _as(page, user) -> None:
    page.context.clear_cookies()
    _log_in(page, user)


def _answer_national(page) -> None:
    page.get_by_role("radio", name="Satisfait·e", exact=True).check()
    page.get_by_role("radio", name="Facile", exact=True).check()
    page.get_by_role("radio", name="Claires", exact=True).check()
    page.get_by_role("group", name=re.compile("expliquer votre situation")).get_by_role(
        "radio", name="Non"
    ).check()


def test_a_person_answers_from_the_poster_on_a_phone(world, page):
    campaign = campaign_for(world, mode="public")
    link = PublicLink.objects.get(campaign=campaign, structure=world.structure_a)

    _as(page, world.coordinator)
    page.goto(reverse("surveys:campaign", args=[campaign.pk]))
    check_accessibility(page)
    page.get_by_role(
        "link", name=f"Affiche avec code QR — {world.structure_a.organisation.name}"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Votre avis")
    check_accessibility(page)
    url = page.locator(".poster-url").inner_text()
    assert url.endswith(link.get_absolute_url())
    assert page.locator(".qr svg").count() == 1

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(link.get_absolute_url())
    expect(page.get_by_text("Enquête anonyme")).to_be_visible()
    check_accessibility(page)
    # Forgetting a required answer: said in French, the rest kept.
    page.get_by_role("radio", name="Satisfait·e", exact=True).check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.locator(".error-summary")).to_contain_text("Répondez à cette question.")
    expect(page.get_by_role("radio", name="Satisfait·e", exact=True)).to_be_checked()
    check_accessibility(page)
    _answer_national(page)
    page.get_by_role("radio", name="9", exact=True).check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci pour votre réponse"
    )
    check_accessibility(page)
    assert PendingResponse.objects.filter(campaign=campaign).count() == 1


def test_a_person_answers_on_a_phone_without_javascript(world, page_without_js):
    page = page_without_js
    campaign = campaign_for(world, mode="public")
    link = PublicLink.objects.get(campaign=campaign, structure=world.structure_b)
    page.set_viewport_size(PHONE)
    page.goto(link.get_absolute_url())
    _answer_national(page)
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci pour votre réponse"
    )
    payload = PendingResponse.objects.get(campaign=campaign).payload
    assert payload["structure"] == world.structure_b.pk


def test_a_professional_answers_a_peer_survey_from_their_invitation(world, page):
    campaign = campaign_for(world, mode="peer")
    # The outbox erases the secret link once sent: read the mail as delivered.
    sent = next(m for m in mail.outbox if world.professional_a.email in m.to)
    path = re.search(r"(/enquetes/invitation/[\w-]+/)", sent.body).group(1)
    page.goto(path)
    expect(page.get_by_text("Enquête anonyme, sur invitation")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("radio", name="Bien", exact=True).check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci pour votre réponse"
    )
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ce lien ne permet pas de répondre"
    )
    check_accessibility(page)
    assert PendingResponse.objects.filter(campaign=campaign).count() == 1


def test_gref_reads_a_session_evaluation_and_the_region_the_five_dimensions(
    world, page
):
    services.survey_save(
        user=world.gref,
        data={
            "kind": "session",
            "title": "Évaluation des sessions",
            "introduction": "",
        },
    )
    survey = services.session_survey()
    services.section_save(user=world.gref, survey=survey, data={"title": "Avis"})
    from surveys.models import Section

    services.question_save(
        user=world.gref,
        section=Section.objects.get(survey=survey),
        data={
            "code": "utile",
            "type": "yes_no",
            "label": "Cette formation vous sera-t-elle utile ?",
            "required": True,
        },
    )
    session = training_session(world, title="Accueillir les publics éloignés")
    services.session_evaluation_start(session=session, attendees=[])
    from surveys.models import Campaign

    campaign = Campaign.objects.get(session=session)
    answer_many(campaign, None, 12, utile="oui")
    services.campaign_close(user=world.gref, campaign=campaign)

    _as(page, world.gref)
    page.get_by_role("link", name="Enquêtes").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enquêtes")
    check_accessibility(page)
    page.get_by_role("link", name=campaign.title).first.click()
    check_accessibility(page)
    page.get_by_role("link", name="Consulter les résultats").click()
    expect(page.locator("main")).to_contain_text("12 réponses au total")
    expect(page.locator("table.result-table")).to_contain_text("Oui")
    check_accessibility(page)

    _as(page, world.coordinator)
    page.goto(reverse("surveys:campaign_new"))
    check_accessibility(page)
    page.goto(reverse("surveys:survey", args=[survey.pk]))
    check_accessibility(page)
    page.goto(reverse("surveys:survey_preview", args=[survey.pk]))
    check_accessibility(page)
    # The editor's forms (the survey has answers: they show, a save is refused).
    section = Section.objects.get(survey=survey)
    question = section.questions.get()
    for url in (
        reverse("surveys:survey_edit", args=[survey.pk]),
        reverse("surveys:section_new", args=[survey.pk]),
        reverse("surveys:question_new", args=[survey.pk, section.pk]),
        reverse("surveys:question_edit", args=[question.pk]),
        reverse("surveys:moderation", args=[campaign.pk]),
    ):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check_accessibility(page)
    page.goto(reverse("extranet:dashboard"))
    page.get_by_role("link", name="Évaluation").first.click()
    expect(page.get_by_role("heading", level=2).first).to_be_visible()
    assert page.get_by_role("heading", level=2).count() >= 5
    check_accessibility(page)
    year = timezone.localdate().year
    report = page.get_by_role("link", name=re.compile(f"Rapport annuel {year}"))
    pdf = page.request.get(report.get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    # What the public reads: the published results and a territory's figures.
    public = campaign_for(world, mode="public")
    answer_many(public, world.structure_a, 12)
    answer_many(public, world.structure_b, 3)
    services.campaign_close(user=world.coordinator, campaign=public)
    page.goto(reverse("surveys:results", args=[public.pk]) + "?par=structure")
    expect(page.locator("main")).to_contain_text("pas assez de réponses")
    check_accessibility(page)
    page.goto(reverse("surveys:campaign", args=[public.pk]))
    page.get_by_role("button", name="Publier les résultats sur le site").click()
    expect(page.locator("main")).to_contain_text("Les résultats sont publiés")
    page.context.clear_cookies()
    page.goto(reverse("surveys_public:published"))
    page.get_by_role("link", name=public.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(public.title)
    check_accessibility(page)
    page.goto(reverse("evaluation_public:territory", args=[world.territory_a.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rennes")
    check_accessibility(page)
