"""Bad input in the accueil: a French message beside what is wrong, never a
500, and nothing already saved is lost or half-written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.models import OutgoingMail
from reception.models import Consent, Reception, Referral

from ..conftest import login
from ..factories import reception_for, reception_world, referral_for


@pytest.fixture
def professional(client, world):
    reception_world(world)
    login(client, world.professional_a)
    return world.professional_a


def test_a_reception_without_channel_nor_question_is_refused_and_not_saved(
    client, world, professional
):
    response = client.post(reverse("reception:reception_new"), {"summary": "Gardé"})

    assert response.status_code == 400
    text = response.content.decode()
    assert "Cochez au moins une question" in text
    assert "Gardé" in text  # what was typed comes back
    assert Reception.objects.count() == 0


def test_markup_in_a_point_de_situation_is_refused(client, world, professional):
    response = client.post(
        reverse("reception:reception_new"),
        {
            "channel": "phone",
            "mode": "on_the_spot",
            "urgency": "normal",
            "age_band": "unknown",
            "person_status": "unknown",
            "questions": ["employment"],
            "summary": "<script>alert(1)</script>",
        },
    )

    assert response.status_code == 400
    assert Reception.objects.count() == 0


def test_an_anonymous_reception_keeps_no_identity_even_if_typed(
    client, world, professional
):
    response = client.post(
        reverse("reception:reception_new"),
        {
            "channel": "face_to_face",
            "mode": "on_the_spot",
            "urgency": "urgent",
            "age_band": "26_44",
            "person_status": "employee",
            "questions": ["housing", "social_emergency"],
            "anonymous": "on",
            "person_label": "Jeanne",
            "contact": "jeanne@exemple.fr",
        },
    )

    assert response.status_code == 302
    reception = Reception.objects.get()
    assert (reception.person_label, reception.contact) == ("", "")
    assert not reception.history.exclude(person_label="").exists()


def test_a_structure_without_a_convention_in_force_cannot_record(client, world):
    login(client, world.professional_a)  # the world's conventions are not signed
    assert client.get(reverse("reception:reception_new")).status_code == 403
    assert client.get(reverse("reception:tally")).status_code == 403


def test_a_tally_of_no_one_is_refused(client, world, professional):
    response = client.post(
        reverse("reception:tally"),
        {"channel": "phone", "urgency": "normal", "questions": ["vae"], "people": "0"},
    )
    assert response.status_code == 400
    assert Reception.objects.count() == 0


def test_a_referral_without_consent_is_refused_and_nothing_is_sent(
    client, world, professional
):
    reception = reception_for(world)
    mails = OutgoingMail.objects.count()

    response = client.post(
        reverse("reception:referral_new", args=[reception.pk]),
        {
            "service": "cep",
            "to_structure": world.structure_b.pk,
            "contact_channel": "phone",
            "contact": "06 00 00 00 00",
            "request": "Gardée telle quelle",
            "consent_method": "oral",
        },
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert "Sans l&#x27;accord de la personne" in text or "Sans l'accord" in text
    assert "Gardée telle quelle" in text
    assert Referral.objects.count() == Consent.objects.count() == 0
    assert OutgoingMail.objects.count() == mails


def test_a_referral_to_a_structure_that_does_not_offer_the_service_is_refused(
    client, world, professional
):
    reception = reception_for(world)

    response = client.post(
        reverse("reception:referral_new", args=[reception.pk]),
        {
            "service": "vae",  # structure B offers no VAE conseil
            "to_structure": world.structure_b.pk,
            "contact_channel": "face_to_face",
            "consent_method": "oral",
            "consent_given": "on",
        },
    )

    assert response.status_code == 400
    assert "ne propose pas le service" in response.content.decode()
    assert Referral.objects.count() == 0


def test_a_referral_by_phone_without_a_number_is_refused(client, world, professional):
    reception = reception_for(world)

    response = client.post(
        reverse("reception:referral_new", args=[reception.pk]),
        {
            "service": "cep",
            "to_structure": world.structure_b.pk,
            "contact_channel": "phone",
            "consent_method": "oral",
            "consent_given": "on",
        },
    )

    assert response.status_code == 400
    assert "téléphone ou le courriel" in response.content.decode()
    assert Referral.objects.count() == 0


def test_a_decline_without_a_reason_or_an_other_reason_unsaid_is_refused(client, world):
    reception_world(world)
    referral = referral_for(world)
    login(client, world.referent_b)
    url = reverse("reception:referral_decline", args=[referral.pk])

    for data in (
        {"reason": "", "expected_state": "sent"},
        {"reason": "other", "note": "", "expected_state": "sent"},
        {"reason": "pas-un-motif", "expected_state": "sent"},
    ):
        response = client.post(url, data)
        assert response.status_code == 400
        assert "motif" in response.content.decode()
    referral.refresh_from_db()
    assert referral.state == "sent" and referral.decline_reason == ""


def test_the_database_refuses_a_declined_referral_without_a_reason(world):
    from django.db import IntegrityError, transaction

    reception_world(world)
    referral = referral_for(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(state="declined")


def test_a_stale_decline_says_so_and_changes_nothing(client, world):
    reception_world(world)
    referral = referral_for(world)
    login(client, world.referent_b)
    client.post(
        reverse("reception:referral_transition", args=[referral.pk]),
        {"transition": "accept", "expected_state": "sent"},
    )

    response = client.post(
        reverse("reception:referral_decline", args=[referral.pk]),
        {"reason": "full", "expected_state": "sent"},
    )

    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.state == "accepted" and referral.decline_reason == ""


def test_a_point_de_situation_to_a_bad_address_is_refused(client, world, professional):
    reception = reception_for(world)
    mails = OutgoingMail.objects.count()

    response = client.post(
        reverse("reception:point_mail", args=[reception.pk]), {"to": "pas-une-adresse"}
    )

    assert response.status_code == 400
    assert "adresse de courriel valide" in response.content.decode()
    assert OutgoingMail.objects.count() == mails


def test_the_point_de_situation_mail_forgets_the_address_once_sent(
    client, world, professional, django_capture_on_commit_callbacks
):
    reception = reception_for(world)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reception:point_mail", args=[reception.pk]),
            {"to": "personne@exemple.fr"},
        )

    assert response.status_code == 302
    mail = OutgoingMail.objects.get(personal=True)
    assert mail.sent_at is not None
    assert "personne@exemple.fr" not in (mail.to + mail.body)
    from django.core import mail as sent

    assert sent.outbox[-1].to == ["personne@exemple.fr"]
    assert reception.reference in sent.outbox[-1].body
