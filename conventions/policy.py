"""Who may do what to which convention: the conventions' one policy.

Read by every view, list, selector and template of the app. The role → action →
scope table is data; moving a convention through its workflow is decided by the
workflow's roles (``conventions.workflow``) on top of "view"; what a state allows
(attach, renew, edit) is read from the definition, never from a state name here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from extranet.models import Membership, Network, Role, Structure
from extranet.permissions import Policy, Scope, has_role, user_memberships
from workflows import engine

from .definitions import ATTACH, RENEW
from .models import Convention, ConventionKind


def _holds(user: Any, role: str, organisation_id: int) -> bool:
    return any(
        m.role == role and m.organisation_id == organisation_id
        for m in user_memberships(user)
    )


class ConventionPolicy(Policy):
    """The rules table below, the scopes, and what the workflow state allows."""

    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.OWN:
            return Q(
                pk__in=Convention.objects.filter(
                    parties__organisation_id=membership.organisation_id
                ).values("pk")
            )
        if scope is Scope.NETWORK:
            return Q(network__head_id=membership.organisation_id)
        if scope is Scope.TERRITORY:
            return Q(structure__territory_id=membership.territory_id)
        return Q(pk__isnull=False)

    @staticmethod
    def state_allows(convention: Convention, what: str) -> bool:
        """Does the convention's workflow state allow ``what`` (the definition)?"""
        definition = engine.binding_for(convention).definition_for(convention)
        return convention.state in definition.states_allowing(what)

    def may_start(
        self,
        user: Any,
        *,
        kind: str,
        structure: Structure | None = None,
        network: Network | None = None,
    ) -> bool:
        """May ``user`` start a convention of ``kind`` for this structure or network?

        The structure's referent (or the Région) starts a structure convention,
        the network head (or the Région) a network convention, the Région the
        State one.
        """
        if not self.grants_anywhere(user, "create"):
            return False
        coordinator = has_role(user, Role.REGIONAL_COORDINATOR)
        if kind == ConventionKind.STRUCTURE:
            return structure is not None and (
                coordinator or _holds(user, Role.REFERENT, structure.organisation_id)
            )
        if kind == ConventionKind.REGION_NETWORK:
            return network is not None and (
                coordinator or _holds(user, Role.NETWORK_HEAD, network.head_id)
            )
        return kind == ConventionKind.GOVERNMENT_REGION and coordinator

    def may_renew(self, user: Any, convention: Convention) -> bool:
        """In a state that allows renewal, for whoever may start its subject, and
        with no convention for the next year yet."""
        if not self.state_allows(convention, RENEW):
            return False
        if not self.may_start(
            user,
            kind=convention.kind,
            structure=convention.structure,
            network=convention.network,
        ):
            return False
        return not (
            Convention.objects.current()
            .filter(
                Q(previous=convention)
                | Q(
                    kind=convention.kind,
                    year=convention.year + 1,
                    structure_id=convention.structure_id,
                    network_id=convention.network_id,
                )
            )
            .exists()
        )

    def may_attach(self, user: Any, convention: Convention) -> bool:
        """In a state that allows attachments, by the rule "attach"."""
        return self.state_allows(convention, ATTACH) and self.can(
            user, "attach", convention
        )

    def may_edit(self, user: Any, convention: Convention) -> bool:
        """The state's editors only (the definition says who edits where)."""
        return engine.may_edit(user, convention)

    def edit_refusal(self, user: Any, convention: Convention) -> str | None:
        """Why ``user`` may not edit the convention now (its state, or who may);
        None when they may."""
        return engine.edit_refusal(user, convention)


# Actions on conventions (moving one through its workflow is decided by the
# workflow's roles, on top of "view"):
#   view            see the convention, its document, parties and history
#   create          start a convention (which one: see conventions.services)
#   attach          add a PDF (signed copy, annex) while it is not closed
#   overview        the regional overview and its exports
#   campaign        set the year's signature deadline the overview measures by
CONVENTION_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: {"view": Scope.OWN},
    Role.REFERENT: {"view": Scope.OWN, "create": Scope.OWN, "attach": Scope.OWN},
    Role.NETWORK_HEAD: {
        "view": Scope.NETWORK,
        "create": Scope.NETWORK,
        "attach": Scope.NETWORK,
    },
    Role.TERRITORIAL_OFFICER: {"view": Scope.TERRITORY, "overview": Scope.TERRITORY},
    Role.REGIONAL_COORDINATOR: {
        "view": Scope.REGION,
        "create": Scope.REGION,
        "attach": Scope.REGION,
        "overview": Scope.REGION,
        "campaign": Scope.REGION,
    },
    Role.GOVERNMENT: {"view": Scope.REGION, "attach": Scope.OWN},
}

convention_policy = ConventionPolicy(
    model=Convention,
    rules=CONVENTION_RULES,
    grants={"view": "conventions.view_convention"},
)
