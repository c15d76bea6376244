"""Invitations name a person: 30 days after their campaign closed they are
erased, the campaign keeping only how many were sent and how many served;
responses, which name no one, stay."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from surveys import services
from surveys.models import Campaign, Invitation, Response

from ..conftest import login
from ..factories import answer_many, campaign_for

pytestmark = pytest.mark.django_db


def test_invitations_are_erased_thirty_days_after_the_close(client, world):
    campaign = campaign_for(world, mode="peer")
    Invitation.objects.filter(user=world.referent_a).update(answered=True)
    answer_many(campaign, world.structure_a, 1, accueil="bien")
    services.campaign_close(user=world.coordinator, campaign=campaign)
    closes_on = Campaign.objects.get(pk=campaign.pk).closes_on
    assert (
        services.invitations_erase(today=closes_on + datetime.timedelta(days=30)) == 0
    )
    assert (
        services.invitations_erase(today=closes_on + datetime.timedelta(days=31)) == 3
    )
    assert not Invitation.objects.filter(campaign=campaign).exists()
    assert Response.objects.filter(campaign=campaign).count() == 1
    campaign.refresh_from_db()
    assert (campaign.invited_count, campaign.answered_count) == (3, 1)
    login(client, world.coordinator)
    page = client.get(reverse("surveys:campaign", args=[campaign.pk]))
    assert "1 sur 3 ont servi" in page.content.decode()


def test_a_structure_card_offers_the_open_survey(client, world):
    from django.core.cache import cache

    from extranet import registry
    from extranet.models import Structure

    campaign = campaign_for(world, mode="public", structures=[world.structure_a])
    found = registry.with_public_actions(
        Structure.objects.filter(pk__in=[world.structure_a.pk, world.structure_b.pk])
    )
    actions = {s.pk: registry.public_actions_of(s) for s in found}
    labels = [a["label"] for a in actions[world.structure_a.pk]]
    assert "Donner votre avis sur l'accueil reçu" in [str(label) for label in labels]
    assert not [a for a in actions[world.structure_b.pk] if "avis" in str(a["label"])]
    cache.clear()
    slug = world.structure_a.organisation.slug
    response = client.get(reverse("surveys_public:structure", args=[slug]))
    link = campaign.public_links.get(structure=world.structure_a)
    assert response.status_code == 302
    assert response["Location"] == link.get_absolute_url()
    other = world.structure_b.organisation.slug
    assert (
        client.get(reverse("surveys_public:structure", args=[other])).status_code == 404
    )
