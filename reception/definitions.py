"""The referral workflow ("mise en relation", cahier des charges of the API).

A structure sends a person's request, with their consent, to another structure
that offers the service asked for. The receiving structure takes it under
review, then accepts it or declines it with a reason. The person may withdraw
their consent at any time: told by the person, either structure records it,
or the person does it online with their code; the referral stops and its
personal data is erased. Left unanswered, it is recalled to
the receiver at day 10 and 20 (and, overdue, to the territorial officer), and
expires at day 30.

States are adjectives, transitions verbs; labels are what users read.
"""

from django.utils.translation import gettext_lazy as _

from workflows.engine import State, Transition, WorkflowDefinition

# Workflow roles, resolved against the referral by ``reception.workflow``.
SENDER = "sender"  # the staff of the structure that sent it
RECEIVER = "receiver"  # the staff of the structure it is sent to

# States.
SENT = "sent"
UNDER_REVIEW = "under_review"
ACCEPTED = "accepted"
DECLINED = "declined"
EXPIRED = "expired"
WITHDRAWN = "withdrawn"

OPEN_STATES = frozenset({SENT, UNDER_REVIEW})
CLOSED_STATES = frozenset({ACCEPTED, DECLINED, EXPIRED, WITHDRAWN})

# Transitions.
REVIEW = "review"
ACCEPT = "accept"
DECLINE = "decline"
WITHDRAW = "withdraw"
PERSON_WITHDRAWS = "person_withdraws"
EXPIRE = "expire"

# Conditions and effects.
DECLINE_REASON_GIVEN = "decline_reason_given"
TELL_SENDER = "tell_sender"
ERASE_PERSONAL = "erase_personal"

REFERRAL = WorkflowDefinition(
    name="referral",
    label=_("Mise en relation"),
    initial=SENT,
    description=_(
        "Une structure transmet, avec le consentement de la personne, sa demande "
        "à une structure qui offre le service demandé ; celle-ci l'accepte ou la "
        "refuse en disant pourquoi."
    ),
    roles={
        SENDER: _("la structure qui oriente"),
        RECEIVER: _("la structure destinataire"),
    },
    conditions={
        DECLINE_REASON_GIVEN: _("un motif de refus doit être choisi dans la liste"),
    },
    states=(
        State(
            SENT,
            _("Envoyée"),
            _("La structure destinataire n'a pas encore ouvert la demande."),
            on_deadline=EXPIRE,
        ),
        State(
            UNDER_REVIEW,
            _("En cours d'examen"),
            _("La structure destinataire examine la demande."),
            on_deadline=EXPIRE,
            notify=False,
        ),
        State(ACCEPTED, _("Acceptée"), final=True),
        State(DECLINED, _("Refusée"), final=True),
        State(EXPIRED, _("Expirée sans réponse"), final=True),
        State(WITHDRAWN, _("Retirée"), final=True),
    ),
    transitions=(
        Transition(
            REVIEW,
            _("Prendre en charge l'examen"),
            (SENT,),
            UNDER_REVIEW,
            roles=frozenset({RECEIVER}),
            style="secondary",
        ),
        Transition(
            ACCEPT,
            _("Accepter"),
            (SENT, UNDER_REVIEW),
            ACCEPTED,
            roles=frozenset({RECEIVER}),
            effect=TELL_SENDER,
        ),
        Transition(
            DECLINE,
            _("Refuser"),
            (SENT, UNDER_REVIEW),
            DECLINED,
            roles=frozenset({RECEIVER}),
            condition=DECLINE_REASON_GIVEN,
            style="danger",
            effect=TELL_SENDER,
            help_text=_("Le motif est transmis à la structure qui a orienté."),
        ),
        Transition(
            WITHDRAW,
            _("Retirer la demande (la personne retire son accord)"),
            (SENT, UNDER_REVIEW, ACCEPTED),
            WITHDRAWN,
            roles=frozenset({SENDER, RECEIVER}),
            awaited=False,
            style="danger",
            effect=ERASE_PERSONAL,
            help_text=_(
                "Quand la personne vous dit retirer son accord : la demande "
                "s'arrête et ses données personnelles sont effacées, ici et chez "
                "l'autre structure."
            ),
        ),
        Transition(
            PERSON_WITHDRAWS,
            _("Retrait du consentement par la personne"),
            (SENT, UNDER_REVIEW, ACCEPTED),
            WITHDRAWN,
            system=True,
            awaited=False,
            effect=ERASE_PERSONAL,
        ),
        Transition(
            EXPIRE,
            _("Expirer"),
            (SENT, UNDER_REVIEW),
            EXPIRED,
            system=True,
            awaited=False,
            effect=TELL_SENDER,
        ),
    ),
)

RECEPTION_WORKFLOWS = (REFERRAL,)
