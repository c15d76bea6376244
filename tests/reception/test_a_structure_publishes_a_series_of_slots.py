"""A structure's staff publish a series of consecutive slots; a series in the
past, overlapping a live slot, too long, for a service the structure does not
deliver, or for another structure is refused in French and writes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reception import appointments
from reception.models import Slot

from ..conftest import login
from ..factories import reception_world, series_data, slot_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world_b(world):
    return reception_world(world)


def test_a_series_gives_consecutive_slots_with_their_booking_window(world_b):
    created = appointments.slot_series_create(
        user=world_b.referent_b, **series_data(world_b)
    )
    assert len(created) == 3
    first, second, third = created
    assert second.starts_at == first.ends_at
    assert third.ends_at - first.starts_at == datetime.timedelta(minutes=135)
    assert timezone.localtime(first.starts_at).time() == datetime.time(9, 0)
    assert first.books_from == first.starts_at - datetime.timedelta(days=30)
    assert first.books_until == first.starts_at - datetime.timedelta(hours=4)
    assert first.created_by == world_b.referent_b
    assert first.history.get().history_user == world_b.referent_b


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"in_days": -1}, "déjà passé"),
        ({"count": 41}, "entre 1 et 40"),
        ({"service": "vae"}, "ne propose pas ce service"),
        ({"opens_days_before": 1, "closes_hours_before": 30}, "fermer après"),
        ({"first_start": datetime.time(23, 0), "count": 3}, "minuit"),
    ],
)
def test_a_wrong_series_is_refused_in_french_and_writes_nothing(
    world_b, fields, message
):
    with pytest.raises(ValidationError) as error:
        appointments.slot_series_create(
            user=world_b.referent_b, **series_data(world_b, **fields)
        )
    assert message in " ".join(error.value.messages)
    assert not Slot.objects.exists()


def test_a_series_overlapping_a_live_slot_is_refused(world_b):
    day = timezone.localdate() + datetime.timedelta(days=7)
    slot_for(world_b, in_days=7, hour=10)
    with pytest.raises(ValidationError, match="chevauchent"):
        appointments.slot_series_create(
            user=world_b.referent_b, **series_data(world_b, day=day)
        )
    assert Slot.objects.count() == 1


def test_a_cancelled_slot_does_not_block_a_new_series(world_b):
    old = slot_for(world_b, in_days=7, hour=10)
    appointments.slot_cancel(user=world_b.referent_b, slot=old)
    created = appointments.slot_series_create(
        user=world_b.referent_b, **series_data(world_b)
    )
    assert len(created) == 3


def test_staff_of_another_structure_cannot_publish_for_it(world_b):
    with pytest.raises(ValidationError, match="votre structure"):
        appointments.slot_series_create(user=world_b.referent_a, **series_data(world_b))
    assert not Slot.objects.exists()


def form_data(world, **fields) -> dict:
    data = series_data(world, **fields)
    data.pop("structure")
    return {k: str(v) for k, v in data.items()}


def test_the_form_publishes_and_shows_the_agenda_of_that_day(client, world_b):
    login(client, world_b.referent_b)
    assert client.get(reverse("reception:slot_new")).status_code == 200
    response = client.post(reverse("reception:slot_new"), form_data(world_b))
    assert response.status_code == 302
    assert Slot.objects.count() == 3
    agenda = client.get(response["Location"])
    assert agenda.status_code == 200
    assert agenda.content.decode().count("Réserver pour une personne") == 3


def test_the_form_answers_400_with_what_was_typed_and_writes_nothing(client, world_b):
    login(client, world_b.referent_b)
    data = form_data(world_b, in_days=-2, place="Salle bleue")
    response = client.post(reverse("reception:slot_new"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "déjà passé" in page
    assert 'value="Salle bleue"' in page
    assert not Slot.objects.exists()
    response = client.post(reverse("reception:slot_new"), {**data, "count": "x"})
    assert response.status_code == 400
