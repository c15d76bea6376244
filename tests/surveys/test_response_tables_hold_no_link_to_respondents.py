"""The promise of anonymity, tested on the schema and not only the views: the
tables that hold answers have no column that could tie them to a person, an
invitation, an address or a time, no history, and identifiers that do not
follow the order in which people answered."""

from __future__ import annotations

import pytest
from django.db import connection

from surveys import services
from surveys.models import Answer, Invitation, PendingResponse, Response

from ..factories import answer_many, answers_for, campaign_for

pytestmark = pytest.mark.django_db


def columns(model) -> set[str]:
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(
            cursor, model._meta.db_table
        )
    return {column.name for column in description}


def test_a_response_holds_its_campaign_structure_week_and_nothing_else():
    assert columns(Response) == {
        "id",
        "campaign_id",
        "structure_id",
        "week",
        "on_behalf",
    }


def test_an_answer_holds_what_was_answered_and_nothing_else():
    assert columns(Answer) == {
        "id",
        "response_id",
        "question_id",
        "row",
        "value",
        "text",
        "moderation",
    }


def test_a_waiting_response_holds_its_campaign_and_answers_only():
    assert columns(PendingResponse) == {"id", "campaign_id", "payload"}


def test_an_invitation_records_that_it_served_not_what_nor_when():
    assert columns(Invitation) == {
        "id",
        "campaign_id",
        "user_id",
        "structure_id",
        "token_hash",
        "answered",
        "reminders",
        "last_reminded_on",
    }
    assert not {f.related_model for f in Invitation._meta.get_fields()} & {
        Response,
        Answer,
        PendingResponse,
    }


def test_responses_and_answers_keep_no_history():
    for model in (Response, Answer, PendingResponse):
        assert not hasattr(model, "history"), model


def test_the_identifiers_of_responses_do_not_follow_the_order_of_answering(world):
    campaign = campaign_for(world, mode="public")
    for index in range(30):
        services.response_submit(
            campaign=campaign,
            structure=world.structure_a,
            answers=answers_for(
                campaign.survey,
                satisfaction="satisfait" if index % 2 else "neutre",
                facilite="facile",
                clarte="clair",
                repetition="non",
                recommandation=str(index % 11),
            ),
        )
    order_in = [p.payload["answers"][-1][2] for p in PendingResponse.objects.all()]
    services.responses_flush(campaign=campaign, force=True)
    assert not PendingResponse.objects.exists()
    assert Response.objects.filter(campaign=campaign).count() == 30
    by_id = list(
        Answer.objects.filter(question__code="recommandation")
        .order_by("response_id")
        .values_list("value", flat=True)
    )
    # Random UUIDs: sorted by id, the answers are not in the order they came.
    assert by_id != [str(i % 11) for i in range(30)]
    assert sorted(by_id) == sorted(order_in)
    assert all(
        isinstance(r.pk.int, int) and r.pk.version == 4 for r in Response.objects.all()
    )


def test_a_response_keeps_the_monday_of_its_week_only(world):
    import datetime

    campaign = campaign_for(world, mode="public")
    thursday = campaign.opens_on + datetime.timedelta(
        days=(3 - campaign.opens_on.weekday()) % 7
    )
    services.response_submit(
        campaign=campaign,
        structure=world.structure_a,
        answers=answers_for(
            campaign.survey,
            satisfaction="satisfait",
            facilite="facile",
            clarte="clair",
            repetition="non",
        ),
        today=thursday,
    )
    services.responses_flush(campaign=campaign, force=True)
    response = Response.objects.get()
    assert response.week.weekday() == 0
    assert response.week == thursday - datetime.timedelta(days=3)


def test_responses_wait_until_a_batch_of_the_threshold_is_written_at_once(world):
    campaign = campaign_for(world, mode="public")
    answer_many(campaign, world.structure_a, campaign.threshold - 1, flush=False)
    assert services.responses_flush(campaign=campaign) == 0
    assert not Response.objects.exists()
    answer_many(campaign, world.structure_a, 1, flush=False)
    assert services.responses_flush(campaign=campaign) == campaign.threshold
    assert Response.objects.count() == campaign.threshold
    assert not PendingResponse.objects.exists()


def test_the_tallies_kept_while_writing_equal_a_count_of_the_answers(world):
    from surveys.models import Tally

    campaign = campaign_for(world, mode="public")
    answer_many(campaign, world.structure_a, 12)
    answer_many(campaign, world.structure_b, 5, satisfaction="neutre")
    answer_many(campaign, world.structure_a, 3, satisfaction="insatisfait")

    def counts():
        return sorted(
            Tally.objects.filter(campaign=campaign).values_list(
                "structure_id", "year", "question__code", "row", "value", "count"
            )
        )

    kept = counts()
    assert ("satisfaction", "satisfait", 12) in [
        (c, v, n) for _s, _y, c, _r, v, n in kept
    ]
    assert services.tallies_rebuild(campaign=campaign) == len(kept)
    assert counts() == kept
