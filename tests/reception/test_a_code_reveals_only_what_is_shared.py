"""A reference code reveals only the point de situation the person chose to
share (to a member structure) and where their requests stand (to the person,
on the public page), never an identity; both look-ups are rate-limited
against guessing, and a forged code gets a French answer, not an error."""

from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from reception.models import Referral

from ..conftest import login
from ..factories import reception_for, reception_world, referral_for, staff


def test_a_member_structure_reads_the_shared_point_without_any_identity(client, world):
    reception_world(world)
    reception = reception_for(
        world,
        person_label="Maëlys",
        contact="maelys@exemple.fr",
        summary="Projet de BTS MARQUE-PARTAGEE.",
        share_summary=True,
    )
    login(client, world.referent_b)

    page = client.post(
        reverse("reception:code"), {"code": reception.reference.lower()}
    ).content.decode()

    assert "MARQUE-PARTAGEE" in page
    assert "Maëlys" not in page and "maelys@exemple.fr" not in page


def test_a_point_not_shared_is_not_found_by_its_code(client, world):
    reception_world(world)
    reception = reception_for(world, summary="NE-PAS-MONTRER", share_summary=False)
    login(client, world.referent_b)

    page = client.post(reverse("reception:code"), {"code": reception.reference})

    assert page.status_code == 200
    assert "NE-PAS-MONTRER" not in page.content.decode()
    assert "Aucun point de situation partagé" in page.content.decode()


def test_only_staff_of_a_receiving_structure_look_codes_up(client, world):
    reception_world(world)
    login(client, world.network_head_a)
    assert client.get(reverse("reception:code")).status_code == 403


def test_the_person_reads_where_their_request_stands_and_nothing_else(client, world):
    reception_world(world)
    reception = reception_for(
        world, person_label="Yann", contact="yann@exemple.fr", summary="SUMMARY-X"
    )
    referral_for(world, reception, request="DEMANDE-X")

    page = client.post(
        reverse("reception_public:status"), {"code": reception.reference}
    ).content.decode()

    assert "pas encore ouverte" in page
    assert world.structure_b.phone in page
    for private in ("Yann", "yann@exemple.fr", "SUMMARY-X", "DEMANDE-X"):
        assert private not in page


def test_a_forged_code_gets_the_same_answer_as_an_unknown_one(client, db):
    for code in ("ACC-AAAA-AAAA", "n'importe quoi", "<script>", "ACC-" + "Z" * 300):
        response = client.post(reverse("reception_public:status"), {"code": code})
        assert response.status_code in (200, 400)
        assert "<script>" not in response.content.decode()


def test_the_person_withdraws_consent_online_and_the_referral_forgets_them(
    client, world
):
    reception_world(world)
    reception = reception_for(world)
    referral = referral_for(world, reception, contact="06 99 99 99 99")

    response = client.post(
        reverse("reception_public:status_withdraw"),
        {"code": reception.reference, "referral": referral.pk},
    )

    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.state == "withdrawn" and referral.contact == ""
    assert referral.consent.withdrawn_at is not None
    assert not referral.history.filter(contact="06 99 99 99 99").exists()


def test_a_withdrawal_with_a_code_of_another_referral_changes_nothing(client, world):
    reception_world(world)
    mine = reception_for(world)
    other = referral_for(world)

    response = client.post(
        reverse("reception_public:status_withdraw"),
        {"code": mine.reference, "referral": other.pk},
    )

    assert response.status_code == 400
    assert Referral.objects.get(pk=other.pk).state == "sent"


@override_settings(RATELIMIT_ENABLE=True, SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS="3/h")
def test_guessing_codes_on_the_public_page_is_rate_limited(client, db):
    url = reverse("reception_public:status")
    answers = [
        client.post(url, {"code": f"ACC-AAAA-AAA{n}"}).status_code for n in range(2, 7)
    ]
    assert answers[:3] == [200, 200, 200]
    assert answers[3:] == [429, 429]


@override_settings(RATELIMIT_ENABLE=True, SPRO_RATE_CODE_PER_USER="2/h")
def test_guessing_codes_in_the_extranet_is_rate_limited_per_user(client, world):
    reception_world(world)
    login(client, staff(world, "structure_b"))
    url = reverse("reception:code")
    answers = [
        client.post(url, {"code": f"ACC-BBBB-BBB{n}"}).status_code for n in range(2, 6)
    ]
    assert answers == [200, 200, 429, 429]


def test_the_person_cancels_with_their_code_an_appointment_booked_for_them(
    client, world
):
    from reception.models import Appointment

    from ..factories import slot_for

    reception_world(world)
    reception = reception_for(world)
    slot = slot_for(world, in_days=3)
    referral_for(world, reception, contact_channel="appointment", slot=slot)
    appointment = Appointment.objects.get()
    slot_for(world, in_days=4)  # another one, open to the public
    page = client.post(
        reverse("reception_public:status"), {"code": reception.reference}
    ).content.decode()
    assert "Annuler le rendez-vous" in page
    assert (
        reverse("reception_public:slots", args=[world.structure_b.organisation.slug])
        in page
    )

    other = reception_for(world)
    refused = client.post(
        reverse("reception_public:status_cancel"),
        {"code": other.reference, "appointment": appointment.pk},
    )
    assert refused.status_code == 400
    assert Appointment.objects.get().status == "booked"

    response = client.post(
        reverse("reception_public:status_cancel"),
        {"code": reception.reference, "appointment": appointment.pk},
    )
    assert response.status_code == 200
    assert Appointment.objects.get().status == "cancelled"
    assert "Votre rendez-vous est annulé" in response.content.decode()
