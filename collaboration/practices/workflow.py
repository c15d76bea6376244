"""Binds ``Practice`` to the practice workflow (``practices.definitions``).

The roles, for one practice:

* structure staff: the professionals and referents of the author's structure;
* structure referent: the referents of that structure;
* regional moderator: the Région's coordination and GREF, for every practice.

Only the review states have a deadline (the referent or the Région are
reminded by the engine's task); a draft waits for nobody and a published
practice has its own yearly freshness reminder (``practices.services``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from extranet.models import Role, User
from extranet.permissions import user_memberships
from workflows import engine

from ..models import Practice
from .definitions import (
    MODERATOR,
    PRACTICE_WORKFLOWS,
    REFERENT,
    REVIEW_STATES,
    STAFF,
    STAMP_PUBLISHED,
    UNFEATURE,
)
from .policy import MODERATOR_ROLES, STAFF_ROLES, practice_policy


def stamp_published(obj: Practice, **_kw) -> None:
    from . import services

    services.practice_published_stamp(practice=obj)


def unfeature(obj: Practice, **_kw) -> None:
    from . import services

    services.practice_unfeature_on_archive(practice=obj)


def _roles_in(user: Any, organisation_id: int) -> set[str]:
    return {
        m.role for m in user_memberships(user) if m.organisation_id == organisation_id
    }


class PracticeBinding(engine.Binding):
    """The practices' role reads and effects."""

    model = Practice
    definitions = PRACTICE_WORKFLOWS
    policy = practice_policy
    todo_category = gettext_lazy("Bonnes pratiques")
    effects = {
        STAMP_PUBLISHED: stamp_published,
        UNFEATURE: unfeature,
    }

    def roles_of(self, user: Any, obj: Practice) -> set[str]:
        roles: set[str] = set()
        own = _roles_in(user, obj.structure.organisation_id)
        if own & set(STAFF_ROLES):
            roles.add(STAFF)
        if Role.REFERENT in own:
            roles.add(REFERENT)
        if any(m.role in MODERATOR_ROLES for m in user_memberships(user)):
            roles.add(MODERATOR)
        return roles

    def objects_for_role(self, user: Any, role: str) -> QuerySet:
        base = Practice.objects.select_related("structure__organisation")
        memberships = user_memberships(user)
        if role == STAFF:
            organisations = [
                m.organisation_id for m in memberships if m.role in STAFF_ROLES
            ]
        elif role == REFERENT:
            organisations = [
                m.organisation_id for m in memberships if m.role == Role.REFERENT
            ]
        elif role == MODERATOR:
            if any(m.role in MODERATOR_ROLES for m in memberships):
                return base.all()
            return base.none()
        else:
            return base.none()
        if not organisations:
            return base.none()
        return base.filter(structure__organisation_id__in=organisations)

    def holders(self, obj: Practice, role: str) -> QuerySet:
        # One filter() call: the membership that gives the role is the one in
        # an active organisation (separate calls would join twice).
        if role == STAFF:
            wanted = {
                "memberships__organisation_id": obj.structure.organisation_id,
                "memberships__role__in": STAFF_ROLES,
            }
        elif role == REFERENT:
            wanted = {
                "memberships__organisation_id": obj.structure.organisation_id,
                "memberships__role": Role.REFERENT,
            }
        elif role == MODERATOR:
            wanted = {"memberships__role__in": MODERATOR_ROLES}
        else:
            return User.objects.none()
        return User.objects.filter(
            is_active=True, memberships__organisation__is_active=True, **wanted
        ).distinct()

    def deadline(self, obj: Practice, state: engine.State):
        """Only a review waits for someone (see the module's docstring)."""
        if state.name not in REVIEW_STATES:
            return None
        return super().deadline(obj, state)

    def may_wait_on(self, user: Any) -> bool:
        return any(
            m.role in STAFF_ROLES or m.role in MODERATOR_ROLES
            for m in user_memberships(user)
        )
