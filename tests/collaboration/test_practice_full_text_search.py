"""Searching good practices: on PostgreSQL a stored French full-text vector
(stems, accents folded, the title weighing most) kept by every write of the
content, and by none of the workflow's moves; on SQLite, every word contained
in a searched field."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from collaboration.models import Practice
from collaboration.practices import services
from collaboration.practices.search import refresh_practice_vectors
from collaboration.practices.selectors import practices_published
from workflows import engine

from ..conftest import is_postgresql
from ..factories import PRACTICE_DATA, PracticeFactory, practice_for, practice_in_state

pytestmark = pytest.mark.django_db


def titles(user, query: str) -> list[str]:
    return [p.title for p in practices_published(user, {"q": query})]


def test_a_published_practice_is_found_by_a_word_of_its_title(world):
    practice = practice_in_state(world, "published", title="Un forum des métiers")
    assert titles(world.referent_b, "forum") == [practice.title]
    assert titles(world.referent_b, "boulangerie") == []


def test_every_word_must_match(world):
    practice_in_state(world, "published", title="Un forum des métiers")
    assert titles(world.referent_b, "forum métiers") == ["Un forum des métiers"]
    assert titles(world.referent_b, "forum boulangerie") == []


def test_results_and_conditions_are_searched(world):
    PracticeFactory(
        structure=world.structure_a,
        title="Un atelier",
        results="Douze apprentissages signés.",
        conditions="Un partenariat avec la chambre des métiers.",
    )
    assert titles(world.referent_b, "apprentissages") == ["Un atelier"]
    assert titles(world.referent_b, "chambre") == ["Un atelier"]


def test_stems_and_accents_are_folded_on_postgresql(world):
    if not is_postgresql():
        pytest.skip("French stemming needs PostgreSQL")
    PracticeFactory(structure=world.structure_a, title="Des entreprises accueillent")
    assert titles(world.referent_b, "entreprise") == ["Des entreprises accueillent"]
    PracticeFactory(structure=world.structure_a, title="La réussite éducative")
    assert titles(world.referent_b, "reussite educative") == ["La réussite éducative"]


def test_the_title_weighs_more_than_the_description_on_postgresql(world):
    if not is_postgresql():
        pytest.skip("ranking needs PostgreSQL")
    PracticeFactory(
        structure=world.structure_a,
        title="Un atelier du mardi",
        description="On y parle de mobilité.",
        published_at="2020-01-01T00:00Z",
    )
    PracticeFactory(structure=world.structure_a, title="La mobilité des jeunes")
    assert titles(world.referent_b, "mobilité") == [
        "La mobilité des jeunes",
        "Un atelier du mardi",
    ]


def test_an_edit_is_found_by_its_new_words_and_no_longer_by_the_old(world):
    practice = practice_for(world, title="Un café métiers")
    practice = services.practice_update(
        user=world.professional_a, practice=practice, data={"title": "Un forum"}
    )
    for name, user in (
        ("submit", world.professional_a),
        ("approve", world.referent_a),
        ("publish", world.coordinator),
    ):
        practice = engine.fire(practice, name, user=user, comment="")
    assert titles(world.referent_b, "forum") == ["Un forum"]
    assert titles(world.referent_b, "café") == []


def test_moving_through_the_workflow_keeps_the_vector(world):
    practice = practice_in_state(world, "published", title="Un forum")
    if is_postgresql():
        assert Practice.objects.get(pk=practice.pk).search_vector
    assert titles(world.referent_b, "forum") == ["Un forum"]


def test_a_refresh_is_one_update_and_nothing_on_sqlite(world):
    practices = [PracticeFactory(structure=world.structure_a) for _ in range(5)]
    Practice.objects.update(search_vector=None)
    with CaptureQueriesContext(connection) as ctx:
        written = refresh_practice_vectors(Practice.objects.all())
    if is_postgresql():
        assert written == len(practices)
        assert len(ctx.captured_queries) == 1
        assert not Practice.objects.filter(search_vector=None).exists()
    else:
        assert written == 0 and not ctx.captured_queries


def test_the_demo_loader_leaves_every_practice_searchable(db):
    from collaboration.practices.demo import load_practices
    from extranet.demo.loader import load_demo

    load_demo()
    load_practices()
    assert Practice.objects.count() == 40
    if is_postgresql():
        assert not Practice.objects.filter(search_vector=None).exists()


def test_the_practice_data_is_found_by_its_context_and_problem(world):
    practice_in_state(world, "published")
    assert titles(world.referent_b, "représentations") == [PRACTICE_DATA["title"]]
