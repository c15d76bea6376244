"""The enrolment workflow of the professionalisation plan (section IV).

Fair by construction: a request waits for the approval of the person's structure
referent *before* it takes a place in the queue; once approved it is confirmed
if a seat is free and nobody waits ahead, otherwise it joins the waiting list,
first come, first served. A freed seat is *offered* to the first in line for a
limited time; an offer declined or expired passes to the next. Seats held by
confirmed enrolments and open offers count as taken, under the session's lock.

States are adjectives, transitions verbs; labels are what users read.
"""

from django.utils.translation import gettext_lazy as _

from workflows.engine import State, Transition, WorkflowDefinition

# Workflow roles, resolved against the enrolment by ``training.workflow``.
PARTICIPANT = "participant"
STRUCTURE_REFERENT = "structure_referent"
ORGANISER = "organiser"  # GREF or the Région's coordination
TRAINER = "trainer"  # the outside trainer granted this session only

# States.
REQUESTED = "requested"
APPROVED = "approved"
REFUSED = "refused"
CONFIRMED = "confirmed"
WAITLISTED = "waitlisted"
OFFERED = "offered"
DECLINED = "declined"
OFFER_EXPIRED = "offer_expired"
CANCELLED = "cancelled"
CANCELLED_LATE = "cancelled_late"
CANCELLED_BY_ORGANISER = "cancelled_by_organiser"
ATTENDED = "attended"
PARTIALLY_ATTENDED = "partially_attended"
ABSENT = "absent"
EXCUSED = "excused"

# A seat is taken by these (offers included: an open offer holds its seat).
SEAT_STATES = frozenset({CONFIRMED, OFFERED, ATTENDED, PARTIALLY_ATTENDED})
# Still under way: counted against a structure's cap, one per person and session.
LIVE_STATES = frozenset({REQUESTED, APPROVED, CONFIRMED, WAITLISTED, OFFERED})
ATTENDANCE_STATES = frozenset({ATTENDED, PARTIALLY_ATTENDED, ABSENT, EXCUSED})

# Transitions.
APPROVE = "approve"
REFUSE = "refuse"
CONFIRM = "confirm"
WAITLIST = "waitlist"
OFFER = "offer"
ACCEPT = "accept"
DECLINE = "decline"
EXPIRE_OFFER = "expire_offer"
WITHDRAW = "withdraw"
CANCEL = "cancel"
CANCEL_LATE = "cancel_late"
ORGANISER_CANCEL = "organiser_cancel"
MARK_ATTENDED = "mark_attended"
MARK_PARTIAL = "mark_partial"
MARK_ABSENT = "mark_absent"
MARK_EXCUSED = "mark_excused"

# Named conditions.
SEAT_FREE = "seat_free"
NO_SEAT_FREE = "no_seat_free"
BEFORE_CUTOFF = "before_cutoff"
AFTER_CUTOFF = "after_cutoff"
NOT_STARTED = "not_started"
STARTED = "started"

# Named effects.
TELL_PARTICIPANT = "tell_participant"
JOIN_QUEUE = "join_queue"
MAKE_OFFER = "make_offer"
FREE_SEAT = "free_seat"
ORGANISER_CANCELLED = "organiser_cancelled"

ROLES = {
    PARTICIPANT: _("Participant·e"),
    STRUCTURE_REFERENT: _("Référent·e de la structure de la personne"),
    ORGANISER: _("Organisateur (GREF ou Région)"),
    TRAINER: _("Intervenant·e de la session"),
}

CONDITIONS = {
    SEAT_FREE: _("une place est libre et personne n'attend avant"),
    NO_SEAT_FREE: _("la session est complète, ou d'autres attendent déjà"),
    BEFORE_CUTOFF: _("le délai d'annulation sans pénalité n'est pas dépassé"),
    AFTER_CUTOFF: _("le délai d'annulation sans pénalité est dépassé"),
    NOT_STARTED: _("la session n'a pas commencé"),
    STARTED: _("la session a commencé"),
}

