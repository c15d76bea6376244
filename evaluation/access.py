"""Who reads the evaluation dashboard, its file and its report: the Région's
coordination and the State (section VI: a regional evaluation led by the
governance bodies), and superusers. Everybody else is refused."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from extranet.models import Role
from extranet.permissions import has_role

READER_ROLES = frozenset({Role.REGIONAL_COORDINATOR, Role.GOVERNMENT})


def may_read(user: Any) -> bool:
    """May ``user`` read the region's evaluation (any territory, any network)?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or has_role(user, *READER_ROLES)


def check_reader(user: Any) -> None:
    """Refuse (403) anybody who may not read the evaluation."""
    if not may_read(user):
        raise PermissionDenied
