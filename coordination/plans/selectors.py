"""Reads of local plans and the regional synthesis, each through the policy and
in a bounded number of queries (lists and pages alike)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from ..models import (
    ActionKind,
    ActionOutcome,
    ActionPartner,
    LocalAction,
    LocalPlan,
    Milestone,
    PartnershipTheme,
    PlanComment,
    RegionalSynthesis,
)
from .definitions import LOCAL_PLAN, REVIEWED_STATES
from .policy import local_plan_policy


def plans_for_list(user: Any, filters: dict[str, Any]) -> QuerySet:
    """The plans the user may read, filtered by year, territory and state, with
    their count of actions (one query)."""
    qs = local_plan_policy.visible(
        user, "view", LocalPlan.objects.select_related("territory")
    )
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    if filters.get("territory"):
        qs = qs.filter(territory=filters["territory"])
    if filters.get("state"):
        qs = qs.filter(state=filters["state"])
    return qs.annotate(
        action_count=Count("actions", distinct=True),
        partnership_count=Count(
            "actions", filter=Q(actions__kind=ActionKind.PARTNERSHIP), distinct=True
        ),
    ).order_by("-year", "territory__name")


def plan_for_page(user: Any, pk: Any) -> LocalPlan:
    """One plan the user may read (404 otherwise), with what its page shows
    loaded in a fixed number of queries."""
    qs = LocalPlan.objects.select_related("territory", "created_by").prefetch_related(
        Prefetch(
            "actions",
            queryset=LocalAction.objects.select_related(
                "pilot__organisation", "plan_action", "need__campaign"
            ).prefetch_related(
                Prefetch(
                    "partners",
                    queryset=ActionPartner.objects.select_related("organisation"),
                ),
                Prefetch("milestones", queryset=Milestone.objects.order_by("due_on")),
                "sessions",
                "practices",
            ),
        ),
        Prefetch(
            "comments",
            queryset=PlanComment.objects.select_related("author", "organisation"),
        ),
    )
    return local_plan_policy.get_or_404(user, "view", qs, pk)


def action_of(plan: LocalPlan, pk: Any) -> LocalAction:
    """An action of a plan already read through the policy (404 otherwise)."""
    from django.http import Http404

    for action in plan.actions.all():
        if str(action.pk) == str(pk):
            return action
    raise Http404


# The regional synthesis -----------------------------------------------------------


@dataclass
class SynthesisFigures:
    """What the records say of one year's local plans (counts only)."""

    year: int
    plans: int = 0
    plans_reviewed: int = 0
    plans_by_state: list[dict[str, Any]] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    structures_involved: int = 0
    people_trained: int = 0
    needs_reported: int = 0
    practices: int = 0
    themes: list[dict[str, Any]] = field(default_factory=list)
    territories: list[dict[str, Any]] = field(default_factory=list)
    # The plans whose reviews the synthesis compiles (frozen with the figures).
    reviewed_plan_ids: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SynthesisFigures:
        return cls(**data)


