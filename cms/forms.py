"""Forms of the Wagtail admin that the product adjusts."""

from __future__ import annotations

from typing import Any

from django import forms
from wagtail.documents.forms import BaseDocumentForm

from extranet.uploads import pdf_problem


class DocumentForm(BaseDocumentForm):
    """A document named ``.pdf`` must be one: checked on its content, as the
    extranet's attachments are (``WAGTAILDOCS_DOCUMENT_FORM_BASE``)."""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if (
            upload
            and "file" in self.changed_data
            and str(getattr(upload, "name", "")).lower().endswith(".pdf")
        ):
            problem = pdf_problem(upload)
            if problem:
                raise forms.ValidationError(problem, code="not_a_pdf")
        return upload
