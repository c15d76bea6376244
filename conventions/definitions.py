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

from workflows.engine import State, Transition, WorkflowDefinition

STRUCTURE_REFERENT = "structure_referent"
NETWORK_HEAD = "network_head"
REGIONAL_COORDINATOR = "regional_coordinator"
GOVERNMENT_REPRESENTATIVE = "government_representative"

# States (adjectives), shared by the three workflows.
DRAFT = "draft"
SUBMITTED = "submitted"
REVIEWED = "reviewed"
SIGNING = "signing"
IN_FORCE = "in_force"
EXPIRED = "expired"
ABANDONED = "abandoned"

# Transitions (verbs).
SUBMIT = "submit"
APPROVE = "approve"
SEND_BACK = "send_back"
VALIDATE = "validate"
REGION_SEND_BACK = "region_send_back"
ENTER_INTO_FORCE = "enter_into_force"
REOPEN = "reopen"
EXPIRE = "expire"
ABANDON = "abandon"

# Parties that sign, and the transition by which each signs.
SIGNING_PARTIES = ("structure", "network", "region", "government")


def sign(party: str) -> str:
    """The name of the transition by which ``party`` signs."""
    return f"sign_{party}"


def unsigned(party: str) -> str:
    """The name of the condition "``party`` has not signed this document yet"."""
    return f"{party}_unsigned"


def signature_effect(party: str) -> str:
    """The name of the effect that records ``party``'s signature."""
    return f"record_{party}_signature"


# What a state allows besides moving on, read by ``conventions.policy``.
ATTACH = "attach"  # add a PDF (signed copy, annex)
RENEW = "renew"  # prepare next year's convention from this one

# Named effects, mapped to functions by ``conventions.workflow``.
PRODUCE_DOCUMENT = "produce_document"
FOLLOW_STRUCTURE_STATUS = "follow_structure_status"
ANNOUNCE_LAPSE = "announce_lapse"

ROLES = {
    STRUCTURE_REFERENT: _("Référent·e de la structure signataire"),
    NETWORK_HEAD: _("Tête du réseau signataire"),
    REGIONAL_COORDINATOR: _("Coordination régionale (Région)"),
    GOVERNMENT_REPRESENTATIVE: _("Représentant·e de l'État"),
}

# Named conditions, mapped to predicates by ``conventions.workflow``.
CONTENT_COMPLETE = "content_complete"
ALL_SIGNED = "all_signed"
YEAR_OVER = "year_over"
PARTNER_NETWORK = "partner_network"

CONDITIONS = {
    CONTENT_COMPLETE: _("les engagements de chaque partie doivent être remplis"),
    unsigned("structure"): _("la structure a déjà signé ce document"),
    unsigned("network"): _("le réseau a déjà signé ce document"),
    unsigned("region"): _("la Région a déjà signé ce document"),
    unsigned("government"): _("l'État a déjà signé ce document, ou n'est pas partie"),
    ALL_SIGNED: _("toutes les parties doivent avoir signé"),
    YEAR_OVER: _("l'année de la convention doit être terminée"),
    PARTNER_NETWORK: _(
        "seules les structures d'un réseau partenaire peuvent conventionner"
    ),
}


