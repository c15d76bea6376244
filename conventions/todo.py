"""What conventions ask of the user, beyond the engine's worklist.

Each convention waiting on a transition the user may fire is listed by the
extranet's generic workflow provider; here, for those who start conventions,
each structure of their scope whose convention has lapsed with no new one under
way.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conventions.models import Convention
from extranet import todo
from extranet.models import Role, Structure
from extranet.permissions import structure_policy, user_memberships
from notifications.formats import long_date

# Roles that start structure conventions, so must hear of lapsed ones.
LAPSE_ROLES = (Role.REFERENT, Role.NETWORK_HEAD, Role.REGIONAL_COORDINATOR)
LAPSED_LIMIT = 20


@todo.register
def lapsed_structures(user: Any) -> list[todo.TodoItem]:
    """Structures of the user's scope whose convention has lapsed, unless a
    convention for them is already under way."""
    memberships = [m for m in user_memberships(user) if m.role in LAPSE_ROLES]
    if not memberships:
        return []
    scope = Q()
    for m in memberships:
        rule = structure_policy.scope_of(m, "view")
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
            % {"date": long_date(s.convention_valid_until)},
            category=_("Conventions"),
        )
        for s in lapsed
    ]
