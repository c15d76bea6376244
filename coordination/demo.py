"""The demo of the coordination app: each concern's loader, in order (the
plans' last synthesis is received by a decision of the CREFOP commission, so
the bodies come first)."""

from __future__ import annotations


def load_coordination() -> int:
    """Run each concern's demo loader; returns how many rows they made."""
    from .governance.demo import load_governance
    from .plans.demo import load_plans

    return load_governance() + load_plans()
