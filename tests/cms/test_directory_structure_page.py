"""Each published structure has its public page, with every way to reach it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..factories import StructureFactory

pytestmark = pytest.mark.django_db


def test_the_structure_page_shows_its_card(client, world):
    structure = StructureFactory(
        organisation__name="Mission locale du Pays de Brest",
        phone="02 98 00 00 00",
        email="accueil@ml-brest.example",
        chat_url="https://chat.example/brest",
        channel_chat=True,
        visio_url="https://visio.example/brest",
        appointment_info="Sur rendez-vous le mercredi.",
        accessibility_notes="Boucle magnétique à l'accueil.",
        wheelchair_accessible=True,
        network=world.network_a,
        territory=world.territory_b,
        postcode="29200",
        city="Brest",
    )
    response = client.get(
        reverse("directory:detail", args=[structure.organisation.slug])
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1
    assert 'href="tel:+33298000000"' in body
    assert 'href="mailto:accueil@ml-brest.example"' in body
    assert 'href="https://chat.example/brest"' in body
    assert 'href="https://visio.example/brest"' in body
    assert "Sur rendez-vous le mercredi." in body
    assert "Boucle magnétique" in body
    assert "Accessible en fauteuil roulant." in body
    assert "Conseil en évolution professionnelle (CEP)" in body
    assert "Missions locales" in body and "Brest" in body
    assert "Fiche vérifiée le" in body


def test_a_card_never_checked_says_so(client, db):
    structure = StructureFactory(card_checked_at=None)
    response = client.get(
        reverse("directory:detail", args=[structure.organisation.slug])
    )
    assert "Fiche pas encore vérifiée" in response.content.decode()
