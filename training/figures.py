"""Figures of the professionalisation plan for the evaluation (section VI,
dimension 3: "professionnalisation des acteurs").

For one year (the sessions that start in it), per structure, per network and
per territory of the enrolled people's structures:

* **people enrolled**: distinct persons with an enrolment their structure
  approved (the transition log says so, whatever became of it afterwards);
* **people trained**: distinct persons marked present, fully or in part;
* **hours**: the hours of their valid certificates (hours actually attended);
* **attendance and no-show rates**: present (fully or in part), and absent,
  over every recorded outcome (present, partly present, absent, excused);
* **waiting-list conversion**: of the enrolments that were ever on the waiting
  list (the transition log again), those that later took a seat;
* the **cross-network sessions**: sessions whose participants came from
  structures of two networks or more.

Everything is counted in the database: a fixed number of queries (one per
table and one for the totals) whatever the number of rows. Who sees which rows
is ``training.policy.figures_policy``: the same rule for the page and its files.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from extranet.models import Network, Structure, Territory
from extranet.permissions import Scope, user_memberships
from workflows.models import TransitionLog

from .definitions import (
    ABSENT,
    ACCEPT,
    APPROVE,
    ATTENDED,
    CONFIRMED,
    EXCUSED,
    PARTIALLY_ATTENDED,
    WAITLISTED,
)
from .models import Enrolment
from .policy import FIGURES_ACTION, FIGURES_RULES, figures_policy

TRAINED_STATES = (ATTENDED, PARTIALLY_ATTENDED)
# Held a seat to the end: the session's participants.
PARTICIPANT_STATES = (CONFIRMED, ATTENDED, PARTIALLY_ATTENDED, ABSENT, EXCUSED)


def _ever(**log_filter: Any) -> Exists:
    """The enrolment's transition log holds a line like ``log_filter``."""
    return Exists(
        TransitionLog.objects.filter(
            content_type__app_label="training",
            content_type__model="enrolment",
            object_id=OuterRef("pk"),
            **log_filter,
        )
    )


def _measures() -> dict[str, Any]:
    approved = Q(_ever(transition=APPROVE))
    waitlisted = Q(_ever(to_state=WAITLISTED))
    return {
        "enrolled": Count("person", distinct=True, filter=approved),
        "trained": Count("person", distinct=True, filter=Q(state__in=TRAINED_STATES)),
        "hours": Coalesce(
            Sum("certificate__hours", filter=Q(certificate__revoked_at__isnull=True)),
            Value(Decimal("0")),
            output_field=DecimalField(max_digits=9, decimal_places=1),
        ),
        "present": Count("pk", filter=Q(state__in=TRAINED_STATES)),
        "absent": Count("pk", filter=Q(state=ABSENT)),
        "excused": Count("pk", filter=Q(state=EXCUSED)),
        "waitlisted": Count("pk", filter=waitlisted),
        "converted": Count("pk", filter=waitlisted & Q(_ever(transition=ACCEPT))),
    }


