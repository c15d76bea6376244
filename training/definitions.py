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
