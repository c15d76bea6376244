"""What an editor meets in the Wagtail admin: French everywhere they look, no
request to a third-party avatar service, and no way to publish a page without a
moderator's approval."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from ..conftest import login
from ..factories import UserFactory

pytestmark = pytest.mark.django_db

# English words Wagtail shows when its translation is off or a label of ours is
# missing one; matched as whole words in the visible text.
ENGLISH = re.compile(
    r"\b(Dashboard|Save draft|Publish|Submit to|Add child page|Search|Settings|"
    r"Reports|Help|Edit|Delete|Preview|History|Documents? library|Sign out|"
    r"Account|Welcome|Recent edits|Your pages|Live|Draft|Title|Slug|Comments?)\b"
)


@pytest.fixture
def editor(client, site_tree):
    user = UserFactory(email="katell@example.org", first_name="Katell")
    user.groups.add(Group.objects.get(name="Rédacteurs"))
    login(client, user)
    return user


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def admin_pages(site_tree) -> list[str]:
    news = site_tree["news"]
    return [
        "/admin/",
        f"/admin/pages/{site_tree['home'].pk}/",
        f"/admin/pages/{news.pk}/edit/",
        f"/admin/pages/{site_tree['news_index'].pk}/add_subpage/",
        "/admin/documents/",
        "/admin/images/",
        "/admin/account/",
    ]


def test_every_page_an_editor_opens_is_in_french(client, editor, site_tree):
    for url in admin_pages(site_tree):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="fr"' in html, url
        assert ENGLISH.findall(visible_text(html)) == [], url


def test_no_page_of_the_admin_asks_an_avatar_service(client, editor, site_tree):
    for url in admin_pages(site_tree):
        html = client.get(url, follow=True).content.decode()
        assert "gravatar" not in html.lower(), url


def test_an_editor_cannot_publish_by_posting_the_publish_button(
    client, editor, site_tree
):
    news = site_tree["news"]
    edit = client.get(f"/admin/pages/{news.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in edit

    client.post(
        f"/admin/pages/{news.pk}/edit/",
        {
            "title": "Titre changé sans modération",
            "slug": news.slug,
            "date": news.date.isoformat(),
            "body-count": "0",
            "action-publish": "action-publish",
        },
    )

    news.refresh_from_db()
    # The form was valid: it was kept as a draft, and the live page is unchanged.
    assert news.get_latest_revision().as_object().title == (
        "Titre changé sans modération"
    )
    assert news.title != "Titre changé sans modération"
    public = Client().get(news.url).content.decode()
    assert "sans modération" not in public
