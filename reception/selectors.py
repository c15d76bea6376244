"""Reads of the accueil for its pages: every list starts from the policy, so
that a page shows exactly what the user may open, in a number of queries
that does not grow with the rows."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from extranet.models import Structure

from .definitions import CLOSED_STATES, OPEN_STATES
from .models import Appointment, BookableBy, Reception, Referral, Slot
from .models.appointments import BOOKERS_ORDER, TAKING_STATUSES
from .models.receptions import URGENCY_ORDER
from .policy import (
    appointment_policy,
    reception_policy,
    referral_policy,
    slot_policy,
    staff_organisation_ids,
)


def receptions_for_list(user: Any, filters: dict[str, Any]) -> QuerySet[Reception]:
    qs = reception_policy.visible(user, "view").select_related(
        "structure__organisation"
    )
    if "canal" in filters:
        qs = qs.filter(channel=filters["canal"])
    if "urgence" in filters:
        qs = qs.filter(urgency=filters["urgence"])
    if "du" in filters:
        qs = qs.filter(received_on__gte=filters["du"])
    if "au" in filters:
        qs = qs.filter(received_on__lte=filters["au"])
    return qs.order_by("-received_on", "-pk")


def reception_page(user: Any, pk: int) -> Reception:
    return reception_policy.get_or_404(
        user,
        "view",
        Reception.objects.select_related("structure__organisation", "recorded_by"),
        pk,
    )


def urgency_rank() -> Case:
    return Case(
        *[When(urgency=u, then=Value(rank)) for u, rank in URGENCY_ORDER.items()],
        output_field=IntegerField(),
    )


def referrals_for_list(user: Any, filters: dict[str, Any]) -> QuerySet[Referral]:
    """Received (the inbox: most urgent, then oldest first) or sent."""
    qs = referral_policy.visible(user, "view").select_related(
        "from_structure__organisation", "to_structure__organisation"
    )
    organisations = staff_organisation_ids(user)
    box = filters.get("boite", "received")
    if organisations:
        if box == "sent":
            qs = qs.filter(from_structure__organisation_id__in=organisations)
        else:
            qs = qs.filter(to_structure__organisation_id__in=organisations)
    state = filters.get("etat")
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state == "closed":
        qs = qs.filter(state__in=CLOSED_STATES)
    if box == "sent":
        return qs.order_by("-sent_at", "-pk")
    open_first = Case(
        When(state__in=OPEN_STATES, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return qs.annotate(open_first=open_first, urgency_rank=urgency_rank()).order_by(
        "open_first", "urgency_rank", "state_deadline", "-sent_at", "pk"
    )


def referral_page(user: Any, pk: int) -> Referral:
    return referral_policy.get_or_404(
        user,
        "view",
        Referral.objects.select_related(
            "reception",
            "from_structure__organisation",
            "to_structure__organisation",
            "to_structure__territory",
            "sent_by",
            "proposed_structure__organisation",
            "consent__recorded_by",
        ),
        pk,
    )


def referral_targets(service: str | None = None) -> QuerySet[Structure]:
    """The structures a referral may go to (published, active, receiving)."""
    qs = Structure.objects.published().select_related("organisation")
    if service:
        qs = qs.filter(**{f"service_{service}": True})
    return qs.order_by("organisation__name")


def bookable_slots(structure: Structure | None, *, level: str) -> list[Slot]:
    """The slots of ``structure`` open now to bookers of ``level`` (staff,
    referrers, public), soonest first."""
    if structure is None:
        return []
    allowed = [b for b, rank in BOOKERS_ORDER.items() if rank >= BOOKERS_ORDER[level]]
    return list(
        Slot.objects.open_for_booking()
        .filter(structure=structure, bookable_by__in=allowed)
        .order_by("starts_at")[:60]
    )


def referral_appointments(referral: Referral) -> list[Appointment]:
    return list(
        Appointment.objects.filter(referral=referral)
        .select_related("slot__structure__organisation")
        .order_by("slot__starts_at")
    )


def status_for_reference(reception: Reception) -> dict[str, Any]:
    """What the person's status page shows: their requests and appointments,
    where each stands, how to reach each structure, and which of them take
    bookings online now. No one's identity."""
    referrals = list(
        Referral.objects.filter(reception=reception)
        .select_related(
            "to_structure__organisation", "proposed_structure__organisation"
        )
        .order_by("sent_at")
    )
    appointments = list(
        Appointment.objects.filter(
            Q(reception=reception) | Q(referral__reception=reception)
        )
        .filter(status__in=TAKING_STATUSES)
        .select_related("slot__structure__organisation")
        .order_by("slot__starts_at")
        .distinct()
    )
    structure_ids = {r.to_structure_id for r in referrals} | {
        r.proposed_structure_id for r in referrals if r.proposed_structure_id
    }
    bookable = (
        set(
            Structure.objects.filter(pk__in=structure_ids)
            .annotate(public=has_public_slots())
            .filter(public=True)
            .values_list("pk", flat=True)
        )
        if structure_ids
        else set()
    )
    now = timezone.now()
    for appointment in appointments:
        appointment.cancellable = (
            appointment.status == "booked"
            and now
            < appointment.slot.starts_at
            - datetime.timedelta(hours=settings.SPRO_APPOINTMENT_CANCEL_HOURS)
        )
    return {
        "reception": reception,
        "referrals": referrals,
        "appointments": appointments,
        "bookable": bookable,
        "now": now,
    }


