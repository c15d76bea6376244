"""Who may define surveys, run campaigns and read which results: one rule for
lists and pages alike.

* Definitions and campaigns: the Région's coordination, every kind; GREF,
  the session evaluations (survey kind and campaign mode "session").
* Results, once released and always under the small-cell rule:
  - the Région's coordination and the State: everything;
  - GREF: the session evaluations;
  - a network head: the public and peer campaigns, for its network's
    structures (and the campaign's whole);
  - a territorial officer: the same, for their territory;
  - a structure's referent: the public campaigns, for their structure.
  The campaign's whole is shown to every reader of a campaign: it is an
  aggregate over at least the threshold, computed with the same suppression.
* Free-text answers: moderated and read by who manages the campaign.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from extranet.models import Role
from extranet.permissions import user_memberships

from .models import Campaign, CampaignMode, Survey, SurveyKind

EVERY_RESULT = (Role.REGIONAL_COORDINATOR, Role.GOVERNMENT)


def _roles(user: Any) -> set[str]:
    return {m.role for m in user_memberships(user)}


def is_coordinator(user: Any) -> bool:
    return getattr(user, "is_superuser", False) or Role.REGIONAL_COORDINATOR in _roles(
        user
    )


def is_gref(user: Any) -> bool:
    return Role.GREF in _roles(user)


def may_manage_surveys(user: Any) -> bool:
    return is_coordinator(user) or is_gref(user)


def manageable_surveys(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    qs = queryset if queryset is not None else Survey.objects.all()
    if is_coordinator(user):
        return qs
    if is_gref(user):
        return qs.filter(kind=SurveyKind.SESSION)
    return qs.none()


def manageable_campaigns(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    qs = queryset if queryset is not None else Campaign.objects.all()
    if is_coordinator(user):
        return qs
    if is_gref(user):
        return qs.filter(mode=CampaignMode.SESSION)
    return qs.none()


def kinds_for(user: Any) -> list[str]:
    if is_coordinator(user):
        return list(SurveyKind.values)
    if is_gref(user):
        return [SurveyKind.SESSION]
    return []


@dataclass(frozen=True)
class Reach:
    """What of a campaign's results a user may read: everything, or the rows
    of some structures, networks and territories (and the whole)."""

    everything: bool = False
    # The organisations of the structures (a membership's organisation).
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    network_ids: frozenset[int] = field(default_factory=frozenset)
    territory_ids: frozenset[int] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return self.everything or bool(
            self.organisation_ids or self.network_ids or self.territory_ids
        )


def reach(user: Any, mode: str) -> Reach:
    """The user's reach in the results of a campaign of ``mode`` (no query:
    the memberships are cached per request)."""
    if getattr(user, "is_superuser", False):
        return Reach(everything=True)
    memberships = user_memberships(user)
    roles = {m.role for m in memberships}
    if roles & set(EVERY_RESULT):
        return Reach(everything=True)
    if Role.GREF in roles and mode == CampaignMode.SESSION:
        return Reach(everything=True)
    organisations: set[int] = set()
    networks: set[int] = set()
    territories: set[int] = set()
    for m in memberships:
        if m.role == Role.NETWORK_HEAD and mode != CampaignMode.SESSION:
            network = getattr(m.organisation, "headed_network", None)
            if network is not None:
                networks.add(network.pk)
        elif m.role == Role.TERRITORIAL_OFFICER and mode != CampaignMode.SESSION:
            if m.territory_id:
                territories.add(m.territory_id)
        elif m.role == Role.REFERENT and mode == CampaignMode.PUBLIC:
            organisations.add(m.organisation_id)
    return Reach(
        organisation_ids=frozenset(organisations),
        network_ids=frozenset(networks),
        territory_ids=frozenset(territories),
    )


def readable_campaigns(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    """The campaigns whose results the user may read (some rows at least):
    the same rule as ``reach``."""
    qs = queryset if queryset is not None else Campaign.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    modes = [mode for mode in CampaignMode.values if reach(user, mode)]
    scoped = [mode for mode in modes if not reach(user, mode).everything]
    everything = [mode for mode in modes if mode not in scoped]
    q = Q(mode__in=everything)
    for mode in scoped:
        r = reach(user, mode)
        # A scoped reader sees campaigns that concern their structures.
        q |= Q(mode=mode) & (
            Q(structures__organisation_id__in=r.organisation_ids)
            | Q(structures__network_id__in=r.network_ids)
            | Q(structures__territory_id__in=r.territory_ids)
        )
    if not modes:
        return qs.none()
    return qs.filter(q).distinct()


def structure_ids_in_reach(
    r: Reach, structures: dict[int, tuple[int, int | None, int | None]]
) -> set[int]:
    """Of ``structures`` (structure id → (organisation id, network id,
    territory id)), the ones whose rows ``r`` reaches."""
    if r.everything:
        return set(structures)
    return {
        pk
        for pk, (organisation_id, network_id, territory_id) in structures.items()
        if organisation_id in r.organisation_ids
        or network_id in r.network_ids
        or territory_id in r.territory_ids
    }
