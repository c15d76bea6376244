"""The demo of the collaboration app: each concern's loader, in order."""

from __future__ import annotations

from typing import Any


def first_user_with_role(role: str) -> Any:
    """The demo's first active user with ``role`` (by address), or None: who
    the concerns' demos act as when they moderate or curate."""
    from extranet.models import Membership

    found = (
        Membership.objects.active()
        .filter(role=role)
        .select_related("user")
        .order_by("user__email")
        .first()
    )
    return found.user if found else None


def load_collaboration() -> int:
    """Run each concern's demo loader; returns how many rows they made."""
    from .practices.demo import load_practices
    from .resources.demo import load_resources
    from .servicemap.demo import load_service_map

    made = load_service_map()
    made += load_practices()
    made += load_resources()
    return made
