"""Who may read and run the governance bodies.

* Read (``view``): the members of a body (a current ``BodyMember`` row, whatever
  their role) read its page, meetings, documents, published minutes and
  decisions; GREF reads the steering committee it co-runs; the Région's
  coordination, secretariat of every body, reads them all. Nobody else: a
  non-member who edits an id in a URL gets 404, and lists filter by the same
  rule.
* Run (``manage``): the secretariat (the Région's coordination, every body;
  GREF, the body it is co-secretariat of) creates meetings, members, documents,
  minutes, decisions, and keeps the body's name and role up to date.
* Define: the Région's coordination alone creates a body (one per kind), names
  its co-secretariat, and keeps the PSAD (pilot, territories, partners). GREF
  runs the body it co-runs but does not choose who co-runs it.

Membership in a body is not a role: for the read rule, every role's scope
"own" is "the bodies where this user sits". A member who holds no role at all
in SPRO reads nothing (the extranet is for members of SPRO).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from extranet.models import Membership, Role
from extranet.permissions import Policy, Scope, has_role

from ..models import Body, BodyMember, Meeting, MinutesStatus


def _seats(user_id: int) -> Q:
    today = timezone.localdate()
    seats = (
        BodyMember.objects.filter(user_id=user_id, since__lte=today)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .values("body_id")
    )
    return Q(pk__in=seats)


@dataclass(frozen=True)
class BodyPolicy(Policy):
    """``Scope.OWN``: the bodies where the user sits (if ``members_read``);
    ``Scope.NETWORK``: the bodies whose co-secretariat is the user's
    organisation (GREF), and where they sit if ``members_read``."""

    members_read: bool = True

    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        seats = _seats(membership.user_id) if self.members_read else Q(pk__in=[])
        if scope is Scope.OWN:
            return seats
        if scope is Scope.NETWORK:
            return Q(co_secretariat_id=membership.organisation_id) | seats
        return Q(pk__in=[])


MEMBER = {"view": Scope.OWN}

# Reading a body, its meetings, documents, published minutes and decisions.
BODY_READ_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: MEMBER,
    Role.REFERENT: MEMBER,
    Role.NETWORK_HEAD: MEMBER,
    Role.TERRITORIAL_OFFICER: MEMBER,
    Role.GOVERNMENT: MEMBER,
    Role.GREF: {"view": Scope.NETWORK},
    Role.REGIONAL_COORDINATOR: {"view": Scope.REGION},
}

# Running a body (the secretariat): members, meetings, minutes, decisions.
BODY_MANAGE_RULES: dict[str, dict[str, Scope]] = {
    Role.GREF: {"manage": Scope.NETWORK},
    Role.REGIONAL_COORDINATOR: {"manage": Scope.REGION},
}

body_read_policy = BodyPolicy(model=Body, rules=BODY_READ_RULES, grants={})
body_manage_policy = BodyPolicy(
    model=Body, rules=BODY_MANAGE_RULES, grants={}, members_read=False
)


def may_read(user: Any, body: Body) -> bool:
    return body_read_policy.can(user, "view", body)


def may_manage(user: Any, body: Body) -> bool:
    """Is ``user`` the secretariat of ``body``?"""
    return body_manage_policy.can(user, "manage", body)


def is_secretariat(user: Any) -> bool:
    """Is ``user`` the Région's coordination, secretariat of every body (GREF
    is secretariat of one body only: see ``may_manage``)?"""
    return has_role(user, Role.REGIONAL_COORDINATOR) or bool(
        getattr(user, "is_superuser", False)
    )


def is_chair(user: Any, body: Body) -> bool:
    """Does ``user`` chair ``body`` today?"""
    return (
        BodyMember.objects.current()
        .filter(body=body, user_id=getattr(user, "pk", None), is_chair=True)
        .exists()
    )


def may_approve_minutes(user: Any, meeting: Meeting) -> bool:
    """The chair of the body, or its secretariat, approves a draft."""
    return meeting.minutes_status == MinutesStatus.DRAFT and (
        may_manage(user, meeting.body) or is_chair(user, meeting.body)
    )


def may_read_minutes(user: Any, meeting: Meeting) -> bool:
    """Members read minutes once published; the secretariat and the chair
    read the drafts too."""
    if meeting.minutes_status == MinutesStatus.NONE:
        return False
    if meeting.minutes_status == MinutesStatus.PUBLISHED:
        return True
    return may_manage(user, meeting.body) or is_chair(user, meeting.body)


def may_create_body(user: Any) -> bool:
    """Creating a body is the Région's coordination's."""
    return is_secretariat(user)


def may_edit_body(user: Any, body: Body) -> bool:
    """Changing a body's name and role: its secretariat (GREF included for
    the body it co-runs)."""
    return may_manage(user, body)


def may_set_co_secretariat(user: Any) -> bool:
    """Choosing who co-runs a body gives that organisation the body: the
    Région's coordination only."""
    return is_secretariat(user)


def may_manage_platforms(user: Any) -> bool:
    """The PSAD (their pilot, territories and partners) are kept by the
    Région's coordination; the pilot's referents act for a PSAD in the local
    plans, not on its definition."""
    return is_secretariat(user)
