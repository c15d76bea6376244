"""Who may read and change the service map.

* Read (``view``): every signed-in member of SPRO, whatever their role, reads
  the whole map, non-public entries included (only in the extranet): the point
  of the map is that each professional knows what the others offer.
* Change (``change``: edit, mark as reviewed, delete): professionals and
  referents of a member or associated-member structure, for their own
  structure's entries; the territorial officer, for the local actors of their
  territory; the regional coordination, everything.

A "point de contact" structure is not a member: it does not describe services
in the map. The same rule filters the lists and checks each object, so a user
who edits an id in a URL gets 404 for an entry out of reach.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from extranet.models import Membership, MembershipStatus, Role, Structure, Territory
from extranet.permissions import Policy, Scope, user_memberships

from ..models import ServiceEntry

# Structures whose staff describe their services in the map.
MAPPED_STATUSES = (MembershipStatus.MEMBER, MembershipStatus.ASSOCIATED)
STAFF_ROLES = (Role.PROFESSIONAL, Role.REFERENT)


class ServiceEntryPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.OWN:
            return Q(
                structure__organisation_id=membership.organisation_id,
                structure__membership_status__in=MAPPED_STATUSES,
            )
        if scope is Scope.TERRITORY:
            if membership.territory_id is None:
                return Q(pk__in=[])
            return Q(structure__isnull=True, territory_id=membership.territory_id)
        return Q(pk__in=[])


# Actions on entries:
#   view     read the entry (search, detail, exports, booklet)
#   change   create for one's structure or territory, edit, review, delete
SERVICE_MAP_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: {"view": Scope.REGION, "change": Scope.OWN},
    Role.REFERENT: {"view": Scope.REGION, "change": Scope.OWN},
    Role.NETWORK_HEAD: {"view": Scope.REGION},
    Role.GREF: {"view": Scope.REGION},
    Role.GOVERNMENT: {"view": Scope.REGION},
    Role.TERRITORIAL_OFFICER: {"view": Scope.REGION, "change": Scope.TERRITORY},
    Role.REGIONAL_COORDINATOR: {"view": Scope.REGION, "change": Scope.REGION},
}

service_entry_policy = ServiceEntryPolicy(
    model=ServiceEntry, rules=SERVICE_MAP_RULES, grants={}
)


def _administers(user: Any) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(m.role == Role.REGIONAL_COORDINATOR for m in user_memberships(user))


def structures_for_entries(user: Any) -> QuerySet[Structure]:
    """The structures for which ``user`` may describe services."""
    qs = Structure.objects.filter(
        membership_status__in=MAPPED_STATUSES, organisation__is_active=True
    ).select_related("organisation")
    if _administers(user):
        return qs.order_by("organisation__name")
    organisations = [
        m.organisation_id for m in user_memberships(user) if m.role in STAFF_ROLES
    ]
    return qs.filter(organisation_id__in=organisations).order_by("organisation__name")


def territories_for_actors(user: Any) -> QuerySet[Territory]:
    """The territories whose local actors ``user`` may list."""
    if _administers(user):
        return Territory.objects.order_by("name")
    ids = [
        m.territory_id
        for m in user_memberships(user)
        if m.role == Role.TERRITORIAL_OFFICER and m.territory_id
    ]
    return Territory.objects.filter(pk__in=ids).order_by("name")


def may_refer(user: Any) -> bool:
    """May ``user`` refer a person through the accueil (staff of a structure
    receiving under a convention in force)? Read from the memberships and one
    query, kept for the request; the accueil's own pages decide in the end."""
    cached = getattr(user, "_spro_servicemap_may_refer", None)
    if cached is None:
        organisations = [
            m.organisation_id for m in user_memberships(user) if m.role in STAFF_ROLES
        ]
        cached = bool(organisations) and any(
            s.convention_in_force
            for s in Structure.objects.filter(organisation_id__in=organisations)
        )
        if getattr(user, "is_authenticated", False):
            user._spro_servicemap_may_refer = cached
    return cached
