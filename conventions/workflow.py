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
from functools import partial
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conventions.definitions import (
    ALL_SIGNED,
    ANNOUNCE_LAPSE,
    CONTENT_COMPLETE,
    CONVENTION_WORKFLOWS,
    FOLLOW_STRUCTURE_STATUS,
    IN_FORCE,
    PARTNER_NETWORK,
    PRODUCE_DOCUMENT,
    SIGNING_PARTIES,
    YEAR_OVER,
    signature_effect,
    unsigned,
)
from conventions.models import (
    KIND_WORKFLOW,
    Convention,
    ConventionDocument,
    ConventionKind,
    ConventionParty,
    PartyKind,
    Signature,
)
from conventions.parties import ROLE_PARTY, parties_of, party
from conventions.policy import convention_policy
from extranet.models import User
from extranet.permissions import user_memberships
from workflows import engine

# Workflow role → (the party it acts for, the membership role that holds it).
_DEFINITIONS = {d.name: d for d in CONVENTION_WORKFLOWS}


# What ``prefetch_signing`` loaded for a convention, read by the two below.
_DOCUMENT = "_prefetched_current_document"
_SIGNED = "_prefetched_signed_parties"


def current_document(convention: Convention) -> ConventionDocument | None:
    if hasattr(convention, _DOCUMENT):
        return getattr(convention, _DOCUMENT)
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
    if getattr(convention, _DOCUMENT, None) is document:
        return set(getattr(convention, _SIGNED))
    return set(
        Signature.objects.filter(document=document).values_list(
            "party__kind", flat=True
        )
    )


def prefetch_signing(conventions: list[Convention]) -> None:
    """The current document of each convention and the parties that signed it,
    in two queries for all of them (read by the signing conditions). Meant for
    reads (a worklist); a transition reads afresh under its lock."""
    if not conventions:
        return
    latest: dict[int, ConventionDocument] = {}
    for document in ConventionDocument.objects.filter(
        convention__in=conventions
    ).order_by("convention_id", "-version"):
        latest.setdefault(document.convention_id, document)
    signed: dict[int, set[str]] = {document.pk: set() for document in latest.values()}
    for document_id, kind in Signature.objects.filter(
        document__in=list(latest.values())
    ).values_list("document_id", "party__kind"):
        signed[document_id].add(kind)
    for convention in conventions:
        document = latest.get(convention.pk)
        setattr(convention, _DOCUMENT, document)
        setattr(convention, _SIGNED, signed[document.pk] if document else set())


def file_sha256(document: ConventionDocument) -> str:
    digest = hashlib.sha256()
    with document.file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


# Conditions: predicate(convention, user) -> bool ---------------------------------


def content_complete(obj: Convention, user: Any) -> bool:
    """The shared objectives and every party's engagements are written."""
    return bool(obj.objectives.strip()) and all(
        getattr(obj, name).strip()
        for name, _label in obj.engagement_fields()
        if name != "government_engagements"
        or party(obj, PartyKind.GOVERNMENT) is not None
    )


def partner_network(obj: Convention, user: Any) -> bool:
    return obj.kind != ConventionKind.STRUCTURE or bool(
        obj.structure.network_id and obj.structure.network.is_partner
    )


def year_over(obj: Convention, user: Any) -> bool:
    return engine.today() > obj.end_date


def all_signed(obj: Convention, user: Any) -> bool:
    document = current_document(obj)
    signed = signed_parties(obj, document)
    return document is not None and all(p.kind in signed for p in parties_of(obj))


def party_unsigned(kind: str, obj: Convention, user: Any) -> bool:
    """``kind`` is a party of the convention and has not signed its document."""
    document = current_document(obj)
    return (
        document is not None
        and party(obj, kind) is not None
        and kind not in signed_parties(obj, document)
    )


# Effects: effect(convention, *, transition, user, comment) ------------------------


def render_document(obj: Convention, *, user: Any) -> Any:
    """Before the lock: the document the signature will open on."""
    from . import services

    return services.convention_document_prepare(convention=obj, user=user)


def produce_document(
    obj: Convention, *, user: Any, prepared: Any = None, **_kwargs: Any
) -> None:
    from . import services

    services.convention_document_produce(convention=obj, user=user, prepared=prepared)


def follow_structure_status(obj: Convention, *, user: Any, **_kwargs: Any) -> None:
    from . import services

    services.structure_status_follow(convention=obj, user=user)


def announce_lapse(obj: Convention, **_kwargs: Any) -> None:
    from . import services

    services.convention_lapse_notify(convention=obj)


def record_signature(kind: str, obj: Convention, *, user: Any, **_kwargs: Any) -> None:
    """Sign the current document for party ``kind``, with the hash of its bytes."""
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


def _end_of_year(obj: Convention) -> datetime.datetime:
    """The first moment after the convention's year, in local time."""
    day = obj.end_date + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ConventionBinding(engine.Binding):
    """The conventions' role reads, conditions and effects."""

    model = Convention
    definitions = CONVENTION_WORKFLOWS
    policy = convention_policy
    todo_category = gettext_lazy("Conventions")
    conditions = {
        CONTENT_COMPLETE: content_complete,
        PARTNER_NETWORK: partner_network,
        YEAR_OVER: year_over,
        ALL_SIGNED: all_signed,
        **{unsigned(kind): partial(party_unsigned, kind) for kind in SIGNING_PARTIES},
    }
    effects = {
        PRODUCE_DOCUMENT: produce_document,
        FOLLOW_STRUCTURE_STATUS: follow_structure_status,
        ANNOUNCE_LAPSE: announce_lapse,
        **{
            signature_effect(kind): partial(record_signature, kind)
            for kind in SIGNING_PARTIES
        },
    }

    preparations = {PRODUCE_DOCUMENT: render_document}

    def definition_for(self, obj: Convention) -> engine.WorkflowDefinition:
        return _DEFINITIONS[KIND_WORKFLOW[obj.kind]]

    def prefetch(self, objs: list[Convention]) -> None:
        prefetch_signing(objs)

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

    def deadline(self, obj: Convention, state: engine.State):
        """In force, the term is the end of the convention's year."""
        if state.name == IN_FORCE:
            return _end_of_year(obj)
        return super().deadline(obj, state)

    def may_wait_on(self, user: Any) -> bool:
        """Roles are held through a membership of a party: one cheap query spares
        the worklist's per-role queries when no live convention names the user's
        organisations."""
        organisations = {m.organisation_id for m in user_memberships(user)}
        if not organisations:
            return False
        quiet = {
            state.name
            for definition in self.definitions
            for state in definition.states
            if not any(
                t.roles and not (t.automatic or t.system)
                for t in definition.transitions_from(state.name)
            )
        }
        return (
            ConventionParty.objects.filter(organisation_id__in=organisations)
            .exclude(convention__state__in=quiet)
            .exists()
        )
