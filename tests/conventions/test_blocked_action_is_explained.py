"""A button that is missing says why: the awaited action whose condition fails."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conventions import services
from conventions.models import ConventionKind

from ..conftest import login

pytestmark = pytest.mark.django_db


def test_a_referent_is_told_why_they_cannot_submit_an_incomplete_convention(
    client, world
):
    convention = services.convention_start(
        user=world.referent_a,
        kind=ConventionKind.STRUCTURE,
        year=2026,
        structure=world.structure_a,
    )
    services.convention_update(
        user=world.referent_a,
        convention=convention,
        data={"structure_engagements": ""},
        seen_updated_at=convention.updated_at.isoformat(),
    )
    login(client, world.referent_a)
    page = client.get(
        reverse("conventions:detail", args=[convention.pk])
    ).content.decode()
    assert "« Soumettre à la tête de réseau » n'est pas encore possible" in page
    assert "les engagements de chaque partie doivent être remplis" in page
    assert 'value="submit"' not in page


def test_the_overview_and_conventions_are_linked_from_my_space(client, world):
    login(client, world.coordinator)
    page = client.get(reverse("extranet:dashboard")).content.decode()
    assert reverse("conventions:overview") in page
    assert reverse("conventions:list") in page
