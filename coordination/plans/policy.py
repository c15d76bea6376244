"""Who may see and do what with local action plans: one policy, lists and
pages alike.

* A plan is seen in every state by the territorial officers of its territory,
  the Région's coordination, and the staff (professionals and referents) of
  the structures of its territory, who are invited to contribute to it.
* GREF, the network heads and the State read the plans past their draft (a
  draft is the territory's working document).
* Writing a plan: the territorial officer, for their own territory; changing
  its content needs a state whose editors include them (the workflow).
* Contributing: the staff of a structure of the territory comment; its
  referents join a partnership action as partner.
* Milestones: the staff of the action's pilot structure, and the officer.
* The regional synthesis: written by the Région's coordination, read by it,
  the territorial officers, GREF, the network heads and the State.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from extranet.models import Membership, Role
from extranet.permissions import Policy, Scope, user_memberships

from ..models import LocalAction, LocalPlan
from .definitions import DRAFT, OPEN_STATES, RUNNING_STATES

STAFF_ROLES = (Role.PROFESSIONAL, Role.REFERENT)
READERS_PAST_DRAFT = (Role.GREF, Role.NETWORK_HEAD, Role.GOVERNMENT)
SYNTHESIS_READERS = (
    Role.REGIONAL_COORDINATOR,
    Role.TERRITORIAL_OFFICER,
    Role.GREF,
    Role.NETWORK_HEAD,
    Role.GOVERNMENT,
)


class LocalPlanPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.TERRITORY:
            return Q(territory_id=membership.territory_id)
        if scope is Scope.OWN:
            # A structure's staff: the plans of their structure's territory; a
            # PSAD's: the plans of the territories it covers.
            return Q(territory_id__in=_territories_of([membership.organisation_id]))
        return Q(pk__in=[])

    def visible(
        self, user: Any, action: str, queryset: QuerySet | None = None
    ) -> QuerySet:
        """The rule's table; to view, besides: every plan past its draft for
        GREF, the network heads and the State."""
        qs = queryset if queryset is not None else LocalPlan.objects.all()
        found = super().visible(user, action, qs)
        memberships = user_memberships(user)
        if action != "view" or found is qs or not memberships:
            return found
        if any(m.role in READERS_PAST_DRAFT for m in memberships):
            return qs.filter(Q(pk__in=found.values("pk")) | ~Q(state=DRAFT))
        return found


# Actions on plans:
#   view        the plan's page, its actions, contributions and history
#   write       start the plan of a territory for a year
#   change      its content (diagnosis, actions), where the workflow lets one
#   review      write its annual review (bilan)
#   contribute  comment on it (the territory's structures)
LOCAL_PLAN_RULES: dict[str, dict[str, Scope]] = {
    Role.TERRITORIAL_OFFICER: {
        "view": Scope.TERRITORY,
        "write": Scope.TERRITORY,
        "change": Scope.TERRITORY,
        "review": Scope.TERRITORY,
    },
    Role.REGIONAL_COORDINATOR: {"view": Scope.REGION},
    Role.PROFESSIONAL: {"view": Scope.OWN, "contribute": Scope.OWN},
    Role.REFERENT: {"view": Scope.OWN, "contribute": Scope.OWN},
}

local_plan_policy = LocalPlanPolicy(model=LocalPlan, rules=LOCAL_PLAN_RULES, grants={})


def _territories_of(organisation_ids: Any) -> QuerySet:
    """The territories of these organisations (a subquery): a structure's own,
    the ones a PSAD covers."""
    from extranet.models import Territory

    return Territory.objects.filter(
        Q(structures__organisation_id__in=organisation_ids)
        | Q(platforms__organisation_id__in=organisation_ids)
    ).values("pk")


def contributors_on(territory_id: int, organisation_ids: Any) -> list[int]:
    """Which of these organisations contribute to the plans of a territory:
    its structures, and the PSAD that cover it (one query)."""
    from extranet.models import Organisation

    if not organisation_ids:
        return []
    return list(
        Organisation.objects.filter(pk__in=list(organisation_ids), is_active=True)
        .filter(
            Q(structure__territory_id=territory_id)
            | Q(platform__territories__id=territory_id)
        )
        .distinct()
        .values_list("pk", flat=True)
    )


def officer_territory_ids(user: Any) -> set[int]:
    """The territories the user is territorial officer of (no query: cached)."""
    return {
        m.territory_id
        for m in user_memberships(user)
        if m.role == Role.TERRITORIAL_OFFICER and m.territory_id
    }


def staff_organisation_ids(user: Any) -> set[int]:
    return {m.organisation_id for m in user_memberships(user) if m.role in STAFF_ROLES}


def referent_organisation_ids(user: Any) -> set[int]:
    return {
        m.organisation_id for m in user_memberships(user) if m.role == Role.REFERENT
    }


def is_coordinator(user: Any) -> bool:
    return any(m.role == Role.REGIONAL_COORDINATOR for m in user_memberships(user))


def may_write(user: Any) -> bool:
    return bool(officer_territory_ids(user))


def may_update_milestones(user: Any, action: LocalAction) -> bool:
    """The pilot structure's staff, or the plan's officer, while the plan runs
    (or while it is being written, for the officer who sets them)."""
    plan = action.plan
    if not action.is_partnership:
        return False
    if plan.territory_id in officer_territory_ids(user):
        return plan.state in RUNNING_STATES or plan.state in {DRAFT, "returned"}
    return (
        plan.state in RUNNING_STATES
        and action.pilot is not None
        and action.pilot.organisation_id in staff_organisation_ids(user)
    )


def may_contribute(user: Any, plan: LocalPlan) -> bool:
    return plan.state in OPEN_STATES and local_plan_policy.can(user, "contribute", plan)


def joinable_organisations(user: Any, action: LocalAction) -> list[int]:
    """The organisations a user may have join this partnership action: the
    structures (or PSAD) of the plan's territory they are referent of, not yet
    in it."""
    if not action.is_partnership or action.plan.state not in OPEN_STATES:
        return []
    mine = referent_organisation_ids(user)
    if not mine:
        return []
    taken = {p.organisation_id for p in action.partners.all()}
    if action.pilot_id:
        taken.add(action.pilot.organisation_id)
    return contributors_on(action.plan.territory_id, mine - taken)


def joinable_by_action(user: Any, plan: LocalPlan) -> dict[int, list[Any]]:
    """For a plan's page: each partnership action's organisations the user may
    have join it (``joinable_organisations`` for all actions, one query)."""
    from extranet.models import Organisation

    mine = referent_organisation_ids(user)
    if not mine or plan.state not in OPEN_STATES:
        return {}
    here = list(
        Organisation.objects.filter(
            pk__in=contributors_on(plan.territory_id, mine)
        ).order_by("name")
    )
    found: dict[int, list[Any]] = {}
    for action in plan.actions.all():
        if not action.is_partnership:
            continue
        taken = {p.organisation_id for p in action.partners.all()}
        if action.pilot_id:
            taken.add(action.pilot.organisation_id)
        choices = [o for o in here if o.pk not in taken]
        if choices:
            found[action.pk] = choices
    return found


def may_read_syntheses(user: Any) -> bool:
    return getattr(user, "is_superuser", False) or any(
        m.role in SYNTHESIS_READERS for m in user_memberships(user)
    )


def may_write_synthesis(user: Any) -> bool:
    return getattr(user, "is_superuser", False) or is_coordinator(user)
