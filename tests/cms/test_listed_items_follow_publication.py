"""Events and news listed on the home page, the agenda and the news are cached
fragments: a publication shows on every list at once."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("item", "lists"),
    [("future_event", ["/", "/agenda/"]), ("news", ["/", "/actualites/"])],
)
def test_a_title_published_shows_on_every_list_at_once(client, site_tree, item, lists):
    page = site_tree[item]
    for url in lists:
        assert page.title in client.get(url).content.decode(), url
    page.title = "Un titre tout neuf"
    page.save_revision().publish()
    for url in lists:
        assert "Un titre tout neuf" in client.get(url).content.decode(), url
