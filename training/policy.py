"""Who may do what to which session and enrolment: the training app's policies.

Read by every view, list, selector and template of the app. Sessions:

* every member of SPRO sees the published sessions' public information (the
  catalogue); drafts only by those who manage sessions;
* only GREF and the Région's coordination publish, change or cancel sessions;
* the participant list and the attendance of a session are for GREF, the Région
  and the outside trainer granted *that* session (a django-guardian per-object
  grant, never a model-wide one).

Needs: a network head sees and says the needs of their network, a territorial
officer those of their territory, until the campaign's deadline; GREF and the
Région's coordination see them all, consolidated; GREF opens the campaigns.

The plan: every member of SPRO reads the validated plans (and the versions they
replaced); drafts are for GREF and the Région's coordination, who write them.
Moving a plan and editing its actions is decided by the plan workflow's roles
and states (``training.workflow.PlanBinding``, ``workflows.engine.may_edit``).

Enrolments: a professional sees their own; a referent those of their structure
(and approves them); a network head those of their network's structures; a
territorial officer those of their territory's; GREF and the Région all; the
trainer those of their session. Moving an enrolment through its workflow is
decided by the workflow's roles (``training.workflow``) on top of "view".
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from extranet.models import Membership, Role
from extranet.permissions import Policy, Scope, user_memberships

from .definitions import PLAN_PUBLISHED_STATES
from .models import (
    Enrolment,
    Need,
    NeedsCampaign,
    Plan,
    SessionStatus,
    TrainingSession,
)

TRAINER_PERMISSION = "training.animate_trainingsession"
# Roles that may ask for a place in a session: the staff of a structure.
ENROLLING_ROLES = (Role.PROFESSIONAL, Role.REFERENT)


class SessionPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        return Q(pk__isnull=False)

    def visible(
        self, user: Any, action: str, queryset: QuerySet | None = None
    ) -> QuerySet:
        found = super().visible(user, action, queryset)
        if action == "view" and not self.grants_anywhere(user, "manage"):
            # The catalogue: published and cancelled sessions, never drafts
            # (a trainer granted a draft session still sees it).
            granted = get_objects_for_user(
                user,
                TRAINER_PERMISSION,
                klass=TrainingSession,
                accept_global_perms=False,
                with_superuser=False,
            ).values("pk")
            found = found.filter(~Q(status=SessionStatus.DRAFT) | Q(pk__in=granted))
        return found


class EnrolmentPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.OWN:
            if membership.role == Role.REFERENT:
                return Q(structure__organisation_id=membership.organisation_id)
            return Q(person_id=membership.user_id)
        if scope is Scope.NETWORK:
            return Q(structure__network__head_id=membership.organisation_id)
        if scope is Scope.TERRITORY:
            return Q(structure__territory_id=membership.territory_id)
        return Q(pk__isnull=False)

    def visible(
        self, user: Any, action: str, queryset: QuerySet | None = None
    ) -> QuerySet:
        """The rule's table, plus one's own enrolments whatever one's role, plus
        those of the sessions one is the granted trainer of (view only)."""
        qs = queryset if queryset is not None else Enrolment.objects.all()
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return qs.none()
        if user.is_superuser:
            return qs
        q = Q(pk__in=super().visible(user, action).values("pk"))
        if action == "view":
            q |= Q(person_id=user.pk)
            sessions = get_objects_for_user(
                user,
                TRAINER_PERMISSION,
                klass=TrainingSession,
                accept_global_perms=False,
                with_superuser=False,
            ).values("pk")
            q |= Q(session__in=sessions)
        return qs.filter(q)


class NeedPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.NETWORK:
            return Q(organisation_id=membership.organisation_id)
        if scope is Scope.TERRITORY:
            if membership.territory_id is None:
                return Q(pk__in=[])
            return Q(scope_territory_id=membership.territory_id)
        return Q(pk__in=[])


class CampaignPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        return Q(pk__isnull=False)


class PlanPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        return Q(pk__isnull=False)

    def visible(
        self, user: Any, action: str, queryset: QuerySet | None = None
    ) -> QuerySet:
        found = super().visible(user, action, queryset)
        if action == "view" and not self.grants_anywhere(user, "draft"):
            found = found.filter(state__in=PLAN_PUBLISHED_STATES)
        return found


class FiguresPolicy(Policy):
    """The enrolments the evaluation figures count: those of the structures in
    the user's reach (their network's, their territory's, or all of them)."""

    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.NETWORK:
            return Q(structure__network__head_id=membership.organisation_id)
        if scope is Scope.TERRITORY:
            if membership.territory_id is None:
                return Q(pk__in=[])
            return Q(structure__territory_id=membership.territory_id)
        return Q(pk__in=[])


def may_manage_sessions(user: Any) -> bool:
    """GREF and the Région publish, change and cancel sessions."""
    return session_policy.grants_anywhere(user, "manage")


def may_see_participants(user: Any, session: TrainingSession) -> bool:
    """GREF, the Région, and the trainer granted this very session."""
    return session_policy.can(user, "participants", session)


def enrolling_memberships(user: Any) -> list[Membership]:
    """The user's memberships in structures that let them ask for a place."""
    return [
        m
        for m in user_memberships(user)
        if m.role in ENROLLING_ROLES and hasattr(m.organisation, "structure")
    ]


