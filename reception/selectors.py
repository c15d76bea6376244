"""Reads of the accueil for its pages: every list starts from the policy, so
that a page shows exactly what the user may open, in a number of queries
that does not grow with the rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from extranet.models import Structure

from .definitions import CLOSED_STATES, OPEN_STATES
from .models import Appointment, Reception, Referral, Slot
from .models.appointments import BOOKERS_ORDER, TAKING_STATUSES
from .models.receptions import URGENCY_ORDER
from .policy import (
    appointment_policy,
    reception_policy,
    referral_policy,
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
    where each stands, and how to reach each structure. No one's identity."""
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
    return {
        "reception": reception,
        "referrals": referrals,
        "appointments": appointments,
        "now": timezone.now(),
    }


def visible_appointments(user: Any) -> QuerySet[Appointment]:
    return appointment_policy.visible(user, "view")
