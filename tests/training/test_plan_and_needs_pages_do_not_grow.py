"""The plan's and the census' pages read a number of rows that does not grow
with the number of plans, actions or needs."""

from __future__ import annotations

from django.urls import reverse

from ..conftest import login
from ..factories import need_for, needs_campaign, plan_draft


def _queries(client, django_assert_max_num_queries, url, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_the_campaign_page_reads_the_same_for_3_or_30_needs(
    client, world, django_assert_max_num_queries
):
    campaign = needs_campaign(world)
    for number in range(3):
        need_for(world, campaign, theme=f"Thème {number}")
    login(client, world.gref)
    url = reverse("training:campaign", args=[campaign.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(27):
        need_for(world, campaign, theme=f"Thème {number % 5}")
    _queries(client, django_assert_max_num_queries, url, len(few))


def test_the_plan_page_and_list_read_the_same_for_1_or_10_actions(
    client, world, django_assert_max_num_queries
):
    from training import services

    plan = plan_draft(world)
    campaign = needs_campaign(world)
    need = need_for(world, campaign)
    login(client, world.gref)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = [reverse("training:plan", args=[plan.pk]), reverse("training:plans")]
    counts = []
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        counts.append(len(few))
    action = plan.actions.get()
    for number in range(9):
        services.plan_action_save(
            user=world.gref,
            plan=plan,
            data={
                "theme": f"Action {number}",
                "objectives": action.objectives,
                "audience": action.audience,
                "format": action.format,
                "reach": action.reach,
                "offered_by": action.offered_by,
                "planned_sessions": 1,
                "planned_hours": action.planned_hours,
            },
            needs=[need],
        )
    for number in range(5):
        plan_draft(world, year=2040 + number)
    for url, count in zip(urls, counts, strict=True):
        _queries(client, django_assert_max_num_queries, url, count)
