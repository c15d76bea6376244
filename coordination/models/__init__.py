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

__all__ = [
    "Attendance",
    "AttendanceStatus",
    "Body",
    "BodyKind",
    "BodyMember",
    "Decision",
    "Meeting",
    "MeetingDocument",
    "MinutesStatus",
    "Platform",
]
