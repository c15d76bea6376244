"""The public page /attestations/verifier/ checks a code without login and shows
the initials, the session, its dates, the hours, the issuer and whether the
certificate was revoked: never the full name, the e-mail or the structure. A
forged code gets a French message; checking is rate-limited per address."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings

from training import attendance
from training.models import Certificate

from ..extranet.test_access_matrix import database_fingerprint
from ..factories import record_half_day, session_with_participants

URL = "/attestations/verifier/"


@pytest.fixture
def certificate(world):
    session, enrolments = session_with_participants(world, count=1)
    person = enrolments[0].person
    person.first_name, person.last_name = "Maïwenn", "Le Roux"
    person.save()
    for slot in session.slots.all():
        record_half_day(slot, {enrolments[0]: True}, user=world.gref)
    return Certificate.objects.get(enrolment=enrolments[0])


def test_the_form_is_public_and_never_cached(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Vérifier une attestation" in response.content.decode()


def test_a_valid_code_shows_only_what_it_should(client, certificate):
    enrolment = certificate.enrolment
    person = enrolment.person

    response = client.post(URL, {"code": certificate.code})

    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Attestation authentique" in page
    assert "M. L." in page
    assert enrolment.session.title in page
    assert "6.0 h" in page or "6,0 h" in page
    assert certificate.issuer.name in page
    for secret in (
        person.get_full_name(),
        person.last_name,
        person.first_name,
        person.email,
        enrolment.structure.name,
    ):
        assert secret not in page, secret


def test_the_code_is_accepted_in_lower_case_and_without_dashes(client, certificate):
    typed = certificate.code.replace("-", " ").lower()
    response = client.post(URL, {"code": typed})
    assert "Attestation authentique" in response.content.decode()


@pytest.mark.parametrize(
    "forged",
    ["SPRO-AAAA-AAAA", "SPRO-0000-1111", "'; DROP TABLE x; --", "<script>", "x" * 500],
)
def test_a_forged_code_gets_a_french_message_and_changes_nothing(
    client, certificate, forged
):
    before = database_fingerprint()
    response = client.post(URL, {"code": forged})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Code non reconnu" in page
    assert certificate.enrolment.session.title not in page
    assert "<script>" not in page.split("<main", 1)[1]
    assert database_fingerprint() == before


def test_a_revoked_certificate_says_so(client, world, certificate):
    attendance.certificate_revoke(
        user=world.gref, certificate=certificate, reason="Erreur de saisie"
    )
    page = client.post(URL, {"code": certificate.code}).content.decode()
    assert "Attestation révoquée" in page
    assert "Erreur de saisie" not in page


def test_checking_is_rate_limited_per_address(client, certificate):
    cache.clear()
    with override_settings(
        RATELIMIT_ENABLE=True, SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS="3/h"
    ):
        for _ in range(3):
            response = client.post(
                URL, {"code": "SPRO-AAAA-AAAA"}, REMOTE_ADDR="203.0.113.7"
            )
            assert response.status_code == 200
        blocked = client.post(
            URL, {"code": certificate.code}, REMOTE_ADDR="203.0.113.7"
        )
        other = client.post(URL, {"code": certificate.code}, REMOTE_ADDR="198.51.100.2")
    cache.clear()
    assert blocked.status_code == 429
    assert "Trop de demandes" in blocked.content.decode()
    assert "M. L." not in blocked.content.decode()
    assert other.status_code == 200
