"""Removing someone's role ends their open sessions at once."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from extranet.models import Membership, UserSession

from ..conftest import login
from ..factories import DEFAULT_PASSWORD


def test_a_member_whose_role_is_removed_is_sent_back_to_the_login_page(client, world):
    colleague = Client()
    response = colleague.post(
        reverse("extranet:login"),
        {"username": world.professional_a.email, "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
    assert colleague.get(reverse("extranet:dashboard")).status_code == 200
    assert UserSession.objects.filter(user=world.professional_a).count() == 1

    login(client, world.referent_a)
    membership = Membership.objects.get(user=world.professional_a)
    response = client.post(reverse("extranet:membership_delete", args=[membership.pk]))
    assert response.status_code == 302

    response = colleague.get(reverse("extranet:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("extranet:login"))
    assert not UserSession.objects.filter(user=world.professional_a).exists()
    # The referent who removed the role keeps working.
    assert client.get(reverse("extranet:dashboard")).status_code == 200


def test_logging_out_forgets_the_session(world):
    browser = Client()
    browser.post(
        reverse("extranet:login"),
        {"username": world.referent_a.email, "password": DEFAULT_PASSWORD},
    )
    assert UserSession.objects.filter(user=world.referent_a).exists()
    browser.post(reverse("extranet:logout"))
    assert not UserSession.objects.filter(user=world.referent_a).exists()
