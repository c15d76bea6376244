"""A practice's documents: PDF and office documents checked on their content,
size-limited, the same file refused twice, kept private and downloaded
without any cache through a view that asks the policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collaboration.models import PracticeAttachment
from collaboration.practices import services
from extranet.uploads import UploadRefused

from ..conftest import login
from ..factories import office_bytes, pdf_bytes, practice_for, practice_in_state


@pytest.fixture
def private_media(settings):
    return Path(settings.PRIVATE_MEDIA_ROOT)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/octet-stream")


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pptx", "odt", "ods", "odp"])
def test_office_documents_are_accepted(world, kind):
    practice = practice_for(world)
    doc = services.practice_attach(
        user=world.professional_a,
        practice=practice,
        upload=upload(f"outil.{kind}", office_bytes(kind)),
    )
    assert doc.kind == kind and doc.file.name.endswith(f".{kind}")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("outil.exe", b"MZ\x90\x00"),
        ("outil.doc", b"\xd0\xcf\x11\xe0 old word"),
        ("outil.docx", b"not a zip at all"),
        ("outil.docx", office_bytes("odt")),  # the extension lies
        ("outil.pdf", b"<html><script>alert(1)</script>%PDF-1.4</html>"),
        ("outil.html", b"<script>alert(1)</script>"),
        ("outil", b"%PDF-1.4"),
    ],
)
def test_other_files_are_refused_in_french(world, name, content):
    practice = practice_for(world)
    with pytest.raises(UploadRefused) as refused:
        services.practice_attach(
            user=world.professional_a, practice=practice, upload=upload(name, content)
        )
    assert refused.value.messages[0]
    assert not PracticeAttachment.objects.exists()


def test_a_file_too_big_is_refused(world, settings):
    settings.SPRO_ATTACHMENT_MAX_MB = 1
    practice = practice_for(world)
    big = office_bytes("docx", "x" * 10) + b"\0" * (1024 * 1024 + 1)
    with pytest.raises(UploadRefused) as refused:
        services.practice_attach(
            user=world.professional_a, practice=practice, upload=upload("g.docx", big)
        )
    assert "1 Mo" in refused.value.messages[0]


def test_the_same_file_is_refused_twice(client, world):
    practice = practice_for(world)
    content = pdf_bytes("Fiche outil")
    services.practice_attach(
        user=world.professional_a, practice=practice, upload=upload("a.pdf", content)
    )
    with pytest.raises(ValidationError) as refused:
        services.practice_attach(
            user=world.referent_a, practice=practice, upload=upload("b.pdf", content)
        )
    assert "déjà joint" in refused.value.messages[0]
    login(client, world.professional_a)
    response = client.post(
        reverse("practices:attach", args=[practice.pk]),
        {"file": upload("c.pdf", content)},
    )
    assert response.status_code == 400
    assert "déjà joint" in response.content.decode()
    assert PracticeAttachment.objects.count() == 1


def test_no_document_is_joined_once_submitted(world):
    practice = practice_in_state(world, "submitted")
    with pytest.raises(PermissionDenied):
        services.practice_attach(
            user=world.professional_a,
            practice=practice,
            upload=upload("a.pdf", pdf_bytes()),
        )


def test_the_download_is_private_and_never_cached(client, world, private_media):
    practice = practice_for(world)
    doc = services.practice_attach(
        user=world.professional_a,
        practice=practice,
        upload=upload("Fiche <outil>.docx", office_bytes("docx")),
    )
    assert (private_media / doc.file.name).exists()
    login(client, world.referent_a)
    response = client.get(reverse("practices:attachment", args=[practice.pk, doc.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(response.streaming_content) == office_bytes("docx")
    login(client, world.referent_b)
    response = client.get(reverse("practices:attachment", args=[practice.pk, doc.pk]))
    assert response.status_code == 404


def test_the_structure_removes_a_document_while_writing(client, world, private_media):
    practice = practice_for(world)
    doc = services.practice_attach(
        user=world.professional_a,
        practice=practice,
        upload=upload("a.pdf", pdf_bytes()),
    )
    login(client, world.professional_a)
    url = reverse("practices:attachment_remove", args=[practice.pk, doc.pk])
    assert client.post(url).status_code == 302
    assert not PracticeAttachment.objects.exists()
