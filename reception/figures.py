"""Figures of the accueil for the evaluation (cahier des charges, part 6),
computed without personal data: what the evaluation dashboard reads.

For a period (a year, or any range of days) and a scope (querysets already
narrowed to the structures in a user's reach by ``figures_policies``):

* **receptions**: people received (``SUM(people)``: a quick tally row may
  count several people, never ``COUNT`` rows) by structure, network,
  territory, channel, urgency and question raised, and how many asked to
  remain anonymous; the period is the day of the reception;
* **referrals** sent in the period, by receiving structure: the share
  accepted, declined (and by reason) and expired, over the referrals that
  came to one of these ends (those still open, and those the person withdrew,
  are counted apart); the median delay from sending to acceptance, and from
  sending to the appointment booked with the referral;
* **appointments** whose time falls in the period: the no-show rate, absent
  without notice over every outcome recorded (seen, absent, excused).

Small cells: a rate, a share or a median computed over fewer than
``SMALL_CELL`` (11) referrals or appointments is not given: its ``hidden``
flag is set and pages and files say "moins de 11" (the product's anonymity
rule); the parts it was computed from are never returned either. Counts of
people received are activity figures and are given as they are.

Everything is read in a fixed number of queries (seven, whatever the number
of rows): grouped counts in the database, and the medians in Python over one
list of durations each (DB-agnostic; a few thousand values a year at most).
Nothing here reads a personal field.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from extranet.models import Channel, Structure

from .definitions import ACCEPTED, DECLINED, EXPIRED, OPEN_STATES, WITHDRAWN
from .models import (
    Appointment,
    AppointmentStatus,
    DeclineReason,
    Question,
    Reception,
    Referral,
    Urgency,
)
from .models.receptions import question_field
from .policy import FIGURES_ACTION, figures_policies

# Below this many referrals or appointments, a rate or a median is not given.
SMALL_CELL = 11

DECIDED_STATES = (ACCEPTED, DECLINED, EXPIRED)
OUTCOMES = (
    AppointmentStatus.SEEN,
    AppointmentStatus.NO_SHOW,
    AppointmentStatus.EXCUSED,
)


@dataclass(frozen=True)
class Period:
    """Days from ``start`` to ``end``, both included."""

    start: datetime.date
    end: datetime.date
    year: int | None = None

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), year)

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as aware datetimes, the end excluded."""
        start = datetime.datetime.combine(self.start, datetime.time.min)
        end = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min
        )
        return timezone.make_aware(start), timezone.make_aware(end)


def share(part: int, whole: int) -> dict[str, Any]:
    """A percentage with one decimal over ``whole``, hidden under the small-cell
    threshold (``rate`` None, ``hidden`` True); the part is never returned."""
    if whole < SMALL_CELL:
        return {"whole": whole, "rate": None, "hidden": whole > 0}
    rate = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
    return {"whole": whole, "rate": rate, "hidden": False}


def median_days(delays: list[datetime.timedelta]) -> dict[str, Any]:
    """The median of ``delays`` in days (one decimal), hidden under the
    small-cell threshold."""
    count = len(delays)
    if count < SMALL_CELL:
        return {"count": count, "days": None, "hidden": count > 0}
    middle = statistics.median(d.total_seconds() for d in delays)
    days = (Decimal(middle) / Decimal(86400)).quantize(Decimal("0.1"))
    return {"count": count, "days": days, "hidden": False}


# Receptions -----------------------------------------------------------------


def receptions_in(receptions: QuerySet[Reception], period: Period) -> QuerySet:
    return receptions.filter(received_on__gte=period.start, received_on__lte=period.end)


