"""Reads on conventions: the list in the user's scope, what a user may start,
and everything the convention page shows, in a number of queries that does not
grow with the number of conventions, documents or signatures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from conventions.definitions import CLOSED_STATES, CONVENTION_WORKFLOWS
from conventions.models import (
    Convention,
    ConventionAttachment,
    ConventionDocument,
    ConventionKind,
    ConventionParty,
    Signature,
)
from conventions.parties import parties_of
from conventions.policy import convention_policy
from extranet.models import Network, Role, Structure, Territory
from extranet.permissions import has_role, user_memberships

LIST_FIELDS = (
    "kind",
    "year",
    "state",
    "state_entered_at",
    "state_deadline",
    "updated_at",
    "structure__organisation__name",
    "network__name",
)


def conventions_for_list(
    user: Any,
    *,
    year: int | None = None,
    kind: str = "",
    state: str = "",
    network: Network | None = None,
    territory: Territory | None = None,
) -> QuerySet[Convention]:
    """The conventions ``user`` may see, filtered; a territory filter keeps the
    structure conventions of that territory only (other kinds have none)."""
    qs = convention_policy.visible(
        user,
        "view",
        # What a row shows and its cache key name (``conventions/row.html``,
        # ``convention_row_key``), not the structure's whole card.
        Convention.objects.select_related("structure__organisation", "network").only(
            *LIST_FIELDS
        ),
    )
    if year is not None:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if network is not None:
        qs = qs.filter(network=network)
    if territory is not None:
        qs = qs.filter(structure__territory=territory)
    return qs.order_by("-year", "kind", "pk")


def convention_years(user: Any) -> list[int]:
    """The years of the conventions ``user`` may see, newest first."""
    return list(
        convention_policy.visible(user, "view")
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def convention_state_choices() -> list[tuple[str, str]]:
    """Every state name of the convention workflows, once, with its label(s).

    The same state may read differently per workflow ("Soumise à la Région",
    "Soumise à l'État"): a filter on the name shows all its labels.
    """
    labels: dict[str, list[str]] = {}
    for definition in CONVENTION_WORKFLOWS:
        for state in definition.states:
            names = labels.setdefault(state.name, [])
            if str(state.label) not in names:
                names.append(str(state.label))
    return [(name, " / ".join(names)) for name, names in labels.items()]


@dataclass(frozen=True)
class StartChoice:
    """One convention the user may start: its kind and its subject."""

    kind: str
    structure: Structure | None = None
    network: Network | None = None

    @property
    def value(self) -> str:
        if self.structure is not None:
            return f"{self.kind}:{self.structure.pk}"
        if self.network is not None:
            return f"{self.kind}:{self.network.pk}"
        return self.kind

    @property
    def label(self) -> str:
        if self.structure is not None:
            return str(self.structure.organisation.name)
        if self.network is not None:
            return self.network.name
        return _("État et Région Bretagne")


def startable_conventions(user: Any) -> list[StartChoice]:
    """The conventions ``user`` may start, as ``convention_policy.may_start`` decides:
    a referent their structures, a network head their network, the Région any."""
    memberships = user_memberships(user)
    if not memberships:
        return []
    structures = Structure.objects.select_related("organisation", "network")
    networks = Network.objects.all()
    if not has_role(user, Role.REGIONAL_COORDINATOR):
        referent_of = [
            m.organisation_id for m in memberships if m.role == Role.REFERENT
        ]
        head_of = [
            m.organisation_id for m in memberships if m.role == Role.NETWORK_HEAD
        ]
        structures = (
            structures.filter(organisation_id__in=referent_of)
            if referent_of
            else structures.none()
        )
        networks = networks.filter(head_id__in=head_of) if head_of else networks.none()
    choices = [
        StartChoice(ConventionKind.STRUCTURE, structure=s)
        for s in structures
        if convention_policy.may_start(user, kind=ConventionKind.STRUCTURE, structure=s)
    ]
    choices += [
        StartChoice(ConventionKind.REGION_NETWORK, network=n)
        for n in networks
        if convention_policy.may_start(
            user, kind=ConventionKind.REGION_NETWORK, network=n
        )
    ]
    if convention_policy.may_start(user, kind=ConventionKind.GOVERNMENT_REGION):
        choices.append(StartChoice(ConventionKind.GOVERNMENT_REGION))
    return choices


def convention_exists(choice: StartChoice, year: int) -> bool:
    """Is there already a convention (not abandoned) of this kind, subject and
    year? At most one may exist (the model's constraints)."""
    qs = Convention.objects.current().filter(kind=choice.kind, year=year)
    if choice.kind == ConventionKind.STRUCTURE:
        qs = qs.filter(structure=choice.structure)
    elif choice.kind == ConventionKind.REGION_NETWORK:
        qs = qs.filter(network=choice.network)
    return qs.exists()


@dataclass
class PartyRow:
    party: ConventionParty
    signature: Signature | None = None


@dataclass
class ConventionPage:
    """What the convention page shows besides the convention itself."""

    parties: list[PartyRow]
    documents: list[ConventionDocument]
    current_document: ConventionDocument | None
    attachments: list[ConventionAttachment]
    previous: Convention | None
    following: list[Convention] = field(default_factory=list)
    content: list[tuple[str, list[str]]] = field(default_factory=list)


def _lines(text: str) -> list[str]:
    return [line.strip(" \t-•") for line in text.splitlines() if line.strip(" \t-•")]


def convention_page(user: Any, convention: Convention) -> ConventionPage:
    """Parties with their signature on the current document, every document,
    attachments, the linked conventions the user may see, the engagements as
    lists: a fixed number of queries."""

    documents = list(
        ConventionDocument.objects.filter(convention=convention).order_by("-version")
    )
    current = documents[0] if documents else None
    signatures: dict[int, Signature] = {}
    if current is not None:
        signatures = {
            s.party_id: s
            for s in Signature.objects.filter(document=current).select_related("user")
        }
    parties = [PartyRow(p, signatures.get(p.pk)) for p in parties_of(convention)]
    attachments = list(
        ConventionAttachment.objects.filter(convention=convention).select_related(
            "uploaded_by"
        )
    )
    related = list(
        convention_policy.visible(
            user,
            "view",
            Convention.objects.filter(
                Q(pk=convention.previous_id) | Q(previous_id=convention.pk)
            ).exclude(state__in=CLOSED_STATES),
        ).order_by("year", "pk")
    )
    previous = next((c for c in related if c.pk == convention.previous_id), None)
    following = [c for c in related if c.previous_id == convention.pk]
    content = [
        (label, _lines(getattr(convention, name)))
        for name, label in convention.engagement_fields()
    ]
    return ConventionPage(
        parties=parties,
        documents=documents,
        current_document=current,
        attachments=attachments,
        previous=previous,
        following=following,
        content=content,
    )
