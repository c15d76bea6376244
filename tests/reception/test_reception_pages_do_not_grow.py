"""The reception list, the referral inbox (received and sent), a reception's
page and a referral's page run a number of queries that does not grow with
the receptions, the referrals or their appointments."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..conftest import login
from ..extranet.test_query_counts import count_queries
from ..factories import (
    reception_for,
    reception_world,
    referral_for,
    slot_for,
    staff,
)

BUDGETS = {
    "receptions": 12,
    "inbox": 12,
    "sent": 12,
    "reception": 14,
    "referral": 20,
}


def grow(world, reception, times: int) -> None:
    for index in range(times):
        other = reception_for(world, urgency=("urgent", "normal")[index % 2])
        referral_for(world, other)
        referral_for(world, reception, to=world.structure_a2)
        referral_for(
            world,
            reception_for(world, user=world.referent_b),
            user=world.referent_b,
            to=world.structure_a,
        )


@pytest.mark.parametrize("who", ["professional_a", "referent_b"])
def test_reception_pages_stay_within_budget_whatever_their_size(client, world, who):
    reception_world(world)
    reception = reception_for(world)
    slot = slot_for(world)
    referral = referral_for(world, reception, contact_channel="appointment", slot=slot)
    # Every list has a row already (an empty page skips its row query).
    referral_for(
        world,
        reception_for(world, user=world.referent_b),
        user=world.referent_b,
        to=world.structure_a,
    )
    urls = {
        "receptions": reverse("reception:receptions"),
        "inbox": reverse("reception:referrals"),
        "sent": reverse("reception:referrals") + "?boite=sent",
        "referral": reverse("reception:referral", args=[referral.pk]),
    }
    if who == "professional_a":
        urls["reception"] = reverse("reception:reception", args=[reception.pk])
    login(client, getattr(world, who))
    for url in urls.values():
        count_queries(client, url)
    small = {name: count_queries(client, url) for name, url in urls.items()}

    grow(world, reception, times=6)
    staff(world, "structure_b")

    large = {name: count_queries(client, url) for name, url in urls.items()}
    assert large == small
    for name, count in large.items():
        assert count <= BUDGETS[name], (name, count)
