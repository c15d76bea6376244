"""Binds ``Enrolment`` to the enrolment workflow, and ``Plan`` to the plan's.

The definition names workflow roles and conditions; here they get their meaning
for one enrolment:

* the participant is the enrolled person;
* the structure referent is a referent of the structure the person enrolled
  for (the structure is fixed at the request);
* the organiser is any member of GREF or of the Région's coordination;
* the trainer holds the per-object grant ``animate_trainingsession`` on the
  enrolment's session, and nothing else.

Seats are counted under the session's row lock (``locked_session``): every
service of ``training.services`` takes it before calling the engine, so two
people taking the last seat get one seat and one waiting-list place.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from guardian.shortcuts import get_objects_for_user, get_users_with_perms

from extranet.models import Role, User
from extranet.permissions import user_memberships
from workflows import engine

from .definitions import (
    AFTER_CUTOFF,
    BEFORE_CUTOFF,
    CREATE_VERSION,
    FREE_SEAT,
    HAS_ACTIONS,
    JOIN_QUEUE,
    MAKE_OFFER,
    NO_SEAT_FREE,
    NOT_AMENDED,
    NOT_STARTED,
    OFFERED,
    ORGANISER,
    ORGANISER_CANCELLED,
    PARTICIPANT,
    PLAN_DRAFTER,
    PLAN_VALIDATED,
    PLAN_WORKFLOWS,
    POLITICAL_GROUP,
    SEAT_FREE,
    STARTED,
    STRUCTURE_REFERENT,
    SUPERSEDE_PREVIOUS,
    TELL_PARTICIPANT,
    TRAINER,
    TRAINING_WORKFLOWS,
)
from .models import Enrolment, Plan, TrainingSession
from .policy import enrolment_policy, plan_policy
from .seats import locked_session, offer_window, seats_free, someone_waits

ORGANISER_ROLES = (Role.GREF, Role.REGIONAL_COORDINATOR)
TRAINER_PERMISSION = "training.animate_trainingsession"


# Conditions: predicate(enrolment, user) -> bool ----------------------------------


def seat_free(obj: Enrolment, user: Any) -> bool:
    """A seat is free and nobody waits ahead (judged under the session's lock)."""
    session = locked_session(obj.session_id)
    return seats_free(session) > 0 and not someone_waits(session.pk, besides=obj.pk)


def no_seat_free(obj: Enrolment, user: Any) -> bool:
    return not seat_free(obj, user)


def _starts_at(obj: Enrolment) -> datetime.datetime | None:
    return obj.session.starts_at


def before_cutoff(obj: Enrolment, user: Any) -> bool:
    starts = _starts_at(obj)
    if starts is None:
        return True
    cutoff = starts - datetime.timedelta(hours=obj.session.cancellation_cutoff_hours)
    return engine.now() < cutoff


def after_cutoff(obj: Enrolment, user: Any) -> bool:
    starts = _starts_at(obj)
    return starts is not None and engine.now() < starts and not before_cutoff(obj, user)


def not_started(obj: Enrolment, user: Any) -> bool:
    starts = _starts_at(obj)
    return starts is None or engine.now() < starts


def started(obj: Enrolment, user: Any) -> bool:
    return not not_started(obj, user)


# Effects: effect(enrolment, *, transition, user, comment, prepared) -----------------


def tell_participant(obj: Enrolment, *, transition: Any, comment: str, **_kw) -> None:
    from . import services

    services.participant_tell(enrolment=obj, transition=transition.name, said=comment)


def join_queue(obj: Enrolment, *, transition: Any, **_kw) -> None:
    from . import services

    services.queue_join(enrolment=obj)


def make_offer(obj: Enrolment, **_kw) -> None:
    from . import services

    services.offer_open(enrolment=obj)


def free_seat(obj: Enrolment, **_kw) -> None:
    from . import services

    services.seat_release(enrolment=obj)


def organiser_cancelled(obj: Enrolment, *, transition: Any, comment: str, **_kw):
    from . import services

    services.participant_tell(enrolment=obj, transition=transition.name, said=comment)
    if not obj.session.is_cancelled:
        services.seat_release(enrolment=obj)


class EnrolmentBinding(engine.Binding):
    """The enrolments' role reads, conditions and effects."""

    model = Enrolment
    definitions = TRAINING_WORKFLOWS
    policy = enrolment_policy
    todo_category = gettext_lazy("Formations")
    conditions = {
        SEAT_FREE: seat_free,
        NO_SEAT_FREE: no_seat_free,
        BEFORE_CUTOFF: before_cutoff,
        AFTER_CUTOFF: after_cutoff,
        NOT_STARTED: not_started,
        STARTED: started,
    }
    effects = {
        TELL_PARTICIPANT: tell_participant,
        JOIN_QUEUE: join_queue,
        MAKE_OFFER: make_offer,
        FREE_SEAT: free_seat,
        ORGANISER_CANCELLED: organiser_cancelled,
    }

    def title(self, obj: Enrolment) -> str:
        return str(obj)

    def lock_first(self, obj: Enrolment) -> None:
        """The session first: its seats are counted by the conditions."""
        locked_session(obj.session_id)

    def roles_of(self, user: Any, obj: Enrolment) -> set[str]:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return set()
        roles: set[str] = set()
        if obj.person_id == user.pk:
            roles.add(PARTICIPANT)
        memberships = user_memberships(user)
        organisation_id = obj.structure.organisation_id
        if any(
            m.role == Role.REFERENT and m.organisation_id == organisation_id
            for m in memberships
        ):
            roles.add(STRUCTURE_REFERENT)
        if any(m.role in ORGANISER_ROLES for m in memberships):
            roles.add(ORGANISER)
        if user.has_perm(TRAINER_PERMISSION, obj.session):
            roles.add(TRAINER)
        return roles

    def objects_for_role(self, user: Any, role: str) -> QuerySet:
        base = Enrolment.objects.select_related(
            "session", "person", "structure__organisation"
        )
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return base.none()
        if role == PARTICIPANT:
            return base.filter(person=user)
        memberships = user_memberships(user)
        if role == STRUCTURE_REFERENT:
            organisations = [
                m.organisation_id for m in memberships if m.role == Role.REFERENT
            ]
            return base.filter(structure__organisation_id__in=organisations)
        if role == ORGANISER:
            if any(m.role in ORGANISER_ROLES for m in memberships):
                return base.all()
            return base.none()
        if role == TRAINER:
            sessions = get_objects_for_user(
                user,
                TRAINER_PERMISSION,
                klass=TrainingSession,
                accept_global_perms=False,
                with_superuser=False,
            )
            return base.filter(session__in=sessions.values("pk"))
        return base.none()

    def holders(self, obj: Enrolment, role: str) -> QuerySet:
        active = User.objects.filter(is_active=True)
        if role == PARTICIPANT:
            return active.filter(pk=obj.person_id)
        if role == STRUCTURE_REFERENT:
            return active.filter(
                memberships__organisation_id=obj.structure.organisation_id,
                memberships__organisation__is_active=True,
                memberships__role=Role.REFERENT,
            ).distinct()
        if role == ORGANISER:
            return active.filter(
                memberships__role__in=ORGANISER_ROLES,
                memberships__organisation__is_active=True,
            ).distinct()
        if role == TRAINER:
            users = get_users_with_perms(
                obj.session,
                only_with_perms_in=["animate_trainingsession"],
                with_superusers=False,
                with_group_users=False,
            )
            return active.filter(pk__in=[u.pk for u in users])
        return User.objects.none()

    def deadline(self, obj: Enrolment, state: engine.State):
        """An offer's term is its expiry (shorter close to the session)."""
        if state.name == OFFERED:
            window = offer_window(obj.session, engine.now())
            if window is None:  # the cascade never offers then; be safe anyway
                window = datetime.timedelta(
                    hours=settings.SPRO_TRAINING_OFFER_MIN_HOURS
                )
            return engine.now() + window
        return super().deadline(obj, state)

    def may_wait_on(self, user: Any) -> bool:
        """Only referents are awaited (approvals) and participants (offers)."""
        memberships = user_memberships(user)
        if any(m.role == Role.REFERENT for m in memberships):
            return True
        return Enrolment.objects.filter(person=user, state=OFFERED).exists()


# The yearly plan --------------------------------------------------------------------

DRAFTER_ROLES = (Role.GREF, Role.REGIONAL_COORDINATOR)
# "The regional political group" of the framework, as the extranet knows it: the
# Région's coordination speaks for the Région's elected bodies.
POLITICAL_GROUP_ROLES = (Role.REGIONAL_COORDINATOR,)


def has_actions(obj: Plan, user: Any) -> bool:
    return obj.actions.exists()


def not_amended(obj: Plan, user: Any) -> bool:
    return not Plan.objects.filter(previous=obj).exists()


def supersede_previous(obj: Plan, *, user: Any, **_kw) -> None:
    from . import services

    services.plan_previous_supersede(plan=obj, user=user)


def create_version(obj: Plan, *, user: Any, **_kw) -> None:
    from . import services

    services.plan_version_create(plan=obj, user=user)


class PlanBinding(engine.Binding):
    """The yearly plan's role reads, conditions and effects.

    * the drafters (``PLAN_DRAFTER``) are the members of GREF and of the
      Région's coordination: they write the plan together, submit it, and
      prepare a new version of a validated one;
    * the regional political group (``POLITICAL_GROUP``) that validates the
      plan or sends it back is read as the Région's coordination
      (``Role.REGIONAL_COORDINATOR``): no other role of the extranet speaks for
      the Région's elected bodies.

    Both reach every plan (the plan is regional), so each read is one test of
    the user's memberships.
    """

    model = Plan
    definitions = PLAN_WORKFLOWS
    policy = plan_policy
    todo_category = gettext_lazy("Plan de professionnalisation")
    conditions = {HAS_ACTIONS: has_actions, NOT_AMENDED: not_amended}
    effects = {
        SUPERSEDE_PREVIOUS: supersede_previous,
        CREATE_VERSION: create_version,
    }

    _ROLE_MEMBERSHIPS = {
        PLAN_DRAFTER: DRAFTER_ROLES,
        POLITICAL_GROUP: POLITICAL_GROUP_ROLES,
    }

    def roles_of(self, user: Any, obj: Plan) -> set[str]:
        memberships = user_memberships(user)
        return {
            role
            for role, held_by in self._ROLE_MEMBERSHIPS.items()
            if any(m.role in held_by for m in memberships)
        }

    def objects_for_role(self, user: Any, role: str) -> QuerySet:
        held_by = self._ROLE_MEMBERSHIPS.get(role, ())
        if any(m.role in held_by for m in user_memberships(user)):
            return Plan.objects.all()
        return Plan.objects.none()

    def holders(self, obj: Plan, role: str) -> QuerySet:
        held_by = self._ROLE_MEMBERSHIPS.get(role)
        if not held_by:
            return User.objects.none()
        return User.objects.filter(
            is_active=True,
            memberships__role__in=held_by,
            memberships__organisation__is_active=True,
        ).distinct()

    def deadline(self, obj: Plan, state: engine.State):
        """A validated plan waits for nobody."""
        if state.name == PLAN_VALIDATED:
            return None
        return super().deadline(obj, state)

    def may_wait_on(self, user: Any) -> bool:
        return any(m.role in DRAFTER_ROLES for m in user_memberships(user))