def _signing_and_after(signers: dict[str, str], region_editor: str) -> tuple:
    """The common end of every convention workflow: signature, force, expiry."""
    states = (
        State(
            SIGNING,
            _("En signature"),
            _(
                "Le document est figé ; chaque partie le signe, dans n'importe quel "
                "ordre."
            ),
            deadline_days=30,
            allows=frozenset({ATTACH, RENEW}),
        ),
        State(
            IN_FORCE,
            _("En vigueur"),
            _(
                "Signée par toutes les parties, la convention s'applique jusqu'au "
                "31 décembre de son année."
            ),
            notify=False,
            allows=frozenset({ATTACH, RENEW}),
            on_deadline=EXPIRE,
        ),
        State(
            EXPIRED,
            _("Échue"),
            _("L'année est terminée ; une nouvelle convention doit être signée."),
            notify=False,
            final=True,
            allows=frozenset({ATTACH, RENEW}),
        ),
        State(
            ABANDONED,
            _("Abandonnée"),
            _("La démarche a été arrêtée ; rien n'est effacé."),
            notify=False,
            final=True,
        ),
    )
    transitions = tuple(
        Transition(
            sign(party),
            label,
            sources=(SIGNING,),
            target=SIGNING,
            roles=frozenset({role}),
            condition=unsigned(party),
            effect=signature_effect(party),
            help_text=_("Votre signature enregistre l'empreinte SHA-256 du document."),
        )
        for party, (role, label) in signers.items()
    ) + (
        Transition(
            ENTER_INTO_FORCE,
            _("Entrer en vigueur"),
            sources=(SIGNING,),
            target=IN_FORCE,
            condition=ALL_SIGNED,
            automatic=True,
            effect=FOLLOW_STRUCTURE_STATUS,
        ),
        Transition(
            REOPEN,
            _("Retirer de la signature et renvoyer en rédaction"),
            sources=(SIGNING,),
            target=DRAFT,
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
            EXPIRE,
            _("Constater l'échéance"),
            sources=(IN_FORCE,),
            target=EXPIRED,
            condition=YEAR_OVER,
            system=True,
            effect=ANNOUNCE_LAPSE,
        ),
    )
    return states, transitions


def _abandon(sources: tuple[str, ...]) -> Transition:
    return Transition(
        ABANDON,
        _("Abandonner la démarche"),
        sources=sources,
        target=ABANDONED,
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
    initial=DRAFT,
    roles=ROLES,
    conditions=CONDITIONS,
    states=(
        State(
            DRAFT,
            _("En rédaction"),
            _("Le ou la référent·e de la structure complète la convention."),
            editors=frozenset({STRUCTURE_REFERENT, REGIONAL_COORDINATOR}),
            deadline_days=45,
            allows=frozenset({ATTACH}),
        ),
        State(
            SUBMITTED,
            _("Soumise à la tête de réseau"),
            _("La tête de réseau relit la convention."),
            deadline_days=15,
            allows=frozenset({ATTACH}),
        ),
        State(
            REVIEWED,
            _("Approuvée par la tête de réseau"),
            _("La Région valide la convention avant signature."),
            deadline_days=15,
            allows=frozenset({ATTACH}),
        ),
        *_structure_end_states,
    ),
    transitions=(
        Transition(
            SUBMIT,
            _("Soumettre à la tête de réseau"),
            sources=(DRAFT,),
            target=SUBMITTED,
            roles=frozenset({STRUCTURE_REFERENT}),
            condition=CONTENT_COMPLETE,
        ),
        Transition(
            APPROVE,
            _("Approuver (tête de réseau)"),
            sources=(SUBMITTED,),
            target=REVIEWED,
            roles=frozenset({NETWORK_HEAD}),
        ),
        Transition(
            SEND_BACK,
            _("Renvoyer à la structure avec un commentaire"),
            sources=(SUBMITTED,),
            target=DRAFT,
            roles=frozenset({NETWORK_HEAD}),
            comment_required=True,
            style="secondary",
        ),
        Transition(
            VALIDATE,
            _("Valider et ouvrir la signature"),
            sources=(REVIEWED,),
            target=SIGNING,
            roles=frozenset({REGIONAL_COORDINATOR}),
            condition=PARTNER_NETWORK,
            effect=PRODUCE_DOCUMENT,
            help_text=_("Le document PDF est produit et figé à cette étape."),
        ),
        Transition(
            REGION_SEND_BACK,
            _("Renvoyer en rédaction avec un commentaire"),
            sources=(REVIEWED,),
            target=DRAFT,
            roles=frozenset({REGIONAL_COORDINATOR}),
            comment_required=True,
            style="secondary",
        ),
        *_structure_end_transitions,
        _abandon((DRAFT, SUBMITTED, REVIEWED)),
    ),
)


