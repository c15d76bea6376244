"""The three convention workflows of section V of the framework.

Every convention goes from a draft, through review, to signature by each of its
parties in any order, is in force for its year, then expires at year end. The
three kinds differ by who drafts, who reviews and who signs:

* structure convention (5.3): the structure's referent drafts; the head of its
  network reviews; the Région validates; structure, network and Région sign;
* network convention (5.2): the network head drafts; the Région validates; the
  network, the Région and, when it co-signs, the State sign;
* State–Région convention (5.1): the Région drafts; the State approves; both sign.

States are adjectives, transitions verbs; labels are what users read.
"""

from django.utils.translation import gettext_lazy as _

from ..engine import State, Transition, WorkflowDefinition

STRUCTURE_REFERENT = "structure_referent"
NETWORK_HEAD = "network_head"
REGIONAL_COORDINATOR = "regional_coordinator"
STATE_REPRESENTATIVE = "state_representative"

ROLES = {
    STRUCTURE_REFERENT: _("Référent·e de la structure signataire"),
    NETWORK_HEAD: _("Tête du réseau signataire"),
    REGIONAL_COORDINATOR: _("Coordination régionale (Région)"),
    STATE_REPRESENTATIVE: _("Représentant·e de l'État"),
}

CONDITIONS = {
    "content_complete": _("les engagements de chaque partie doivent être remplis"),
    "structure_unsigned": _("la structure a déjà signé ce document"),
    "network_unsigned": _("le réseau a déjà signé ce document"),
    "region_unsigned": _("la Région a déjà signé ce document"),
    "state_unsigned": _("l'État a déjà signé ce document, ou n'est pas partie"),
    "all_signed": _("toutes les parties doivent avoir signé"),
    "year_over": _("l'année de la convention doit être terminée"),
    "partner_network": _(
        "seules les structures d'un réseau partenaire peuvent conventionner"
    ),
}


def _signing_and_after(signers: dict[str, str], region_editor: str) -> tuple:
    """The common end of every convention workflow: signature, force, expiry."""
    states = (
        State(
            "signing",
            _("En signature"),
            _(
                "Le document est figé ; chaque partie le signe, dans n'importe quel "
                "ordre."
            ),
            deadline_days=30,
        ),
        State(
            "in_force",
            _("En vigueur"),
            _(
                "Signée par toutes les parties, la convention s'applique jusqu'au "
                "31 décembre de son année."
            ),
            notify=False,
        ),
        State(
            "expired",
            _("Échue"),
            _("L'année est terminée ; une nouvelle convention doit être signée."),
            notify=False,
            final=True,
        ),
        State(
            "abandoned",
            _("Abandonnée"),
            _("La démarche a été arrêtée ; rien n'est effacé."),
            notify=False,
            final=True,
        ),
    )
    transitions = tuple(
        Transition(
            f"sign_{party}",
            label,
            sources=("signing",),
            target="signing",
            roles=frozenset({role}),
            condition=f"{party}_unsigned",
            help_text=_("Votre signature enregistre l'empreinte SHA-256 du document."),
        )
        for party, (role, label) in signers.items()
    ) + (
        Transition(
            "enter_into_force",
            _("Entrer en vigueur"),
            sources=("signing",),
            target="in_force",
            condition="all_signed",
            automatic=True,
        ),
        Transition(
            "reopen",
            _("Retirer de la signature et renvoyer en rédaction"),
            sources=("signing",),
            target="draft",
            roles=frozenset({region_editor}),
            comment_required=True,
            style="danger",
            awaited=False,
            help_text=_(
                "Les signatures déjà données restent attachées à l'ancienne version "
                "du document ; une nouvelle version sera signée."
            ),
        ),
        Transition(
            "expire",
            _("Constater l'échéance"),
            sources=("in_force",),
            target="expired",
            condition="year_over",
            system=True,
        ),
    )
    return states, transitions


def _abandon(sources: tuple[str, ...]) -> Transition:
    return Transition(
        "abandon",
        _("Abandonner la démarche"),
        sources=sources,
        target="abandoned",
        roles=frozenset({REGIONAL_COORDINATOR}),
        comment_required=True,
        style="danger",
        awaited=False,
    )


_structure_end_states, _structure_end_transitions = _signing_and_after(
    {
        "structure": (STRUCTURE_REFERENT, _("Signer au nom de la structure")),
        "network": (NETWORK_HEAD, _("Signer au nom du réseau")),
        "region": (REGIONAL_COORDINATOR, _("Signer au nom de la Région")),
    },
    REGIONAL_COORDINATOR,
)

