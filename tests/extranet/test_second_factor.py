"""Second factor (TOTP) for the Région, GREF, network heads and the Wagtail admin."""

from __future__ import annotations

import html
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import login
from tests.factories import UserFactory

DASHBOARD = "/extranet/"
SETUP = "/extranet/double-authentification/activer/"
VERIFY = "/extranet/double-authentification/"
SETUP_SALT = "extranet.otp-setup"

ROLES_WITH_OTP = ["coordinator", "network_head_a", "gref", "territorial_officer_a"]


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="téléphone", confirmed=True)


def code_for(key: bytes) -> str:
    return f"{totp(key):06d}"


def redirect_target(response) -> tuple[str, str | None]:
    parts = urlsplit(response.url)
    return parts.path, parse_qs(parts.query).get("next", [None])[0]


def setup_key(response) -> bytes:
    return bytes.fromhex(signing.loads(response.context["setup"], salt=SETUP_SALT))


@pytest.mark.parametrize("role", ROLES_WITH_OTP)
def test_staff_without_a_device_are_sent_to_set_one_up(world, client, role):
    client.force_login(getattr(world, role))

    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert redirect_target(response) == (SETUP, DASHBOARD)


@pytest.mark.parametrize("role", ROLES_WITH_OTP)
def test_staff_with_a_device_are_asked_for_a_code(world, client, role):
    user = getattr(world, role)
    confirmed_device(user)
    client.force_login(user)

    from_dashboard = client.get(DASHBOARD)
    response = client.get(f"/extranet/structures/{world.structure_a.pk}/")

    assert from_dashboard.status_code == 302
    assert redirect_target(from_dashboard) == (VERIFY, DASHBOARD)
    assert response.status_code == 302
    assert redirect_target(response) == (
        VERIFY,
        f"/extranet/structures/{world.structure_a.pk}/",
    )


@pytest.mark.parametrize("role", ["referent_a", "professional_a", "referent_b"])
def test_structure_staff_are_never_asked_for_a_second_factor(world, client, role):
    client.force_login(getattr(world, role))

    assert client.get(DASHBOARD).status_code == 200
    assert client.get(SETUP).status_code == 200  # offered, never imposed
    assert client.get(DASHBOARD).status_code == 200


def test_a_wrong_code_is_refused_in_french(world, client):
    confirmed_device(world.coordinator)
    client.force_login(world.coordinator)

    response = client.post(VERIFY, {"token": "000000", "next": DASHBOARD})

    assert response.status_code == 200
    assert "Ce code n'est pas valide ou a expiré" in page_text(response)
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(DASHBOARD).status_code == 302


def test_the_right_code_lets_them_in(world, client):
    device = confirmed_device(world.gref)
    client.force_login(world.gref)

    response = client.post(
        VERIFY, {"token": code_for(device.bin_key), "next": DASHBOARD}
    )

    assert response.status_code == 302
    assert response.url == DASHBOARD
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(DASHBOARD).status_code == 200


def test_a_code_cannot_be_replayed_in_another_session(world, client):
    device = confirmed_device(world.network_head_a)
    code = code_for(device.bin_key)
    client.force_login(world.network_head_a)
    assert client.post(VERIFY, {"token": code}).status_code == 302

    thief = Client()
    thief.force_login(world.network_head_a)
    response = thief.post(VERIFY, {"token": code})

    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in thief.session


def test_after_a_wrong_code_the_next_try_is_throttled(world, client):
    device = confirmed_device(world.coordinator)
    client.force_login(world.coordinator)
    client.post(VERIFY, {"token": "000000"})

    response = client.post(VERIFY, {"token": code_for(device.bin_key)})

    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_the_code_page_ignores_a_next_parameter_to_another_site(world, client):
    device = confirmed_device(world.coordinator)
    client.force_login(world.coordinator)

    response = client.post(
        VERIFY, {"token": code_for(device.bin_key), "next": "https://phishing.example/"}
    )

    assert response.status_code == 302
    assert response.url == DASHBOARD


def test_looking_at_the_setup_page_writes_no_device(world, client):
    client.force_login(world.coordinator)
    before = TOTPDevice.objects.count()

    first = client.get(SETUP)
    second = client.get(SETUP)

    assert first.status_code == second.status_code == 200
    assert TOTPDevice.objects.count() == before
    assert first.context["setup"] != second.context["setup"]  # a fresh key each time
    assert "<svg" in first.content.decode()


