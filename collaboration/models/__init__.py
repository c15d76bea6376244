"""The collaboration app's models, one module per concern."""

from .practices import (
    AttachmentKind,
    Practice,
    PracticeAttachment,
    PracticeAudience,
    PracticeDigestPreference,
    PracticeDigestSent,
    PracticeReuse,
    PracticeTheme,
    PracticeUseful,
)

__all__ = [
    "AttachmentKind",
    "Practice",
    "PracticeAttachment",
    "PracticeAudience",
    "PracticeDigestPreference",
    "PracticeDigestSent",
    "PracticeReuse",
    "PracticeTheme",
    "PracticeUseful",
]