_network_end_states, _network_end_transitions = _signing_and_after(
    {
        "network": (NETWORK_HEAD, _("Signer au nom du réseau")),
        "region": (REGIONAL_COORDINATOR, _("Signer au nom de la Région")),
        "government": (GOVERNMENT_REPRESENTATIVE, _("Cosigner au nom de l'État")),
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
    initial=DRAFT,
    roles=ROLES,
    conditions=CONDITIONS,
    states=(
        State(
            DRAFT,
            _("En rédaction"),
            _("La tête de réseau complète la convention."),
            editors=frozenset({NETWORK_HEAD, REGIONAL_COORDINATOR}),
            deadline_days=45,
            allows=frozenset({ATTACH}),
        ),
        State(
            SUBMITTED,
            _("Soumise à la Région"),
            _("La Région valide la convention avant signature."),
            deadline_days=15,
            allows=frozenset({ATTACH}),
        ),
        *_network_end_states,
    ),
    transitions=(
        Transition(
            SUBMIT,
            _("Soumettre à la Région"),
            sources=(DRAFT,),
            target=SUBMITTED,
            roles=frozenset({NETWORK_HEAD}),
            condition=CONTENT_COMPLETE,
        ),
        Transition(
            VALIDATE,
            _("Valider et ouvrir la signature"),
            sources=(SUBMITTED,),
            target=SIGNING,
            roles=frozenset({REGIONAL_COORDINATOR}),
            effect=PRODUCE_DOCUMENT,
            help_text=_("Le document PDF est produit et figé à cette étape."),
        ),
        Transition(
            REGION_SEND_BACK,
            _("Renvoyer en rédaction avec un commentaire"),
            sources=(SUBMITTED,),
            target=DRAFT,
            roles=frozenset({REGIONAL_COORDINATOR}),
            comment_required=True,
            style="secondary",
        ),
        *_network_end_transitions,
        _abandon((DRAFT, SUBMITTED)),
    ),
)


_state_end_states, _state_end_transitions = _signing_and_after(
    {
        "government": (GOVERNMENT_REPRESENTATIVE, _("Signer au nom de l'État")),
        "region": (REGIONAL_COORDINATOR, _("Signer au nom de la Région")),
    },
    REGIONAL_COORDINATOR,
)

GOVERNMENT_CONVENTION = WorkflowDefinition(
    name="government_convention",
    label=_("Convention État – Région (5.1)"),
    description=_(
        "La Région rédige, l'État l'approuve, puis l'État et la Région signent."
    ),
    initial=DRAFT,
    roles=ROLES,
    conditions=CONDITIONS,
    states=(
        State(
            DRAFT,
            _("En rédaction"),
            _("La Région complète la convention."),
            editors=frozenset({REGIONAL_COORDINATOR}),
            deadline_days=45,
            allows=frozenset({ATTACH}),
        ),
        State(
            SUBMITTED,
            _("Soumise à l'État"),
            _("L'État relit la convention."),
            deadline_days=15,
            allows=frozenset({ATTACH}),
        ),
        *_state_end_states,
    ),
    transitions=(
        Transition(
            SUBMIT,
            _("Soumettre à l'État"),
            sources=(DRAFT,),
            target=SUBMITTED,
            roles=frozenset({REGIONAL_COORDINATOR}),
            condition=CONTENT_COMPLETE,
        ),
        Transition(
            APPROVE,
            _("Approuver et ouvrir la signature (État)"),
            sources=(SUBMITTED,),
            target=SIGNING,
            roles=frozenset({GOVERNMENT_REPRESENTATIVE}),
            effect=PRODUCE_DOCUMENT,
            help_text=_("Le document PDF est produit et figé à cette étape."),
        ),
        Transition(
            SEND_BACK,
            _("Renvoyer à la Région avec un commentaire"),
            sources=(SUBMITTED,),
            target=DRAFT,
            roles=frozenset({GOVERNMENT_REPRESENTATIVE}),
            comment_required=True,
            style="secondary",
        ),
        *_state_end_transitions,
        _abandon((DRAFT, SUBMITTED)),
    ),
)

CONVENTION_WORKFLOWS = (STRUCTURE_CONVENTION, NETWORK_CONVENTION, GOVERNMENT_CONVENTION)

# Named sets of states, derived from the definitions.
ATTACHABLE_STATES = frozenset().union(
    *(d.states_allowing(ATTACH) for d in CONVENTION_WORKFLOWS)
)
RENEWABLE_STATES = frozenset().union(
    *(d.states_allowing(RENEW) for d in CONVENTION_WORKFLOWS)
)
CLOSED_STATES = frozenset({ABANDONED})
