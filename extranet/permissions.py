"""Who may do what to which object in the extranet: one policy, read everywhere.

The rules are data: for each role, the actions it grants and the scope they reach
(the member's own organisation, the structures of the network it heads, those of
its territory, or the whole region). ``can()`` answers for one object and
``visible()`` filters a list with the very same rule, so a detail page and the list
that links to it cannot disagree. Explicit per-object grants (a delegate, an
outside reviewer) are stored by django-guardian and consulted too, without ever
accepting model-wide permissions.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404
from guardian.shortcuts import get_objects_for_user

from .models import (
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    Structure,
)


class Scope(StrEnum):
    OWN = "own"
    NETWORK = "network"
    TERRITORY = "territory"
    REGION = "region"


# What a region-wide scope reaches: every object of the model, unfiltered.
EVERYTHING = Q(pk__isnull=False)


def user_memberships(user: Any) -> list[Membership]:
    """The user's memberships in active organisations, loaded once per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_spro_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, organisation__is_active=True)
            .select_related("organisation", "territory", "organisation__headed_network")
            .order_by("organisation__name")
        )
        for membership in cached:
            membership.user = user  # reached from a membership without a query
        user._spro_memberships = cached
    return cached


def forget_memberships(user: Any) -> None:
    """Drop the per-request caches after a change to the user's memberships
    (or their per-object grants): the memberships and the policies' answers."""
    for name in ("_spro_memberships", "_spro_policy_answers"):
        if hasattr(user, name):
            delattr(user, name)


def has_role(user: Any, *roles: str) -> bool:
    return any(m.role in roles for m in user_memberships(user))


@dataclass(frozen=True)
class Policy(ABC):
    """Rules of one model: role → {action: scope}, and how a scope becomes a filter."""

    model: type[Model]
    rules: dict[str, dict[str, Scope]]
    # Per-object permission codenames (django-guardian) that grant an action.
    grants: dict[str, str]

    @abstractmethod
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        """The filter on this model that one membership's scope reaches (never
        asked for ``Scope.REGION``, which reaches every object)."""

    def scope_of(self, membership: Membership, action: str) -> Scope | None:
        """The scope in which this membership's role grants ``action``, if any."""
        return self.rules.get(membership.role, {}).get(action)

    def membership_may(self, membership: Membership, action: str) -> bool:
        """Does this membership's role grant ``action`` anywhere?"""
        return self.scope_of(membership, action) is not None

    def _rule_filter(self, user: Any, action: str) -> Q | None:
        """OR of every membership's scope for this action; None when nothing,
        ``EVERYTHING`` when one of them reaches the whole region."""
        q: Q | None = None
        for membership in user_memberships(user):
            scope = self.scope_of(membership, action)
            if scope is None:
                continue
            if scope is Scope.REGION:
                return EVERYTHING
            part = self.scope_filter(membership, scope)
            q = part if q is None else q | part
        return q

    def visible(
        self, user: Any, action: str, queryset: QuerySet | None = None
    ) -> QuerySet:
        """The objects of ``queryset`` on which ``user`` may perform ``action``."""
        qs = queryset if queryset is not None else self.model._default_manager.all()
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return qs.none()
        if user.is_superuser:
            return qs
        q = self._rule_filter(user, action)
        if q is EVERYTHING:
            # The whole region: no per-object grant can add to it, so none is
            # read (a coordinator's every page asked django-guardian for nothing).
            return qs
        perm = self.grants.get(action)
        if perm:
            granted = get_objects_for_user(
                user,
                perm,
                klass=self.model._default_manager.all(),
                accept_global_perms=False,
                with_superuser=False,
            ).values("pk")
            grant_q = Q(pk__in=granted)
            q = grant_q if q is None else q | grant_q
        if q is None:
            return qs.none()
        return qs.filter(q)

    def grants_anywhere(self, user: Any, action: str) -> bool:
        """Does any of the user's roles grant ``action`` (e.g. to create objects)?"""
        if getattr(user, "is_superuser", False):
            return True
        return any(self.membership_may(m, action) for m in user_memberships(user))

    def get_or_404(
        self, user: Any, action: str, queryset: QuerySet | None, pk: Any
    ) -> Model:
        """The object ``pk`` of ``queryset`` if ``user`` may perform ``action`` on
        it, else 404: an object out of scope is not even said to exist."""
        return get_object_or_404(self.visible(user, action, queryset), pk=pk)

    def can(self, user: Any, action: str, obj: Model) -> bool:
        """May ``user`` perform ``action`` on ``obj``? Same rule as ``visible``."""
        if obj is None or obj.pk is None:
            return False
        # A page asks the same question several times (a button, a section, a
        # link): answered once per request, like the memberships it rests on.
        answers = getattr(user, "_spro_policy_answers", None)
        if answers is None:
            answers = {}
            if getattr(user, "is_authenticated", False):
                user._spro_policy_answers = answers
        key = (type(self).__name__, action, obj._meta.label, obj.pk)
        if key not in answers:
            one = self.model._default_manager.filter(pk=obj.pk)
            found = self.visible(user, action, one)
            # Unfiltered (a region-wide scope): the object is in reach, no query.
            answers[key] = found is one or found.exists()
        return answers[key]


class StructurePolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.OWN:
            return Q(organisation_id=membership.organisation_id)
        if scope is Scope.NETWORK:
            return Q(network__head_id=membership.organisation_id)
        if scope is Scope.TERRITORY:
            return Q(territory_id=membership.territory_id)
        return Q(pk__isnull=False)


class OrganisationPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.OWN:
            return Q(pk=membership.organisation_id)
        if scope is Scope.NETWORK:
            return Q(pk=membership.organisation_id) | Q(
                structure__network__head_id=membership.organisation_id
            )
        if scope is Scope.TERRITORY:
            return Q(structure__territory_id=membership.territory_id)
        return Q(pk__isnull=False)


# Actions on structures:
#   view            see the structure's extranet page
#   change          edit its public card
#   view_members    see who works there and their roles
#   manage_members  invite colleagues, remove a membership
#   administer      change its type, network, territory and SPRO status
STRUCTURE_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: {"view": Scope.OWN, "view_members": Scope.OWN},
    Role.REFERENT: {
        "view": Scope.OWN,
        "change": Scope.OWN,
        "view_members": Scope.OWN,
        "manage_members": Scope.OWN,
    },
    Role.NETWORK_HEAD: {"view": Scope.NETWORK, "view_members": Scope.NETWORK},
    Role.TERRITORIAL_OFFICER: {
        "view": Scope.TERRITORY,
        "view_members": Scope.TERRITORY,
    },
    Role.REGIONAL_COORDINATOR: {
        "view": Scope.REGION,
        "change": Scope.REGION,
        "view_members": Scope.REGION,
        "manage_members": Scope.REGION,
        "administer": Scope.REGION,
    },
    Role.GREF: {"view": Scope.REGION},
    Role.GOVERNMENT: {"view": Scope.REGION},
}

# Actions on organisations (all kinds):
#   view            see the organisation's page and its members
#   manage_members  add or remove a member, whatever the role
#   administer      create organisations, rename or deactivate them
ORGANISATION_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: {"view": Scope.OWN},
    Role.REFERENT: {"view": Scope.OWN},
    Role.NETWORK_HEAD: {"view": Scope.NETWORK},
    Role.TERRITORIAL_OFFICER: {"view": Scope.TERRITORY},
    Role.GREF: {"view": Scope.OWN},
    Role.GOVERNMENT: {"view": Scope.OWN},
    Role.REGIONAL_COORDINATOR: {
        "view": Scope.REGION,
        "manage_members": Scope.REGION,
        "administer": Scope.REGION,
    },
}

structure_policy = StructurePolicy(
    model=Structure,
    rules=STRUCTURE_RULES,
    grants={
        "view": "extranet.view_structure",
        "change": "extranet.change_structure",
        "view_members": "extranet.view_structure_members",
        "manage_members": "extranet.manage_structure_members",
    },
)

organisation_policy = OrganisationPolicy(
    model=Organisation,
    rules=ORGANISATION_RULES,
    grants={"view": "extranet.view_organisation"},
)


def may_view_members(user: Any, organisation: Organisation) -> bool:
    """Members of a structure are seen by the rule "view_members" on it; those of
    other organisations by whoever may see the organisation."""
    if organisation.kind == OrganisationKind.STRUCTURE:
        structure = getattr(organisation, "structure", None)
        return structure is not None and structure_policy.can(
            user, "view_members", structure
        )
    return organisation_policy.can(user, "view", organisation)


def may_manage_members(user: Any, organisation: Organisation) -> bool:
    """Members of a structure are managed by its referent (or the Région);
    members of other organisations by the Région only."""
    if organisation.kind == OrganisationKind.STRUCTURE:
        structure = getattr(organisation, "structure", None)
        return structure is not None and structure_policy.can(
            user, "manage_members", structure
        )
    return organisation_policy.can(user, "manage_members", organisation)


def roles_user_may_grant(
    user: Any, organisation: Organisation
) -> list[tuple[str, str]]:
    """Roles the user may give in this organisation: a referent invites
    professionals and referents; the Région any role fitting the organisation."""
    from .models.memberships import ROLE_ORGANISATION_KIND

    fitting = [
        (value, label)
        for value, label in Role.choices
        if ROLE_ORGANISATION_KIND[value] == organisation.kind
    ]
    if has_role(user, Role.REGIONAL_COORDINATOR) or user.is_superuser:
        return fitting
    if may_manage_members(user, organisation):
        return [
            (v, lbl) for v, lbl in fitting if v in (Role.PROFESSIONAL, Role.REFERENT)
        ]
    return []
