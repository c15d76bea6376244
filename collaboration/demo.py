"""The demo of the collaboration app: each concern's loader, in order."""

from __future__ import annotations


def load_collaboration() -> int:
    """Run each concern's demo loader; returns how many rows they made."""
    from .practices.demo import load_practices
    from .resources.demo import load_resources
    from .servicemap.demo import load_service_map

    made = load_service_map()
    made += load_practices()
    made += load_resources()
    return made
