"""Public site fixtures: a home page served by the default Wagtail site, a tree."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from cms.demo import minimal_pdf
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


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site_home(db) -> HomePage:
    """A published home page, root of the default site (as load_demo makes it)."""
    root = Page.get_first_root_node()
    home = HomePage(title="SPRO Bretagne", slug="accueil", intro="Bienvenue.")
    publish(root, home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


def make_document(title: str = "Perspectives — Numérique"):
    content = ContentFile(minimal_pdf([title]), name="perspectives.pdf")
    return get_document_model().objects.create(title=title, file=content)


@pytest.fixture
def site_tree(site_home):
    """One published page of every type, with a past and a future event."""
    now = timezone.now()
    tree = {"home": site_home}
    tree["standard"] = publish(
        site_home,
        StandardPage(
            title="Le SPRO en Bretagne",
            slug="le-spro",
            body=[{"type": "text", "value": "<p>Des services gratuits.</p>"}],
        ),
    )
    tree["services"] = publish(
        site_home, ServiceIndexPage(title="Nos services", slug="nos-services")
    )
    tree["service"] = publish(
        tree["services"],
        ServicePage(
            title="Le conseil en évolution professionnelle",
            slug="cep",
            service="cep",
            what="<p>Un appui pour évoluer.</p>",
            audience="<p>Les actifs.</p>",
        ),
    )
    tree["agenda"] = publish(site_home, EventIndexPage(title="Agenda", slug="agenda"))
    tree["future_event"] = publish(
        tree["agenda"],
        EventPage(
            title="Espace Orientation tout au long de la vie",
            slug="espace-quimper",
            start=now + timedelta(days=10),
            end=now + timedelta(days=10, hours=6),
            place="Médiathèque",
            town="Quimper",
            intro="Sans rendez-vous.",
        ),
    )
    tree["past_event"] = publish(
        tree["agenda"],
        EventPage(
            title="Réunion VAE passée",
            slug="vae-brest",
            start=now - timedelta(days=10),
            place="Maison de l'emploi",
            town="Brest",
        ),
    )
    tree["news_index"] = publish(
        site_home, NewsIndexPage(title="Actualités", slug="actualites")
    )
    tree["news"] = publish(
        tree["news_index"],
        NewsPage(
            title="Un nouvel annuaire",
            slug="annuaire",
            intro="L'annuaire est en ligne.",
            date=timezone.localdate(),
        ),
    )
    tree["resources"] = publish(
        site_home, ResourceIndexPage(title="Ressources", slug="ressources")
    )
    tree["resource"] = publish(
        tree["resources"],
        ResourcePage(
            title="Perspectives — Numérique",
            slug="perspectives-numerique",
            document=make_document(),
        ),
    )
    tree["contact"] = publish(
        site_home,
        ContactPage(
            title="Contact",
            slug="contact",
            body=[
                {
                    "type": "contact_channels",
                    "value": {
                        "title": "Nous joindre",
                        "channels": [
                            {
                                "kind": "phone",
                                "label": "Standard",
                                "value": "02 99 27 10 10",
                                "hours": "",
                            }
                        ],
                    },
                }
            ],
        ),
    )
    tree["legal"] = publish(
        site_home, LegalPage(title="Mentions légales", slug="mentions-legales")
    )
    return tree


def conventions_in_force() -> None:
    """Every structure so far has its convention in force this year (section 2.2),
    so that the accueil personnalisé et individualisé it declares is published."""
    from datetime import date

    from extranet.models import Structure

    Structure.objects.update(
        convention_valid_until=date(timezone.localdate().year, 12, 31)
    )


def export(client, route: str, **params):
    """Fetch an open-data export (a streamed response) and return its body:
    text for the CSV, the decoded document for JSON."""
    import json

    from django.urls import reverse

    response = client.get(reverse(route), params)
    assert response.status_code == 200, response.status_code
    body = b"".join(response.streaming_content).decode()
    return body if route.endswith("_csv") else json.loads(body)