def _rate(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal, or None when there is nothing to count."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class FigureRow:
    """The figures of one structure, network or territory (or of all)."""

    name: str
    pk: int | None = None
    network: str = ""
    territory: str = ""
    enrolled: int = 0
    trained: int = 0
    hours: Decimal = Decimal("0")
    present: int = 0
    absent: int = 0
    excused: int = 0
    waitlisted: int = 0
    converted: int = 0

    @property
    def outcomes(self) -> int:
        return self.present + self.absent + self.excused

    @property
    def attendance_rate(self) -> Decimal | None:
        return _rate(self.present, self.outcomes)

    @property
    def no_show_rate(self) -> Decimal | None:
        return _rate(self.absent, self.outcomes)

    @property
    def conversion_rate(self) -> Decimal | None:
        return _rate(self.converted, self.waitlisted)


@dataclass(frozen=True)
class CrossNetworkSession:
    pk: int
    title: str
    starts_at: datetime.datetime | None
    networks: int
    participants: int


@dataclass(frozen=True)
class Figures:
    year: int
    total: FigureRow
    structures: list[FigureRow]
    networks: list[FigureRow]
    territories: list[FigureRow]
    cross_network: list[CrossNetworkSession]


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    return (
        timezone.make_aware(datetime.datetime(year, 1, 1)),
        timezone.make_aware(datetime.datetime(year + 1, 1, 1)),
    )


def figures_enrolments(
    user: Any,
    *,
    year: int,
    network: Network | None = None,
    territory: Territory | None = None,
) -> QuerySet[Enrolment]:
    """The enrolments the figures count: sessions starting in ``year``,
    structures in ``user``'s reach, narrowed by the filters."""
    start, end = _year_bounds(year)
    enrolments = figures_policy.visible(
        user,
        FIGURES_ACTION,
        Enrolment.objects.filter(
            session__starts_at__gte=start, session__starts_at__lt=end
        ),
    )
    if network is not None:
        enrolments = enrolments.filter(structure__network=network)
    if territory is not None:
        enrolments = enrolments.filter(structure__territory=territory)
    return enrolments


def _rows(enrolments: QuerySet, keys: dict[str, str], order: str) -> list[FigureRow]:
    """One row per value of the ``keys`` (row field → lookup), one query."""
    found = (
        enrolments.values(*keys.values())
        .annotate(**_measures())
        .order_by(keys[order], *keys.values())
    )
    rows = []
    for values in found:
        names = {field: values[lookup] or "" for field, lookup in keys.items()}
        measures = {name: values[name] for name in _measures()}
        rows.append(FigureRow(**names, **measures))
    return rows


def training_figures(
    user: Any,
    *,
    year: int,
    network: Network | None = None,
    territory: Territory | None = None,
) -> Figures:
    """The year's figures in ``user``'s reach (five queries, whatever the size)."""
    enrolments = figures_enrolments(
        user, year=year, network=network, territory=territory
    )
    total = FigureRow(name="", **enrolments.aggregate(**_measures()))
    structures = _rows(
        enrolments,
        {
            "name": "structure__organisation__name",
            "network": "structure__network__name",
            "territory": "structure__territory__name",
            "pk": "structure_id",
        },
        "name",
    )
    networks = _rows(
        enrolments,
        {"name": "structure__network__name", "pk": "structure__network_id"},
        "name",
    )
    territories = _rows(
        enrolments,
        {"name": "structure__territory__name", "pk": "structure__territory_id"},
        "name",
    )
    return Figures(
        year=year,
        total=total,
        structures=structures,
        networks=networks,
        territories=territories,
        cross_network=cross_network_sessions(enrolments),
    )


def cross_network_sessions(enrolments: QuerySet) -> list[CrossNetworkSession]:
    """The sessions where ``enrolments`` hold a seat and whose participants (all
    of them, whatever the reach) came from two networks or more."""
    sessions = enrolments.filter(state__in=PARTICIPANT_STATES).values("session_id")
    found = (
        Enrolment.objects.filter(session_id__in=sessions, state__in=PARTICIPANT_STATES)
        .values("session_id", "session__title", "session__starts_at")
        .annotate(
            networks=Count("structure__network", distinct=True),
            participants=Count("pk"),
        )
        .filter(networks__gte=2)
        .order_by("session__starts_at", "session_id")
    )
    return [
        CrossNetworkSession(
            pk=row["session_id"],
            title=row["session__title"],
            starts_at=row["session__starts_at"],
            networks=row["networks"],
            participants=row["participants"],
        )
        for row in found
    ]


# The filters offered: the networks and territories of one's reach ---------------


def _structures_in_reach(user: Any) -> QuerySet[Structure]:
    """The structures whose enrolments ``user``'s figures count (the same
    scopes as ``figures_policy``, read on structures)."""
    if getattr(user, "is_superuser", False):
        return Structure.objects.all()
    q: Q | None = None
    for membership in user_memberships(user):
        scope = FIGURES_RULES.get(membership.role, {}).get(FIGURES_ACTION)
        if scope is Scope.REGION:
            return Structure.objects.all()
        if scope is Scope.NETWORK:
            part = Q(network__head_id=membership.organisation_id)
        elif scope is Scope.TERRITORY and membership.territory_id:
            part = Q(territory_id=membership.territory_id)
        else:
            continue
        q = part if q is None else q | part
    return Structure.objects.filter(q) if q is not None else Structure.objects.none()


def figures_networks(user: Any) -> QuerySet[Network]:
    return Network.objects.filter(
        pk__in=_structures_in_reach(user).values("network_id")
    ).order_by("name")


def figures_territories(user: Any) -> QuerySet[Territory]:
    return Territory.objects.filter(
        pk__in=_structures_in_reach(user).values("territory_id")
    ).order_by("name")


def may_see_figures(user: Any) -> bool:
    return figures_policy.grants_anywhere(user, FIGURES_ACTION)


# The rows of the files ----------------------------------------------------------


LEVELS = ("structure", "network", "territory")


def export_rows(figures: Figures) -> list[tuple[str, FigureRow]]:
    """Every row of the three tables and the total, with its level."""
    rows: list[tuple[str, FigureRow]] = []
    rows += [("structure", row) for row in figures.structures]
    rows += [("network", row) for row in figures.networks]
    rows += [("territory", row) for row in figures.territories]
    rows.append(("total", figures.total))
    return rows
