"""The regional overview of structure conventions (section V): who has signed.

The Région must know, for one year, which structures expected to sign a
convention have one in force, which are on their way, and which are late. A
structure is expected to sign when it is an active member ("member") of a
partner network: only those deliver the accueil personnalisé et individualisé
(2.2), and only under a convention in force.

Who sees what follows the "overview" rules of ``convention_policy``: the
regional coordination sees every structure, a territorial officer those of
their territory. The rows are built from two queries whatever the number of
structures (the structures in scope, then the year's conventions for them),
joined in Python; the page and both exports read the same rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from conventions.definitions import EXPIRED, IN_FORCE, STRUCTURE_CONVENTION
from conventions.models import Convention, ConventionKind, campaign_due_date
from conventions.policy import convention_policy
from extranet.models import MembershipStatus, Network, Structure, Territory
from extranet.permissions import Scope, structure_policy, user_memberships

OVERVIEW_ACTION = "overview"
# A convention that reached force and then expired was in force for its year:
# looking back at a past year, it counts as signed, not as late.
SIGNED_STATES = frozenset({IN_FORCE, EXPIRED})


@dataclass(frozen=True)
class OverviewRow:
    """One structure expected to sign, and where its convention of the year is."""

    structure: Structure
    network: Network | None
    territory: Territory
    convention: Convention | None
    state_label: str
    waiting_since: datetime.datetime | None
    deadline: datetime.datetime | None
    in_force: bool
    late: bool
    lapsed: bool
    # Days past the campaign's date, for a structure that has not signed yet.
    days_overdue: int = 0

    @property
    def in_progress(self) -> bool:
        return self.convention is not None and not self.in_force

    @property
    def not_started(self) -> bool:
        return self.convention is None


@dataclass(frozen=True)
class OverviewSummary:
    """The counts shown above the table (late overlaps the others)."""

    total: int
    in_force: int
    in_progress: int
    not_started: int
    late: int
    lapsed: int


def overview_scope(user: Any) -> Q | None:
    """The structures ``user`` may follow in the overview; None when none.

    Read from the user's memberships and the "overview" rules of the
    conventions' policy, turned into a filter on structures by the structures'
    policy (same scopes: territory, network, own, region).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return Q(pk__isnull=False)
    q: Q | None = None
    for membership in user_memberships(user):
        scope = convention_policy.scope_of(membership, OVERVIEW_ACTION)
        if scope is None:
            continue
        if scope is Scope.TERRITORY and membership.territory_id is None:
            continue
        part = structure_policy.scope_filter(membership, scope)
        q = part if q is None else q | part
    return q


def expected_signatories(user: Any) -> QuerySet[Structure]:
    """Active structures in the user's overview scope that are expected to sign."""
    scope = overview_scope(user)
    if scope is None:
        return Structure.objects.none()
    return Structure.objects.filter(
        scope,
        organisation__is_active=True,
        membership_status=MembershipStatus.MEMBER,
        network__is_partner=True,
    )


def overview_networks(user: Any) -> QuerySet[Network]:
    """The partner networks offered as a filter: all of them, since a network
    spans territories (``user`` is kept so that every filter reads alike)."""
    return Network.objects.filter(is_partner=True).order_by("name")


def overview_territories(user: Any) -> QuerySet[Territory]:
    """The territories offered as a filter: those the user's scope reaches."""
    scope = overview_scope(user)
    if scope is None:
        return Territory.objects.none()
    return Territory.objects.filter(
        pk__in=Structure.objects.filter(scope).values("territory_id")
    ).order_by("name")


def _days_overdue(
    convention: Convention | None, *, due: datetime.date, today: datetime.date
) -> int:
    """How many days past the campaign's date a structure still has not signed
    (0 when signed, or when the date has not come)."""
    if convention is not None and convention.state in SIGNED_STATES:
        return 0
    return max((today - due).days, 0)


