"""Say why, to the right person: the reviewer's reason for sending a convention
back reaches the drafter in the notice, the mail and the to-do; a refusal gives
the real reason; a deadline says whose action it waits for, and a convention in
force shows its term, not an action expected of someone."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from conventions.definitions import IN_FORCE, SEND_BACK, SUBMITTED
from conventions.models import ConventionKind
from conventions.services import convention_transition
from notifications.models import Notification, OutgoingMail

from ..conftest import login
from ..factories import convention_in_state

pytestmark = pytest.mark.django_db

REASON = "Précisez les horaires de l'accueil sans rendez-vous, s'il vous plaît."


def page(response) -> str:
    """The page's text as a reader meets it: tags dropped, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", unescape(text))


@pytest.fixture
def sent_back(world):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, SUBMITTED)
    Notification.objects.all().delete()
    OutgoingMail.objects.all().delete()
    return convention_transition(
        user=world.network_head_a,
        convention=convention,
        transition=SEND_BACK,
        comment=REASON,
    )


def test_the_drafter_reads_the_reason_and_who_gave_it_in_the_notice_and_the_mail(
    world, sent_back
):
    head = world.network_head_a.get_full_name()

    notice = Notification.objects.get(user=world.referent_a)
    mail = OutgoingMail.objects.get(to=world.referent_a.email)

    for body in (notice.body, mail.body):
        assert REASON in body
        assert head in body
        assert "Renvoyer" in body


def test_the_reason_stands_in_the_drafters_to_do(client, world, sent_back):
    login(client, world.referent_a)

    dashboard = page(client.get(reverse("extranet:dashboard")))

    assert REASON in dashboard
    assert world.network_head_a.get_full_name() in dashboard


def test_a_comment_from_an_earlier_step_is_not_shown_as_the_current_reason(
    client, world, sent_back
):
    convention_transition(
        user=world.referent_a, convention=sent_back, transition="submit"
    )
    login(client, world.network_head_a)

    dashboard = page(client.get(reverse("extranet:dashboard")))

    assert str(sent_back) in dashboard
    assert REASON not in dashboard


def test_whoever_cannot_act_sees_whose_action_the_deadline_waits_for(client, world):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, SUBMITTED)
    login(client, world.referent_a)

    text = page(client.get(convention.get_absolute_url()))

    assert "Action attendue de : Tête du réseau signataire, avant le" in text
    assert "Aucune action ne vous est demandée" in text


def test_a_convention_in_force_shows_its_term_and_no_action_expected(client, world):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, IN_FORCE)
    login(client, world.referent_a)

    text = page(client.get(convention.get_absolute_url()))

    assert "Action attendue" not in text
    assert f"Jusqu'au 31 décembre {convention.year} " in text


def test_editing_a_convention_in_force_says_why_and_never_to_ask_oneself(client, world):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, IN_FORCE)
    login(client, world.referent_a)

    response = client.get(reverse("conventions:edit", args=[convention.pk]))

    assert response.status_code == 403
    text = page(response)
    assert "est « En vigueur » : son contenu ne peut pas être modifié" in text
    assert "référent" not in text


def test_editing_in_a_state_someone_else_edits_names_who_may(client, world):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, SUBMITTED)
    login(client, world.referent_a)

    response = client.get(reverse("conventions:edit", args=[convention.pk]))

    assert response.status_code == 403
    assert (
        "est « Soumise à la tête de réseau » : son contenu ne peut pas être "
        "modifié à cette étape"
    ) in page(response)