def test_a_wrong_code_on_the_setup_page_is_refused_and_saves_nothing(world, client):
    client.force_login(world.coordinator)
    page = client.get(SETUP)

    response = client.post(
        SETUP, {"setup": page.context["setup"], "token": "000000", "next": DASHBOARD}
    )

    assert response.status_code == 200
    assert "Ce code n'est pas valide" in page_text(response)
    assert not TOTPDevice.objects.filter(user=world.coordinator).exists()
    assert client.get(DASHBOARD).status_code == 302


def test_the_right_code_on_the_setup_page_activates_the_device_and_lets_them_in(
    world, client
):
    client.force_login(world.network_head_a)
    page = client.get(SETUP)
    key = setup_key(page)

    response = client.post(
        SETUP,
        {"setup": page.context["setup"], "token": code_for(key), "next": DASHBOARD},
    )

    assert response.status_code == 302
    assert response.url == DASHBOARD
    device = TOTPDevice.objects.get(user=world.network_head_a)
    assert device.confirmed
    assert device.bin_key == key
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(DASHBOARD).status_code == 200


def test_a_tampered_setup_field_is_refused(world, client):
    client.force_login(world.coordinator)
    forged_key = "00" * 20
    forged = signing.dumps(forged_key, salt="another-salt")

    response = client.post(
        SETUP, {"setup": forged, "token": code_for(bytes.fromhex(forged_key))}
    )

    assert response.status_code == 302
    assert response.url == SETUP
    assert not TOTPDevice.objects.filter(user=world.coordinator).exists()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_someone_with_only_the_password_cannot_enrol_a_new_device(world, client):
    """A user who already has a device must prove it: the setup page would
    otherwise let a password thief pair their own phone and get in."""
    confirmed_device(world.coordinator)
    client.force_login(world.coordinator)

    page = client.get(SETUP)
    assert page.status_code == 302
    assert urlsplit(page.url).path == VERIFY

    own_key = "11" * 20
    response = client.post(
        SETUP,
        {
            "setup": signing.dumps(own_key, salt=SETUP_SALT),
            "token": code_for(bytes.fromhex(own_key)),
        },
    )

    assert response.status_code == 302
    assert urlsplit(response.url).path == VERIFY
    assert TOTPDevice.objects.filter(user=world.coordinator).count() == 1
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(DASHBOARD).status_code == 302


def test_a_verified_user_may_pair_another_device(world, client):
    login(client, world.coordinator)
    page = client.get(SETUP)
    assert page.status_code == 200
    key = setup_key(page)

    response = client.post(
        SETUP, {"setup": page.context["setup"], "token": code_for(key)}
    )

    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=world.coordinator).count() == 2


def test_anonymous_visitors_of_the_otp_pages_are_sent_to_log_in(db, client):
    for url in (SETUP, VERIFY):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/extranet/connexion/")


# Wagtail admin ---------------------------------------------------------------------


@pytest.fixture
def editor(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_the_wagtail_admin_asks_an_editor_without_device_to_set_one_up(editor, client):
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert redirect_target(response) == (SETUP, "/admin/")


def test_the_wagtail_admin_asks_an_editor_with_a_device_for_a_code(editor, client):
    confirmed_device(editor)
    client.force_login(editor)

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert redirect_target(response) == (VERIFY, "/admin/pages/")


def test_the_wagtail_admin_opens_once_the_second_factor_is_proved(editor, client):
    device = confirmed_device(editor)
    client.force_login(editor)
    client.post(VERIFY, {"token": code_for(device.bin_key)})

    response = client.get("/admin/")

    assert response.status_code == 200


def test_an_editor_made_in_the_wagtail_admin_must_prove_a_second_factor(db, client):
    """Wagtail's user forms never set ``is_staff``: its access permission (here
    through a group, as Wagtail's forms give it) is what calls for the factor."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Rédaction du site")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    editor = UserFactory(is_staff=False, is_superuser=False)
    editor.groups.add(group)
    assert editor.has_perm("wagtailadmin.access_admin")
    client.force_login(editor)

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert redirect_target(response) == (SETUP, "/admin/pages/")
