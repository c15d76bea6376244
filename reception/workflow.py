"""Binds ``Referral`` to the referral workflow (``reception.definitions``).

The roles, for one referral:

* the sender is any staff member (professional or referent) of the structure
  that sent it;
* the receiver is any staff member of the structure it was sent to.

The referral's term (expiry) is counted from when it was sent, whatever its
state: taking it under review does not buy time. Reminders at day 10 and 20
and the escalation to the territorial officer are the app's own periodic task
(``reception.tasks.referral_reminders``): the engine does not remind of a term.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from extranet.models import User
from workflows import engine

from .definitions import (
    DECLINE_REASON_GIVEN,
    ERASE_PERSONAL,
    OPEN_STATES,
    RECEIVER,
    RECEPTION_WORKFLOWS,
    SENDER,
    TELL_SENDER,
)
from .models import Referral
from .policy import STAFF_ROLES, referral_policy, staff_memberships


def decline_reason_given(obj: Referral, user: Any) -> bool:
    return bool(obj.decline_reason)


def tell_sender(obj: Referral, *, transition: Any, **_kw) -> None:
    from . import services

    services.referral_outcome_tell(referral=obj, transition=transition.name)


def erase_personal(obj: Referral, *, transition: Any, user: Any, **_kw) -> None:
    from . import services

    services.referral_consent_end(referral=obj, user=user)


class ReferralBinding(engine.Binding):
    """The referrals' role reads, conditions and effects."""

    model = Referral
    definitions = RECEPTION_WORKFLOWS
    policy = referral_policy
    todo_category = gettext_lazy("Mises en relation")
    # Decline notes and comments may name the person: blanked at retention.
    comments_hold_personal_data = True
    conditions = {DECLINE_REASON_GIVEN: decline_reason_given}
    effects = {TELL_SENDER: tell_sender, ERASE_PERSONAL: erase_personal}

    def title(self, obj: Referral) -> str:
        return str(obj)

    def roles_of(self, user: Any, obj: Referral) -> set[str]:
        organisations = {m.organisation_id for m in staff_memberships(user)}
        roles: set[str] = set()
        if obj.from_structure.organisation_id in organisations:
            roles.add(SENDER)
        if obj.to_structure.organisation_id in organisations:
            roles.add(RECEIVER)
        return roles

    def objects_for_role(self, user: Any, role: str) -> QuerySet:
        base = Referral.objects.select_related(
            "from_structure__organisation", "to_structure__organisation"
        )
        organisations = [m.organisation_id for m in staff_memberships(user)]
        if not organisations:
            return base.none()
        if role == SENDER:
            return base.filter(from_structure__organisation_id__in=organisations)
        if role == RECEIVER:
            return base.filter(to_structure__organisation_id__in=organisations)
        return base.none()

    def holders(self, obj: Referral, role: str) -> QuerySet:
        structure = {SENDER: obj.from_structure, RECEIVER: obj.to_structure}.get(role)
        if structure is None:
            return User.objects.none()
        return User.objects.filter(
            is_active=True,
            memberships__organisation_id=structure.organisation_id,
            memberships__organisation__is_active=True,
            memberships__role__in=STAFF_ROLES,
        ).distinct()

    def deadline(self, obj: Referral, state: engine.State):
        """Expiry at day 30 after sending, in every open state."""
        if state.name not in OPEN_STATES:
            return None
        sent = obj.sent_at or engine.now()
        return sent + datetime.timedelta(days=settings.SPRO_REFERRAL_EXPIRY_DAYS)

    def may_wait_on(self, user: Any) -> bool:
        return bool(staff_memberships(user))
