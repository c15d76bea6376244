"""What conventions ask of the user, for the to-do area of "Mon espace".

Two kinds of items: each convention waiting on a transition the user may fire
(the workflow engine's worklist), and, for those who start conventions, each
structure of their scope whose convention has lapsed with no new one under way.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows import engine

from .. import todo
from ..models import Convention, ConventionParty, Role, Structure
from ..permissions import structure_policy, user_memberships

# Roles that start structure conventions, so must hear of lapsed ones.
LAPSE_ROLES = (Role.REFERENT, Role.NETWORK_HEAD, Role.REGIONAL_COORDINATOR)
LAPSED_LIMIT = 20


def _quiet_states() -> set[str]:
    """States from which no person may move a convention (in force, closed)."""
    binding = engine.binding_for(Convention)
    quiet: set[str] = set()
    for definition in binding.definitions:
        for state in definition.states:
            if not any(
                t.roles and not (t.automatic or t.system)
                for t in definition.transitions_from(state.name)
            ):
                quiet.add(state.name)
    return quiet


def waiting_conventions(user: Any) -> list[todo.TodoItem]:
    """Conventions waiting on the user, with the actions they may take."""
    organisations = {m.organisation_id for m in user_memberships(user)}
    if not organisations:
        return []
    # Workflow roles are held through a membership of a party: one cheap query
    # spares the worklist's per-transition queries when nothing can wait.
    if (
        not ConventionParty.objects.filter(organisation_id__in=organisations)
        .exclude(convention__state__in=_quiet_states())
        .exists()
    ):
        return []
    items = []
    for obj, transitions in engine.worklist(user):
        if not isinstance(obj, Convention):
            continue
        definition = engine.binding_for(obj).definition_for(obj)
        items.append(
            todo.TodoItem(
                title=str(obj),
                url=obj.get_absolute_url(),
                detail=_("%(state)s — à faire : %(actions)s")
                % {
                    "state": definition.state_label(obj.state),
                    "actions": ", ".join(str(t.label) for t in transitions),
                },
                category=_("Conventions"),
            )
        )
    return items


def lapsed_structures(user: Any) -> list[todo.TodoItem]:
    """Structures of the user's scope whose convention has lapsed, unless a
    convention for them is already under way."""
    memberships = [m for m in user_memberships(user) if m.role in LAPSE_ROLES]
    if not memberships:
        return []
    scope = Q()
    for m in memberships:
        rule = structure_policy.rules.get(m.role, {}).get("view")
        if rule is not None:
            scope |= structure_policy.scope_filter(m, rule)
    today = timezone.localdate()
    under_way = Convention.objects.current().filter(
        structure=OuterRef("pk"), year__gte=today.year
    )
    lapsed = (
        structure_policy.visible(
            user,
            "view",
            Structure.objects.filter(scope, convention_valid_until__lt=today),
        )
        .filter(~Exists(under_way))
        .select_related("organisation")
        .order_by("convention_valid_until", "organisation__name")[:LAPSED_LIMIT]
    )
    return [
        todo.TodoItem(
            title=_("Convention échue : %(name)s") % {"name": s.name},
            url=reverse("extranet:structure_detail", args=[s.pk]),
            detail=_(
                "Échue le %(date)s : la structure ne délivre plus l'accueil "
                "personnalisé et individualisé tant qu'une nouvelle convention "
                "n'est pas en vigueur."
            )
            % {"date": s.convention_valid_until.strftime("%d/%m/%Y")},
            category=_("Conventions"),
        )
        for s in lapsed
    ]


@todo.register
def convention_todo(user: Any) -> list[todo.TodoItem]:
    return waiting_conventions(user) + lapsed_structures(user)
