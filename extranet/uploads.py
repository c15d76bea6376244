"""What an uploaded file really is, checked on its content, never on its name.

Every capability that takes a PDF (a signed paper copy, an annex, an attendance
sheet) asks here, so that "it is a PDF" means the same thing everywhere: the file
starts with the PDF header and a PDF library can read its pages. A file that only
carries ``%PDF-`` somewhere in its first kilobyte (an HTML page, a script) is not
one.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

PDF_HEADER = b"%PDF-"


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