_PERSON_OR_REFERENT = frozenset({PARTICIPANT, STRUCTURE_REFERENT})
_ATTENDANCE_TAKERS = frozenset({ORGANISER, TRAINER})

ENROLMENT = WorkflowDefinition(
    name="training_enrolment",
    label=_("Inscription à une session de formation"),
    initial=REQUESTED,
    roles=ROLES,
    conditions=CONDITIONS,
    description=_(
        "La demande est validée par le ou la référent·e de la structure avant de "
        "prendre rang ; une place libre est confirmée, sinon la personne rejoint la "
        "liste d'attente ; une place libérée est proposée au premier de la liste "
        "pour une durée limitée."
    ),
    states=(
        State(
            REQUESTED,
            _("Demandée, en attente de validation"),
            description=_("Le ou la référent·e de la structure doit la valider."),
            deadline_days=5,
        ),
        State(APPROVED, _("Validée par la structure"), notify=False),
        State(REFUSED, _("Refusée par la structure"), final=True, notify=False),
        State(CONFIRMED, _("Confirmée"), notify=False),
        State(WAITLISTED, _("En liste d'attente"), notify=False),
        State(
            OFFERED,
            _("Place proposée"),
            description=_(
                "Une place s'est libérée : acceptez-la avant son expiration."
            ),
            notify=False,
            on_deadline=EXPIRE_OFFER,
        ),
        State(DECLINED, _("Place déclinée"), final=True, notify=False),
        State(OFFER_EXPIRED, _("Proposition expirée"), final=True, notify=False),
        State(CANCELLED, _("Annulée par la personne"), final=True, notify=False),
        State(
            CANCELLED_LATE,
            _("Annulée tardivement"),
            description=_("Annulée après le délai d'annulation sans pénalité."),
            final=True,
            notify=False,
        ),
        State(
            CANCELLED_BY_ORGANISER,
            _("Annulée par l'organisateur"),
            final=True,
            notify=False,
        ),
        State(ATTENDED, _("Présente"), final=True, notify=False),
        State(PARTIALLY_ATTENDED, _("Présente en partie"), final=True, notify=False),
        State(ABSENT, _("Absente"), final=True, notify=False),
        State(EXCUSED, _("Absente excusée"), final=True, notify=False),
    ),
    transitions=(
        Transition(
            APPROVE,
            _("Valider la demande"),
            sources=(REQUESTED,),
            target=APPROVED,
            roles=frozenset({STRUCTURE_REFERENT}),
            condition=NOT_STARTED,
        ),
        Transition(
            REFUSE,
            _("Refuser la demande"),
            sources=(REQUESTED,),
            target=REFUSED,
            roles=frozenset({STRUCTURE_REFERENT}),
            comment_required=True,
            style="secondary",
            effect=TELL_PARTICIPANT,
        ),
        Transition(
            CONFIRM,
            _("Confirmer la place"),
            sources=(APPROVED,),
            target=CONFIRMED,
            automatic=True,
            condition=SEAT_FREE,
            effect=TELL_PARTICIPANT,
        ),
        Transition(
            WAITLIST,
            _("Inscrire en liste d'attente"),
            sources=(APPROVED,),
            target=WAITLISTED,
            automatic=True,
            condition=NO_SEAT_FREE,
            effect=JOIN_QUEUE,
        ),
        Transition(
            OFFER,
            _("Proposer la place libérée"),
            sources=(WAITLISTED,),
            target=OFFERED,
            system=True,
            effect=MAKE_OFFER,
        ),
        Transition(
            ACCEPT,
            _("Accepter la place"),
            sources=(OFFERED,),
            target=CONFIRMED,
            roles=frozenset({PARTICIPANT}),
            effect=TELL_PARTICIPANT,
        ),
        Transition(
            DECLINE,
            _("Décliner la place"),
            sources=(OFFERED,),
            target=DECLINED,
            roles=frozenset({PARTICIPANT}),
            style="secondary",
            effect=FREE_SEAT,
        ),
        Transition(
            EXPIRE_OFFER,
            _("Laisser expirer la proposition"),
            sources=(OFFERED,),
            target=OFFER_EXPIRED,
            system=True,
            effect=FREE_SEAT,
        ),
        Transition(
            WITHDRAW,
            _("Retirer la demande"),
            sources=(REQUESTED, WAITLISTED),
            target=CANCELLED,
            roles=_PERSON_OR_REFERENT,
            style="secondary",
            awaited=False,
        ),
        Transition(
            CANCEL,
            _("Annuler l'inscription"),
            sources=(CONFIRMED,),
            target=CANCELLED,
            roles=_PERSON_OR_REFERENT,
            condition=BEFORE_CUTOFF,
            style="secondary",
            awaited=False,
            effect=FREE_SEAT,
        ),
        Transition(
            CANCEL_LATE,
            _("Annuler l'inscription (hors délai)"),
            sources=(CONFIRMED,),
            target=CANCELLED_LATE,
            roles=_PERSON_OR_REFERENT,
            condition=AFTER_CUTOFF,
            style="secondary",
            awaited=False,
            effect=FREE_SEAT,
            help_text=_(
                "Le délai d'annulation sans pénalité est passé : l'annulation sera "
                "comptée comme tardive."
            ),
        ),
        Transition(
            ORGANISER_CANCEL,
            _("Annuler pour l'organisateur"),
            sources=(REQUESTED, CONFIRMED, WAITLISTED, OFFERED),
            target=CANCELLED_BY_ORGANISER,
            roles=frozenset({ORGANISER}),
            comment_required=True,
            style="secondary",
            awaited=False,
            effect=ORGANISER_CANCELLED,
        ),
        Transition(
            MARK_ATTENDED,
            _("Noter présente"),
            sources=(CONFIRMED,),
            target=ATTENDED,
            roles=_ATTENDANCE_TAKERS,
            condition=STARTED,
            awaited=False,
        ),
        Transition(
            MARK_PARTIAL,
            _("Noter présente en partie"),
            sources=(CONFIRMED,),
            target=PARTIALLY_ATTENDED,
            roles=_ATTENDANCE_TAKERS,
            condition=STARTED,
            awaited=False,
        ),
        Transition(
            MARK_ABSENT,
            _("Noter absente"),
            sources=(CONFIRMED,),
            target=ABSENT,
            roles=_ATTENDANCE_TAKERS,
            condition=STARTED,
            awaited=False,
            style="secondary",
        ),
        Transition(
            MARK_EXCUSED,
            _("Noter absente excusée"),
            sources=(CONFIRMED,),
            target=EXCUSED,
            roles=_ATTENDANCE_TAKERS,
            condition=STARTED,
            awaited=False,
            style="secondary",
        ),
    ),
)

