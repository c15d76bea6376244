"""PDFs added to a convention (a signed paper copy, an annex): only real PDFs, of a
bounded size, once each, by someone who may act on the convention, stored under a
name of our own in the private folder."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from conventions import services
from conventions.models import ConventionAttachment, ConventionKind
from conventions.services import ConventionError

from ..factories import COMMENT, convention_start_for, pdf_bytes

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01" + bytes(64)


def small_pdf(text: str = "Convention signée") -> bytes:
    return pdf_bytes(text)


def upload(content: bytes, name: str = "convention-signee.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def stored_files() -> set[Path]:
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "conventions" / "pieces"
    return set(folder.rglob("*")) if folder.exists() else set()


def add(user, convention, file, description="Exemplaire signé"):
    return services.attachment_add(
        user=user, convention=convention, upload=file, description=description
    )


@pytest.fixture
def convention(world):
    return convention_start_for(world, ConventionKind.STRUCTURE)


def test_a_real_pdf_is_kept_with_its_fingerprint(world, convention):
    content = small_pdf()

    attachment = add(world.referent_a, convention, upload(content))

    attachment.refresh_from_db()
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert (attachment.size, attachment.original_name) == (
        len(content),
        "convention-signee.pdf",
    )
    assert attachment.uploaded_by == world.referent_a
    with attachment.file.open("rb") as handle:
        assert handle.read() == content
    assert attachment.history.get().history_user == world.referent_a


def test_a_picture_renamed_pdf_is_refused_and_nothing_is_stored(world, convention):
    files = stored_files()

    with pytest.raises(ConventionError) as refused:
        add(world.referent_a, convention, upload(PNG, "scan.pdf"))

    assert "n'est pas un PDF" in refused.value.messages[0]
    assert not ConventionAttachment.objects.exists()
    assert stored_files() == files


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pdf())))
    writer.encrypt(user_password="secret", owner_password="secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"<html><body>%PDF-1.4<script>alert(1)</script></body></html>",
            "n'est pas un PDF",
        ),
        (b"<!-- %PDF-1.7 -->" + small_pdf(), "n'est pas un PDF"),
        (b"%PDF-1.7\n<html><script>alert(1)</script></html>\n", "ne peut pas être lu"),
        (small_pdf()[:200], "ne peut pas être lu"),
        (b"%PDF-", "ne peut pas être lu"),
        (encrypted_pdf(), "protégé par un mot de passe"),
    ],
    ids=[
        "html-mentioning-the-header",
        "header-after-a-comment",
        "header-then-html",
        "truncated",
        "header-only",
        "password-protected",
    ],
)
def test_only_a_file_a_pdf_library_can_read_is_a_pdf(
    world, convention, content, message
):
    files = stored_files()

    with pytest.raises(ConventionError) as refused:
        add(world.referent_a, convention, upload(content, "annexe.pdf"))

    assert message in refused.value.messages[0]
    assert not ConventionAttachment.objects.exists()
    assert stored_files() == files


@override_settings(SPRO_ATTACHMENT_MAX_MB=1)
def test_a_file_over_the_size_limit_is_refused(world, convention):
    files = stored_files()
    too_big = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024 // 2)

    with pytest.raises(ConventionError) as refused:
        add(world.referent_a, convention, upload(too_big))

    assert "dépasse 1 Mo" in refused.value.messages[0]
    assert not ConventionAttachment.objects.exists()
    assert stored_files() == files


def test_the_same_file_is_attached_once(world, convention):
    content = small_pdf()
    add(world.referent_a, convention, upload(content))
    files = stored_files()

    with pytest.raises(ConventionError) as refused:
        add(world.coordinator, convention, upload(content, "copie.pdf"), "Copie")

    assert "déjà joint" in refused.value.messages[0]
    assert ConventionAttachment.objects.count() == 1
    assert stored_files() == files


@pytest.mark.parametrize("description", ["", "<b>Annexe</b>"], ids=["empty", "html"])
def test_a_refused_description_leaves_no_file_behind(world, convention, description):
    files = stored_files()

    with pytest.raises(ValidationError) as refused:
        add(world.referent_a, convention, upload(small_pdf()), description)

    assert "description" in refused.value.message_dict
    assert not ConventionAttachment.objects.exists()
    assert stored_files() == files


@pytest.mark.parametrize(
    "user_name", ["professional_a", "government", "referent_b", "gref"]
)
def test_who_may_only_read_or_not_even_that_attaches_nothing(
    world, convention, user_name
):
    with pytest.raises(PermissionDenied):
        add(getattr(world, user_name), convention, upload(small_pdf()))

    assert not ConventionAttachment.objects.exists()


@pytest.mark.parametrize("user_name", ["referent_a", "network_head_a", "coordinator"])
def test_the_parties_attach(world, convention, user_name):
    attachment = add(getattr(world, user_name), convention, upload(small_pdf()))

    assert attachment.convention == convention


def test_an_abandoned_convention_takes_no_attachment(world, convention):
    services.convention_transition(
        user=world.coordinator,
        convention=convention,
        transition="abandon",
        comment=COMMENT,
    )
    convention.refresh_from_db()

    with pytest.raises(ConventionError):
        add(world.coordinator, convention, upload(small_pdf()))

    assert not ConventionAttachment.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "..\\..\\windows\\win.ini.pdf",
        ".pdf",
        "..pdf",
        "<script>alert(1)</script>.pdf",
    ],
)
@pytest.mark.parametrize("raw", [False, True], ids=["as_django_gives_it", "raw"])
def test_a_hostile_file_name_is_stored_under_a_safe_name_in_the_private_folder(
    world, convention, name, raw
):
    content = small_pdf(name)
    file = upload(content, name)
    if raw:  # an upload handler that kept the client's path as sent
        file._name = name

    attachment = add(world.referent_a, convention, file)

    stored = attachment.file.name
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    path = Path(attachment.file.path).resolve()
    assert stored.startswith("conventions/pieces/")
    assert "/" not in stored.removeprefix("conventions/pieces/")
    assert "\\" not in stored and "<" not in stored
    assert stored.endswith(".pdf")
    assert path.is_relative_to(root / "conventions" / "pieces")
    assert path.read_bytes() == content
    assert "/" not in attachment.original_name
