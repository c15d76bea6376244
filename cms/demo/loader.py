"""Build the demo public site under the home page, idempotently.

Like ``extranet.demo.loader``, every page is looked up by its slug under its
parent first and only created (and published) when missing: a second run adds
nothing and leaves the editors' changes alone. Event dates are computed from
today when an event is created, so a fresh demo always has past and coming
events. The words of every page come from ``texts.py``; this module only decides
where each page goes and how it is made.
"""

from __future__ import annotations

from datetime import (
    date,
    datetime,
    time,
    timedelta,
)

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)
from wagtail.utils.file import hash_filelike

import cms.demo.texts as texts
from extranet.models import (
    Territory,
    User,
)

from ..models import (
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

# Names given by migration 0003 (editorial groups and workflow) and the demo
# account of ``extranet/demo/accounts.csv`` that edits the site.
EDITORS_GROUP = "Rédacteurs"
MODERATORS_GROUP = "Modérateurs"
WORKFLOW_NAME = "Validation par un modérateur"
DEMO_EDITOR_EMAIL = "redaction@spro-demo.bzh"


# Minimal PDF -----------------------------------------------------------------------


def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF 1.4 showing ``lines`` in Helvetica (Latin-1 text)."""
    text = ["BT", "/F1 12 Tf", "16 TL", "56 780 Td"]
    for line in lines:
        text.append(f"({_pdf_escape(line)}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# Helpers ---------------------------------------------------------------------------


def _text(html: str) -> dict:
    return {"type": "text", "value": html}


def _child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    """The child of ``parent`` at ``slug``, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _territory(name: str) -> Territory | None:
    return Territory.objects.filter(name__icontains=name).first()


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


# Builders --------------------------------------------------------------------------


def _services(index: ServiceIndexPage) -> None:
    for key, slug, title, intro, what, audience in texts.SERVICES:
        _child(
            index,
            ServicePage,
            slug,
            title=title,
            intro=intro,
            service=key,
            what=what,
            audience=audience,
            where=texts.SERVICE_WHERE,
        )


def _events(agenda: EventIndexPage, today: date) -> None:
    for spec in texts.EVENTS:
        day = today + timedelta(days=spec.days_from_today)
        start = _at(day, spec.start_hour)
        end_day = day + timedelta(days=spec.span_days)
        end = _at(end_day, spec.start_hour + spec.duration_hours)
        registration = texts.EVENT_REGISTRATION if spec.registration_url else ""
        _child(
            agenda,
            EventPage,
            spec.slug,
            title=spec.title,
            intro=spec.intro,
            kind=spec.kind,
            start=start,
            end=end,
            place=spec.place,
            town=spec.town,
            territory=_territory(spec.territory),
            audience=spec.audience,
            registration_url=spec.registration_url,
            body=[
                _text(
                    texts.EVENT_BODY.format(intro=spec.intro, registration=registration)
                )
            ],
        )


def _news(index: NewsIndexPage, today: date) -> None:
    for slug, title, days_ago, intro, body in texts.NEWS:
        _child(
            index,
            NewsPage,
            slug,
            title=title,
            intro=intro,
            date=today - timedelta(days=days_ago),
            body=[_text(body)],
        )


def _resources(index: ResourceIndexPage) -> None:
    Document = get_document_model()
    for slug, title, intro, lines in texts.RESOURCES:
        if index.get_children().filter(slug=slug).exists():
            continue
        document = Document.objects.filter(title=title).first()
        if document is None:
            content = ContentFile(minimal_pdf(lines), name=f"{slug}.pdf")
            document = Document(title=title, file=content)
            # Size and hash stored now, so that no page view has to write them.
            document.file_size = content.size
            document.file_hash = hash_filelike(content)
            document.save()
        _child(
            index,
            ResourcePage,
            slug,
            title=title,
            intro=intro,
            document=document,
            body=[_text(texts.RESOURCE_BODY.format(intro=intro))],
        )


def _legal_pages(home: HomePage, today: date) -> None:
    for slug, title, html in texts.LEGAL:
        _child(
            home,
            LegalPage,
            slug,
            title=title,
            last_reviewed=today,
            body=[_text(html)],
        )


def _editorial_roles(home: HomePage) -> None:
    """The workflow pinned on the home page; the demo editor in both groups."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    editor = User.objects.filter(email=DEMO_EDITOR_EMAIL).first()
    if editor is not None:
        editor.groups.add(
            *Group.objects.filter(name__in=[EDITORS_GROUP, MODERATORS_GROUP])
        )


# Home page and site ------------------------------------------------------------------


def ensure_home_page() -> HomePage:
    """The public home page, created and published if missing, served by the
    default site on ``localhost`` (Wagtail's "Welcome" page is then removed).

    Also recreates what Wagtail's migrations create (the page tree's root, the
    root collection, the default locale) when a database was emptied
    (``flush``), so the demo can always be rebuilt.
    """
    home = HomePage.objects.first()
    if home is not None:
        return home
    if not Locale.objects.exists():
        Locale.objects.create(language_code="fr")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    home = HomePage(
        title=texts.HOME_TITLE,
        slug=texts.HOME_SLUG,
        intro=texts.HOME_INTRO,
        body=texts.HOME_BODY,
    )
    root.add_child(instance=home)
    home.save_revision().publish()

    site = (
        Site.objects.filter(hostname="localhost", port=80).first()
        or Site.objects.filter(is_default_site=True).first()
        or Site(hostname="localhost", port=80)
    )
    for other in Site.objects.filter(is_default_site=True).exclude(pk=site.pk):
        other.is_default_site = False
        other.save()
    site.hostname, site.port = "localhost", 80
    site.root_page = home
    site.is_default_site = True
    site.site_name = texts.SITE_NAME
    site.save()

    welcome_type = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=welcome_type):
        if page.numchild == 0 and not Site.objects.filter(root_page=page).exists():
            page.delete()
    return home


def build_demo_site(today: date | None = None) -> HomePage:
    """Build the demo site tree (home page first, if missing); return the home page."""
    home = ensure_home_page()
    today = today or timezone.localdate()

    _child(home, StandardPage, **texts.ABOUT_PAGE)
    _services(_child(home, ServiceIndexPage, **texts.SERVICE_INDEX_PAGE))
    _events(_child(home, EventIndexPage, **texts.AGENDA_PAGE), today)
    _news(_child(home, NewsIndexPage, **texts.NEWS_INDEX_PAGE), today)
    _resources(_child(home, ResourceIndexPage, **texts.RESOURCE_INDEX_PAGE))
    _child(home, ContactPage, **texts.CONTACT_PAGE)
    _legal_pages(home, today)

    _editorial_roles(home)
    return home
