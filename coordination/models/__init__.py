"""The coordination app's models, one module per concern."""

from .governance import (
    Attendance,
    AttendanceStatus,
    Body,
    BodyKind,
    BodyMember,
    Decision,
    Meeting,
    MeetingDocument,
    MinutesStatus,
    Platform,
)
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
    "Attendance",
    "AttendanceStatus",
    "Body",
    "BodyKind",
    "BodyMember",
    "Decision",
    "LocalAction",
    "LocalPlan",
    "Meeting",
    "MeetingDocument",
    "Milestone",
    "MilestoneStatus",
    "MinutesStatus",
    "PartnershipTheme",
    "PlanComment",
    "Platform",
    "RegionalSynthesis",
]