def reception_counts(receptions: QuerySet[Reception], period: Period) -> dict:
    """People received in ``period``: in all, anonymous, by structure, network,
    territory, channel, urgency and question (three queries)."""
    rows = receptions_in(receptions, period)
    totals = rows.aggregate(
        all_people=Sum("people"),
        anonymous_people=Sum("people", filter=Q(anonymous=True)),
        **{
            question_field(q.value): Sum(
                "people", filter=Q(**{question_field(q.value): True})
            )
            for q in Question
        },
    )
    by_structure = [
        {
            "pk": row["structure_id"],
            "name": row["structure__organisation__name"],
            "network_pk": row["structure__network_id"],
            "network": row["structure__network__name"] or "",
            "territory_pk": row["structure__territory_id"],
            "territory": row["structure__territory__name"] or "",
            "people": row["sum_people"],
        }
        for row in rows.values(
            "structure_id",
            "structure__organisation__name",
            "structure__network_id",
            "structure__network__name",
            "structure__territory_id",
            "structure__territory__name",
        )
        .annotate(sum_people=Sum("people"))
        .order_by("structure__organisation__name", "structure_id")
    ]
    by_channel: dict[str, int] = dict.fromkeys(Channel.values, 0)
    by_urgency: dict[str, int] = dict.fromkeys(Urgency.values, 0)
    for row in (
        rows.values("channel", "urgency").annotate(sum_people=Sum("people")).order_by()
    ):
        people = row["sum_people"]
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + people
        by_urgency[row["urgency"]] = by_urgency.get(row["urgency"], 0) + people
    return {
        "people": totals["all_people"] or 0,
        "anonymous": totals["anonymous_people"] or 0,
        "by_structure": by_structure,
        "by_network": _group(by_structure, "network_pk", "network"),
        "by_territory": _group(by_structure, "territory_pk", "territory"),
        "by_channel": [
            {"key": key, "label": str(Channel(key).label), "people": people}
            for key, people in by_channel.items()
        ],
        "by_urgency": [
            {"key": key, "label": str(Urgency(key).label), "people": people}
            for key, people in by_urgency.items()
        ],
        "by_question": [
            {
                "key": q.value,
                "label": str(q.label),
                "people": totals[question_field(q.value)] or 0,
            }
            for q in Question
        ],
    }


def _group(rows: list[dict], key: str, name: str) -> list[dict]:
    """The structure rows summed by network or territory, by name."""
    found: dict[Any, dict] = {}
    for row in rows:
        group = found.setdefault(
            row[key], {"pk": row[key], "name": row[name], "people": 0}
        )
        group["people"] += row["people"]
    return sorted(found.values(), key=lambda g: (g["name"] == "", g["name"]))


# Referrals ------------------------------------------------------------------


def referrals_in(referrals: QuerySet[Referral], period: Period) -> QuerySet:
    start, end = period.bounds()
    return referrals.filter(sent_at__gte=start, sent_at__lt=end)


def _outcomes(states: dict[str, int]) -> dict[str, Any]:
    decided = sum(states.get(s, 0) for s in DECIDED_STATES)
    return {
        "sent": sum(states.values()),
        "open": sum(states.get(s, 0) for s in OPEN_STATES),
        "withdrawn": states.get(WITHDRAWN, 0),
        "decided": decided,
        "accepted": share(states.get(ACCEPTED, 0), decided),
        "declined": share(states.get(DECLINED, 0), decided),
        "expired": share(states.get(EXPIRED, 0), decided),
    }


def referral_outcomes(referrals: QuerySet[Referral], period: Period) -> dict:
    """The referrals sent in ``period``: what became of them, in all and by
    receiving structure, the reasons of the refusals, and the median delays
    to acceptance and to the appointment (three queries)."""
    rows = referrals_in(referrals, period)
    states: dict[str, int] = {}
    reasons: dict[str, int] = dict.fromkeys(DeclineReason.values, 0)
    structures: dict[int, dict] = {}
    for row in (
        rows.values(
            "to_structure_id",
            "to_structure__organisation__name",
            "to_structure__network__name",
            "to_structure__territory__name",
            "state",
            "decline_reason",
        )
        .annotate(n=Count("pk"))
        .order_by()
    ):
        n = row["n"]
        states[row["state"]] = states.get(row["state"], 0) + n
        if row["state"] == DECLINED and row["decline_reason"]:
            reasons[row["decline_reason"]] = reasons.get(row["decline_reason"], 0) + n
        one = structures.setdefault(
            row["to_structure_id"],
            {
                "pk": row["to_structure_id"],
                "name": row["to_structure__organisation__name"],
                "network": row["to_structure__network__name"] or "",
                "territory": row["to_structure__territory__name"] or "",
                "states": {},
            },
        )
        one["states"][row["state"]] = one["states"].get(row["state"], 0) + n
    declined = states.get(DECLINED, 0)
    accepted_delays = [
        decided - sent
        for sent, decided in rows.filter(
            state=ACCEPTED, decided_at__isnull=False
        ).values_list("sent_at", "decided_at")
        if decided >= sent
    ]
    appointment_delays = [
        starts - sent
        for sent, starts in Appointment.objects.filter(referral__in=rows)
        .exclude(status=AppointmentStatus.CANCELLED)
        .values_list("referral__sent_at", "slot__starts_at")
        if starts >= sent
    ]
    return {
        **_outcomes(states),
        "decline_reasons": [
            {
                "key": key,
                "label": str(DeclineReason(key).label),
                "share": share(count, declined),
            }
            for key, count in reasons.items()
        ],
        "days_to_acceptance": median_days(accepted_delays),
        "days_to_appointment": median_days(appointment_delays),
        "by_structure": {
            pk: {
                **{k: v for k, v in row.items() if k != "states"},
                **_outcomes(row["states"]),
            }
            for pk, row in structures.items()
        },
    }


