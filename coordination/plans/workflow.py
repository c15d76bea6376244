"""Binds ``LocalPlan`` to the local plan's workflow (``plans.definitions``).

The roles, for one plan:

* territorial officer: the officers of the plan's territory;
* regional coordinator: the Région's coordination, for every plan.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from extranet.models import Role, User
from extranet.permissions import user_memberships
from workflows import engine

from ..models import ActionKind, LocalPlan, RegionalSynthesis
from .definitions import (
    COORDINATOR,
    HAS_PARTNERSHIP,
    LOCAL_PLAN_WORKFLOWS,
    MAX_PARTNERSHIPS,
    OFFICER,
    REPORT_NEEDS,
    REVIEW_COMPLETE,
    SYNTHESIS_OPEN,
)
from .policy import local_plan_policy, officer_territory_ids


def has_partnership(plan: LocalPlan, _user: Any) -> bool:
    """One or two partnership actions, each with a pilot and a milestone."""
    partnerships = [a for a in plan.actions.all() if a.kind == ActionKind.PARTNERSHIP]
    if not 1 <= len(partnerships) <= MAX_PARTNERSHIPS:
        return False
    return all(a.pilot_id and a.milestones.exists() for a in partnerships)


def review_complete(plan: LocalPlan, _user: Any) -> bool:
    """The review says, for each action, whether it was done; and it has a
    summary."""
    return (
        bool(plan.review_summary.strip())
        and not plan.actions.filter(outcome="").exists()
    )


def synthesis_open(plan: LocalPlan, _user: Any) -> bool:
    return not RegionalSynthesis.objects.filter(
        year=plan.year, presented_at__isnull=False
    ).exists()


def report_needs(plan: LocalPlan, *, user: Any, **_kw) -> None:
    from . import services

    services.local_needs_report(plan=plan, user=user)


class LocalPlanBinding(engine.Binding):
    """The local plans' role reads, conditions and effects."""

    model = LocalPlan
    definitions = LOCAL_PLAN_WORKFLOWS
    policy = local_plan_policy
    todo_category = gettext_lazy("Plans d'action locaux")
    conditions = {
        HAS_PARTNERSHIP: has_partnership,
        REVIEW_COMPLETE: review_complete,
        SYNTHESIS_OPEN: synthesis_open,
    }
    effects = {REPORT_NEEDS: report_needs}

    def roles_of(self, user: Any, obj: LocalPlan) -> set[str]:
        roles: set[str] = set()
        if obj.territory_id in officer_territory_ids(user):
            roles.add(OFFICER)
        if any(m.role == Role.REGIONAL_COORDINATOR for m in user_memberships(user)):
            roles.add(COORDINATOR)
        return roles

    def objects_for_role(self, user: Any, role: str) -> QuerySet:
        base = LocalPlan.objects.select_related("territory")
        if role == OFFICER:
            territories = officer_territory_ids(user)
            if territories:
                return base.filter(territory_id__in=territories)
        elif role == COORDINATOR:
            if any(m.role == Role.REGIONAL_COORDINATOR for m in user_memberships(user)):
                return base.all()
        return base.none()

    def holders(self, obj: LocalPlan, role: str) -> QuerySet:
        if role == OFFICER:
            wanted = {
                "memberships__role": Role.TERRITORIAL_OFFICER,
                "memberships__territory_id": obj.territory_id,
            }
        elif role == COORDINATOR:
            wanted = {"memberships__role": Role.REGIONAL_COORDINATOR}
        else:
            return User.objects.none()
        return User.objects.filter(
            is_active=True, memberships__organisation__is_active=True, **wanted
        ).distinct()

    def may_wait_on(self, user: Any) -> bool:
        return any(
            m.role in (Role.TERRITORIAL_OFFICER, Role.REGIONAL_COORDINATOR)
            for m in user_memberships(user)
        )
