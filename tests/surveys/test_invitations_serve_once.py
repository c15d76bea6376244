"""A peer survey sends each professional a single-use invitation: it serves
once, a forged or used one is refused in French, reminders go only to those
who have not answered, and answering leaves nothing that ties the answer to
the invitation."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from notifications.models import OutgoingMail
from surveys import services
from surveys.models import Invitation, PendingResponse, Response

from ..factories import campaign_for

pytestmark = pytest.mark.django_db


def tokens_in_mails() -> dict[str, str]:
    """The invitation link of each mail, by address (read before the outbox
    erases the sensitive text)."""
    found = {}
    for mail in OutgoingMail.objects.order_by("pk"):
        match = re.search(r"/enquetes/invitation/([\w-]+)/", mail.body)
        if match:
            found[mail.to] = match.group(1)
    return found


ANSWER = {"accueil": "bien", "partenariat": "oui", "note": "4", "remarques": ""}


def post_data(campaign) -> dict:
    from surveys.models import Question

    data = {}
    for q in Question.objects.filter(section__survey=campaign.survey):
        if q.code in ANSWER and ANSWER[q.code]:
            data[q.field_name] = ANSWER[q.code]
    return data


def test_opening_a_peer_survey_invites_the_staff_of_its_structures(world):
    campaign = campaign_for(world, mode="peer")
    invited = set(
        Invitation.objects.filter(campaign=campaign).values_list("user", flat=True)
    )
    assert invited == {
        world.referent_a.pk,
        world.professional_a.pk,
        world.referent_b.pk,
    }
    assert set(tokens_in_mails()) == {
        world.referent_a.email,
        world.professional_a.email,
        world.referent_b.email,
    }
    # Only a hash of the token is kept.
    token = tokens_in_mails()[world.referent_a.email]
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_an_invitation_serves_once(client, world):
    campaign = campaign_for(world, mode="peer")
    token = tokens_in_mails()[world.professional_a.email]
    url = reverse("surveys_public:invitation", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Enquête anonyme, sur invitation" in page.content.decode()
    response = client.post(url, post_data(campaign))
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys_public:thanks")
    assert PendingResponse.objects.count() == 1
    assert Invitation.objects.get(user=world.professional_a).answered

    again = client.post(url, post_data(campaign))
    assert again.status_code == 410
    assert "a déjà servi" in again.content.decode()
    assert PendingResponse.objects.count() == 1
    assert client.get(url).status_code == 410


def test_a_forged_invitation_is_refused_in_french(client, world):
    campaign_for(world, mode="peer")
    response = client.get(reverse("surveys_public:invitation", args=["forged-token"]))
    assert response.status_code == 404
    assert "Ce lien ne permet pas de répondre" in response.content.decode()


def test_the_response_of_an_invitation_carries_its_structure_only(client, world):
    campaign = campaign_for(world, mode="peer")
    token = tokens_in_mails()[world.referent_b.email]
    client.post(reverse("surveys_public:invitation", args=[token]), post_data(campaign))
    services.responses_flush(campaign=campaign, force=True)
    response = Response.objects.get()
    assert response.structure == world.structure_b
    assert not response.on_behalf


def test_reminders_go_to_those_who_have_not_answered_with_a_new_link(client, world):
    campaign = campaign_for(world, mode="peer")
    first = tokens_in_mails()
    client.post(
        reverse("surveys_public:invitation", args=[first[world.referent_a.email]]),
        post_data(campaign),
    )
    OutgoingMail.objects.all().delete()
    assert services.campaign_remind(user=world.coordinator, campaign=campaign) == 2
    reminded = tokens_in_mails()
    assert set(reminded) == {world.professional_a.email, world.referent_b.email}
    # The new link replaces the old one.
    old = first[world.professional_a.email]
    assert (
        client.get(reverse("surveys_public:invitation", args=[old])).status_code == 404
    )
    new = reminded[world.professional_a.email]
    assert (
        client.get(reverse("surveys_public:invitation", args=[new])).status_code == 200
    )
    # Not twice in the same week.
    assert services.campaign_remind(user=world.coordinator, campaign=campaign) == 0


def test_a_closed_campaign_refuses_answers(client, world):
    campaign = campaign_for(world, mode="peer")
    token = tokens_in_mails()[world.referent_a.email]
    services.campaign_close(user=world.coordinator, campaign=campaign)
    response = client.post(
        reverse("surveys_public:invitation", args=[token]), post_data(campaign)
    )
    assert response.status_code == 410
    assert "est close" in response.content.decode()
    assert not PendingResponse.objects.exists()
