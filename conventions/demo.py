"""Demo conventions: the year's conventions in every state of their workflow.

Who tries the demo should find something to do whatever account they pick: the
referent of the Mission locale du Pays de Rennes sees their convention submitted
to their network, the head of the ARML has it to review, the regional
coordination has another to validate and some to sign, the State a network
convention to co-sign. So every convention here is made the way a user would
make it: started by ``convention_start`` and moved by ``convention_transition``
(the workflow engine) as the demo user who holds the role, which also writes
the transition log, the history, the PDF documents, the signatures and the
notifications a real run would.

Idempotent: each scenario first looks for a convention of its party and year
(abandoned ones included) and does nothing if one exists. Networks whose heads
have no demo account get one here, through the loader, the same way as the
accounts of ``data.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from conventions import definitions as d
from conventions import services
from conventions.models import Convention, ConventionKind
from extranet.demo.data import ACCOUNT_DOMAIN, AccountSpec
from extranet.demo.loader import load_accounts
from extranet.models import (
    MembershipStatus,
    Network,
    Organisation,
    Role,
    Structure,
    User,
)
from workflows import engine

logger = logging.getLogger(__name__)

COORDINATOR = f"coordination@{ACCOUNT_DOMAIN}"
GOVERNMENT = f"etat@{ACCOUNT_DOMAIN}"

# Heads of the networks whose conventions the demo moves, besides the ARML's
# (``tete-de-reseau@``, in ``data.py``). Network heads use a second factor: the
# loader gives them the demo authenticator.
NETWORK_HEAD_ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec(
        f"tete-de-reseau.cio@{ACCOUNT_DOMAIN}",
        "Hervé",
        "Quéméner",
        "Chargé de mission orientation, académie de Rennes",
        Role.NETWORK_HEAD,
        "rectorat-academie-de-rennes",
    ),
    AccountSpec(
        f"tete-de-reseau.france-travail@{ACCOUNT_DOMAIN}",
        "Nathalie",
        "Le Scouarnec",
        "Chargée de partenariats, direction régionale",
        Role.NETWORK_HEAD,
        "direction-regionale-france-travail-bretagne",
    ),
    AccountSpec(
        f"tete-de-reseau.information-jeunesse@{ACCOUNT_DOMAIN}",
        "Glenn",
        "Kerjean",
        "Coordinateur du réseau Information Jeunesse",
        Role.NETWORK_HEAD,
        "crij-bretagne",
    ),
)

GOVERNMENT_ENGAGEMENTS = (
    "Mobiliser les services de l'État en région dans le SPRO.\n"
    "Partager les données de l'emploi et de la formation utiles au réseau."
)


@dataclass(frozen=True)
class StructureScenario:
    """One structure's convention of the year, and how far it goes.

    ``steps`` are (transition, who fires it) in order; "who" names a workflow
    role, resolved to the demo user who holds it on this convention.
    """

    structure_slug: str
    steps: tuple[tuple[str, str], ...]


REFERENT, HEAD, REGION, GOVERNMENT_REP = "referent", "head", "region", "government"

TO_SIGNING = ((d.SUBMIT, REFERENT), (d.APPROVE, HEAD), (d.VALIDATE, REGION))
TO_IN_FORCE = (
    *TO_SIGNING,
    (d.sign("structure"), REFERENT),
    (d.sign("network"), HEAD),
    (d.sign("region"), REGION),
)

# Structures with a demo referent, in four partner networks.
STRUCTURE_SCENARIOS: tuple[StructureScenario, ...] = (
    # The demo referent's own structure: waiting for the ARML's review.
    StructureScenario("ml-pays-de-rennes", ((d.SUBMIT, REFERENT),)),
    # Reviewed by the ARML: waiting for the Région to validate it.
    StructureScenario("ml-pays-de-brest", ((d.SUBMIT, REFERENT), (d.APPROVE, HEAD))),
    # In signature, already signed by the structure.
    StructureScenario(
        "ml-pays-de-vannes", (*TO_SIGNING, (d.sign("structure"), REFERENT))
    ),
    StructureScenario("ml-pays-de-saint-brieuc", TO_IN_FORCE),
    StructureScenario("cio-rennes-nord", TO_IN_FORCE),
    # In signature, signed by nobody yet.
    StructureScenario("ft-quimper", TO_SIGNING),
    StructureScenario("ft-rennes-nord", ((d.SUBMIT, REFERENT),)),
    StructureScenario("transitions-pro-rennes", ()),
)


@dataclass
class _Conventions:
    """One run: the demo users found, and the conventions created."""

    year: int
    created_count: int = 0

    def user(self, email: str) -> User | None:
        return User.objects.filter(email__iexact=email, is_active=True).first()

    def holder(self, convention: Convention, who: str) -> User | None:
        """The demo user acting for ``who`` on this convention."""
        if who == REGION:
            return self.user(COORDINATOR)
        if who == GOVERNMENT_REP:
            return self.user(GOVERNMENT)
        if who == HEAD:
            organisation_id = convention.network.head_id
            role = Role.NETWORK_HEAD
        else:
            organisation_id = convention.structure.organisation_id
            role = Role.REFERENT
        return (
            User.objects.filter(
                is_active=True,
                memberships__organisation_id=organisation_id,
                memberships__role=role,
            )
            .order_by("pk")
            .first()
        )

    def advance(
        self, convention: Convention, steps: tuple[tuple[str, str], ...]
    ) -> Convention:
        for transition, who in steps:
            user = self.holder(convention, who)
            if user is None:
                logger.warning(
                    "Demo: nobody to %s convention %s", transition, convention.pk
                )
                break
            convention = services.convention_transition(
                user=user,
                convention=convention,
                transition=transition,
                comment=_COMMENTS.get(transition, ""),
            )
        return convention

    def created(self, convention: Convention) -> Convention:
        self.created_count += 1
        return convention

    # Scenarios -----------------------------------------------------------------

    def structure_convention(self, scenario: StructureScenario) -> None:
        structure = (
            Structure.objects.select_related("organisation", "network")
            .filter(organisation__slug=scenario.structure_slug)
            .first()
        )
        if structure is None or self._exists(structure=structure, year=self.year):
            return
        referent = self._referent(structure)
        if referent is None:
            return
        convention = services.convention_start(
            user=referent,
            kind=ConventionKind.STRUCTURE,
            year=self.year,
            structure=structure,
        )
        self.advance(self.created(convention), scenario.steps)

    def abandoned_then_restarted(self, slug: str) -> None:
        """A draft the Région abandoned (a wrong start), then a fresh draft."""
        structure = Structure.objects.filter(organisation__slug=slug).first()
        if structure is None or self._exists(structure=structure, year=self.year):
            return
        referent = self._referent(structure)
        if referent is None:
            return
        first = services.convention_start(
            user=referent,
            kind=ConventionKind.STRUCTURE,
            year=self.year,
            structure=structure,
        )
        self.advance(self.created(first), ((d.ABANDON, REGION),))
        self.created(
            services.convention_start(
                user=referent,
                kind=ConventionKind.STRUCTURE,
                year=self.year,
                structure=structure,
            )
        )

    def expired_and_renewed(self, slug: str) -> None:
        """Last year's convention, signed then expired, renewed in draft."""
        structure = Structure.objects.filter(organisation__slug=slug).first()
        if structure is None or self._exists(structure=structure, year=self.year - 1):
            return
        referent = self._referent(structure)
        if referent is None:
            return
        last_year = services.convention_start(
            user=referent,
            kind=ConventionKind.STRUCTURE,
            year=self.year - 1,
            structure=structure,
        )
        last_year = self.advance(self.created(last_year), TO_IN_FORCE)
        if last_year.state != d.IN_FORCE:
            return
        # What the convention calendar task does at year end, for this one only.
        last_year = engine.fire(last_year, d.EXPIRE, user=None, system=True)
        if self._exists(structure=structure, year=self.year):
            return
        self.created(services.convention_renew(user=referent, convention=last_year))

    def network_convention(
        self,
        slug: str,
        steps: tuple[tuple[str, str], ...],
        *,
        government_cosigns: bool,
    ) -> None:
        network = Network.objects.filter(slug=slug).select_related("head").first()
        if (
            network is None
            or Convention.objects.filter(
                kind=ConventionKind.REGION_NETWORK, network=network, year=self.year
            ).exists()
        ):
            return
        head = (
            User.objects.filter(
                is_active=True,
                memberships__organisation_id=network.head_id,
                memberships__role=Role.NETWORK_HEAD,
            )
            .order_by("pk")
            .first()
        )
        if head is None:
            return
        convention = services.convention_start(
            user=head,
            kind=ConventionKind.REGION_NETWORK,
            year=self.year,
            network=network,
            government_cosigns=government_cosigns,
        )
        self.created(convention)
        if government_cosigns:
            convention = services.convention_update(
                user=head,
                convention=convention,
                data={"government_engagements": GOVERNMENT_ENGAGEMENTS},
                seen_updated_at="",
            )
        self.advance(convention, steps)

    def government_region_convention(self) -> None:
        if Convention.objects.filter(
            kind=ConventionKind.GOVERNMENT_REGION, year=self.year
        ).exists():
            return
        coordinator = self.user(COORDINATOR)
        if coordinator is None or self.user(GOVERNMENT) is None:
            return
        convention = services.convention_start(
            user=coordinator, kind=ConventionKind.GOVERNMENT_REGION, year=self.year
        )
        self.advance(
            self.created(convention),
            (
                (d.SUBMIT, REGION),
                (d.APPROVE, GOVERNMENT_REP),
                (d.sign("government"), GOVERNMENT_REP),
                (d.sign("region"), REGION),
            ),
        )

    def region_in_force(self, *, every: int = 5) -> None:
        """Most member structures of partner networks signed for the year, as a
        real region would be by the autumn: four in five in force, the fifth
        left without a convention (the follow-up's "late" and the directory's
        structures without the accueil personnalisé). Referents and network
        heads the demo lacks get an account, the same way as the others."""
        structures = list(
            Structure.objects.filter(
                organisation__is_active=True,
                membership_status=MembershipStatus.MEMBER,
                network__is_partner=True,
            )
            .select_related("organisation", "network__head")
            .order_by("organisation__slug")
        )
        heads = {
            network.head.slug
            for network in Network.objects.filter(is_partner=True).select_related(
                "head"
            )
            if not network.head.memberships.filter(role=Role.NETWORK_HEAD).exists()
        }
        load_accounts(
            AccountSpec(
                f"tete-de-reseau.{slug}@{ACCOUNT_DOMAIN}",
                *_person(index),
                "Coordination du réseau",
                Role.NETWORK_HEAD,
                slug,
            )
            for index, slug in enumerate(sorted(heads))
        )
        # Chosen on the whole list, so that a second run chooses the same ones.
        chosen = [
            s
            for i, s in enumerate(structures)
            if i % every != every - 1 and not self._exists(structure=s, year=self.year)
        ]
        load_accounts(
            AccountSpec(
                f"referent.{s.organisation.slug}@{ACCOUNT_DOMAIN}",
                *_person(index + 7),
                "Référent·e SPRO de la structure",
                Role.REFERENT,
                s.organisation.slug,
            )
            for index, s in enumerate(chosen)
            if self._referent(s) is None
        )
        for structure in chosen:
            referent = self._referent(structure)
            if referent is None:
                continue
            convention = services.convention_start(
                user=referent,
                kind=ConventionKind.STRUCTURE,
                year=self.year,
                structure=structure,
            )
            self.advance(self.created(convention), TO_IN_FORCE)

    # Helpers ---------------------------------------------------------------------

    def _exists(self, *, structure: Structure, year: int) -> bool:
        return Convention.objects.filter(
            kind=ConventionKind.STRUCTURE, structure=structure, year=year
        ).exists()

    def _referent(self, structure: Structure) -> User | None:
        return (
            User.objects.filter(
                is_active=True,
                memberships__organisation_id=structure.organisation_id,
                memberships__role=Role.REFERENT,
            )
            .order_by("pk")
            .first()
        )


