"""Logging in and out of the extranet through the real forms."""

from __future__ import annotations

import html

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY

from tests.factories import DEFAULT_PASSWORD, UserFactory

LOGIN_URL = "/extranet/connexion/"
LOGOUT_URL = "/extranet/deconnexion/"
DASHBOARD_URL = "/extranet/"

WRONG_LOGIN_MESSAGE = "Adresse électronique ou mot de passe incorrect"
NO_ROLE_MESSAGE = "Vous n'avez encore aucun rôle dans une organisation du SPRO"


@pytest.fixture
def user(db):
    """A user with no membership at all (no second factor asked)."""
    return UserFactory(email="claire.le-goff@mission-locale.example")


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def post_login(client, email, password, **extra):
    return client.post(LOGIN_URL, {"username": email, "password": password, **extra})


def test_login_with_the_email_in_another_case_redirects_to_the_dashboard(client, user):
    response = post_login(
        client, "Claire.LE-GOFF@Mission-Locale.example", DEFAULT_PASSWORD
    )

    assert response.status_code == 302
    assert response.url == DASHBOARD_URL
    assert client.session[SESSION_KEY] == str(user.pk)


def test_login_gives_a_new_session_key(client, user):
    client.get(LOGIN_URL)
    session = client.session
    session["marker"] = "before login"
    session.save()
    key_before = session.session_key

    post_login(client, user.email, DEFAULT_PASSWORD)

    assert client.session.session_key != key_before


def test_a_wrong_password_shows_the_french_error_and_opens_no_session(client, user):
    response = post_login(client, user.email, "pas-le-bon-mot-de-passe")

    assert response.status_code == 200
    assert WRONG_LOGIN_MESSAGE in page_text(response)
    assert SESSION_KEY not in client.session
    assert client.get(DASHBOARD_URL).status_code == 302


def test_an_unknown_address_gets_the_same_message_as_a_wrong_password(client, user):
    response = post_login(client, "personne@inconnu.example", DEFAULT_PASSWORD)

    assert WRONG_LOGIN_MESSAGE in page_text(response)
    assert SESSION_KEY not in client.session


def test_an_inactive_user_cannot_log_in(client, user):
    user.is_active = False
    user.save()

    response = post_login(client, user.email, DEFAULT_PASSWORD)

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_a_user_without_any_membership_sees_the_no_role_message(client, user):
    response = post_login(client, user.email, DEFAULT_PASSWORD, next=DASHBOARD_URL)
    assert response.status_code == 302

    dashboard = client.get(response.url)

    assert dashboard.status_code == 200
    assert NO_ROLE_MESSAGE in page_text(dashboard)


def test_the_dashboard_sends_anonymous_visitors_to_the_login_page(client, db):
    response = client.get(DASHBOARD_URL)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_logout_by_post_ends_the_session(client, user):
    post_login(client, user.email, DEFAULT_PASSWORD)
    assert client.get(DASHBOARD_URL).status_code == 200

    response = client.post(LOGOUT_URL)

    assert response.status_code in (200, 302)
    assert SESSION_KEY not in client.session
    assert client.get(DASHBOARD_URL).status_code == 302


def test_logout_by_get_is_refused_and_keeps_the_session(client, user):
    post_login(client, user.email, DEFAULT_PASSWORD)

    response = client.get(LOGOUT_URL)

    assert response.status_code == 405
    assert client.session[SESSION_KEY] == str(user.pk)


def test_the_session_ends_with_the_browser_and_after_the_configured_age(client, user):
    response = post_login(client, user.email, DEFAULT_PASSWORD)

    session = client.session
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert session.get_expire_at_browser_close() is True
    assert 0 < session.get_expiry_age() <= settings.SESSION_COOKIE_AGE
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 * 12
    # A browser-session cookie: neither max-age nor expires is sent.
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert cookie["httponly"] is True


def test_a_session_older_than_the_cookie_age_is_no_longer_valid(client, user):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    post_login(client, user.email, DEFAULT_PASSWORD)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get(DASHBOARD_URL)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


@pytest.mark.parametrize(
    "next_url",
    [
        "https://phishing.example/extranet/",
        "//phishing.example/extranet/",
        "http://phishing.example",
        "/\\phishing.example",
    ],
)
def test_a_next_parameter_to_another_site_is_ignored(client, user, next_url):
    response = client.post(
        f"{LOGIN_URL}?next={next_url}",
        {"username": user.email, "password": DEFAULT_PASSWORD, "next": next_url},
    )

    assert response.status_code == 302
    assert response.url == DASHBOARD_URL


def test_a_next_parameter_inside_the_site_is_followed(client, user):
    response = post_login(
        client, user.email, DEFAULT_PASSWORD, next="/extranet/structures/"
    )

    assert response.status_code == 302
    assert response.url == "/extranet/structures/"
