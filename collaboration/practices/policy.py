"""Who may see and do what with good practices: one policy, lists and pages alike.

* A practice in any state is seen by the staff of its structure; once
  submitted, by the regional moderators too (the Région's coordination,
  GREF): a draft is the structure's own work.
* A published practice is seen by every member of SPRO (any role); nobody
  else ever sees an unpublished one, in a list, a page or a search.
* Writing one: professionals and referents, for their own structure. Moving
  it is the workflow's (``practices.workflow``); changing its content needs
  a state whose editors include the user's workflow role.
* Featuring ("à la une"): the Région's coordination.
* Marks: "utile" by any member who reads it, "reprise" by the staff of
  another structure.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from extranet.models import Membership, Role
from extranet.permissions import Policy, Scope, user_memberships

from ..models import Practice
from .definitions import DRAFT, PUBLISHED

STAFF_ROLES = (Role.PROFESSIONAL, Role.REFERENT)
MODERATOR_ROLES = (Role.REGIONAL_COORDINATOR, Role.GREF)


class PracticePolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.OWN:
            return Q(structure__organisation_id=membership.organisation_id)
        return Q(pk__in=[])

    def visible(
        self, user: Any, action: str, queryset: QuerySet | None = None
    ) -> QuerySet:
        """The rule's table; to view, besides: every published practice for
        any member of SPRO, and for the moderators every practice past its
        draft (a draft is the structure's own work)."""
        qs = queryset if queryset is not None else Practice.objects.all()
        found = super().visible(user, action, qs)
        memberships = user_memberships(user)
        if action != "view" or found is qs or not memberships:
            return found  # unfiltered already (superuser), or not a member
        extra = Q(state=PUBLISHED)
        if any(m.role in MODERATOR_ROLES for m in memberships):
            extra = ~Q(state=DRAFT)
        return qs.filter(Q(pk__in=found.values("pk")) | extra)


# Actions on practices:
#   view      its page, attachments and history (published: every member;
#             past the draft: the moderators)
#   write     write a new practice for one's structure
#   change    its content, in a state the workflow lets one edit
#   feature   put it "à la une" and take it off
PRACTICE_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: {"view": Scope.OWN, "write": Scope.OWN, "change": Scope.OWN},
    Role.REFERENT: {"view": Scope.OWN, "write": Scope.OWN, "change": Scope.OWN},
    # Moderators' reading (past the draft) is ``PracticePolicy.visible``'s.
    Role.REGIONAL_COORDINATOR: {"feature": Scope.REGION},
}

practice_policy = PracticePolicy(model=Practice, rules=PRACTICE_RULES, grants={})


def staff_memberships(user: Any) -> list[Membership]:
    """The user's memberships as staff of a structure (no query: cached)."""
    return [m for m in user_memberships(user) if m.role in STAFF_ROLES]


def staff_organisation_ids(user: Any) -> set[int]:
    return {m.organisation_id for m in staff_memberships(user)}


def is_moderator(user: Any) -> bool:
    return any(m.role in MODERATOR_ROLES for m in user_memberships(user))


def may_write(user: Any) -> bool:
    return practice_policy.grants_anywhere(user, "write")


def may_feature(user: Any, practice: Practice) -> bool:
    return practice.state == PUBLISHED and practice_policy.can(
        user, "feature", practice
    )


def may_mark_reused(user: Any, practice: Practice) -> bool:
    """Staff of a structure other than the author's, on a published practice."""
    if practice.state != PUBLISHED:
        return False
    own = practice.structure.organisation_id
    return any(m.organisation_id != own for m in staff_memberships(user))


def may_mark_useful(user: Any, practice: Practice) -> bool:
    return practice.state == PUBLISHED and bool(user_memberships(user))
