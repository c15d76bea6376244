"""The collaboration app's models, one module per concern."""

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
]
