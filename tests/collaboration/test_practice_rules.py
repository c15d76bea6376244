"""The rules of good practices, proved on the services and the pages: who
writes and edits what, when; what is never shown outside its scope; marks
counted once; the Région's "à la une"; every change in the history."""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from collaboration.models import Practice, PracticeReuse, PracticeUseful
from collaboration.practices import services
from collaboration.practices.policy import practice_policy
from workflows import engine

from ..conftest import login
from ..factories import PRACTICE_DATA, practice_for, practice_in_state, staff

SECRET = "Atelier confidentiel zéphyr"


def test_a_professional_writes_only_for_their_structure(world):
    with pytest.raises(PermissionDenied):
        services.practice_create(
            user=world.professional_a, structure=world.structure_b, data=PRACTICE_DATA
        )
    with pytest.raises(PermissionDenied):
        services.practice_create(
            user=world.network_head_a, structure=world.structure_a, data=PRACTICE_DATA
        )
    assert Practice.objects.count() == 0


def test_a_professional_edits_only_their_structures_practices(world):
    practice = practice_for(world)
    colleague = staff(world, "structure_a")
    services.practice_update(user=colleague, practice=practice, data={"title": "A"})
    for user in (staff(world, "structure_b"), world.referent_b, world.coordinator):
        with pytest.raises(PermissionDenied):
            services.practice_update(user=user, practice=practice, data={"title": "B"})
    practice.refresh_from_db()
    assert practice.title == "A"


@pytest.mark.parametrize(
    "state", ["submitted", "regional_review", "published", "archived"]
)
def test_the_author_edits_in_draft_and_returned_only(world, state):
    practice = practice_in_state(world, state)
    with pytest.raises(PermissionDenied) as refused:
        services.practice_update(
            user=world.professional_a, practice=practice, data={"title": "Changé"}
        )
    assert "modifié" in str(refused.value) or "modifier" in str(refused.value)
    returned = practice_in_state(world, "returned")
    services.practice_update(
        user=world.professional_a, practice=returned, data={"title": "Repris"}
    )
    returned.refresh_from_db()
    assert returned.title == "Repris"


@pytest.mark.parametrize(
    ("state", "region_sees"),
    [
        ("draft", False),
        ("submitted", True),
        ("regional_review", True),
        ("returned", True),
        ("archived", True),
    ],
)
def test_an_unpublished_practice_is_never_shown_outside_its_scope(
    client, world, state, region_sees
):
    practice = practice_in_state(world, state, title=SECRET)
    outsiders = [
        world.referent_b,
        staff(world, "structure_a2"),
        world.network_head_a,
        world.territorial_officer_a,
        world.government,
    ]
    for user in outsiders:
        assert not practice_policy.visible(user, "view").filter(pk=practice.pk)
        login(client, user)
        for url in (
            reverse("practices:list"),
            reverse("practices:list") + "?q=zéphyr",
            reverse("practices:mine"),
        ):
            assert SECRET not in client.get(url).content.decode()
        assert client.get(practice.get_absolute_url()).status_code == 404
    login(client, world.coordinator)
    status = client.get(practice.get_absolute_url()).status_code
    assert status == (200 if region_sees else 404)
    login(client, world.professional_a)
    assert SECRET in client.get(reverse("practices:mine")).content.decode()


def test_a_published_practice_is_found_by_keyword_and_filters(client, world):
    practice_in_state(world, "published", title=SECRET, theme="digital")
    login(client, world.referent_b)
    base = reverse("practices:list")
    assert SECRET in client.get(base + "?q=zéphyr").content.decode()
    assert SECRET in client.get(base + "?theme=digital").content.decode()
    assert SECRET not in client.get(base + "?theme=equality").content.decode()
    assert SECRET not in client.get(base + "?q=introuvable").content.decode()
    territory = world.territory_a.pk
    assert SECRET in client.get(f"{base}?territoire={territory}").content.decode()
    network = world.network_b.pk
    assert SECRET not in client.get(f"{base}?reseau={network}").content.decode()


