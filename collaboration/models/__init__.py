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
from .resources import (
    Resource,
    ResourceStatus,
    ResourceTheme,
    ResourceVersion,
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
    "Resource",
    "ResourceStatus",
    "ResourceTheme",
    "ResourceVersion",
]
