"""The coordination app's models, one module per concern."""

from .plans import (
    ActionKind,
    ActionOutcome,
    ActionPartner,
    LocalAction,
    LocalPlan,
    Milestone,
    MilestoneStatus,
    PartnershipTheme,
    PlanComment,
    RegionalSynthesis,
)

__all__ = [
    "ActionKind",
    "ActionOutcome",
    "ActionPartner",
    "LocalAction",
    "LocalPlan",
    "Milestone",
    "MilestoneStatus",
    "PartnershipTheme",
    "PlanComment",
    "RegionalSynthesis",
]
