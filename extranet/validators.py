"""Input validators shared by the extranet's models and forms."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Anything that opens a tag, closed or not ("<b>", "<img src=x onerror=…"):
# plain text has no use for "<" straight before a letter, "/" or "!".
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")


def validate_no_html(value: str) -> None:
    """Refuse markup in plain-text fields: they are shown as text, never as HTML."""
    if value and _TAG.search(value):
        raise ValidationError(
            _("Ce champ ne doit pas contenir de balises HTML (< … >)."),
            code="html",
        )
