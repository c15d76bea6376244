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
from .servicemap import (
    ActorDomain,
    Audience,
    Coverage,
    ServiceEntry,
    ServiceKind,
)

__all__ = [
    "ActorDomain",
    "Audience",
    "Coverage",
    "ServiceEntry",
    "ServiceKind",
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