# Actions on sessions:
#   view            the public information of a published session (catalogue)
#   manage          create, publish, change or cancel sessions; move the queue
#   participants    the participant list, the visio link, the attendance
SESSION_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: {"view": Scope.REGION},
    Role.REFERENT: {"view": Scope.REGION},
    Role.NETWORK_HEAD: {"view": Scope.REGION},
    Role.TERRITORIAL_OFFICER: {"view": Scope.REGION},
    Role.GOVERNMENT: {"view": Scope.REGION},
    Role.GREF: {
        "view": Scope.REGION,
        "manage": Scope.REGION,
        "participants": Scope.REGION,
    },
    Role.REGIONAL_COORDINATOR: {
        "view": Scope.REGION,
        "manage": Scope.REGION,
        "participants": Scope.REGION,
    },
}

# Actions on enrolments (moving one is decided by the workflow's roles):
#   view            see the enrolment, its state and its history
#   export          the enrolment tables and their exports
ENROLMENT_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: {"view": Scope.OWN},
    Role.REFERENT: {"view": Scope.OWN, "export": Scope.OWN},
    Role.NETWORK_HEAD: {"view": Scope.NETWORK, "export": Scope.NETWORK},
    Role.TERRITORIAL_OFFICER: {"view": Scope.TERRITORY, "export": Scope.TERRITORY},
    Role.GREF: {"view": Scope.REGION, "export": Scope.REGION},
    Role.REGIONAL_COORDINATOR: {"view": Scope.REGION, "export": Scope.REGION},
}

# Actions on needs:
#   view            see a need and what became of it
#   submit          say a need of one's scope, change it until the deadline
#   consolidate     every need, counted by theme, network and territory
NEED_RULES: dict[str, dict[str, Scope]] = {
    Role.NETWORK_HEAD: {"view": Scope.NETWORK, "submit": Scope.NETWORK},
    Role.TERRITORIAL_OFFICER: {"view": Scope.TERRITORY, "submit": Scope.TERRITORY},
    Role.GREF: {"view": Scope.REGION, "consolidate": Scope.REGION},
    Role.REGIONAL_COORDINATOR: {"view": Scope.REGION, "consolidate": Scope.REGION},
}

# Actions on needs campaigns:
#   view            the campaign's page (one's needs, or the consolidation)
#   open            open a campaign, close it
CAMPAIGN_RULES: dict[str, dict[str, Scope]] = {
    Role.NETWORK_HEAD: {"view": Scope.REGION},
    Role.TERRITORIAL_OFFICER: {"view": Scope.REGION},
    Role.GREF: {"view": Scope.REGION, "open": Scope.REGION},
    Role.REGIONAL_COORDINATOR: {"view": Scope.REGION},
}

# Actions on plans (moving one, and editing its actions, is the workflow's):
#   view            a validated plan (or a replaced version) and its actions
#   draft           every plan, drafts included; start the year's plan
PLAN_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: {"view": Scope.REGION},
    Role.REFERENT: {"view": Scope.REGION},
    Role.NETWORK_HEAD: {"view": Scope.REGION},
    Role.TERRITORIAL_OFFICER: {"view": Scope.REGION},
    Role.GOVERNMENT: {"view": Scope.REGION},
    Role.GREF: {"view": Scope.REGION, "draft": Scope.REGION},
    Role.REGIONAL_COORDINATOR: {"view": Scope.REGION, "draft": Scope.REGION},
}

# The evaluation figures (section VI, dimension 3), the page and its files:
#   figures         people enrolled and trained, hours, rates, per structure,
#                   network and territory of one's reach
FIGURES_ACTION = "figures"
FIGURES_RULES: dict[str, dict[str, Scope]] = {
    Role.NETWORK_HEAD: {FIGURES_ACTION: Scope.NETWORK},
    Role.TERRITORIAL_OFFICER: {FIGURES_ACTION: Scope.TERRITORY},
    Role.GREF: {FIGURES_ACTION: Scope.REGION},
    Role.REGIONAL_COORDINATOR: {FIGURES_ACTION: Scope.REGION},
}

need_policy = NeedPolicy(model=Need, rules=NEED_RULES, grants={})
campaign_policy = CampaignPolicy(model=NeedsCampaign, rules=CAMPAIGN_RULES, grants={})
plan_policy = PlanPolicy(model=Plan, rules=PLAN_RULES, grants={})

session_policy = SessionPolicy(
    model=TrainingSession,
    rules=SESSION_RULES,
    grants={"view": TRAINER_PERMISSION, "participants": TRAINER_PERMISSION},
)

enrolment_policy = EnrolmentPolicy(model=Enrolment, rules=ENROLMENT_RULES, grants={})
figures_policy = FiguresPolicy(model=Enrolment, rules=FIGURES_RULES, grants={})


def may_record_attendance(user: Any, session: TrainingSession) -> bool:
    """The sign-in sheets and the attendance: those who see the participants."""
    return may_see_participants(user, session)


def may_read_certificate(user: Any, enrolment: Enrolment) -> bool:
    """The person, a referent of the structure they enrolled for, GREF and the
    Région: nobody else reads a certificate (its public check shows initials)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if enrolment.person_id == user.pk:
        return True
    organisation_id = enrolment.structure.organisation_id
    return any(
        m.role in (Role.GREF, Role.REGIONAL_COORDINATOR)
        or (m.role == Role.REFERENT and m.organisation_id == organisation_id)
        for m in user_memberships(user)
    )
