"""Reads of the training pages, each in a number of queries that does not grow
with the number of sessions or enrolments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from .definitions import LIVE_STATES, OFFERED, SEAT_STATES, WAITLISTED
from .models import (
    Enrolment,
    Need,
    NeedsCampaign,
    Plan,
    PlanAction,
    SessionDocument,
    SessionSlot,
    TrainingSession,
)
from .policy import (
    enrolment_policy,
    may_see_participants,
    need_policy,
    plan_policy,
    session_policy,
)
from .services import queue_position


def with_seats(queryset: QuerySet[TrainingSession]) -> QuerySet[TrainingSession]:
    """Each session with ``seats_taken``, ``seats_left`` and ``waiting``."""
    return queryset.annotate(
        seats_taken=Count("enrolments", filter=Q(enrolments__state__in=SEAT_STATES)),
        waiting=Count("enrolments", filter=Q(enrolments__state=WAITLISTED)),
    ).annotate(seats_left=Greatest(F("capacity") - F("seats_taken"), Value(0)))


def catalogue(user: Any, filters: dict[str, Any]) -> QuerySet[TrainingSession]:
    """The sessions the user may see, narrowed by the catalogue's filters,
    soonest first; finished sessions only when a month asks for them."""
    sessions = session_policy.visible(user, "view", TrainingSession.objects.all())
    if filters.get("q"):
        term = filters["q"]
        sessions = sessions.filter(
            Q(title__icontains=term) | Q(action__theme__icontains=term)
        )
    if filters.get("theme"):
        sessions = sessions.filter(action__theme=filters["theme"])
    if filters.get("territoire"):
        sessions = sessions.filter(territory=filters["territoire"])
    if filters.get("modalite"):
        sessions = sessions.filter(action__format=filters["modalite"])
    if filters.get("proposee_par"):
        sessions = sessions.filter(action__offered_by=filters["proposee_par"])
    if filters.get("mois"):
        year, month = (int(part) for part in filters["mois"].split("-"))
        first = datetime.date(year, month, 1)
        after = datetime.date(year + month // 12, month % 12 + 1, 1)
        sessions = sessions.filter(
            pk__in=SessionSlot.objects.filter(date__gte=first, date__lt=after).values(
                "session_id"
            )
        )
    else:
        from django.utils import timezone

        sessions = sessions.filter(
            Q(ends_at__isnull=True) | Q(ends_at__gte=timezone.now())
        )
    sessions = with_seats(sessions)
    if filters.get("places"):
        sessions = sessions.filter(seats_left__gt=0)
    return (
        sessions.select_related("action__offered_by", "territory")
        .prefetch_related("slots")
        .order_by("starts_at", "pk")
    )


def my_enrolments(user: Any) -> dict[int, Enrolment]:
    """The user's own enrolments under way, by session id (one query)."""
    return {
        e.session_id: e
        for e in Enrolment.objects.filter(person=user, state__in=LIVE_STATES)
    }


@dataclass
class SessionPage:
    session: TrainingSession
    enrolment: Enrolment | None
    position: int | None
    may_see_participants: bool
    enrolments: list[Enrolment]
    waiting: list[Enrolment]
    show_visio: bool


def session_page(user: Any, session: TrainingSession) -> SessionPage:
    """What the session's page shows this user: their own enrolment, and the
    participants only for GREF, the Région and the session's trainer."""
    own = (
        Enrolment.objects.filter(session=session, person=user)
        .order_by("-created_at", "-pk")
        .first()
    )
    participants = may_see_participants(user, session)
    enrolments: list[Enrolment] = []
    waiting: list[Enrolment] = []
    if participants:
        enrolments = list(
            Enrolment.objects.filter(session=session)
            .select_related("person", "structure__organisation", "structure__network")
            .order_by("state", "queue_key", "requested_at", "pk")
        )
        waiting = sorted(
            (e for e in enrolments if e.state == WAITLISTED),
            key=lambda e: (e.queue_key or 0, e.pk),
        )
    confirmed = own is not None and own.state in SEAT_STATES and own.state != OFFERED
    return SessionPage(
        session=session,
        enrolment=own,
        position=queue_position(own) if own else None,
        may_see_participants=participants,
        enrolments=enrolments,
        waiting=waiting,
        show_visio=bool(session.visio_url) and (confirmed or participants),
    )


def enrolments_for_list(user: Any) -> QuerySet[Enrolment]:
    return (
        enrolment_policy.visible(user, "view", Enrolment.objects.all())
        .select_related("session", "person", "structure__organisation")
        .order_by("-session__starts_at", "session_id", "pk")
    )


def session_with_slots() -> QuerySet[TrainingSession]:
    return with_seats(
        TrainingSession.objects.select_related(
            "action__offered_by", "action__plan", "territory"
        ).prefetch_related(
            Prefetch("slots", queryset=SessionSlot.objects.order_by("date", "start")),
            Prefetch(
                "documents",
                queryset=SessionDocument.objects.order_by("uploaded_at", "pk"),
            ),
        )
    )


def session_documents(user: Any) -> QuerySet[SessionDocument]:
    """The documents of the sessions the user may see (a draft's stay hidden
    like the draft)."""
    return SessionDocument.objects.select_related("session").filter(
        session__in=session_policy.visible(
            user, "view", TrainingSession.objects.all()
        ).values("pk")
    )


# Attendance and certificates ------------------------------------------------------


@dataclass
class SheetRow:
    enrolment: Enrolment
    attendance: Any  # the Attendance of this half-day, or None


