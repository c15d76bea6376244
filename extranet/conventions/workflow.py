"""Binds ``Convention`` to the convention workflows.

The definitions name workflow roles ("network_head"…) and conditions
("structure_unsigned"…); here they get their meaning for a convention. A role is
held through a membership in the organisation of one of the convention's parties:
the referent of the signing structure, the head of the signing network, the
coordination of the Région, the representative of the State. Parties are fixed
when the convention is created, so a later move of the structure to another
network does not change who signs this one.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows import engine
from workflows.definitions.conventions import (
    CONVENTION_WORKFLOWS,
    NETWORK_HEAD,
    REGIONAL_COORDINATOR,
    STATE_REPRESENTATIVE,
    STRUCTURE_REFERENT,
)

from ..models import (
    Convention,
    ConventionDocument,
    ConventionKind,
    ConventionParty,
    PartyKind,
    Role,
    Signature,
    User,
)
from ..models.conventions import KIND_WORKFLOW
from ..permissions import user_memberships

# Workflow role → (the party it acts for, the membership role that holds it).
ROLE_PARTY: dict[str, tuple[str, str]] = {
    STRUCTURE_REFERENT: (PartyKind.STRUCTURE, Role.REFERENT),
    NETWORK_HEAD: (PartyKind.NETWORK, Role.NETWORK_HEAD),
    REGIONAL_COORDINATOR: (PartyKind.REGION, Role.REGIONAL_COORDINATOR),
    STATE_REPRESENTATIVE: (PartyKind.STATE, Role.STATE),
}

_DEFINITIONS = {d.name: d for d in CONVENTION_WORKFLOWS}

_as_of: ContextVar[datetime.date | None] = ContextVar("convention_as_of", default=None)


@contextmanager
def as_of(day: datetime.date | None) -> Iterator[None]:
    """Judge the date conditions ("year_over") as of ``day`` rather than by the
    server's clock: the scheduled expiry is told which day it runs for."""
    token = _as_of.set(day)
    try:
        yield
    finally:
        _as_of.reset(token)


def parties_of(convention: Convention) -> list[ConventionParty]:
    """The parties, loaded once per object."""
    cached = getattr(convention, "_parties", None)
    prefetched = getattr(convention, "_prefetched_objects_cache", {})
    if cached is None and "parties" in prefetched:
        cached = convention._parties = list(prefetched["parties"])
    if cached is None:
        cached = list(
            ConventionParty.objects.filter(convention=convention).select_related(
                "organisation"
            )
        )
        convention._parties = cached
    return cached


def party(convention: Convention, kind: str) -> ConventionParty | None:
    return next((p for p in parties_of(convention) if p.kind == kind), None)


def current_document(convention: Convention) -> ConventionDocument | None:
    return (
        ConventionDocument.objects.filter(convention=convention)
        .order_by("-version")
        .first()
    )


def signed_parties(
    convention: Convention, document: ConventionDocument | None
) -> set[str]:
    if document is None:
        return set()
    return set(
        Signature.objects.filter(document=document).values_list(
            "party__kind", flat=True
        )
    )


def file_sha256(document: ConventionDocument) -> str:
    digest = hashlib.sha256()
    with document.file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


class ConventionBinding(engine.Binding):
    model = Convention
    definitions = CONVENTION_WORKFLOWS

    def definition_for(self, obj: Convention) -> engine.WorkflowDefinition:
        return _DEFINITIONS[KIND_WORKFLOW[obj.kind]]

    def definition_filter(self, definition: engine.WorkflowDefinition) -> Q:
        kinds = [k for k, name in KIND_WORKFLOW.items() if name == definition.name]
        return Q(kind__in=kinds)

    def roles_of(self, user: Any, obj: Convention) -> set[str]:
        memberships = user_memberships(user)
        if not memberships:
            return set()
        roles = set()
        for role, (party_kind, membership_role) in ROLE_PARTY.items():
            p = party(obj, party_kind)
            if p is not None and any(
                m.role == membership_role and m.organisation_id == p.organisation_id
                for m in memberships
            ):
                roles.add(role)
        return roles

    def objects_for_role(self, user: Any, role: str) -> QuerySet:
        party_kind, membership_role = ROLE_PARTY[role]
        organisations = [
            m.organisation_id
            for m in user_memberships(user)
            if m.role == membership_role
        ]
        if not organisations:
            return Convention.objects.none()
        return (
            Convention.objects.filter(
                pk__in=ConventionParty.objects.filter(
                    kind=party_kind, organisation_id__in=organisations
                ).values("convention_id")
            )
            .select_related("structure__organisation", "network")
            .prefetch_related(
                Prefetch(
                    "parties",
                    queryset=ConventionParty.objects.select_related("organisation"),
                )
            )
        )

    def holders(self, obj: Convention, role: str) -> QuerySet:
        party_kind, membership_role = ROLE_PARTY[role]
        p = party(obj, party_kind)
        if p is None:
            return User.objects.none()
        return User.objects.filter(
            is_active=True,
            memberships__organisation_id=p.organisation_id,
            memberships__organisation__is_active=True,
            memberships__role=membership_role,
        ).distinct()

    def check(self, condition: str, obj: Convention, user: Any) -> bool:
        if condition == "content_complete":
            return bool(obj.objectives.strip()) and all(
                getattr(obj, name).strip()
                for name, _label in obj.engagement_fields()
                if name != "state_engagements"
                or party(obj, PartyKind.STATE) is not None
            )
        if condition == "partner_network":
            return obj.kind != ConventionKind.STRUCTURE or bool(
                obj.structure.network_id and obj.structure.network.is_partner
            )
        if condition == "year_over":
            return (_as_of.get() or timezone.localdate()) > obj.end_date
        document = current_document(obj)
        signed = signed_parties(obj, document)
        if condition == "all_signed":
            return document is not None and all(
                p.kind in signed for p in parties_of(obj)
            )
        if condition.endswith("_unsigned"):
            kind = condition.removesuffix("_unsigned")
            return (
                document is not None
                and party(obj, kind) is not None
                and kind not in signed
            )
        raise KeyError(condition)

    def after_transition(
        self,
        obj: Convention,
        transition: engine.Transition,
        user: Any,
        comment: str,
    ) -> None:
        from . import services

        if transition.target == "signing" and transition.name.startswith("sign_"):
            self._sign(obj, transition.name.removeprefix("sign_"), user)
        elif transition.target == "signing":
            services.convention_document_produce(convention=obj, user=user)
        elif transition.target == "in_force":
            services.structure_status_follow(convention=obj, user=user)
        elif transition.target == "expired":
            services.convention_lapse_notify(convention=obj)

    def _sign(self, obj: Convention, kind: str, user: Any) -> None:
        document = current_document(obj)
        signing_party = party(obj, kind)
        if document is None or signing_party is None:
            raise engine.ConditionFailed(_("Il n'y a pas de document à signer."))
        digest = file_sha256(document)
        if digest != document.sha256:
            raise engine.ConditionFailed(
                _(
                    "Le fichier du document ne correspond plus à son empreinte : "
                    "signature refusée. Prévenez la coordination régionale."
                )
            )
        Signature.objects.create(
            party=signing_party,
            document=document,
            sha256=digest,
            user=user,
            signer_name=user.get_full_name() or user.email,
            signed_at=timezone.now(),
        )

    def title(self, obj: Convention) -> str:
        return str(obj)
