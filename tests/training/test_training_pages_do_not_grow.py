"""The catalogue, a session's page (with its participants) and the enrolment
list run a number of queries that does not grow with sessions or enrolments."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..conftest import login
from ..extranet.test_query_counts import count_queries
from ..factories import enrolment_for, staff, training_session

BUDGETS = {"catalogue": 14, "session": 16, "enrolments": 13}


def grow(world, session, sessions: int, enrolments: int) -> None:
    for _ in range(sessions):
        other = training_session(world)
        enrolment_for(world, other, world.professional_a)
    for index in range(enrolments):
        enrolment_for(
            world, session, staff(world, "structure_b" if index % 2 else "structure_a")
        )


@pytest.mark.parametrize("who", ["gref", "professional_a", "referent_a"])
def test_training_pages_stay_within_budget_whatever_their_size(client, world, who):
    session = training_session(world, capacity=3)
    enrolment_for(world, session, world.professional_a)
    urls = {
        "catalogue": reverse("training:catalogue"),
        "session": reverse("training:session", args=[session.pk]),
        "enrolments": reverse("training:enrolments"),
    }
    login(client, getattr(world, who))
    for url in urls.values():
        count_queries(client, url)
    small = {name: count_queries(client, url) for name, url in urls.items()}

    grow(world, session, sessions=8, enrolments=8)

    large = {name: count_queries(client, url) for name, url in urls.items()}
    assert large == small
    for name, count in large.items():
        assert count <= BUDGETS[name], (name, count)
