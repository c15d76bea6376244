"""Inviting a colleague: the referent's form, the mail, and the newcomer's link."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.utils import timezone

from extranet.models import Invitation, Membership, Role, User
from notifications.models import OutgoingMail
from tests.conftest import login
from tests.factories import UserFactory

LINK = re.compile(r"http://testserver(/extranet/invitation/([^/\s]+)/)")
NEWCOMER = "gwenaelle.riou@mission-locale.example"
GOOD_PASSWORD = "Phare-du-Creach-Ouessant-29"


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def invite_url(organisation) -> str:
    return f"/extranet/organisations/{organisation.pk}/inviter/"


@pytest.fixture
def invite(client, django_capture_on_commit_callbacks):
    """POST the invitation form as the logged-in user, running on-commit mails."""

    def _invite(organisation, email=NEWCOMER, role=Role.PROFESSIONAL, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                invite_url(organisation), {"email": email, "role": role, **extra}
            )

    return _invite


def last_link() -> tuple[str, str]:
    """(path, token) of the link in the last mail sent."""
    match = LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1), match.group(2)


def accept(path, password=GOOD_PASSWORD, password2=None, client=None):
    client = client or Client()
    response = client.post(
        path,
        {
            "first_name": "Gwenaëlle",
            "last_name": "Riou",
            "password1": password,
            "password2": password if password2 is None else password2,
        },
    )
    return client, response


@pytest.fixture
def invited_by_referent(world, client, invite):
    """A pending invitation of a professional into structure A, and its link."""
    login(client, world.referent_a)
    response = invite(world.structure_a.organisation)
    assert response.status_code == 302
    path, token = last_link()
    return Invitation.objects.get(email=NEWCOMER), path, token


# The referent's side ---------------------------------------------------------------


def test_a_referent_invites_a_colleague_and_one_mail_with_the_link_is_sent(
    world, client, invite
):
    login(client, world.referent_a)
    organisation = world.structure_a.organisation

    response = invite(organisation, email="Gwenaelle.Riou@Mission-Locale.example")

    assert response.status_code == 302
    assert response.url == f"/extranet/organisations/{organisation.pk}/membres/"
    invitation = Invitation.objects.get()
    assert invitation.email == NEWCOMER
    assert invitation.organisation == organisation
    assert invitation.role == Role.PROFESSIONAL
    assert invitation.invited_by == world.referent_a
    assert invitation.is_usable
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [NEWCOMER]
    assert OutgoingMail.objects.get().sent_at is not None
    path, token = last_link()
    assert path == f"/extranet/invitation/{token}/"


def test_only_a_hash_of_the_token_is_stored(world, invited_by_referent):
    invitation, _path, token = invited_by_referent

    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [
        str(v) for v in Invitation.objects.filter(pk=invitation.pk).values()[0].values()
    ]
    assert not any(token in value for value in stored)
    for record in invitation.history.all().values():
        assert not any(token in str(value) for value in record.values())


def test_a_professional_cannot_invite(world, client, invite):
    login(client, world.professional_a)
    organisation = world.structure_a.organisation

    assert client.get(invite_url(organisation)).status_code == 403
    response = invite(organisation)

    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_referent_cannot_grant_the_role_of_regional_coordinator(
    world, client, invite
):
    login(client, world.referent_a)

    response = invite(world.structure_a.organisation, role=Role.REGIONAL_COORDINATOR)

    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in page_text(response)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("role", [Role.NETWORK_HEAD, Role.GREF, "superuser", ""])
def test_a_referent_cannot_grant_any_other_role(world, client, invite, role):
    login(client, world.referent_a)

    response = invite(world.structure_a.organisation, role=role)

    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_a_referent_may_invite_another_referent(world, client, invite):
    login(client, world.referent_a)

    response = invite(world.structure_a.organisation, role=Role.REFERENT)

    assert response.status_code == 302
    assert Invitation.objects.get().role == Role.REFERENT


def test_inviting_someone_who_already_has_the_role_is_refused(world, client, invite):
    login(client, world.referent_a)

    response = invite(world.structure_a.organisation, email=world.professional_a.email)

    assert response.status_code == 400
    assert "Cette personne a déjà ce rôle" in page_text(response)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_referent_of_structure_a_cannot_invite_into_structure_b(
    world, client, invite
):
    login(client, world.referent_a)
    organisation_b = world.structure_b.organisation

    assert client.get(invite_url(organisation_b)).status_code in (403, 404)
    response = invite(organisation_b)

    assert response.status_code in (403, 404)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_inviting_the_same_address_again_revokes_the_previous_invitation(
    world, client, invite, invited_by_referent
):
    first, first_path, _token = invited_by_referent

    response = invite(world.structure_a.organisation)

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Invitation.objects.pending().count() == 1
    assert len(mail.outbox) == 2
    second_path, _ = last_link()
    assert second_path != first_path
    _client, refused = accept(first_path)
    assert refused.status_code == 410
    assert not User.objects.filter(email=NEWCOMER).exists()
    _client, accepted = accept(second_path)
    assert accepted.status_code == 302


# The newcomer's side ------------------------------------------------------------


def test_the_colleague_sets_a_password_is_logged_in_and_becomes_a_professional(
    world, invited_by_referent
):
    invitation, path, _token = invited_by_referent
    newcomer_client = Client()
    page = newcomer_client.get(path)
    assert page.status_code == 200
    assert NEWCOMER in page_text(page)

    newcomer_client, response = accept(path, client=newcomer_client)

    assert response.status_code == 302
    assert response.url == "/extranet/"
    user = User.objects.get(email=NEWCOMER)
    assert (user.first_name, user.last_name) == ("Gwenaëlle", "Riou")
    assert user.check_password(GOOD_PASSWORD)
    assert newcomer_client.session[SESSION_KEY] == str(user.pk)
    membership = Membership.objects.get(user=user)
    assert membership.organisation == world.structure_a.organisation
    assert membership.role == Role.PROFESSIONAL
    assert membership.created_by == world.referent_a
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    dashboard = newcomer_client.get("/extranet/")
    assert dashboard.status_code == 200
    assert world.structure_a.organisation.name in page_text(dashboard)


def test_an_accepted_invitation_cannot_be_used_again(world, invited_by_referent):
    _invitation, path, _token = invited_by_referent
    accept(path)

    _client, again = accept(path, password="Un-autre-mot-de-passe-2026")

    assert again.status_code == 410
    assert "Cette invitation a déjà été utilisée" in page_text(again)
    assert User.objects.filter(email=NEWCOMER).count() == 1
    assert User.objects.get(email=NEWCOMER).check_password(GOOD_PASSWORD)
    assert Client().get(path).status_code == 410


def test_an_expired_invitation_shows_a_clear_message_and_creates_no_user(
    world, invited_by_referent
):
    invitation, path, _token = invited_by_referent
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    page = Client().get(path)
    _client, response = accept(path)

    assert page.status_code == 410
    assert response.status_code == 410
    assert "Cette invitation a expiré" in page_text(response)
    assert not User.objects.filter(email=NEWCOMER).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_revoked_invitation_shows_a_clear_message_and_creates_no_user(
    world, client, invited_by_referent
):
    invitation, path, _token = invited_by_referent
    cancel = client.post(f"/extranet/invitations/{invitation.pk}/annuler/")
    assert cancel.status_code == 302

    _client, response = accept(path)

    assert response.status_code == 410
    assert "remplacée ou annulée" in page_text(response)
    assert not User.objects.filter(email=NEWCOMER).exists()
    assert not Membership.objects.filter(user__email=NEWCOMER).exists()


def test_an_unknown_token_is_not_found(db):
    response = Client().get("/extranet/invitation/pas-un-vrai-jeton/")

    assert response.status_code == 404
    assert "Ce lien d'invitation n'est pas valide" in page_text(response)


def test_mismatched_passwords_keep_the_form_with_a_french_error(
    world, invited_by_referent
):
    invitation, path, _token = invited_by_referent

    _client, response = accept(
        path, password=GOOD_PASSWORD, password2="Phare-du-Stiff-Ouessant-29"
    )

    assert response.status_code == 200
    assert "Les deux mots de passe ne correspondent pas" in page_text(response)
    assert response.context["form"].data["first_name"] == "Gwenaëlle"
    assert not User.objects.filter(email=NEWCOMER).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_weak_password_keeps_the_form_with_french_errors(world, invited_by_referent):
    invitation, path, _token = invited_by_referent

    _client, response = accept(path, password="12345678")

    text = page_text(response)
    assert response.status_code == 200
    assert "trop court" in text
    assert "12 caractères" in text
    assert "entièrement numérique" in text
    assert not User.objects.filter(email=NEWCOMER).exists()
    assert not Membership.objects.filter(user__email=NEWCOMER).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_password_too_close_to_the_address_is_refused(world, invited_by_referent):
    _invitation, path, _token = invited_by_referent

    _client, response = accept(path, password="gwenaelle.riou")

    assert response.status_code == 200
    assert "trop semblable" in page_text(response)
    assert not User.objects.filter(email=NEWCOMER).exists()


def test_an_invitation_for_an_existing_account_asks_to_log_in_first(
    world, client, invite
):
    existing = UserFactory(email=NEWCOMER)
    login(client, world.referent_a)
    invite(world.structure_a.organisation)
    path, _token = last_link()

    _anonymous, refused = accept(path)
    assert refused.status_code == 410
    assert "Un compte existe déjà" in page_text(refused)
    assert User.objects.filter(email=NEWCOMER).count() == 1
    assert not existing.memberships.exists()

    existing_client = login(Client(), existing)
    response = existing_client.post(path)

    assert response.status_code == 302
    assert existing.memberships.get().role == Role.PROFESSIONAL


def test_another_logged_in_user_cannot_take_someone_elses_invitation(
    world, invited_by_referent
):
    invitation, path, _token = invited_by_referent
    intruder_client = login(Client(), world.referent_b)

    response = intruder_client.post(path)

    assert response.status_code == 410
    assert not world.referent_b.memberships.filter(
        organisation=world.structure_a.organisation
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


# The Région's side --------------------------------------------------------------


def test_a_regional_coordinator_invites_a_territorial_officer_with_a_territory(
    world, client, invite
):
    login(client, world.coordinator)

    response = invite(
        world.region,
        email="loic.guillou@bretagne.example",
        role=Role.TERRITORIAL_OFFICER,
        territory=world.territory_b.pk,
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.territory) == (
        Role.TERRITORIAL_OFFICER,
        world.territory_b,
    )
    path, _token = last_link()
    officer_client, accepted = accept(path)
    assert accepted.status_code == 302
    membership = Membership.objects.get(user__email="loic.guillou@bretagne.example")
    assert membership.organisation == world.region
    assert membership.role == Role.TERRITORIAL_OFFICER
    assert membership.territory == world.territory_b
    # Their role needs a second factor: the extranet asks for it first.
    dashboard = officer_client.get("/extranet/")
    assert dashboard.status_code == 302
    assert dashboard.url.startswith("/extranet/double-authentification/activer/")


def test_a_territorial_officer_invitation_without_territory_is_refused(
    world, client, invite
):
    login(client, world.coordinator)

    response = invite(
        world.region,
        email="loic.guillou@bretagne.example",
        role=Role.TERRITORIAL_OFFICER,
    )

    assert response.status_code == 400
    assert "Choisissez le territoire" in page_text(response)
    assert not Invitation.objects.exists()


def test_a_regional_coordinator_cannot_give_a_structure_role_in_the_region(
    world, client, invite
):
    login(client, world.coordinator)

    response = invite(world.region, role=Role.PROFESSIONAL)

    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_an_address_longer_than_254_characters_is_refused_in_french(
    world, client, invite
):
    login(client, world.referent_a)
    too_long = ("a" * 60 + ".") * 4 + "@" + "b" * 20 + ".example"
    assert 254 < len(too_long) <= 320  # accepted by the e-mail validator alone

    response = invite(world.structure_a.organisation, email=too_long)

    assert response.status_code == 400
    assert "trop longue : 254 caractères au plus" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []
