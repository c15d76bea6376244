"""The demo of the coordination app: each concern's loader, in order."""

from __future__ import annotations


def load_coordination() -> int:
    """Run each concern's demo loader; returns how many rows they made."""
    from .governance.demo import load_governance

    return load_governance()
