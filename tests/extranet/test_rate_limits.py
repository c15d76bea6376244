"""Anonymous POSTs are rate-limited (django-ratelimit): logins per address,
password-reset requests per address asked for and per client, and the other
anonymous forms per client. Beyond the rate: 429 and a French page; nothing sent."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from tests.factories import DEFAULT_PASSWORD, UserFactory

LOGIN_URL = "/extranet/connexion/"
RESET_URL = "/extranet/mot-de-passe/oubli/"
TOO_MANY = "Trop de demandes"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rates_on():
    cache.clear()
    with override_settings(
        RATELIMIT_ENABLE=True,
        SPRO_RATE_LOGIN_PER_ADDRESS="3/15m",
        SPRO_RATE_RESET_PER_EMAIL="2/h",
        SPRO_RATE_RESET_PER_ADDRESS="4/h",
        SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS="2/h",
    ):
        yield
    cache.clear()


def login_post(client, email, password, ip):
    return client.post(
        LOGIN_URL, {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def test_one_address_trying_many_accounts_is_slowed_down(client):
    for n in range(3):
        login_post(client, f"personne{n}@example.org", "devine", "203.0.113.9")
    user = UserFactory()

    response = login_post(client, user.email, DEFAULT_PASSWORD, "203.0.113.9")

    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert SESSION_KEY not in client.session
    # Someone else, elsewhere, logs in.
    response = login_post(client, user.email, DEFAULT_PASSWORD, "198.51.100.20")
    assert response.status_code == 302


def test_password_reset_requests_are_limited_per_address_asked_for(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="annaig.le-goff@ml.example")
    with django_capture_on_commit_callbacks(execute=True):
        for n, email in enumerate((user.email, user.email.upper())):
            response = client.post(
                RESET_URL, {"email": email}, REMOTE_ADDR=f"203.0.113.{n + 1}"
            )
            assert response.status_code == 302
        response = client.post(
            RESET_URL, {"email": f"  {user.email}  "}, REMOTE_ADDR="203.0.113.3"
        )

    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert len(mail.outbox) == 2


def test_password_reset_requests_are_limited_per_client(client):
    for n in range(4):
        response = client.post(
            RESET_URL, {"email": f"p{n}@example.org"}, REMOTE_ADDR="203.0.113.7"
        )
        assert response.status_code == 302
    response = client.post(
        RESET_URL, {"email": "p9@example.org"}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 429


def test_the_invitation_form_is_limited_per_client(client):
    url = "/extranet/invitation/jeton-inconnu/"
    statuses = [
        client.post(
            url, {"password1": "x", "password2": "x"}, REMOTE_ADDR="203.0.113.8"
        ).status_code
        for _ in range(3)
    ]
    assert statuses[-1] == 429
    assert 429 not in statuses[:2]


def test_reading_the_pages_is_never_limited(client):
    for _ in range(10):
        assert client.get(LOGIN_URL, REMOTE_ADDR="203.0.113.9").status_code == 200
