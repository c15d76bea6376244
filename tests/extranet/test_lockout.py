"""Lock-out after repeated failed logins (django-axes), through the login form."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.utils import timezone

from tests.factories import DEFAULT_PASSWORD, UserFactory

LOGIN_URL = "/extranet/connexion/"
LOCKOUT_TITLE = "Compte temporairement bloqué"
LOCKOUT_MESSAGE = "Trop de tentatives de connexion ont échoué"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def axes_on():
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3):
        reset()
        yield
        reset()


@pytest.fixture
def victim():
    return UserFactory(email="yann.kerbrat@cio.example")


@pytest.fixture
def colleague():
    return UserFactory(email="maiwenn.le-bihan@cio.example")


def attempt(client, email, password, ip="192.0.2.10"):
    return client.post(
        LOGIN_URL, {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def fail_three_times(client, email, ip="192.0.2.10"):
    for _ in range(3):
        response = attempt(client, email, "mauvais-mot-de-passe", ip=ip)
    return response


def test_the_fourth_attempt_with_the_right_password_is_refused_with_the_lockout_page(
    client, victim
):
    fail_three_times(client, victim.email)

    response = attempt(client, victim.email, DEFAULT_PASSWORD)

    assert response.status_code in (403, 429)
    assert LOCKOUT_TITLE in page_text(response)
    assert LOCKOUT_MESSAGE in page_text(response)
    assert SESSION_KEY not in client.session


def test_the_attempt_that_reaches_the_limit_already_shows_the_lockout_page(
    client, victim
):
    first = attempt(client, victim.email, "mauvais-mot-de-passe")
    assert first.status_code == 200
    assert LOCKOUT_TITLE not in page_text(first)

    third = fail_three_times(client, victim.email)

    assert third.status_code in (403, 429)
    assert LOCKOUT_TITLE in page_text(third)


def test_two_failures_do_not_lock_and_a_success_then_logs_in(client, victim):
    for _ in range(2):
        attempt(client, victim.email, "mauvais-mot-de-passe")

    response = attempt(client, victim.email, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(victim.pk)


def test_changing_the_case_of_the_address_does_not_escape_the_lockout(client, victim):
    for email in (
        "yann.kerbrat@cio.example",
        "Yann.Kerbrat@cio.example",
        "YANN.KERBRAT@CIO.EXAMPLE",
    ):
        attempt(client, email, "mauvais-mot-de-passe")

    response = attempt(client, "YaNn.KeRbRaT@cio.example", DEFAULT_PASSWORD)

    assert response.status_code in (403, 429)
    assert SESSION_KEY not in client.session


def test_another_user_from_another_address_is_not_locked(client, victim, colleague):
    fail_three_times(client, victim.email)
    assert AccessAttempt.objects.exists()

    response = attempt(client, colleague.email, DEFAULT_PASSWORD, ip="198.51.100.7")

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(colleague.pk)


def test_another_user_behind_the_same_address_is_not_locked(client, victim, colleague):
    """Colleagues of a structure share one public address (NAT): one person's
    typos must not lock the whole office out."""
    fail_three_times(client, victim.email)

    response = attempt(client, colleague.email, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(colleague.pk)


def test_an_attacker_at_one_address_cannot_lock_the_owner_out_elsewhere(client, victim):
    """Before: five failures from anywhere locked the account for 30 minutes
    (the coordinator included). Now the lock holds the attacker's address only."""
    fail_three_times(client, victim.email, ip="203.0.113.66")
    fail_three_times(client, victim.email, ip="203.0.113.66")
    assert LOCKOUT_TITLE in page_text(
        attempt(client, victim.email, DEFAULT_PASSWORD, ip="203.0.113.66")
    )

    response = attempt(client, victim.email, DEFAULT_PASSWORD, ip="198.51.100.7")

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(victim.pk)


@override_settings(SPRO_LOGIN_ACCOUNT_FAILURE_LIMIT=6)
def test_guessing_from_many_addresses_stays_bounded_and_only_for_a_while(
    client, victim
):
    for n in range(2):  # two addresses, each up to its own limit: 6 failures
        fail_three_times(client, victim.email, ip=f"203.0.113.{n + 1}")

    response = attempt(client, victim.email, DEFAULT_PASSWORD, ip="198.51.100.7")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert "fermé quelques minutes" in page_text(response)

    # Once the cool-off is over, the owner gets in again.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )
    response = attempt(client, victim.email, DEFAULT_PASSWORD, ip="198.51.100.7")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(victim.pk)


def test_wagtails_login_page_sends_to_the_extranet_login_keeping_the_next_page(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response.url == LOGIN_URL + "?next=/admin/pages/"


def test_wagtails_login_form_cannot_be_used_to_guess_past_the_lockout(client, victim):
    fail_three_times(client, victim.email)

    for url in ("/admin/login/", "/admin/login/?next=/admin/"):
        response = client.post(
            url,
            {"username": victim.email, "password": DEFAULT_PASSWORD},
            REMOTE_ADDR="192.0.2.10",
        )
        assert response.status_code == 302
        assert response.url.startswith(LOGIN_URL)
        assert SESSION_KEY not in client.session
    # And the extranet's form, the only one, still refuses the right password.
    assert LOCKOUT_TITLE in page_text(attempt(client, victim.email, DEFAULT_PASSWORD))
    assert SESSION_KEY not in client.session
