"""The survey editor: bad input is refused in French beside its field and
nothing is saved; a survey with answers refuses changes and says to make a
new version."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from surveys.models import Question, Section

from ..conftest import login
from ..factories import answer_many, campaign_for, survey_with_questions

pytestmark = pytest.mark.django_db


def post_question(client, survey, **data):
    section = Section.objects.filter(survey=survey).first()
    url = reverse("surveys:question_new", args=[survey.pk, section.pk])
    response = client.post(url, {"required": "", **data})
    return response, html.unescape(response.content.decode())


def test_a_choice_question_needs_two_choices(client, world):
    survey = survey_with_questions(world)
    login(client, world.coordinator)
    before = Question.objects.count()
    response, text = post_question(
        client, survey, code="seul", type="single", label="Un seul ?", choices_text="A"
    )
    assert response.status_code == 400
    assert "Proposez au moins deux choix." in text
    assert Question.objects.count() == before


def test_a_condition_on_an_answer_not_offered_is_refused(client, world):
    survey = survey_with_questions(world)
    condition = Question.objects.get(section__survey=survey, code="accueil")
    login(client, world.coordinator)
    response, text = post_question(
        client,
        survey,
        code="pourquoi",
        type="long_text",
        label="Pourquoi ?",
        condition_question=condition.pk,
        condition_value="excellent",
    )
    assert response.status_code == 400
    assert "n'est pas proposée" in text


def test_a_condition_shows_the_question_only_when_it_holds(client, world):
    survey = survey_with_questions(world)
    condition = Question.objects.get(section__survey=survey, code="accueil")
    login(client, world.coordinator)
    response, _text = post_question(
        client,
        survey,
        code="pourquoi",
        type="short_text",
        label="Pourquoi ?",
        required="on",
        condition_question=condition.pk,
        condition_value="Mal",
    )
    assert response.status_code == 302
    question = Question.objects.get(code="pourquoi")
    assert question.condition_value == "mal"
    from surveys.forms import AnswerForm

    questions = list(Question.objects.filter(section__survey=survey))
    # "Bien": the conditional question is ignored, even if filled in.
    form = AnswerForm(
        questions, {condition.field_name: "bien", question.field_name: "ignoré"}
    )
    assert form.is_valid(), form.errors
    assert all(given.question != question for given in form.answers())
    # "Mal": it is asked for.
    form = AnswerForm(questions, {condition.field_name: "mal"})
    assert not form.is_valid()
    assert "Répondez à cette question." in form.errors[question.field_name]


def test_a_survey_with_answers_refuses_a_new_question(client, world):
    campaign = campaign_for(world, mode="peer")
    answer_many(campaign, world.structure_a, 1, accueil="bien")
    login(client, world.coordinator)
    response, text = post_question(
        client, campaign.survey, code="neuve", type="yes_no", label="Neuve ?"
    )
    assert response.status_code == 400
    assert "nouvelle version" in text
    assert not Question.objects.filter(code="neuve").exists()


def test_a_code_already_taken_is_refused(client, world):
    survey = survey_with_questions(world)
    login(client, world.coordinator)
    response, text = post_question(
        client, survey, code="accueil", type="yes_no", label="Encore ?"
    )
    assert response.status_code == 400
    assert "Ce code est déjà celui d'une autre question" in text