def visible_appointments(user: Any) -> QuerySet[Appointment]:
    return appointment_policy.visible(user, "view")


# Appointments ----------------------------------------------------------------

AGENDA_DAYS = 14
PUBLIC_SLOTS_SHOWN = 200


def _by_day(slots: list[Slot]) -> list[tuple[Any, list[Slot]]]:
    days: dict[Any, list[Slot]] = {}
    for slot in slots:
        days.setdefault(timezone.localdate(slot.starts_at), []).append(slot)
    return list(days.items())


def agenda(structure: Structure, first_day: Any) -> list[tuple[Any, list[Slot]]]:
    """The structure's slots of ``AGENDA_DAYS`` days from ``first_day``, by
    day, each with its live booking (``slot.live``: a list of zero or one).
    Two queries, whatever the number of slots."""
    start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))
    end = start + datetime.timedelta(days=AGENDA_DAYS)
    slots = list(
        Slot.objects.filter(
            structure=structure, starts_at__gte=start, starts_at__lt=end
        )
        .prefetch_related(
            Prefetch(
                "appointments",
                queryset=Appointment.objects.filter(status__in=TAKING_STATUSES),
                to_attr="live",
            )
        )
        .order_by("starts_at", "pk")
    )
    return _by_day(slots)


def slot_page(user: Any, pk: int, action: str = "manage") -> Slot:
    return slot_policy.get_or_404(
        user, action, Slot.objects.select_related("structure__organisation"), pk
    )


def appointment_page(user: Any, pk: int, action: str = "view") -> Appointment:
    return appointment_policy.get_or_404(
        user,
        action,
        Appointment.objects.select_related(
            "slot__structure__organisation",
            "booked_by",
            "outcome_by",
            "referral",
        ),
        pk,
    )


def public_structure(slug: str) -> Structure | None:
    """A published structure by its organisation's slug, or None."""
    return (
        Structure.objects.published()
        .select_related("organisation")
        .filter(organisation__slug=slug)
        .first()
    )


def public_open_slots(structure: Structure) -> QuerySet[Slot]:
    return Slot.objects.open_for_booking().filter(
        structure=structure, bookable_by=BookableBy.PUBLIC
    )


def public_slots_by_day(structure: Structure) -> list[tuple[Any, list[Slot]]]:
    """The slots the public may book now, soonest first, by day (one query)."""
    return _by_day(
        list(
            public_open_slots(structure).order_by("starts_at", "pk")[
                :PUBLIC_SLOTS_SHOWN
            ]
        )
    )


def has_public_slots() -> Exists:
    """Whether a structure (the outer row) has a slot the public may book now:
    a condition the public directory evaluates in its own query."""
    return Exists(
        Slot.objects.open_for_booking().filter(
            structure=OuterRef("pk"), bookable_by=BookableBy.PUBLIC
        )
    )
