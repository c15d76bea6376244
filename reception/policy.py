"""Who may see and do what in the accueil: the reception app's policies.

Personal data here is the person's, not the network's: no role sees it beyond
the structures that need it.

* Receptions (and their point de situation): the staff of the structure that
  recorded them, nobody else. Network heads, territorial officers and the
  Région read figures only (``reception.figures``), never a row.
* Referrals: the staff of the structure that sent them and of the structure
  they were sent to; the territorial officer of the receiving structure's
  territory sees the referrals of their territory (to chase the overdue ones),
  but none of their personal fields (``may_read_personal``).
* Slots and appointments: the staff of the structure that publishes them;
  an appointment is also seen by whoever booked it for a person they referred.

Moving a referral is decided by the workflow's roles (``reception.workflow``)
on top of "view".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from extranet.models import Membership, Role, Structure
from extranet.permissions import Policy, Scope, user_memberships

from .models import Appointment, Reception, Referral, Slot

# The roles of a structure's staff: they receive the public.
STAFF_ROLES = (Role.PROFESSIONAL, Role.REFERENT)


class ReceptionPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.OWN:
            return Q(structure__organisation_id=membership.organisation_id)
        return Q(pk__in=[])


class ReferralPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.OWN:
            return Q(from_structure__organisation_id=membership.organisation_id) | Q(
                to_structure__organisation_id=membership.organisation_id
            )
        if scope is Scope.TERRITORY:
            if membership.territory_id is None:
                return Q(pk__in=[])
            return Q(to_structure__territory_id=membership.territory_id)
        return Q(pk__in=[])


class SlotPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.OWN:
            return Q(structure__organisation_id=membership.organisation_id)
        return Q(pk__in=[])


class AppointmentPolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.OWN:
            return Q(slot__structure__organisation_id=membership.organisation_id)
        return Q(pk__in=[])

    def visible(
        self, user: Any, action: str, queryset: QuerySet | None = None
    ) -> QuerySet:
        """The rule's table, plus (to view) the appointments one booked for a
        person one referred."""
        found = super().visible(user, action, queryset)
        if action != "view" or not getattr(user, "is_authenticated", False):
            return found
        if user.is_superuser or not user.is_active:
            return found
        qs = queryset if queryset is not None else Appointment.objects.all()
        return qs.filter(Q(pk__in=found.values("pk")) | Q(booked_by_id=user.pk))


@dataclass(frozen=True)
class FiguresPolicy(Policy):
    """The rows the evaluation figures count: those of the structures in the
    user's reach (their network's, their territory's, or all of them), the
    structure being read through ``structure_path`` (a reception's structure,
    a referral's receiving structure, an appointment's slot's structure; empty
    for the structures themselves)."""

    structure_path: str = "structure"

    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        prefix = f"{self.structure_path}__" if self.structure_path else ""
        if scope is Scope.NETWORK:
            return Q(**{f"{prefix}network__head_id": membership.organisation_id})
        if scope is Scope.TERRITORY:
            if membership.territory_id is None:
                return Q(pk__in=[])
            return Q(**{f"{prefix}territory_id": membership.territory_id})
        return Q(pk__in=[])


# Actions on receptions:
#   view            a reception and its point de situation
#   record          record a reception or a quick tally for one's structure
RECEPTION_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: {"view": Scope.OWN, "record": Scope.OWN},
    Role.REFERENT: {"view": Scope.OWN, "record": Scope.OWN},
}

# Actions on referrals (moving one is the workflow's):
#   view            its page, its state and history (personal fields: staff of
#                   the two structures only)
REFERRAL_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: {"view": Scope.OWN},
    Role.REFERENT: {"view": Scope.OWN},
    Role.TERRITORIAL_OFFICER: {"view": Scope.TERRITORY},
}

# Actions on slots and appointments:
#   view            the structure's agenda of slots and appointments
#   manage          publish or cancel slots, record outcomes
SLOT_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: {"view": Scope.OWN, "manage": Scope.OWN},
    Role.REFERENT: {"view": Scope.OWN, "manage": Scope.OWN},
}

# The evaluation figures (``reception.figures``), the page and its files:
#   figures         receptions, referrals' outcomes, delays and no-shows of the
#                   structures of one's reach; never a row, never a person
FIGURES_ACTION = "figures"
FIGURES_RULES: dict[str, dict[str, Scope]] = {
    Role.NETWORK_HEAD: {FIGURES_ACTION: Scope.NETWORK},
    Role.TERRITORIAL_OFFICER: {FIGURES_ACTION: Scope.TERRITORY},
    Role.GREF: {FIGURES_ACTION: Scope.REGION},
    Role.REGIONAL_COORDINATOR: {FIGURES_ACTION: Scope.REGION},
}

# The settings of the accueil (retention): the Région's coordination.
SETTINGS_ROLES = (Role.REGIONAL_COORDINATOR,)

reception_policy = ReceptionPolicy(model=Reception, rules=RECEPTION_RULES, grants={})
referral_policy = ReferralPolicy(model=Referral, rules=REFERRAL_RULES, grants={})
slot_policy = SlotPolicy(model=Slot, rules=SLOT_RULES, grants={})
appointment_policy = AppointmentPolicy(model=Appointment, rules=SLOT_RULES, grants={})
figures_policies = {
    Reception: FiguresPolicy(model=Reception, rules=FIGURES_RULES, grants={}),
    Referral: FiguresPolicy(
        model=Referral,
        rules=FIGURES_RULES,
        grants={},
        structure_path="to_structure",
    ),
    Appointment: FiguresPolicy(
        model=Appointment,
        rules=FIGURES_RULES,
        grants={},
        structure_path="slot__structure",
    ),
    Structure: FiguresPolicy(
        model=Structure, rules=FIGURES_RULES, grants={}, structure_path=""
    ),
}


def staff_memberships(user: Any) -> list[Membership]:
    """The user's memberships as staff of a structure (who may receive). Those
    roles belong to structures only (``Membership.clean``): no query."""
    return [m for m in user_memberships(user) if m.role in STAFF_ROLES]


def receiving_structures(user: Any) -> list[Any]:
    """The structures the user receives the public for, whose convention is in
    force (section 2.2: the API is delivered under a convention). One query,
    then kept for the request."""
    cached = getattr(user, "_spro_receiving_structures", None)
    if cached is None:
        from extranet.models import Structure

        organisations = [m.organisation_id for m in staff_memberships(user)]
        cached = [
            s
            for s in Structure.objects.filter(
                organisation_id__in=organisations
            ).select_related("organisation")
            if s.convention_in_force
        ]
        if getattr(user, "is_authenticated", False):
            user._spro_receiving_structures = cached
    return cached


def staff_organisation_ids(user: Any) -> set[int]:
    return {m.organisation_id for m in staff_memberships(user)}


def may_read_personal(user: Any, referral: Referral) -> bool:
    """The staff of the two structures read the person's fields; the
    territorial officer who chases the referral does not."""
    organisations = staff_organisation_ids(user)
    return (
        referral.from_structure.organisation_id in organisations
        or referral.to_structure.organisation_id in organisations
    )


def may_change_settings(user: Any) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(m.role in SETTINGS_ROLES for m in user_memberships(user))
