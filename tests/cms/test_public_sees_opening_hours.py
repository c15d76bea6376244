"""The public sees whether a structure is open now, its week and what differs
soon; the open data carries the hours in OpenStreetMap's format; a cached page
never says "open" after closing time."""

from __future__ import annotations

import datetime as dt

import opening_hours
import pytest
from data_inclusion.schema import v1 as di
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from extranet.models import OpeningException

from ..factories import StructureFactory
from .conftest import export

pytestmark = pytest.mark.django_db

ALL_DAY = [[day, "00:00", "23:59"] for day in range(7)]


def detail(client, structure):
    return client.get(reverse("directory:detail", args=[structure.organisation.slug]))


def test_the_structure_page_shows_the_week_and_the_status(client):
    structure = StructureFactory(
        weekly_hours=ALL_DAY, closed_on_public_holidays=False, hours_note=""
    )
    content = detail(client, structure).content.decode()
    assert "Ouvert maintenant · ferme à 23 h 59" in content
    assert '<th scope="row">Lundi' in content
    assert "0 h – 23 h 59" in content
    assert "Fermé les jours fériés" not in content


def test_a_closure_today_is_said_with_its_reason_and_the_next_opening(client):
    today = timezone.localdate()
    structure = StructureFactory(weekly_hours=ALL_DAY, closed_on_public_holidays=False)
    OpeningException.objects.create(
        structure=structure,
        starts=today,
        ends=today + dt.timedelta(days=1),
        label="Déménagement",
    )
    content = detail(client, structure).content.decode()
    after = (today + dt.timedelta(days=2)).strftime("%A")
    days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    weekday = days[(today + dt.timedelta(days=2)).weekday()]
    assert f"Fermé maintenant · ouvre {weekday} à 0 h" in content, after
    assert "(aujourd'hui : Déménagement)" in content
    assert "Déménagement" in content


def test_a_structure_without_a_week_claims_nothing_and_shows_its_note(client):
    structure = StructureFactory(weekly_hours=[], hours_note="Sur rendez-vous.")
    content = detail(client, structure).content.decode()
    assert "maintenant" not in content
    assert "Sur rendez-vous." in content


def test_directory_cards_say_open_or_closed_without_a_query_per_card(
    client, django_assert_max_num_queries
):
    for _ in range(3):
        StructureFactory(weekly_hours=ALL_DAY, closed_on_public_holidays=False)
    with django_assert_max_num_queries(8):
        content = client.get(reverse("directory:list")).content.decode()
    assert content.count("Ouvert maintenant") == 3


def test_a_cached_page_lives_no_longer_than_what_it_says(client, settings):
    settings.SPRO_PUBLIC_CACHE_SECONDS = 600
    cache.clear()
    now = timezone.localtime()
    closes = now + dt.timedelta(minutes=3)
    if closes.date() != now.date():
        pytest.skip("too close to midnight for a slot ending in three minutes")
    start = (now - dt.timedelta(hours=1)).time() if now.hour else dt.time(0)
    structure = StructureFactory(
        weekly_hours=[
            [now.weekday(), start.strftime("%H:%M"), closes.strftime("%H:%M")]
        ],
        closed_on_public_holidays=False,
    )
    key_timeouts = []
    original_set = cache.set

    def spy(key, value, timeout=None, *args, **kwargs):
        key_timeouts.append(timeout)
        return original_set(key, value, timeout, *args, **kwargs)

    cache.set = spy
    try:
        assert detail(client, structure)["X-Cache"] == "MISS"
    finally:
        cache.set = original_set
        cache.clear()
    assert key_timeouts and 0 < key_timeouts[-1] <= 180


def test_the_exports_carry_the_hours_in_openstreetmap_format(client):
    structure = StructureFactory(
        weekly_hours=[[0, "09:00", "12:00"], [1, "09:00", "12:00"]],
        acceslibre_url="https://acceslibre.beta.gouv.fr/app/56-lorient/a/administration-publique/erp/mission-locale/",
    )
    OpeningException.objects.create(
        structure=structure,
        starts=timezone.localdate() + dt.timedelta(days=5),
        ends=timezone.localdate() + dt.timedelta(days=6),
    )

    record = export(client, "directory:data_inclusion_structures")[0]
    di.Structure.model_validate(record)
    assert record["horaires_accueil"].startswith("Mo-Tu 09:00-12:00; PH off; ")
    assert record["horaires_accueil"].endswith(" off")
    opening_hours.OpeningHours(record["horaires_accueil"])  # a valid text
    assert record["accessibilite_lieu"].startswith("https://acceslibre.beta.gouv.fr/")
    services = export(client, "directory:data_inclusion_services")
    assert {s["horaires_accueil"] for s in services} == {record["horaires_accueil"]}

    row = export(client, "directory:open_data_json")["structures"][0]
    assert row["horaires"] == record["horaires_accueil"]
    assert row["acceslibre"] == structure.acceslibre_url


def test_only_an_acceslibre_page_is_taken_as_the_accessibility_link():
    from django.core.exceptions import ValidationError

    from extranet.models.organisations import validate_acceslibre_url

    validate_acceslibre_url("https://acceslibre.beta.gouv.fr/app/erp/x/")
    for wrong in (
        "http://acceslibre.beta.gouv.fr/app/",
        "https://acceslibre.beta.gouv.fr.evil.example/",
        "https://example.org/acceslibre.beta.gouv.fr",
    ):
        with pytest.raises(ValidationError):
            validate_acceslibre_url(wrong)
