"""From the service map to a referral: a professional who finds the right
structure follows "Accueillir une personne et l'orienter vers cette structure",
records the reception, and lands on the referral form with that structure
chosen. A structure that takes no referrals, the user's own, or a forged id is
simply ignored (the reception is recorded as usual)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reception.models import Reception

from ..conftest import login
from ..factories import ServiceEntryFactory, reception_world

pytestmark = pytest.mark.django_db

RECEPTION = {
    "channel": "face_to_face",
    "mode": "on_the_spot",
    "urgency": "normal",
    "age_band": "16_25",
    "person_status": "job_seeker",
    "questions": ["orientation"],
    "person_label": "Camille",
    "summary": "Veut devenir aide-soignante.",
}


@pytest.fixture
def professional(client, world):
    reception_world(world)
    login(client, world.professional_a)
    return world.professional_a


def test_the_map_links_to_a_reception_that_ends_on_the_referral_form(
    client, world, professional
):
    entry = ServiceEntryFactory(structure=world.structure_b, title="Conseil CEP")
    page = client.get(reverse("servicemap:entry", args=[entry.pk])).text
    link = f"{reverse('reception:reception_new')}?vers={world.structure_b.pk}"
    assert link in page

    form = client.get(link).text
    assert world.structure_b.name in form
    assert f'name="vers" value="{world.structure_b.pk}"' in form

    response = client.post(
        reverse("reception:reception_new"), {**RECEPTION, "vers": world.structure_b.pk}
    )
    reception = Reception.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('reception:referral_new', args=[reception.pk])}"
        f"?to_structure={world.structure_b.pk}"
    )
    referral_form = client.get(response["Location"]).text
    assert f'value="{world.structure_b.pk}" selected' in referral_form


@pytest.mark.parametrize("asked", ["own", "9999999", "abc", "<script>"])
def test_an_unusable_target_is_ignored(client, world, professional, asked):
    vers = world.structure_a.pk if asked == "own" else asked
    assert (
        client.get(reverse("reception:reception_new"), {"vers": vers}).status_code
        == 200
    )
    response = client.post(
        reverse("reception:reception_new"), {**RECEPTION, "vers": vers}
    )
    reception = Reception.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reception.get_absolute_url()
