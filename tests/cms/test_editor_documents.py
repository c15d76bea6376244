"""What an editor may publish as a document in the Wagtail admin: office formats
only, and a ".pdf" that really is one (checked on its content, as for the
extranet's attachments)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from ..conftest import login
from ..factories import UserFactory, pdf_bytes

pytestmark = pytest.mark.django_db

ADD = "/admin/documents/add/"


@pytest.fixture
def editor(client, site_tree):
    user = UserFactory(email="katell@example.org")
    user.groups.add(Group.objects.get(name="Rédacteurs"))
    return login(client, user)


def add_document(client, name: str, content: bytes):
    return client.post(
        ADD,
        {
            "title": "Rapport d'activité",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_an_editor_publishes_a_real_pdf(editor):
    response = add_document(editor, "rapport.pdf", pdf_bytes("Rapport"))

    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Rapport d'activité").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "rapport.pdf",
            b"<html>%PDF-1.4<script>alert(1)</script></html>",
            "n&#x27;est pas un PDF",
        ),
        ("rapport.pdf", b"%PDF-1.4\n<script>alert(1)</script>", "ne peut pas être lu"),
        (
            "page.html",
            b"<script>alert(1)</script>",
            "«\xa0html\xa0» n’est pas autorisée",
        ),
        (
            "script.svg",
            b"<svg onload=alert(1)></svg>",
            "«\xa0svg\xa0» n’est pas autorisée",
        ),
    ],
    ids=["html-called-pdf", "header-then-script", "html-page", "svg"],
)
def test_a_page_or_a_fake_pdf_is_refused_with_a_french_message(
    editor, name, content, message
):
    response = add_document(editor, name, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_document_model().objects.filter(title="Rapport d'activité").exists()
