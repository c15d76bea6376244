"""Answering from a structure's public link: bad input is refused in French,
nothing of it is stored and the rest of the form is kept; robots and floods
are stopped without identifying anyone."""

from __future__ import annotations

import html

import pytest
from django.core.cache import cache
from django.urls import reverse

from surveys.models import PendingResponse, PublicLink, Question

from ..factories import campaign_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(world):
    cache.clear()
    campaign = campaign_for(world, mode="public")
    return PublicLink.objects.get(campaign=campaign, structure=world.structure_a)


def fields(link) -> dict[str, Question]:
    return {
        q.code: q for q in Question.objects.filter(section__survey=link.campaign.survey)
    }


def good(link) -> dict[str, str]:
    q = fields(link)
    return {
        q["satisfaction"].field_name: "satisfait",
        q["facilite"].field_name: "facile",
        q["clarte"].field_name: "clair",
        q["repetition"].field_name: "non",
        q["recommandation"].field_name: "9",
    }


def post(client, link, data):
    return client.post(reverse("surveys_public:answer", args=[link.token]), data)


def test_a_good_answer_is_received_and_thanked(client, link):
    page = client.get(reverse("surveys_public:answer", args=[link.token]))
    text = html.unescape(page.content.decode())
    assert page.status_code == 200
    assert "Enquête anonyme" in text and "ni l'heure de votre réponse" in text
    assert "limite les abus" in text or "limiter les abus" in text
    response = post(client, link, good(link))
    assert response.status_code == 302
    assert PendingResponse.objects.count() == 1
    assert "sans votre nom" in html.unescape(
        client.get(response["Location"]).content.decode()
    )


def test_an_answer_out_of_the_scale_is_refused_and_the_rest_kept(client, link):
    data = good(link)
    data[fields(link)["recommandation"].field_name] = "42"
    response = post(client, link, data)
    text = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "Choisissez une des réponses proposées." in text
    assert (
        'value="satisfait" checked' in text
        or 'value="satisfait"\n' in text
        or "checked" in text
    )
    assert not PendingResponse.objects.exists()


def test_a_choice_not_offered_is_refused(client, link):
    data = good(link)
    data[fields(link)["satisfaction"].field_name] = "ravi"
    response = post(client, link, data)
    assert response.status_code == 400
    assert not PendingResponse.objects.exists()


def test_a_missing_required_answer_is_asked_for(client, link):
    data = good(link)
    del data[fields(link)["satisfaction"].field_name]
    response = post(client, link, data)
    assert response.status_code == 400
    assert "Répondez à cette question." in response.content.decode()


def test_a_tampered_question_id_is_ignored(client, link, world):
    other = campaign_for(world, mode="peer")
    foreign = Question.objects.filter(section__survey=other.survey).first()
    data = good(link)
    data[foreign.field_name] = "bien"
    data["q999999"] = "x"
    response = post(client, link, data)
    assert response.status_code == 302
    answered = {a[0] for a in PendingResponse.objects.get().payload["answers"]}
    assert foreign.pk not in answered and answered <= {
        q.pk for q in fields(link).values()
    }


def test_an_oversized_text_is_refused(client, world):
    cache.clear()
    from ..factories import survey_with_questions

    survey = survey_with_questions(
        world,
        kind="public",
        questions=[{"code": "avis", "type": "short_text", "label": "Votre avis"}],
    )
    campaign = campaign_for(world, mode="public", survey=survey)
    link = PublicLink.objects.get(campaign=campaign, structure=world.structure_a)
    name = Question.objects.get(section__survey=survey).field_name
    response = post(client, link, {name: "x" * 301})
    assert response.status_code == 400
    assert "trop long" in response.content.decode()
    assert not PendingResponse.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(client, link):
    data = good(link)
    data["site_web"] = "http://spam.example"
    response = post(client, link, data)
    assert response.status_code == 302
    assert not PendingResponse.objects.exists()


def test_a_flood_from_one_address_is_told_to_wait(client, link, settings):
    settings.SPRO_SURVEY_SUBMISSIONS_PER_HOUR = 3
    for _ in range(3):
        assert post(client, link, good(link)).status_code == 302
    response = post(client, link, good(link))
    assert response.status_code == 429
    assert "Réessayez plus tard" in html.unescape(response.content.decode())
    assert PendingResponse.objects.count() == 3
    # Another address is not held back.
    other = client.post(
        reverse("surveys_public:answer", args=[link.token]),
        good(link),
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302


def test_the_flood_counter_keeps_no_address(client, link, settings):
    post(client, link, good(link))
    keys = [k for k in getattr(cache, "_cache", {}) if "surveys:flood:" in str(k)]
    assert all("127.0.0.1" not in str(k) for k in keys)


def test_an_unknown_link_is_a_french_404(client, link):
    response = client.get(reverse("surveys_public:answer", args=["nope"]))
    assert response.status_code == 404


def test_a_professional_may_answer_for_a_person_and_it_is_marked(client, world, link):
    from ..conftest import login

    login(client, world.professional_a)
    data = good(link)
    data["on_behalf"] = "on"
    assert post(client, link, data).status_code == 302
    assert PendingResponse.objects.get().payload["on_behalf"] is True
