"""Forgotten password: a link by mail (through the outbox), a new password, log in."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client

from notifications.models import OutgoingMail
from tests.factories import DEFAULT_PASSWORD, UserFactory

RESET_URL = "/extranet/mot-de-passe/oubli/"
DONE_URL = "/extranet/mot-de-passe/oubli/envoye/"
COMPLETE_URL = "/extranet/mot-de-passe/modifie/"
LOGIN_URL = "/extranet/connexion/"
LINK = re.compile(r"http://testserver(/extranet/mot-de-passe/nouveau/[^/\s]+/[^/\s]+/)")
NEW_PASSWORD = "Goelette-de-Paimpol-1932"


@pytest.fixture
def user(db):
    return UserFactory(email="erwan.morvan@pae.example")


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def ask_for_reset(client, capture, email):
    with capture(execute=True):
        response = client.post(RESET_URL, {"email": email})
    return response


def reset_link(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def test_asking_for_a_reset_sends_one_mail_with_a_link_through_the_outbox(
    client, user, django_capture_on_commit_callbacks
):
    response = ask_for_reset(client, django_capture_on_commit_callbacks, user.email)

    assert response.status_code == 302
    assert response.url == DONE_URL
    outgoing = OutgoingMail.objects.get()
    assert outgoing.to == user.email
    assert outgoing.sent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Réinitialisation de votre mot de passe" in message.subject
    assert reset_link(message)


def test_the_address_is_matched_whatever_its_case(
    client, user, django_capture_on_commit_callbacks
):
    ask_for_reset(
        client, django_capture_on_commit_callbacks, "Erwan.MORVAN@pae.example"
    )

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]


def test_the_link_lets_the_user_choose_a_new_password_and_log_in_with_it(
    client, user, django_capture_on_commit_callbacks
):
    ask_for_reset(client, django_capture_on_commit_callbacks, user.email)
    link = reset_link(mail.outbox[0])

    # Django's confirm view hides the token: it redirects to the set-password URL.
    first = client.get(link)
    assert first.status_code == 302
    assert first.url.endswith("/set-password/")
    form_page = client.get(first.url)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True

    done = client.post(
        first.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert done.url == COMPLETE_URL
    assert SESSION_KEY not in client.session

    login = client.post(LOGIN_URL, {"username": user.email, "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_the_old_password_no_longer_works_after_a_reset(
    client, user, django_capture_on_commit_callbacks
):
    ask_for_reset(client, django_capture_on_commit_callbacks, user.email)
    first = client.get(reset_link(mail.outbox[0]))
    client.post(
        first.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    response = client.post(
        LOGIN_URL, {"username": user.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_the_link_works_only_once(client, user, django_capture_on_commit_callbacks):
    ask_for_reset(client, django_capture_on_commit_callbacks, user.email)
    link = reset_link(mail.outbox[0])
    first = client.get(link)
    client.post(
        first.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    again = client.get(link, follow=True)

    assert again.context["validlink"] is False
    assert "Ce lien n'est pas valide ou a déjà servi" in page_text(again)


def test_a_weak_new_password_is_refused_in_french(
    client, user, django_capture_on_commit_callbacks
):
    ask_for_reset(client, django_capture_on_commit_callbacks, user.email)
    first = client.get(reset_link(mail.outbox[0]))

    response = client.post(
        first.url, {"new_password1": "12345678", "new_password2": "12345678"}
    )

    assert response.status_code == 200
    assert "trop court" in page_text(response)
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_an_unknown_address_gets_the_same_page_and_no_mail(
    client, db, django_capture_on_commit_callbacks
):
    response = ask_for_reset(
        client, django_capture_on_commit_callbacks, "personne@inconnu.example"
    )

    assert response.status_code == 302
    assert response.url == DONE_URL
    done = client.get(DONE_URL)
    assert "Lien envoyé" in page_text(done)
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_known_and_unknown_addresses_get_identical_answers(
    client, user, django_capture_on_commit_callbacks
):
    known = ask_for_reset(client, django_capture_on_commit_callbacks, user.email)
    unknown = ask_for_reset(
        client, django_capture_on_commit_callbacks, "personne@inconnu.example"
    )

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert len(mail.outbox) == 1


def test_a_reset_ends_the_sessions_opened_with_the_old_password(
    client, user, django_capture_on_commit_callbacks
):
    other_device = Client()
    other_device.post(LOGIN_URL, {"username": user.email, "password": DEFAULT_PASSWORD})
    assert other_device.get("/extranet/").status_code == 200

    ask_for_reset(client, django_capture_on_commit_callbacks, user.email)
    first = client.get(reset_link(mail.outbox[0]))
    client.post(
        first.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    response = other_device.get("/extranet/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