STRUCTURE_CONVENTION = WorkflowDefinition(
    name="structure_convention",
    label=_("Convention Région – réseau – structure (5.3)"),
    description=_(
        "La structure rédige, sa tête de réseau la relit, la Région la valide, puis "
        "les trois parties signent."
    ),
    initial="draft",
    roles=ROLES,
    conditions=CONDITIONS,
    states=(
        State(
            "draft",
            _("En rédaction"),
            _("Le ou la référent·e de la structure complète la convention."),
            editors=frozenset({STRUCTURE_REFERENT, REGIONAL_COORDINATOR}),
            deadline_days=45,
        ),
        State(
            "submitted",
            _("Soumise à la tête de réseau"),
            _("La tête de réseau relit la convention."),
            deadline_days=15,
        ),
        State(
            "reviewed",
            _("Approuvée par la tête de réseau"),
            _("La Région valide la convention avant signature."),
            deadline_days=15,
        ),
        *_structure_end_states,
    ),
    transitions=(
        Transition(
            "submit",
            _("Soumettre à la tête de réseau"),
            sources=("draft",),
            target="submitted",
            roles=frozenset({STRUCTURE_REFERENT}),
            condition="content_complete",
        ),
        Transition(
            "approve",
            _("Approuver (tête de réseau)"),
            sources=("submitted",),
            target="reviewed",
            roles=frozenset({NETWORK_HEAD}),
        ),
        Transition(
            "send_back",
            _("Renvoyer à la structure avec un commentaire"),
            sources=("submitted",),
            target="draft",
            roles=frozenset({NETWORK_HEAD}),
            comment_required=True,
            style="secondary",
        ),
        Transition(
            "validate",
            _("Valider et ouvrir la signature"),
            sources=("reviewed",),
            target="signing",
            roles=frozenset({REGIONAL_COORDINATOR}),
            condition="partner_network",
            help_text=_("Le document PDF est produit et figé à cette étape."),
        ),
        Transition(
            "region_send_back",
            _("Renvoyer en rédaction avec un commentaire"),
            sources=("reviewed",),
            target="draft",
            roles=frozenset({REGIONAL_COORDINATOR}),
            comment_required=True,
            style="secondary",
        ),
        *_structure_end_transitions,
        _abandon(("draft", "submitted", "reviewed")),
    ),
)


_network_end_states, _network_end_transitions = _signing_and_after(
    {
        "network": (NETWORK_HEAD, _("Signer au nom du réseau")),
        "region": (REGIONAL_COORDINATOR, _("Signer au nom de la Région")),
        "state": (STATE_REPRESENTATIVE, _("Cosigner au nom de l'État")),
    },
    REGIONAL_COORDINATOR,
)

NETWORK_CONVENTION = WorkflowDefinition(
    name="network_convention",
    label=_("Convention Région – réseau régional (5.2)"),
    description=_(
        "La tête de réseau rédige, la Région valide, puis le réseau, la Région et, "
        "le cas échéant, l'État signent."
    ),
    initial="draft",
    roles=ROLES,
    conditions=CONDITIONS,
    states=(
        State(
            "draft",
            _("En rédaction"),
            _("La tête de réseau complète la convention."),
            editors=frozenset({NETWORK_HEAD, REGIONAL_COORDINATOR}),
            deadline_days=45,
        ),
        State(
            "submitted",
            _("Soumise à la Région"),
            _("La Région valide la convention avant signature."),
            deadline_days=15,
        ),
        *_network_end_states,
    ),
    transitions=(
        Transition(
            "submit",
            _("Soumettre à la Région"),
            sources=("draft",),
            target="submitted",
            roles=frozenset({NETWORK_HEAD}),
            condition="content_complete",
        ),
        Transition(
            "validate",
            _("Valider et ouvrir la signature"),
            sources=("submitted",),
            target="signing",
            roles=frozenset({REGIONAL_COORDINATOR}),
            help_text=_("Le document PDF est produit et figé à cette étape."),
        ),
        Transition(
            "region_send_back",
            _("Renvoyer en rédaction avec un commentaire"),
            sources=("submitted",),
            target="draft",
            roles=frozenset({REGIONAL_COORDINATOR}),
            comment_required=True,
            style="secondary",
        ),
        *_network_end_transitions,
        _abandon(("draft", "submitted")),
    ),
)


_state_end_states, _state_end_transitions = _signing_and_after(
    {
        "state": (STATE_REPRESENTATIVE, _("Signer au nom de l'État")),
        "region": (REGIONAL_COORDINATOR, _("Signer au nom de la Région")),
    },
    REGIONAL_COORDINATOR,
)

STATE_CONVENTION = WorkflowDefinition(
    name="state_convention",
    label=_("Convention État – Région (5.1)"),
    description=_(
        "La Région rédige, l'État l'approuve, puis l'État et la Région signent."
    ),
    initial="draft",
    roles=ROLES,
    conditions=CONDITIONS,
    states=(
        State(
            "draft",
            _("En rédaction"),
            _("La Région complète la convention."),
            editors=frozenset({REGIONAL_COORDINATOR}),
            deadline_days=45,
        ),
        State(
            "submitted",
            _("Soumise à l'État"),
            _("L'État relit la convention."),
            deadline_days=15,
        ),
        *_state_end_states,
    ),
    transitions=(
        Transition(
            "submit",
            _("Soumettre à l'État"),
            sources=("draft",),
            target="submitted",
            roles=frozenset({REGIONAL_COORDINATOR}),
            condition="content_complete",
        ),
        Transition(
            "approve",
            _("Approuver et ouvrir la signature (État)"),
            sources=("submitted",),
            target="signing",
            roles=frozenset({STATE_REPRESENTATIVE}),
            help_text=_("Le document PDF est produit et figé à cette étape."),
        ),
        Transition(
            "send_back",
            _("Renvoyer à la Région avec un commentaire"),
            sources=("submitted",),
            target="draft",
            roles=frozenset({STATE_REPRESENTATIVE}),
            comment_required=True,
            style="secondary",
        ),
        *_state_end_transitions,
        _abandon(("draft", "submitted")),
    ),
)

CONVENTION_WORKFLOWS = (STRUCTURE_CONVENTION, NETWORK_CONVENTION, STATE_CONVENTION)