def sheet_rows(slot: SessionSlot) -> list[SheetRow]:
    """The participants of a half-day's sheet (confirmed, or already given
    their outcome), by name, with their mark: three queries whatever their
    number."""
    from .definitions import ATTENDANCE_STATES, CONFIRMED
    from .models import Attendance

    enrolments = list(
        Enrolment.objects.filter(
            session_id=slot.session_id, state__in={CONFIRMED, *ATTENDANCE_STATES}
        )
        .select_related("person", "structure__organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    marks = {
        row.enrolment_id: row
        for row in Attendance.objects.filter(slot=slot).select_related("recorded_by")
    }
    return [SheetRow(e, marks.get(e.pk)) for e in enrolments]


def session_attendees(session: TrainingSession) -> QuerySet[Enrolment]:
    """Who attended a completed session, fully or in part (for the surveys app's
    evaluations, on ``training.signals.session_completed``)."""
    from .definitions import ATTENDED, PARTIALLY_ATTENDED

    return Enrolment.objects.filter(
        session=session, state__in=(ATTENDED, PARTIALLY_ATTENDED)
    ).select_related("person")


def initials(first_name: str, last_name: str) -> str:
    """ "M. L." for Maïwenn Le Roux: the first letter of each name, nothing
    more."""
    letters = [part.strip()[:1].upper() for part in (first_name, last_name)]
    return " ".join(f"{letter}." for letter in letters if letter)


@dataclass(frozen=True)
class CertificateCheck:
    """What the public check of a code shows, and nothing else: no full name,
    no e-mail, no structure."""

    initials: str
    session_title: str
    dates: str
    hours: Any
    issuer: str
    revoked: bool
    revoked_at: Any


def certificate_check(code: str) -> CertificateCheck | None:
    """The public answer for ``code`` (typed in any case, with or without its
    dashes), or None for a code that matches no certificate."""
    from .models import CODE_ALPHABET, Certificate
    from .services import session_dates

    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if cleaned.startswith("SPRO"):
        cleaned = cleaned[4:]
    if len(cleaned) != 8 or any(ch not in CODE_ALPHABET for ch in cleaned):
        return None
    certificate = (
        Certificate.objects.select_related(
            "enrolment__person", "enrolment__session", "issuer"
        )
        .filter(code=f"SPRO-{cleaned[:4]}-{cleaned[4:]}")
        .first()
    )
    if certificate is None:
        return None
    person = certificate.enrolment.person
    session = certificate.enrolment.session
    return CertificateCheck(
        initials=initials(person.first_name, person.last_name) or "—",
        session_title=session.title,
        dates=session_dates(session),
        hours=certificate.hours,
        issuer=certificate.issuer.name,
        revoked=certificate.is_revoked,
        revoked_at=certificate.revoked_at,
    )


# The needs census and the plan ------------------------------------------------------


def needs_of(user: Any, campaign: NeedsCampaign) -> QuerySet[Need]:
    """The needs of ``campaign`` the user may see, with what became of each
    (the actions of the plans the user may see that answer it), in two
    queries however many."""
    return (
        need_policy.visible(user, "view", Need.objects.filter(campaign=campaign))
        .select_related("organisation", "scope_territory", "territory")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=PlanAction.objects.filter(
                    plan__in=plan_policy.visible(user, "view").values("pk")
                ).select_related("plan"),
            )
        )
        .order_by("theme", "pk")
    )


@dataclass
class Consolidation:
    by_theme: list[dict[str, Any]]
    by_network: list[dict[str, Any]]
    by_territory: list[dict[str, Any]]
    total_needs: int
    total_people: int


def needs_consolidated(campaign: NeedsCampaign) -> Consolidation:
    """The campaign's needs counted by theme, by network and by territory (the
    territory of a local need, else the one that said it): one query each."""
    needs = Need.objects.filter(campaign=campaign)
    counts = {"needs": Count("pk"), "people": Coalesce(Sum("people"), 0)}
    answered = Exists(PlanAction.needs.through.objects.filter(need_id=OuterRef("pk")))
    by_theme = list(
        needs.annotate(is_answered=answered)
        .values("theme")
        .annotate(**counts, answered=Count("pk", filter=Q(is_answered=True)))
        .order_by("-needs", "theme")
    )
    by_network = list(
        needs.filter(organisation__isnull=False)
        .values(name=F("organisation__name"))
        .annotate(**counts)
        .order_by("name")
    )
    by_territory = list(
        needs.annotate(place=Coalesce(F("territory__name"), F("scope_territory__name")))
        .filter(place__isnull=False)
        .values("place")
        .annotate(**counts)
        .order_by("place")
    )
    totals = needs.aggregate(n=Count("pk"), people=Coalesce(Sum("people"), 0))
    return Consolidation(
        by_theme=by_theme,
        by_network=by_network,
        by_territory=by_territory,
        total_needs=totals["n"],
        total_people=totals["people"],
    )


def plans_for_list(user: Any) -> QuerySet[Plan]:
    return plan_policy.visible(user, "view", Plan.objects.all()).annotate(
        action_count=Count("actions")
    )


def plan_actions(plan: Plan) -> list[PlanAction]:
    """The plan's actions with the needs each answers (two queries)."""
    return list(
        plan.actions.select_related("offered_by", "territory")
        .prefetch_related(
            Prefetch(
                "needs",
                queryset=Need.objects.select_related("organisation", "scope_territory"),
            )
        )
        .order_by("theme", "pk")
    )
