"""What an uploaded file really is, checked on its content, never on its name.

Every capability that takes a PDF (a signed paper copy, an annex, an attendance
sheet) asks here, so that "it is a PDF" means the same thing everywhere: the file
starts with the PDF header and a PDF library can read its pages. A file that only
carries ``%PDF-`` somewhere in its first kilobyte (an HTML page, a script) is not
one.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.http import FileResponse, Http404
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

PDF_HEADER = b"%PDF-"


class UploadRefused(ValidationError):
    """An uploaded file that cannot be kept; the message is French."""


@dataclass(frozen=True)
class CheckedPdf:
    """What a kept PDF upload is: its name as sent (for display), a stem safe for
    a stored file name, its SHA-256 fingerprint and its size in bytes."""

    original_name: str
    safe_stem: str
    sha256: str
    size: int


def pdf_problem(upload: Any) -> str | None:
    """Why ``upload`` (a Django uploaded file) is not a readable PDF, in French;
    None when it is one. The file is rewound before and after."""
    upload.seek(0)
    head = upload.read(len(PDF_HEADER))
    upload.seek(0)
    if head != PDF_HEADER:
        return _("Le fichier n'est pas un PDF. Enregistrez votre document en PDF.")
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return _(
                "Le PDF est protégé par un mot de passe : enregistrez-le sans "
                "protection, puis déposez-le à nouveau."
            )
        pages = len(reader.pages)
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
    ):  # pypdf reports a damaged file through several types
        logger.info("unreadable PDF upload %r", getattr(upload, "name", ""))
        pages = 0
    finally:
        upload.seek(0)
    if pages < 1:
        return _(
            "Le fichier ne peut pas être lu comme un PDF (il est peut-être "
            "endommagé). Enregistrez à nouveau votre document en PDF."
        )
    return None


def checked_pdf(upload: Any) -> CheckedPdf:
    """Check ``upload`` (a Django uploaded file) is a readable PDF of at most
    ``SPRO_ATTACHMENT_MAX_MB`` and read what it is; raise ``UploadRefused`` with
    the French reason otherwise. The file is rewound afterwards."""
    max_mb = settings.SPRO_ATTACHMENT_MAX_MB
    if upload.size > max_mb * 1024 * 1024:
        raise UploadRefused(_("Le fichier dépasse %(max)s Mo.") % {"max": max_mb})
    problem = pdf_problem(upload)
    if problem:
        raise UploadRefused(problem)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    original = os.path.basename(upload.name or "document.pdf")[:150]
    try:
        safe = get_valid_filename(original.rsplit(".", 1)[0])[:60]
    except SuspiciousFileOperation:  # nothing usable left (".pdf", "..pdf")
        safe = "document"
    return CheckedPdf(
        original_name=original,
        safe_stem=safe,
        sha256=digest.hexdigest(),
        size=upload.size,
    )


def private_pdf_response(field_file: Any, filename: str) -> FileResponse:
    """A private PDF (a file field on ``extranet.storage``) as a download that
    no cache keeps; 404 when the file is missing from the storage."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        logger.error("Missing private file %s", field_file.name)
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response