def synthesis_figures(year: int) -> SynthesisFigures:
    """The counts of the synthesis, computed from the records of ``year``'s
    reviewed plans: eight queries whatever the number of territories."""
    from training.definitions import ATTENDED, PARTIALLY_ATTENDED
    from training.models import Enrolment

    plans = LocalPlan.objects.filter(year=year)
    reviewed = plans.filter(state__in=REVIEWED_STATES)
    actions = LocalAction.objects.filter(plan__in=reviewed)
    figures = SynthesisFigures(year=year)
    # 1. Plans by state.
    by_state = dict(
        plans.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    figures.plans = sum(by_state.values())
    figures.plans_reviewed = sum(by_state.get(s, 0) for s in REVIEWED_STATES)
    figures.plans_by_state = [
        {"label": str(LOCAL_PLAN.state_label(s.name)), "count": by_state[s.name]}
        for s in LOCAL_PLAN.states
        if by_state.get(s.name)
    ]
    # 2. Actions by kind and outcome, needs reported, practices that came out.
    counts = actions.aggregate(
        **{f"kind_{k}": Count("pk", filter=Q(kind=k)) for k in ActionKind.values},
        **{f"out_{o}": Count("pk", filter=Q(outcome=o)) for o in ActionOutcome.values},
        needs=Count("pk", filter=Q(need__isnull=False)),
    )
    figures.actions = {
        str(label): counts[f"kind_{k}"] for k, label in ActionKind.choices
    }
    figures.outcomes = {
        str(label): counts[f"out_{o}"] for o, label in ActionOutcome.choices
    }
    figures.needs_reported = counts["needs"]
    # 3. Practices that came out of the actions.
    figures.practices = (
        LocalAction.practices.through.objects.filter(localaction__in=actions)
        .values("practice")
        .distinct()
        .count()
    )
    # 4-5. Structures involved: pilots and partners of the actions.
    pilots = set(
        actions.exclude(pilot=None).values_list("pilot__organisation_id", flat=True)
    )
    partners = set(
        ActionPartner.objects.filter(action__in=actions).values_list(
            "organisation_id", flat=True
        )
    )
    figures.structures_involved = len(pilots | partners)
    # 6. People trained locally: present at a session of a professionalisation
    # action (one person counted once).
    figures.people_trained = (
        Enrolment.objects.filter(
            session__local_actions__in=actions,
            state__in=(ATTENDED, PARTIALLY_ATTENDED),
        )
        .values("person")
        .distinct()
        .count()
    )
    # 7. Partnership themes.
    themes = dict(
        actions.filter(kind=ActionKind.PARTNERSHIP)
        .values_list("theme")
        .annotate(n=Count("pk"))
        .values_list("theme", "n")
    )
    figures.themes = [
        {"label": str(label), "count": themes[value]}
        for value, label in PartnershipTheme.choices
        if themes.get(value)
    ]
    # 8. One row per territory.
    rows = list(
        plans.values("pk", "territory__name", "state")
        .annotate(
            n_actions=Count("actions"),
            n_done=Count("actions", filter=Q(actions__outcome=ActionOutcome.DONE)),
        )
        .order_by("territory__name")
    )
    figures.territories = [
        {
            "territory": row["territory__name"],
            "state": str(LOCAL_PLAN.state_label(row["state"])),
            "actions": row["n_actions"],
            "done": row["n_done"],
        }
        for row in rows
    ]
    figures.reviewed_plan_ids = [
        row["pk"] for row in rows if row["state"] in REVIEWED_STATES
    ]
    return figures


def figures_of(synthesis: RegionalSynthesis) -> SynthesisFigures:
    """A presented version's frozen figures; a draft's, as the records say now."""
    if synthesis.figures:
        return SynthesisFigures.from_json(synthesis.figures)
    return synthesis_figures(synthesis.year)


def syntheses_for_list(user: Any) -> QuerySet:
    from .policy import may_read_syntheses

    if not may_read_syntheses(user):
        return RegionalSynthesis.objects.none()
    return RegionalSynthesis.objects.select_related("presented_by").order_by(
        "-year", "-version"
    )


def synthesis_for_page(user: Any, pk: Any) -> RegionalSynthesis:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(syntheses_for_list(user).select_related("previous"), pk=pk)


def reviewed_plans(year: int) -> QuerySet:
    """The reviewed plans of a year, for the synthesis's page (one query)."""
    return (
        LocalPlan.objects.filter(year=year, state__in=REVIEWED_STATES)
        .select_related("territory")
        .order_by("territory__name")
    )


def plans_of(synthesis: RegionalSynthesis, figures: SynthesisFigures) -> QuerySet:
    """The plans whose reviews a version compiles: for a presented one, those
    reviewed when it was presented (a review handed in later waits for the
    next version); for a draft, those reviewed now (one query)."""
    if not synthesis.figures:
        return reviewed_plans(synthesis.year)
    return (
        LocalPlan.objects.filter(pk__in=figures.reviewed_plan_ids)
        .select_related("territory")
        .order_by("territory__name")
    )
