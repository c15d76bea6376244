"""The practices' pages: bad input answered in French with nothing lost,
text always shown escaped, and pages that do not grow in queries with the
number of practices or marks."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from collaboration.models import Practice
from collaboration.practices import services

from ..conftest import login
from ..factories import PRACTICE_DATA, member, practice_for, practice_in_state

SCRIPT = '<script>alert("pratique")</script>'


@pytest.mark.parametrize(
    "field", ["title", "context", "problem", "description", "results", "contacts"]
)
def test_markup_is_refused_in_french_and_nothing_typed_is_lost(client, world, field):
    login(client, world.professional_a)
    typed = f"Notre atelier du mardi {SCRIPT}"
    data = {**PRACTICE_DATA, "structure": world.structure_a.pk, field: typed}

    response = client.post(reverse("practices:new"), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "ne doit pas contenir de balises HTML" in page
    assert SCRIPT not in page  # shown escaped, never run
    assert html.escape(typed) in page or html.escape(typed, quote=False) in page
    other = "results" if field != "results" else "context"
    assert PRACTICE_DATA[other] in html.unescape(page)
    assert not Practice.objects.exists()


def test_text_is_shown_escaped_with_its_line_breaks(client, world):
    practice = practice_for(
        world, description="Étape 1 : 3 < 5 & c\nÉtape 2 : on recommence"
    )
    login(client, world.professional_a)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "3 &lt; 5 &amp; c<br>Étape 2" in page


def test_too_long_and_missing_fields_are_explained(client, world):
    login(client, world.professional_a)
    data = {**PRACTICE_DATA, "structure": world.structure_a.pk, "title": "x" * 500}
    data.pop("description")
    response = client.post(reverse("practices:new"), data)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "160 caractères" in page
    assert "Le formulaire contient 2 erreurs." in page
    assert 'id="id_description_error"' in page


@pytest.mark.parametrize(
    "query",
    [
        "?theme=%3Cscript%3E&public=nope",
        "?territoire=abc&reseau=99999999999999999999",
        "?q=" + "x" * 500,
        "?page=zz&q=%00%ff",
        "?reseau=-1&territoire=0&etat=published",
    ],
)
def test_any_query_string_is_tolerated(client, world, query):
    practice_in_state(world, "published")
    login(client, world.referent_b)
    for name in ("practices:list", "practices:mine"):
        response = client.get(reverse(name) + query)
        assert response.status_code == 200
        assert "<script>" not in response.content.decode()


def test_a_transition_without_its_comment_is_explained_and_changes_nothing(
    client, world
):
    practice = practice_in_state(world, "submitted")
    login(client, world.referent_a)
    response = client.post(
        reverse("practices:transition", args=[practice.pk]),
        {"transition": "return", "expected_state": "submitted", "comment": ""},
        follow=True,
    )
    assert "Indiquez un commentaire" in html.unescape(response.content.decode())
    practice.refresh_from_db()
    assert practice.state == "submitted"


def test_a_stale_page_changes_nothing(client, world):
    practice = practice_in_state(world, "regional_review")
    login(client, world.referent_a)
    response = client.post(
        reverse("practices:transition", args=[practice.pk]),
        {"transition": "approve", "expected_state": "submitted"},
        follow=True,
    )
    assert "a changé depuis l'affichage" in html.unescape(response.content.decode())
    assert Practice.objects.get(pk=practice.pk).state == "regional_review"


# Pages do not grow ---------------------------------------------------------------


def _published(world, count: int) -> None:
    for i in range(count):
        practice = practice_in_state(world, "published", title=f"Pratique {i}")
        services.practice_mark_useful(user=world.government, practice=practice)
        services.practice_mark_reused(user=world.referent_b, practice=practice)
        if i % 3 == 0:
            services.practice_feature(
                user=world.coordinator, practice=practice, featured=True
            )


def _queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_the_list_does_not_grow_with_the_practices(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, world.referent_b)
    url = reverse("practices:list")
    _published(world, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _published(world, 12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) <= len(few)
    _queries(client, url, django_assert_max_num_queries, 25)


def test_a_practice_page_does_not_grow_with_its_marks(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    practice = practice_in_state(world, "published")
    login(client, world.referent_b)
    url = practice.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _i in range(15):
        user = member("professional", world.structure_a2.organisation)
        services.practice_mark_useful(user=user, practice=practice)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) <= len(few)
    _queries(client, url, django_assert_max_num_queries, 30)


def test_my_structures_list_does_not_grow(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, world.professional_a)
    url = reverse("practices:mine")
    practice_for(world)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for state in ("submitted", "returned", "published", "archived") * 3:
        practice_in_state(world, state)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) <= len(few)
    _queries(client, url, django_assert_max_num_queries, 25)
