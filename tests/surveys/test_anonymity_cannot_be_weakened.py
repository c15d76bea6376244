"""What a campaign promised when it opened holds until the end: its
attribution, threshold and release can only get stricter; and a survey with
answers never changes under them (a new version does)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from surveys import services
from surveys.models import Question

from ..factories import answer_many, campaign_for, survey_with_questions

pytestmark = pytest.mark.django_db


def test_a_draft_campaign_may_change_anything(world):
    campaign = campaign_for(world, mode="peer", open_it=False, attribution="none")
    changed = services.campaign_save(
        user=world.coordinator,
        campaign=campaign,
        data={"attribution": "structure", "threshold": 5, "release_after": 20},
    )
    assert (changed.attribution, changed.threshold, changed.release_after) == (
        "structure",
        5,
        20,
    )


@pytest.mark.parametrize(
    "change",
    [
        {"attribution": "structure"},
        {"threshold": 10},
        {"release_after": 30},
    ],
)
def test_an_open_campaign_refuses_to_weaken_its_anonymity(world, change):
    campaign = campaign_for(world, mode="peer", attribution="none", threshold=11)
    with pytest.raises(ValidationError, match="ne peut pas être affaibli"):
        services.campaign_save(user=world.coordinator, campaign=campaign, data=change)
    campaign.refresh_from_db()
    assert (campaign.attribution, campaign.threshold, campaign.release_after) == (
        "none",
        11,
        None,
    )


def test_an_open_campaign_may_become_stricter(world):
    campaign = campaign_for(world, mode="peer", release_after=20)
    stricter = services.campaign_save(
        user=world.coordinator,
        campaign=campaign,
        data={"attribution": "none", "threshold": 15, "release_after": None},
    )
    assert (stricter.attribution, stricter.threshold, stricter.release_after) == (
        "none",
        15,
        None,
    )


def test_the_threshold_never_goes_under_five(world):
    with pytest.raises(ValidationError):
        campaign_for(world, mode="peer", open_it=False, threshold=4)


def test_a_survey_with_answers_keeps_its_questions(world):
    campaign = campaign_for(world, mode="peer")
    answer_many(campaign, world.structure_a, 1, accueil="bien")
    question = Question.objects.get(section__survey=campaign.survey, code="note")
    with pytest.raises(ValidationError, match="nouvelle version"):
        services.question_remove(user=world.coordinator, question=question)
    with pytest.raises(ValidationError, match="nouvelle version"):
        services.question_save(
            user=world.coordinator,
            section=question.section,
            question=question,
            data={"label": "Autre libellé"},
        )
    assert Question.objects.filter(pk=question.pk, label="Votre note").exists()


def test_a_new_version_copies_the_questions_and_leaves_the_old_one(world):
    campaign = campaign_for(world, mode="peer")
    answer_many(campaign, world.structure_a, 1, accueil="bien")
    copy = services.survey_new_version(user=world.coordinator, survey=campaign.survey)
    assert copy.version == 2 and copy.previous == campaign.survey
    old_codes = list(
        Question.objects.filter(section__survey=campaign.survey).values_list(
            "code", flat=True
        )
    )
    assert (
        list(
            Question.objects.filter(section__survey=copy).values_list("code", flat=True)
        )
        == old_codes
    )
    question = Question.objects.get(section__survey=copy, code="note")
    services.question_remove(user=world.coordinator, question=question)
    assert Question.objects.filter(section__survey=campaign.survey).count() == len(
        old_codes
    )


def test_the_national_questions_keep_their_wording(world):
    campaign = campaign_for(world, mode="public", open_it=False)
    question = Question.objects.filter(section__survey=campaign.survey).first()
    with pytest.raises(ValidationError, match="nationales"):
        services.question_save(
            user=world.coordinator,
            section=question.section,
            question=question,
            data={"label": "Reformulée"},
        )


def test_gref_defines_session_evaluations_only(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.survey_save(
            user=world.gref, data={"kind": "peer", "title": "Non", "introduction": ""}
        )
    survey = services.survey_save(
        user=world.gref, data={"kind": "session", "title": "Oui", "introduction": ""}
    )
    assert survey.kind == "session"
    peer = survey_with_questions(world, kind="peer")
    with pytest.raises(PermissionDenied):
        services.section_save(user=world.gref, survey=peer, data={"title": "x"})
