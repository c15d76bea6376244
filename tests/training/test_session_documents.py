"""Documents of a training session (issue 11, point 3): GREF and the Région
attach PDFs (the programme, a preparation sheet) to a session; everyone who may
see the session reads them on its page; nobody else can download them. Only
real PDFs of a bounded size, once each; a removal stays in the history."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from training import services
from training.models import SessionDocument

from ..conftest import login
from ..factories import pdf_bytes, plan_action, training_session

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01" + bytes(64)


def upload(content: bytes, name: str = "programme.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def stored_files() -> set[Path]:
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "training" / "documents"
    return set(folder.rglob("*")) if folder.exists() else set()


def add(user, session, content: bytes | None = None, title="Programme détaillé"):
    return services.session_document_add(
        user=user,
        session=session,
        upload=upload(content or pdf_bytes("Programme")),
        title=title,
    )


def draft_session(world):
    published = training_session(world)
    slot = published.slots.first()
    return services.session_create(
        user=world.gref,
        action=plan_action(world),
        slots=[(slot.date, "am", slot.start, slot.end)],
        title="Session en préparation",
        capacity=5,
        enrolment_opens_at=published.enrolment_opens_at,
        enrolment_closes_at=published.enrolment_closes_at,
    )


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def session(world):
    return training_session(world)


def test_gref_adds_a_document_and_removes_it_the_history_keeps_who(
    client, world, session, django_capture_on_commit_callbacks
):
    login(client, world.gref)
    content = pdf_bytes("Programme de la session")
    response = client.post(
        reverse("training:session_document_add", args=[session.pk]),
        {"title": "Programme détaillé", "file": upload(content)},
    )
    assert response.status_code == 302
    document = SessionDocument.objects.get()
    assert (document.title, document.size, document.uploaded_by) == (
        "Programme détaillé",
        len(content),
        world.gref,
    )
    assert document.history.get().history_user == world.gref
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / document.file.name
    assert stored.read_bytes() == content

    page = page_text(client.get(session.get_absolute_url()))
    assert "Programme détaillé" in page
    assert reverse("training:session_document", args=[document.pk]) in page
    assert 'enctype="multipart/form-data"' in page and "Retirer" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("training:session_document_remove", args=[document.pk])
        )
    assert response.status_code == 302
    assert not SessionDocument.objects.exists()
    removal = SessionDocument.history.filter(id=document.pk).latest("history_date")
    assert (removal.history_type, removal.history_user) == ("-", world.gref)
    assert not stored.exists()


def test_the_region_manages_documents_too(world, session):
    document = add(world.coordinator, session)
    services.session_document_remove(user=world.coordinator, document=document)
    assert not SessionDocument.objects.exists()


def test_a_professional_reads_the_document_of_a_published_session(
    client, world, session
):
    content = pdf_bytes("Fiche de préparation")
    document = add(world.gref, session, content, title="Fiche de préparation")
    login(client, world.professional_a)

    page = page_text(client.get(session.get_absolute_url()))
    assert "Fiche de préparation" in page
    assert 'enctype="multipart/form-data"' not in page and "Retirer" not in page

    response = client.get(reverse("training:session_document", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(
    "who", ["professional_a", "referent_a", "network_head_a", "government"]
)
def test_the_documents_of_a_draft_stay_hidden_like_the_draft(client, world, who):
    draft = draft_session(world)
    document = add(world.gref, draft)
    login(client, getattr(world, who))
    url = reverse("training:session_document", args=[document.pk])
    assert client.get(url).status_code == 404
    login(client, world.gref)
    assert client.get(url).status_code == 200


def test_a_referent_can_neither_add_nor_remove(client, world, session):
    document = add(world.gref, session)
    files = stored_files()
    login(client, world.referent_a)

    response = client.post(
        reverse("training:session_document_add", args=[session.pk]),
        {"title": "Intrus", "file": upload(pdf_bytes("Intrus"))},
    )
    assert response.status_code in (403, 404)
    response = client.post(
        reverse("training:session_document_remove", args=[document.pk])
    )
    assert response.status_code in (403, 404)

    assert list(SessionDocument.objects.values_list("pk", flat=True)) == [document.pk]
    assert stored_files() == files


def _post(client, session, data):
    url = reverse("training:session_document_add", args=[session.pk])
    return client.post(url, data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            lambda: {"title": "Image", "file": upload(PNG, "image.pdf")},
            "Le fichier n'est pas un PDF",
        ),
        (
            lambda: {
                "title": "Faux PDF",
                "file": upload(b"%PDF-1.4\n<html>pas un pdf</html>", "faux.pdf"),
            },
            "Le fichier ne peut pas être lu comme un PDF",
        ),
        (
            lambda: {"title": "", "file": upload(pdf_bytes())},
            "Donnez un titre au document.",
        ),
        (
            lambda: {"title": "<b>Programme</b>", "file": upload(pdf_bytes())},
            "balises HTML",
        ),
        (lambda: {"title": "Programme"}, "Choisissez le fichier PDF à joindre."),
    ],
    ids=["png", "damaged", "no-title", "html-title", "no-file"],
)
def test_bad_input_is_refused_with_its_french_message_and_nothing_saved(
    client, world, session, data, message
):
    files = stored_files()
    login(client, world.gref)

    response = _post(client, session, data())

    assert response.status_code == 400
    page = page_text(response)
    summary = page[page.index('class="error-summary"') :]
    assert message in summary[: summary.index("</div>")]
    assert not SessionDocument.objects.exists()
    assert stored_files() == files


@override_settings(SPRO_ATTACHMENT_MAX_MB=1)
def test_a_file_over_the_size_limit_is_refused(client, world, session):
    files = stored_files()
    login(client, world.gref)
    too_big = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024 // 2)

    response = _post(client, session, {"title": "Gros", "file": upload(too_big)})

    assert response.status_code == 400
    assert "Le fichier dépasse 1 Mo." in page_text(response)
    assert not SessionDocument.objects.exists()
    assert stored_files() == files


def test_the_same_file_twice_is_refused(client, world, session):
    content = pdf_bytes("Programme")
    add(world.gref, session, content)
    files = stored_files()
    login(client, world.gref)

    response = _post(client, session, {"title": "Encore", "file": upload(content)})

    assert response.status_code == 400
    assert "Ce fichier est déjà joint à la session." in page_text(response)
    assert SessionDocument.objects.count() == 1
    assert stored_files() == files


def test_the_page_does_not_grow_with_the_number_of_documents(client, world, session):
    add(world.gref, session, pdf_bytes("Document 0"), title="Document 0")
    login(client, world.professional_a)
    url = session.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(1, 5):
        add(world.gref, session, pdf_bytes(f"Document {n}"), title=f"Document {n}")
    with CaptureQueriesContext(connection) as five:
        page = page_text(client.get(url))
    assert "Document 4" in page
    assert len(five) == len(one)