def test_useful_is_marked_once_per_person(world):
    practice = practice_in_state(world, "published")
    services.practice_mark_useful(user=world.referent_b, practice=practice)
    with pytest.raises(ValidationError) as refused:
        services.practice_mark_useful(user=world.referent_b, practice=practice)
    assert "déjà indiqué" in refused.value.messages[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeUseful.objects.create(practice=practice, user=world.referent_b)
    services.practice_mark_useful(user=world.government, practice=practice)
    assert Practice.objects.with_marks().get(pk=practice.pk).useful_count == 2


def test_a_second_useful_says_so_in_french_on_the_page(client, world):
    practice = practice_in_state(world, "published")
    login(client, world.referent_b)
    url = reverse("practices:useful", args=[practice.pk])
    client.post(url)
    page = client.post(url, follow=True).content.decode()
    assert "déjà indiqué que cette pratique vous est utile" in page
    assert PracticeUseful.objects.filter(practice=practice).count() == 1


def test_reuse_is_counted_once_per_structure_and_shown(client, world):
    practice = practice_in_state(world, "published")
    services.practice_mark_reused(user=world.referent_b, practice=practice)
    with pytest.raises(ValidationError) as refused:
        services.practice_mark_reused(
            user=staff(world, "structure_b"), practice=practice
        )
    assert "déjà indiqué" in refused.value.messages[0]
    services.practice_mark_reused(user=staff(world, "structure_a2"), practice=practice)
    with pytest.raises(PermissionDenied):
        services.practice_mark_reused(user=world.professional_a, practice=practice)
    with pytest.raises(PermissionDenied):
        services.practice_mark_reused(user=world.network_head_a, practice=practice)
    assert PracticeReuse.objects.filter(practice=practice).count() == 2
    login(client, world.government)
    page = html.unescape(client.get(practice.get_absolute_url()).content.decode())
    assert "2 structures l'ont reprise" in page


def test_an_unpublished_practice_takes_no_mark(world):
    practice = practice_in_state(world, "regional_review")
    with pytest.raises(PermissionDenied):
        services.practice_mark_useful(user=world.coordinator, practice=practice)
    with pytest.raises(PermissionDenied):
        services.practice_mark_reused(user=world.referent_b, practice=practice)


def test_only_the_region_features_a_published_practice(client, world):
    practice = practice_in_state(world, "published", title=SECRET)
    for user in (world.gref, world.referent_a, world.network_head_a):
        with pytest.raises(PermissionDenied):
            services.practice_feature(user=user, practice=practice, featured=True)
    services.practice_feature(user=world.coordinator, practice=practice, featured=True)
    login(client, world.referent_b)
    page = client.get(reverse("practices:list")).content.decode()
    featured = page.split('id="a-la-une"')[1].split("</section>")[0]
    assert SECRET in featured
    draft = practice_in_state(world, "regional_review")
    with pytest.raises(PermissionDenied):
        services.practice_feature(user=world.coordinator, practice=draft, featured=True)


def test_every_change_is_in_the_history(world):
    practice = practice_for(world)
    services.practice_update(
        user=world.professional_a, practice=practice, data={"title": "Nouveau titre"}
    )
    practice = engine.fire(practice, "submit", user=world.professional_a)
    practice = engine.fire(practice, "approve", user=world.referent_a)
    practice = engine.fire(practice, "publish", user=world.coordinator)
    services.practice_feature(user=world.coordinator, practice=practice, featured=True)
    rows = list(practice.history.order_by("history_date", "history_id"))
    users = [row.history_user for row in rows]
    assert users[:2] == [world.professional_a, world.professional_a]
    assert world.referent_a in users and world.coordinator in users
    assert [r.title for r in rows][:2] == [PRACTICE_DATA["title"], "Nouveau titre"]
    assert rows[-1].featured
    assert [log.transition for log in engine.history(practice)] == [
        "submit",
        "approve",
        "publish",
    ]


def test_a_hidden_state_or_structure_posted_is_ignored(client, world):
    practice = practice_for(world)
    login(client, world.professional_a)
    data = {
        **PRACTICE_DATA,
        "territory": world.territory_a.pk,
        "state": "published",
        "structure": world.structure_b.pk,
        "featured": "on",
    }
    response = client.post(reverse("practices:edit", args=[practice.pk]), data)
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.state, practice.structure, practice.featured) == (
        "draft",
        world.structure_a,
        False,
    )


def test_the_new_practice_page_writes_a_draft_for_ones_structure(client, world):
    login(client, world.professional_a)
    assert client.get(reverse("practices:new")).status_code == 200
    response = client.post(
        reverse("practices:new"),
        {**PRACTICE_DATA, "structure": world.structure_b.pk},
    )
    assert response.status_code == 400  # not one of the user's structures
    response = client.post(
        reverse("practices:new"),
        {**PRACTICE_DATA, "structure": world.structure_a.pk},
    )
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert (practice.structure, practice.state, practice.territory) == (
        world.structure_a,
        "draft",
        world.territory_a,
    )
    login(client, world.network_head_a)
    assert client.get(reverse("practices:new")).status_code == 403


def test_a_practice_waits_in_the_to_do_of_whoever_moves_it_next(client, world):
    submitted = practice_in_state(world, "submitted", title="Attend le référent")
    review = practice_in_state(world, "regional_review", title="Attend la Région")
    login(client, world.referent_a)
    page = client.get(reverse("extranet:dashboard")).content.decode()
    assert submitted.title in page and review.title not in page
    for moderator in (world.coordinator, world.gref):
        login(client, moderator)
        page = client.get(reverse("extranet:dashboard")).content.decode()
        assert review.title in page and submitted.title not in page
    login(client, world.referent_b)
    page = client.get(reverse("extranet:dashboard")).content.decode()
    assert submitted.title not in page and review.title not in page