TRAINING_WORKFLOWS = (ENROLMENT,)


# The yearly plan ------------------------------------------------------------------
#
# Roles, resolved by ``training.workflow.PlanBinding``: the drafters are GREF and
# the Région's coordination (who write the plan together); "the regional political
# group" that validates it is read as the Région's coordination, the only role of
# the extranet that speaks for the Région's elected bodies.
PLAN_DRAFTER = "plan_drafter"
POLITICAL_GROUP = "political_group"

# States.
PLAN_DRAFT = "draft"
PLAN_SUBMITTED = "submitted"
PLAN_VALIDATED = "validated"
PLAN_TO_AMEND = "to_amend"
PLAN_SUPERSEDED = "superseded"

# Where the plan's content (its orientations and actions) may still change.
PLAN_EDITABLE_STATES = frozenset({PLAN_DRAFT, PLAN_TO_AMEND})
# What every member of SPRO may read: the plans the Région validated.
PLAN_PUBLISHED_STATES = frozenset({PLAN_VALIDATED, PLAN_SUPERSEDED})

# Transitions.
PLAN_SUBMIT = "submit"
PLAN_VALIDATE = "validate"
PLAN_SEND_BACK = "send_back"
PLAN_AMEND = "amend"
PLAN_SUPERSEDE = "supersede"

