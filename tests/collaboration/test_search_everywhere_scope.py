"""The extranet's search shows only what each concern's own list shows the
user: a practice being written or reviewed is never found by another
structure (nor, here, by its own: the search reads the published list), a
user without a role finds nothing, anonymous visitors are sent to log in,
and a search writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from extranet.models import Role

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import (
    ServiceEntryFactory,
    UserFactory,
    local_actor,
    member,
    practice_in_state,
)

pytestmark = pytest.mark.django_db

URL = "/extranet/recherche/"
WORD = "tremplin"


def found(client, kind: str) -> set[str]:
    response = client.get(URL, {"q": WORD, "type": kind})
    assert response.status_code == 200
    return {row.title for row in response.context["page"].object_list}


@pytest.fixture
def practices(world):
    """One practice of structure A in each state, all naming the word."""
    return {
        state: practice_in_state(world, state, title=f"Le {WORD} {state}").title
        for state in (
            "draft",
            "submitted",
            "regional_review",
            "returned",
            "published",
            "archived",
        )
    }


@pytest.fixture
def entries(world):
    return {
        "private_b": ServiceEntryFactory(
            structure=world.structure_b, title=f"Le {WORD} privé", is_public=False
        ).title,
        "public_a": ServiceEntryFactory(
            structure=world.structure_a, title=f"Le {WORD} public", is_public=True
        ).title,
        "actor_b": local_actor(world.territory_b, title=f"Le {WORD} local").title,
    }


@pytest.mark.parametrize(
    "who",
    ["professional_b", "referent_b", "professional_a", "referent_a", "coordinator"],
)
def test_only_published_practices_are_found_whoever_searches(
    client, world, practices, who
):
    world.professional_b = member(Role.PROFESSIONAL, world.structure_b.organisation)
    login(client, getattr(world, who))
    assert found(client, "pratiques") == {practices["published"]}


def test_the_overview_counts_only_the_published_practice(client, world, practices):
    login(client, world.referent_b)
    response = client.get(URL, {"q": WORD})
    section = next(
        s for s in response.context["sections"] if s.provider.key == "pratiques"
    )
    assert section.count == 1
    page = response.content.decode()
    for state, title in practices.items():
        assert (title in page) == (state == "published")


@pytest.mark.parametrize(
    "who", ["referent_a", "referent_b", "network_head_a", "gref", "government"]
)
def test_every_member_finds_the_shared_map_private_entries_included(
    client, world, entries, who
):
    """The map is shared among SPRO's members (its policy): the search shows
    what its list shows, no more, no less."""
    login(client, getattr(world, who))
    assert found(client, "cartographie") == set(entries.values())


def test_a_user_without_a_role_is_offered_no_kind_and_finds_nothing(
    client, world, entries, practices
):
    login(client, UserFactory())
    response = client.get(URL, {"q": WORD})
    assert response.status_code == 200
    assert response.context["sections"] == []
    assert response.context["form"].fields["type"].choices == [("", "Tout")]
    page = response.content.decode()
    assert "0 résultat pour" in page
    for title in [*entries.values(), *practices.values()]:
        assert title not in page
    # Asking for a kind they are not offered searches nothing either.
    response = client.get(URL, {"q": WORD, "type": "cartographie"})
    assert "page" not in response.context
    assert entries["private_b"] not in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, world, entries):
    for params in ({}, {"q": WORD}, {"q": WORD, "type": "pratiques"}):
        response = client.get(URL, params)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("extranet:login"))


def test_the_search_answers_get_only_and_writes_nothing(
    client, world, entries, practices
):
    login(client, world.referent_b)
    before = database_fingerprint()
    for params in ({"q": WORD}, {"q": WORD, "type": "pratiques"}):
        assert client.get(URL, params).status_code == 200
    assert client.post(URL, {"q": WORD}).status_code == 405
    assert database_fingerprint() == before


def test_resources_are_found_as_the_library_shows_them(client, world):
    from ..factories import resource_document

    resource_document(world, title="Les métiers de la mer, édition 2026")
    resource_document(world, published=False, title="Les métiers de la mer, brouillon")
    login(client, world.professional_a)
    response = client.get("/extranet/recherche/", {"q": "métiers mer"})
    found = {s.provider.key: s for s in response.context["sections"]}["ressources"]
    assert found.count == 1
    assert "édition 2026" in response.text and "brouillon" not in response.text
    login(client, world.gref)
    response = client.get("/extranet/recherche/", {"q": "métiers mer"})
    found = {s.provider.key: s for s in response.context["sections"]}["ressources"]
    assert found.count == 2