# Appointments ---------------------------------------------------------------


def appointment_outcomes(appointments: QuerySet[Appointment], period: Period) -> dict:
    """The appointments whose time falls in ``period``, by structure: the
    no-show rate over every outcome recorded (one query)."""
    start, end = period.bounds()
    rows = (
        appointments.filter(
            slot__starts_at__gte=start, slot__starts_at__lt=end, status__in=OUTCOMES
        )
        .values("slot__structure_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    totals: dict[str, int] = {}
    structures: dict[int, dict[str, int]] = {}
    for row in rows:
        totals[row["status"]] = totals.get(row["status"], 0) + row["n"]
        one = structures.setdefault(row["slot__structure_id"], {})
        one[row["status"]] = one.get(row["status"], 0) + row["n"]

    def rate(counts: dict[str, int]) -> dict[str, Any]:
        return share(counts.get(AppointmentStatus.NO_SHOW, 0), sum(counts.values()))

    return {
        "outcomes": sum(totals.values()),
        "no_show": rate(totals),
        "by_structure": {pk: rate(counts) for pk, counts in structures.items()},
    }


# Together, in a user's reach ----------------------------------------------------


def may_see_figures(user: Any) -> bool:
    return figures_policies[Reception].grants_anywhere(user, FIGURES_ACTION)


def scoped(user: Any, model: type) -> QuerySet:
    """``model``'s rows the figures of ``user`` count (the structures in reach)."""
    return figures_policies[model].visible(user, FIGURES_ACTION)


def structure_rows(receptions: dict, referrals: dict, appointments: dict) -> list:
    """One row per structure that received people, was referred to or held
    appointments: people received, referrals' outcomes, no-show rate."""
    rows: dict[int, dict] = {}
    for row in receptions["by_structure"]:
        rows[row["pk"]] = {
            "pk": row["pk"],
            "name": row["name"],
            "network": row["network"],
            "territory": row["territory"],
            "people": row["people"],
        }
    for pk, row in referrals["by_structure"].items():
        one = rows.setdefault(
            pk,
            {
                "pk": pk,
                "name": row["name"],
                "network": row["network"],
                "territory": row["territory"],
                "people": 0,
            },
        )
        one["referrals"] = row
    missing = [pk for pk in appointments["by_structure"] if pk not in rows]
    if missing:  # structures that only held appointments: rare, one query
        for s in Structure.objects.filter(pk__in=missing).values(
            "pk", "organisation__name", "network__name", "territory__name"
        ):
            rows[s["pk"]] = {
                "pk": s["pk"],
                "name": s["organisation__name"],
                "network": s["network__name"] or "",
                "territory": s["territory__name"] or "",
                "people": 0,
            }
    empty = _outcomes({})
    for pk, one in rows.items():
        one.setdefault("referrals", empty)
        one["no_show"] = appointments["by_structure"].get(pk, share(0, 0))
    return sorted(rows.values(), key=lambda r: (r["name"], r["pk"]))


def reception_figures(user: Any, period: Period) -> dict[str, Any]:
    """Every figure of the accueil in ``user``'s reach for ``period``: plain
    dicts and lists, for the page, its files and the evaluation dashboard."""
    receptions = reception_counts(scoped(user, Reception), period)
    referrals = referral_outcomes(scoped(user, Referral), period)
    appointments = appointment_outcomes(scoped(user, Appointment), period)
    return {
        "period": period,
        "threshold": SMALL_CELL,
        "receptions": receptions,
        "referrals": referrals,
        "appointments": appointments,
        "structures": structure_rows(receptions, referrals, appointments),
    }