# Named conditions and effects.
HAS_ACTIONS = "has_actions"
NOT_AMENDED = "not_amended"
SUPERSEDE_PREVIOUS = "supersede_previous"
CREATE_VERSION = "create_version"

PLAN_ROLES = {
    PLAN_DRAFTER: _("Rédaction du plan (GREF ou coordination régionale)"),
    POLITICAL_GROUP: _("Groupe politique régional (coordination de la Région)"),
}

PLAN_CONDITIONS = {
    HAS_ACTIONS: _("le plan doit comporter au moins une action"),
    NOT_AMENDED: _("une nouvelle version de ce plan est déjà en préparation"),
}

_DRAFTERS = frozenset({PLAN_DRAFTER})

PLAN = WorkflowDefinition(
    name="training_plan",
    label=_("Plan de professionnalisation"),
    initial=PLAN_DRAFT,
    roles=PLAN_ROLES,
    conditions=PLAN_CONDITIONS,
    description=_(
        "Le GREF et la Région rédigent le plan de l'année à partir du recensement "
        "des besoins ; le groupe politique régional le valide ou le renvoie avec "
        "un commentaire. Un plan validé n'est jamais modifié : une nouvelle "
        "version l'amende, et le remplace une fois validée."
    ),
    states=(
        State(
            PLAN_DRAFT,
            _("En rédaction"),
            description=_("Le GREF et la Région rédigent le plan et ses actions."),
            editors=_DRAFTERS,
            deadline_days=60,
        ),
        State(
            PLAN_SUBMITTED,
            _("Soumis au groupe politique régional"),
            description=_("Le groupe politique régional valide le plan ou le renvoie."),
            deadline_days=30,
        ),
        State(
            PLAN_TO_AMEND,
            _("Renvoyé pour modification"),
            description=_(
                "Le groupe politique régional demande des modifications : voir son "
                "commentaire dans l'historique."
            ),
            editors=_DRAFTERS,
            deadline_days=30,
        ),
        State(
            PLAN_VALIDATED,
            _("Validé"),
            description=_(
                "Le plan s'applique ; il ne se modifie plus, une nouvelle version "
                "peut l'amender."
            ),
            notify=False,
        ),
        State(
            PLAN_SUPERSEDED,
            _("Remplacé par une nouvelle version"),
            final=True,
            notify=False,
        ),
    ),
    transitions=(
        Transition(
            PLAN_SUBMIT,
            _("Soumettre au groupe politique régional"),
            sources=(PLAN_DRAFT, PLAN_TO_AMEND),
            target=PLAN_SUBMITTED,
            roles=_DRAFTERS,
            condition=HAS_ACTIONS,
        ),
        Transition(
            PLAN_VALIDATE,
            _("Valider le plan"),
            sources=(PLAN_SUBMITTED,),
            target=PLAN_VALIDATED,
            roles=frozenset({POLITICAL_GROUP}),
            effect=SUPERSEDE_PREVIOUS,
            help_text=_(
                "S'il amende une version validée, celle-ci est remplacée par lui."
            ),
        ),
        Transition(
            PLAN_SEND_BACK,
            _("Renvoyer pour modification avec un commentaire"),
            sources=(PLAN_SUBMITTED,),
            target=PLAN_TO_AMEND,
            roles=frozenset({POLITICAL_GROUP}),
            comment_required=True,
            style="secondary",
        ),
        Transition(
            PLAN_AMEND,
            _("Préparer une nouvelle version"),
            sources=(PLAN_VALIDATED,),
            target=PLAN_VALIDATED,
            roles=_DRAFTERS,
            condition=NOT_AMENDED,
            effect=CREATE_VERSION,
            awaited=False,
            style="secondary",
            help_text=_(
                "Une copie en rédaction, avec ses actions ; cette version reste en "
                "vigueur jusqu'à la validation de la nouvelle."
            ),
        ),
        Transition(
            PLAN_SUPERSEDE,
            _("Remplacer par la nouvelle version validée"),
            sources=(PLAN_VALIDATED,),
            target=PLAN_SUPERSEDED,
            system=True,
        ),
    ),
)

PLAN_WORKFLOWS = (PLAN,)
