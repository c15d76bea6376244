"""The demo site: a complete French tree, built once however often it runs."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cms.demo import (
    DEMO_EDITOR_EMAIL,
    build_demo_site,
)
from cms.models import (
    ContactPage,
    EventPage,
    LegalPage,
    NewsPage,
    ResourcePage,
    ServiceKey,
    ServicePage,
)
from extranet.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--only", "cms", verbosity=0)
    return build_demo_site()


def test_building_the_demo_site_twice_creates_nothing_the_second_time(demo):
    count = Page.objects.count()
    build_demo_site()
    assert Page.objects.count() == count


def test_the_demo_site_holds_every_page_type(demo, client):
    assert set(ServicePage.objects.values_list("service", flat=True)) == set(
        ServiceKey.values
    )
    assert ContactPage.objects.live().count() == 1
    assert set(LegalPage.objects.values_list("slug", flat=True)) == {
        "mentions-legales",
        "accessibilite",
        "donnees-personnelles",
    }
    assert NewsPage.objects.live().count() >= 3
    assert ResourcePage.objects.live().count() >= 2
    now = demo.last_published_at
    assert EventPage.objects.upcoming(now).exists()
    assert EventPage.objects.past(now).exists()
    for page in Page.objects.live().filter(depth__gte=2).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_the_demo_editor_is_in_both_editorial_groups(demo):
    editor = User.objects.get(email=DEMO_EDITOR_EMAIL)
    assert set(editor.groups.values_list("name", flat=True)) >= {
        "Rédacteurs",
        "Modérateurs",
    }


def test_the_personal_data_page_says_there_is_no_tracker(demo, client):
    html = client.get("/donnees-personnelles/").content.decode()
    assert "aucun traceur" in html