_FIRST_NAMES = (
    "Anne",
    "Yann",
    "Maëlle",
    "Erwan",
    "Soizic",
    "Loïc",
    "Gwenola",
    "Ronan",
    "Nolwenn",
    "Tanguy",
    "Morgane",
    "Goulven",
    "Enora",
)
_LAST_NAMES = (
    "Le Bihan",
    "Guillou",
    "Le Goff",
    "Tanguy",
    "Le Roux",
    "Morvan",
    "Kerhervé",
    "Le Gall",
    "Riou",
    "Caradec",
    "Le Floch",
)


def _person(index: int) -> tuple[str, str]:
    """A first and last name for a generated demo account (deterministic)."""
    return (
        _FIRST_NAMES[index % len(_FIRST_NAMES)],
        _LAST_NAMES[(index * 7) % len(_LAST_NAMES)],
    )


_COMMENTS: dict[str, str] = {
    d.ABANDON: "Convention commencée par erreur : une nouvelle est en rédaction.",
}


def load_conventions() -> int:
    """Create the demo conventions once the structures and accounts exist."""
    if not Organisation.objects.filter(slug="region-bretagne").exists():
        return 0
    load_accounts(NETWORK_HEAD_ACCOUNTS)
    run = _Conventions(year=timezone.localdate().year)
    scenarios: list[Callable[[], None]] = [
        run.government_region_convention,
        *(
            (lambda s=scenario: run.structure_convention(s))
            for scenario in STRUCTURE_SCENARIOS
        ),
        lambda: run.abandoned_then_restarted("cio-brest"),
        lambda: run.expired_and_renewed("bij-lorient"),
        # The ARML's convention, co-signed by the State, in force.
        lambda: run.network_convention(
            "missions-locales",
            (
                (d.SUBMIT, HEAD),
                (d.VALIDATE, REGION),
                (d.sign("network"), HEAD),
                (d.sign("region"), REGION),
                (d.sign("government"), GOVERNMENT_REP),
            ),
            government_cosigns=True,
        ),
        # The CIO network's, co-signed by the State too, in signature: signed by
        # the Région, waiting for the network and the State (``etat@``).
        lambda: run.network_convention(
            "cio",
            ((d.SUBMIT, HEAD), (d.VALIDATE, REGION), (d.sign("region"), REGION)),
            government_cosigns=True,
        ),
    ]
    for scenario in scenarios:
        scenario()
    # Last: the rest of the region, once every scenario above has its structure.
    run.region_in_force()
    return run.created_count
