"""The public's satisfaction and the peer surveys in the evaluation: counted
from closed campaigns only, by the week of the answers, and hidden, with the
same secondary suppression as the results, wherever a figure would rest on
fewer than 11 answers or give one by difference."""

from __future__ import annotations

import pytest
from django.utils import timezone

from evaluation.indicators import INDICATORS_BY_KEY
from evaluation.selectors import shown
from surveys import services
from surveys.figures import HIDDEN, national_share, peer_responses

from ..factories import answer_many, campaign_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(world):
    campaign = campaign_for(world, mode="public")
    answer_many(campaign, world.structure_a, 12)
    answer_many(
        campaign,
        world.structure_a2,
        12,
        satisfaction="insatisfait",
        facilite="facile",
        clarte="clair",
        repetition="oui",
    )
    answer_many(campaign, world.structure_b, 3)
    return services.campaign_close(user=world.coordinator, campaign=campaign)


def year() -> int:
    return timezone.localdate().year


def test_an_open_campaign_does_not_count(world):
    campaign = campaign_for(world, mode="public")
    answer_many(campaign, world.structure_a, 20)
    assert national_share(year(), "satisfaction", "satisfait", None, None) is None


def test_the_region_share_counts_every_answer(world):
    campaign = campaign_for(world, mode="public")
    answer_many(campaign, world.structure_a, 12)
    answer_many(campaign, world.structure_a2, 12, satisfaction="neutre")
    answer_many(campaign, world.structure_b, 12)
    services.campaign_close(user=world.coordinator, campaign=campaign)
    # 24 satisfied (A and B) out of 36.
    assert national_share(year(), "satisfaction", "satisfait", None, None) == round(
        100 * 24 / 36, 1
    )
    assert (
        national_share(year(), "satisfaction", "satisfait", world.territory_a.pk, None)
        == 100.0
    )


def test_a_small_territory_is_hidden_and_cannot_be_found_by_difference(world, closed):
    share = national_share
    territory_b = share(year(), "satisfaction", "satisfait", world.territory_b.pk, None)
    network_b = share(year(), "satisfaction", "satisfait", None, world.network_b.pk)
    assert network_b == HIDDEN
    # Territory B holds A2 (12) and B (3): 15 answers, shown; but then network
    # A (A + A2) and the region would give B by difference: one of them hides.
    network_a = share(year(), "satisfaction", "satisfait", None, world.network_a.pk)
    region = share(year(), "satisfaction", "satisfait", None, None)
    cell_b = share(
        year(), "satisfaction", "satisfait", world.territory_b.pk, world.network_b.pk
    )
    assert cell_b == HIDDEN
    assert HIDDEN in (network_a, region) or HIDDEN in (territory_b, region)


def test_the_dashboard_says_so_in_french(world, closed):
    indicator = INDICATORS_BY_KEY["public_satisfaction"]
    assert shown(indicator, HIDDEN) == "pas assez de réponses"


def test_peer_responses_count_closed_attributed_campaigns(world):
    campaign = campaign_for(world, mode="peer")
    answer_many(campaign, world.structure_a, 11, accueil="bien")
    answer_many(campaign, world.structure_a2, 11, accueil="bien")
    assert peer_responses(year(), None, None) == 0
    services.campaign_close(user=world.coordinator, campaign=campaign)
    assert peer_responses(year(), None, None) == 22
    assert peer_responses(year(), None, world.network_a.pk) == 22


def test_unattributed_peer_responses_count_for_the_region_only(world):
    campaign = campaign_for(world, mode="peer", attribution="none")
    answer_many(campaign, world.structure_a, 12, accueil="bien")
    services.campaign_close(user=world.coordinator, campaign=campaign)
    assert peer_responses(year(), None, None) == 12
    assert peer_responses(year(), world.territory_a.pk, None) == 0
