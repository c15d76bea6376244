"""Every page type: created, published, rendered; its required fields; its place."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.blocks import StructBlockValidationError

from cms.blocks import CallToActionBlock, ImageBlock
from cms.models import (
    ContactPage,
    EventIndexPage,
    EventPage,
    HomePage,
    LegalPage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
)

pytestmark = pytest.mark.django_db

EVERY_PAGE = [
    "home",
    "standard",
    "services",
    "service",
    "agenda",
    "future_event",
    "past_event",
    "news_index",
    "news",
    "resources",
    "resource",
    "contact",
    "legal",
]


@pytest.mark.parametrize("key", EVERY_PAGE)
def test_every_page_type_renders_with_one_h1_and_open_graph_tags(
    client, site_tree, key
):
    page = site_tree[key]
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert f"<h1>{page.title}</h1>".replace("'", "&#x27;") in html
    assert '<meta property="og:locale" content="fr_FR">' in html
    assert '<meta property="og:title"' in html
    assert '<meta property="og:url" content="http://testserver' in html


def test_a_news_item_is_an_open_graph_article(client, site_tree):
    html = client.get(site_tree["news"].url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert (
        '<meta property="og:description" content="L&#x27;annuaire est en ligne.">'
        in html
    )


def test_the_home_page_shows_next_events_latest_news_and_services(client, site_tree):
    response = client.get("/")
    assert list(response.context["next_events"]) == [site_tree["future_event"]]
    assert list(response.context["latest_news"]) == [site_tree["news"]]
    html = response.content.decode()
    assert site_tree["service"].title in html
    assert 'href="/structures/"' in html


def test_the_main_navigation_links_every_section_and_marks_the_current_one(
    client, site_tree
):
    html = client.get(site_tree["future_event"].url).content.decode()
    for url in ["/structures/", "/actualites/", "/nos-services/", "/contact/"]:
        assert f'<a href="{url}">' in html
    assert '<a href="/recherche/">' in html
    assert '<a href="/agenda/" aria-current="page">' in html


def test_the_agenda_lists_upcoming_events_apart_from_past_ones(client, site_tree):
    response = client.get(site_tree["agenda"].url)
    assert list(response.context["upcoming_events"]) == [site_tree["future_event"]]
    assert list(response.context["past_events"]) == [site_tree["past_event"]]


def test_a_service_page_links_to_the_directory_filtered_on_its_service(
    client, site_tree
):
    html = client.get(site_tree["service"].url).content.decode()
    assert 'href="/structures/?service=cep"' in html


def test_a_resource_page_offers_its_document_with_format_and_size(client, site_tree):
    html = client.get(site_tree["resource"].url).content.decode()
    assert site_tree["resource"].document.url in html
    assert "(PDF," in html


def test_contact_channels_are_named_in_words_and_phones_are_links(client, site_tree):
    html = client.get(site_tree["contact"].url).content.decode()
    assert "Téléphone" in html
    assert 'href="tel:0299271010"' in html


@pytest.mark.parametrize(
    ("model", "missing"),
    [
        (EventPage, {"start", "place", "town"}),
        (ServicePage, {"service", "what", "audience"}),
        (ResourcePage, {"document"}),
    ],
)
def test_required_fields_are_refused_when_empty(site_tree, model, missing):
    page = model(title="Sans détails", slug="sans-details")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert missing <= set(error.value.message_dict)


def test_an_event_cannot_end_before_it_starts(site_tree):
    event = site_tree["future_event"]
    event.end = event.start - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "end" in error.value.message_dict


def test_an_image_block_refuses_an_empty_text_alternative():
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Carré", file=ImageFile(buffer, name="carre.png")
    )
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt": "", "caption": ""}))
    assert "alt" in error.value.block_errors
    assert block.clean(block.to_python({"image": image.pk, "alt": "Un carré blanc"}))


def test_a_call_to_action_needs_a_page_or_an_address():
    block = CallToActionBlock()
    value = block.to_python({"title": "Agir", "link_label": "Go", "page": None})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (StandardPage, HomePage, True),
        (StandardPage, StandardPage, True),
        (NewsIndexPage, HomePage, True),
        (NewsPage, NewsIndexPage, True),
        (NewsPage, HomePage, False),
        (EventIndexPage, HomePage, True),
        (EventPage, EventIndexPage, True),
        (EventPage, HomePage, False),
        (EventPage, NewsIndexPage, False),
        (ServicePage, ServiceIndexPage, True),
        (ServicePage, HomePage, False),
        (ResourcePage, ResourceIndexPage, True),
        (ResourcePage, StandardPage, False),
        (ContactPage, HomePage, True),
        (LegalPage, HomePage, True),
        (LegalPage, StandardPage, False),
        (StandardPage, EventPage, False),
    ],
)
def test_page_types_only_go_where_they_belong(child, parent, allowed):
    assert child.is_creatable is True
    assert (parent in child.allowed_parent_page_models()) is allowed


def test_section_indexes_and_the_contact_page_exist_once(site_tree):
    home = site_tree["home"]
    for model in [EventIndexPage, NewsIndexPage, ServiceIndexPage, ContactPage]:
        assert model.can_create_at(home) is False
    assert LegalPage.can_create_at(home) is True


def test_a_draft_page_is_not_shown(client, site_tree):
    draft = EventPage(
        title="Brouillon",
        slug="brouillon",
        start=timezone.now() + timedelta(days=3),
        place="Lieu",
        town="Vannes",
        live=False,
    )
    site_tree["agenda"].add_child(instance=draft)
    assert client.get("/agenda/brouillon/").status_code == 404
    response = client.get(site_tree["agenda"].url)
    assert draft not in list(response.context["upcoming_events"])
