"""A structure sees only its own receptions and the referrals sent to or by
it, and the receiving structure reads nothing the person did not agree to
share (lists and pages follow the same rule as the policy)."""

from __future__ import annotations

from django.urls import reverse

from ..conftest import login
from ..factories import reception_for, reception_world, referral_for, staff


def test_the_reception_list_shows_only_the_structures_own(client, world):
    reception_world(world)
    mine = reception_for(world, person_label="Alix")
    theirs = reception_for(world, user=world.referent_b, person_label="Bérénice")
    login(client, world.professional_a)

    page = client.get(reverse("reception:receptions")).content.decode()

    assert reverse("reception:reception", args=[mine.pk]) in page
    assert reverse("reception:reception", args=[theirs.pk]) not in page
    assert "Bérénice" not in page


def test_the_inbox_lists_what_was_sent_to_the_structure_and_the_sent_box_what_it_sent(
    client, world
):
    reception_world(world)
    to_b = referral_for(world)  # A → B
    a2_staff = staff(world, "structure_a2")
    a2_to_a = referral_for(
        world,
        reception_for(world, user=a2_staff),
        user=a2_staff,
        to=world.structure_a,
    )
    login(client, world.referent_b)

    inbox = client.get(reverse("reception:referrals")).content.decode()
    sent = client.get(reverse("reception:referrals") + "?boite=sent").content.decode()

    assert reverse("reception:referral", args=[to_b.pk]) in inbox
    assert reverse("reception:referral", args=[a2_to_a.pk]) not in inbox
    assert reverse("reception:referral", args=[to_b.pk]) not in sent
    login(client, world.professional_a)
    inbox = client.get(reverse("reception:referrals")).content.decode()
    sent = client.get(reverse("reception:referrals") + "?boite=sent").content.decode()
    assert reverse("reception:referral", args=[a2_to_a.pk]) in inbox
    assert reverse("reception:referral", args=[to_b.pk]) in sent


def test_the_inbox_puts_the_most_urgent_first(client, world):
    reception_world(world)
    calm = referral_for(world, reception_for(world, urgency="normal"))
    urgent = referral_for(world, reception_for(world, urgency="urgent"))
    login(client, world.referent_b)

    page = client.get(reverse("reception:referrals")).content.decode()

    first = page.index(reverse("reception:referral", args=[urgent.pk]))
    assert first < page.index(reverse("reception:referral", args=[calm.pk]))
    assert "30 jours" in page or "29 jours" in page


def test_the_receiver_reads_only_what_the_person_agreed_to_share(client, world):
    reception_world(world)
    reception = reception_for(
        world,
        person_label="Dominique",
        contact="dominique@exemple.fr",
        summary="Parcours de soignante à reprendre, SECRET-DU-POINT.",
        age_band="45_54",
        share_summary=True,
    )
    referral = referral_for(
        world,
        reception,
        share_situation=False,
        share_summary=False,
        person_label="",
        contact="07 00 00 00 01",
        request="Un conseil VAE.",
    )
    login(client, world.referent_b)

    page = client.get(
        reverse("reception:referral", args=[referral.pk])
    ).content.decode()

    assert "Un conseil VAE." in page and "07 00 00 00 01" in page
    assert "SECRET-DU-POINT" not in page
    assert "45 à 54 ans" not in page
    assert "dominique@exemple.fr" not in page and "Dominique" not in page
    # Nor the reception itself.
    url = reverse("reception:reception", args=[reception.pk])
    assert client.get(url).status_code == 404


def test_the_receiver_reads_the_point_de_situation_when_the_person_shares_it(
    client, world
):
    reception_world(world)
    reception = reception_for(world, summary="Parcours PARTAGE-OK.")
    referral = referral_for(world, reception, share_summary=True, share_situation=True)
    login(client, world.referent_b)

    page = client.get(
        reverse("reception:referral", args=[referral.pk])
    ).content.decode()

    assert "PARTAGE-OK" in page and "16 à 25 ans" in page
