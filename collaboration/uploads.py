"""What a document uploaded to the collaboration app (a practice's attachment, a
resource's version) really is: a PDF or an office document,
checked on its content, never on its name alone.

PDFs go through the shell's check (``extranet.uploads.checked_pdf``). Office
documents (Word, Excel, PowerPoint, OpenDocument) are ZIP packages: the file
must open as one and hold the part its format requires
(``[Content_Types].xml`` and the main part for Office Open XML, the
``mimetype`` entry for OpenDocument), and its extension must say the same
thing. Old binary formats (.doc, .xls) and macro-enabled ones are refused.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from extranet.uploads import UploadRefused, checked_pdf

# extension → (kind, the part the package must hold, the mimetype it declares)
OFFICE_FORMATS: dict[str, tuple[str, str, str]] = {
    "docx": ("docx", "word/document.xml", ""),
    "xlsx": ("xlsx", "xl/workbook.xml", ""),
    "pptx": ("pptx", "ppt/presentation.xml", ""),
    "odt": ("odt", "content.xml", "application/vnd.oasis.opendocument.text"),
    "ods": ("ods", "content.xml", "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": (
        "odp",
        "content.xml",
        "application/vnd.oasis.opendocument.presentation",
    ),
}
ALLOWED_EXTENSIONS = ("pdf", *OFFICE_FORMATS)
MAX_ZIP_ENTRIES = 5000


@dataclass(frozen=True)
class CheckedDocument:
    """A kept upload: its name as sent, a safe stored name, its kind, its
    SHA-256 fingerprint and its size in bytes."""

    original_name: str
    stored_name: str
    kind: str
    sha256: str
    size: int


def _refuse_kind() -> UploadRefused:
    return UploadRefused(
        _(
            "Ce type de fichier n'est pas accepté : déposez un PDF ou un document "
            "bureautique (Word .docx, Excel .xlsx, PowerPoint .pptx, "
            "OpenDocument .odt, .ods, .odp)."
        )
    )


def _office_problem(upload: Any, extension: str) -> str | None:
    kind, main_part, mimetype = OFFICE_FORMATS[extension]
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
            if len(names) > MAX_ZIP_ENTRIES:
                return _("Le document contient trop d'éléments pour être accepté.")
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return _(
                    "Le document contient des macros : enregistrez-le sans macros, "
                    "puis déposez-le à nouveau."
                )
            if mimetype:
                if "mimetype" not in names:
                    return _bad_content()
                declared = package.read("mimetype").decode("ascii", "replace").strip()
                if declared != mimetype:
                    return _bad_content()
            elif "[Content_Types].xml" not in names:
                return _bad_content()
            if main_part not in names:
                return _bad_content()
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return _bad_content()
    finally:
        upload.seek(0)
    return None


def _bad_content() -> str:
    return _(
        "Le contenu du fichier ne correspond pas à son extension (ou il est "
        "endommagé) : enregistrez à nouveau votre document, puis déposez-le."
    )


def checked_document(upload: Any) -> CheckedDocument:
    """Check ``upload`` is a PDF or office document of at most
    ``SPRO_ATTACHMENT_MAX_MB``; raise ``UploadRefused`` (French) otherwise."""
    original = os.path.basename(upload.name or "document")[:150]
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise _refuse_kind()
    max_mb = settings.SPRO_ATTACHMENT_MAX_MB
    if upload.size > max_mb * 1024 * 1024:
        raise UploadRefused(_("Le fichier dépasse %(max)s Mo.") % {"max": max_mb})
    if extension == "pdf":
        pdf = checked_pdf(upload)
        return CheckedDocument(
            original_name=pdf.original_name,
            stored_name=f"{pdf.safe_stem}.pdf",
            kind="pdf",
            sha256=pdf.sha256,
            size=pdf.size,
        )
    problem = _office_problem(upload, extension)
    if problem:
        raise UploadRefused(problem)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    try:
        stem = get_valid_filename(original.rsplit(".", 1)[0])[:60]
    except SuspiciousFileOperation:
        stem = "document"
    return CheckedDocument(
        original_name=original,
        stored_name=f"{stem}.{extension}",
        kind=OFFICE_FORMATS[extension][0],
        sha256=digest.hexdigest(),
        size=upload.size,
    )


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


def document_response(file: Any, name: str, kind: str) -> Any:
    """A stored document as a download: its content type from its checked
    kind, never cached, never sniffed; 404 if the file has gone."""
    from django.http import FileResponse, Http404

    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
