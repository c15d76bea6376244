"""Reads of the governance bodies: every list and page starts from the read
policy, so a body where the user does not sit (and its meetings, documents,
decisions) never reaches them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from extranet.models import (
    Departement,
    Organisation,
    OrganisationKind,
    Structure,
    Territory,
)

from ..models import (
    Attendance,
    Body,
    BodyKind,
    BodyMember,
    Decision,
    Meeting,
    MeetingDocument,
    MinutesStatus,
    Platform,
)
from .policy import body_read_policy


def bodies_for_list(user: Any) -> QuerySet[Body]:
    """The bodies ``user`` reads, with their number of current members and
    the date of their last meeting (one query)."""
    today = timezone.localdate()
    current = Q(members__since__lte=today) & (
        Q(members__until__isnull=True) | Q(members__until__gte=today)
    )
    return (
        body_read_policy.visible(user, "view", Body.objects.all())
        .annotate(
            member_count=Count("members", filter=current, distinct=True),
            last_meeting=Max("meetings__held_on"),
        )
        .order_by("name", "pk")
    )


def body_for_page(user: Any, pk: Any) -> Body:
    """The body if ``user`` reads it, else 404."""
    return body_read_policy.get_or_404(
        user, "view", Body.objects.select_related("co_secretariat"), pk
    )


def body_members(body: Body) -> list[BodyMember]:
    return list(
        BodyMember.objects.current()
        .filter(body=body)
        .select_related("user", "organisation")
    )


def body_meetings(body: Body) -> list[Meeting]:
    return list(
        body.meetings.annotate(document_count=Count("documents")).order_by("-held_on")
    )


def body_decisions(body: Body) -> list[Decision]:
    return list(body.decisions.select_related("meeting").order_by("-decided_on", "-pk"))


def meeting_for_page(user: Any, pk: Any) -> Meeting:
    """The meeting if ``user`` reads its body, else 404."""
    bodies = body_read_policy.visible(user, "view", Body.objects.all())
    return get_object_or_404(
        Meeting.objects.select_related("body", "minutes_approved_by").filter(
            body__in=bodies
        ),
        pk=pk,
    )


def meeting_attendance(meeting: Meeting) -> list[Attendance]:
    return list(
        meeting.attendance.select_related("member__user", "member__organisation")
    )


def meeting_documents(meeting: Meeting) -> list[MeetingDocument]:
    return list(meeting.documents.select_related("uploaded_by"))


def document_for_download(user: Any, pk: Any) -> MeetingDocument:
    """The document if ``user`` reads the meeting's body, else 404."""
    bodies = body_read_policy.visible(user, "view", Body.objects.all())
    return get_object_or_404(
        MeetingDocument.objects.filter(meeting__body__in=bodies), pk=pk
    )


def current_seats(user: Any) -> list[tuple[int, bool]]:
    """The bodies ``user`` sits in today, each with whether they chair it: read
    once per request (kept on the user), for the chairs' to-do."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_governance_seats", None)
    if cached is None:
        cached = list(
            BodyMember.objects.current()
            .filter(user_id=user.pk)
            .values_list("body_id", "is_chair")
        )
        user._governance_seats = cached
    return cached


def minutes_to_approve(user: Any) -> QuerySet[Meeting]:
    """Draft minutes of the bodies ``user`` chairs today."""
    chaired = (
        BodyMember.objects.current()
        .filter(user_id=user.pk, is_chair=True)
        .values("body_id")
    )
    return (
        Meeting.objects.filter(body_id__in=chaired, minutes_status=MinutesStatus.DRAFT)
        .select_related("body")
        .order_by("held_on", "pk")
    )


def region_structures() -> QuerySet[Structure]:
    """The structures a PSAD may count as pilot or partner: active structures
    of SPRO on a territory of Bretagne. The form offers these and the service
    checks against them, so a tampered id is refused either way."""
    return (
        Structure.objects.filter(
            organisation__is_active=True,
            organisation__kind=OrganisationKind.STRUCTURE,
            territory__departement__in=Departement.values,
        )
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def region_territories() -> QuerySet[Territory]:
    """The territories of Bretagne (those a PSAD may cover)."""
    return Territory.objects.filter(departement__in=Departement.values).order_by("name")


def co_secretariat_choices() -> QuerySet[Organisation]:
    """The organisations that may co-run a body: GREF (the only role whose
    rules read the co-secretariat), if active."""
    return Organisation.objects.filter(
        kind=OrganisationKind.GREF, is_active=True
    ).order_by("name")


def free_body_kinds() -> list[tuple[str, str]]:
    """The kinds of body not created yet (one body per kind)."""
    taken = set(Body.objects.values_list("kind", flat=True))
    return [(value, label) for value, label in BodyKind.choices if value not in taken]


def platform_for_edit(pk: Any) -> Platform:
    """A PSAD with what its form shows, else 404."""
    return get_object_or_404(
        Platform.objects.select_related("organisation", "pilot__organisation"),
        pk=pk,
    )


def platforms_for_list() -> QuerySet[Platform]:
    """Every PSAD with its pilot, territories and partners (four queries)."""
    from extranet.models import Structure

    return Platform.objects.select_related(
        "organisation", "pilot__organisation"
    ).prefetch_related(
        "territories",
        Prefetch(
            "partners",
            queryset=Structure.objects.select_related("organisation").order_by(
                "organisation__name"
            ),
        ),
    )