def convention_overview(
    user: Any,
    *,
    year: int,
    network: Network | None = None,
    territory: Territory | None = None,
    now: datetime.datetime | None = None,
    due: datetime.date | None = None,
) -> list[OverviewRow]:
    """Every structure expected to sign in the user's scope, with its convention
    of ``year`` (abandoned ones left out), ordered by structure name.

    Two queries (plus the user's memberships, cached per request), and one for
    the campaign's date unless ``due`` gives it.
    """
    now = now or timezone.now()
    if due is None:
        due = campaign_due_date(year)[0]
    today = timezone.localdate(now)
    structures = expected_signatories(user)
    if network is not None:
        structures = structures.filter(network=network)
    if territory is not None:
        structures = structures.filter(territory=territory)
    structures = structures.select_related(
        "organisation", "network", "territory"
    ).order_by("organisation__name", "pk")
    structure_list = list(structures)
    if not structure_list:
        return []
    conventions = {
        c.structure_id: c
        for c in Convention.objects.current()
        .of_kind(ConventionKind.STRUCTURE)
        .for_year(year)
        .filter(structure_id__in=structures.values("pk"))
        .only(
            "pk",
            "kind",
            "year",
            "structure",
            "network",
            "state",
            "state_entered_at",
            "state_deadline",
        )
    }
    rows = []
    for structure in structure_list:
        convention = conventions.get(structure.pk)
        signed = convention is not None and convention.state in SIGNED_STATES
        rows.append(
            OverviewRow(
                structure=structure,
                network=structure.network,
                territory=structure.territory,
                convention=convention,
                state_label=(
                    str(STRUCTURE_CONVENTION.state_label(convention.state))
                    if convention is not None
                    else ""
                ),
                waiting_since=convention.state_entered_at if convention else None,
                deadline=(
                    convention.state_deadline if convention and not signed else None
                ),
                in_force=signed,
                late=_days_overdue(convention, due=due, today=today) > 0,
                # A renewal under way is not a lapse left without follow-up.
                lapsed=structure.convention_lapsed and convention is None,
                days_overdue=_days_overdue(convention, due=due, today=today),
            )
        )
    return rows


def overview_summary(rows: Iterable[OverviewRow]) -> OverviewSummary:
    """Counts of the rows: in force, in progress, not started, late, lapsed."""
    rows = list(rows)
    return OverviewSummary(
        total=len(rows),
        in_force=sum(r.in_force for r in rows),
        in_progress=sum(r.in_progress for r in rows),
        not_started=sum(r.not_started for r in rows),
        late=sum(r.late for r in rows),
        lapsed=sum(r.lapsed for r in rows),
    )


# The rows a filter keeps, and the orders offered (the page and the exports).
STATE_FILTERS = {
    "en_vigueur": lambda r: r.in_force,
    "en_cours": lambda r: r.in_progress,
    "non_engagee": lambda r: r.not_started,
}
ALERT_FILTERS = {
    "retard": lambda r: r.late,
    "echue": lambda r: r.lapsed,
    "aucune": lambda r: not (r.late or r.lapsed),
}
SORTS = {
    "nom": lambda r: (r.structure.organisation.name.casefold(), r.structure.pk),
    "retard": lambda r: (-r.days_overdue, r.structure.organisation.name.casefold()),
    "etat": lambda r: (
        (0 if r.not_started else 1 if r.in_progress else 2),
        r.state_label,
        r.structure.organisation.name.casefold(),
    ),
}


def filter_and_sort(
    rows: list[OverviewRow], *, state: str = "", alert: str = "", sort: str = ""
) -> list[OverviewRow]:
    """The rows kept by the state and alert filters, in the asked order (by
    name when none): in Python, on the two queries' rows."""
    if state in STATE_FILTERS:
        rows = [r for r in rows if STATE_FILTERS[state](r)]
    if alert in ALERT_FILTERS:
        rows = [r for r in rows if ALERT_FILTERS[alert](r)]
    return sorted(rows, key=SORTS.get(sort, SORTS["nom"]))
