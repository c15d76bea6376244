"""The local action plan's workflow (section III and 4.2 of the framework).

The territorial officer drafts the plan of their territory for the year and
submits it; the regional coordinator validates it or sends it back with a
comment; once validated, the officer starts it, then opens its annual review
and hands the review in; the coordinator may reopen a handed-in review (with
a comment) while the year's synthesis has not been presented.

States are adjectives, transitions verbs; labels are what users read.
"""

from django.utils.translation import gettext_lazy as _

from workflows.engine import State, Transition, WorkflowDefinition

# Workflow roles, resolved against the plan by ``plans.workflow``.
OFFICER = "territorial_officer"  # the territorial officers of the plan's territory
COORDINATOR = "regional_coordinator"  # the Région's SPRO coordination

# States.
DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
VALIDATED = "validated"
IN_PROGRESS = "in_progress"
UNDER_REVIEW = "under_review"
REVIEWED = "reviewed"

# Where the plan's content (its diagnosis and actions) may change.
EDITABLE_STATES = frozenset({DRAFT, RETURNED})
# Where the pilot structures keep their milestones up to date.
RUNNING_STATES = frozenset({VALIDATED, IN_PROGRESS, UNDER_REVIEW})
# Where the structures of the territory contribute (comments, joining).
OPEN_STATES = frozenset({DRAFT, SUBMITTED, RETURNED, VALIDATED, IN_PROGRESS})
# What the synthesis compiles.
REVIEWED_STATES = frozenset({REVIEWED})

# Transitions.
SUBMIT = "submit"
VALIDATE = "validate"
SEND_BACK = "send_back"
START = "start"
OPEN_REVIEW = "open_review"
HAND_IN_REVIEW = "hand_in_review"
REOPEN_REVIEW = "reopen_review"

# Named conditions and effects.
HAS_PARTNERSHIP = "has_partnership"
REVIEW_COMPLETE = "review_complete"
SYNTHESIS_OPEN = "synthesis_open"
REPORT_NEEDS = "report_needs"

LOCAL_PLAN = WorkflowDefinition(
    name="local_plan",
    label=_("Plan d'action local"),
    initial=DRAFT,
    description=_(
        "La ou le chargé·e de mission territorial·e rédige le plan de l'année, "
        "la coordination régionale le valide ou le renvoie avec un commentaire ; "
        "le plan est mis en œuvre puis fait l'objet d'un bilan annuel."
    ),
    roles={
        OFFICER: _("la ou le chargé·e de mission du territoire"),
        COORDINATOR: _("la coordination régionale"),
    },
    conditions={
        HAS_PARTNERSHIP: _(
            "le plan doit comporter une ou deux actions partenariales, chacune "
            "avec sa structure pilote et au moins un jalon"
        ),
        REVIEW_COMPLETE: _(
            "le bilan doit dire, pour chaque action, si elle a été réalisée"
        ),
        SYNTHESIS_OPEN: _("la synthèse régionale de cette année a déjà été présentée"),
    },
    states=(
        State(
            DRAFT,
            _("En rédaction"),
            _("Le plan s'écrit avec les structures du territoire."),
            editors=frozenset({OFFICER}),
            notify=False,
        ),
        State(
            SUBMITTED,
            _("Soumis à la coordination régionale"),
            _("La coordination régionale valide le plan ou le renvoie."),
            deadline_days=30,
        ),
        State(
            RETURNED,
            _("Renvoyé pour modification"),
            _("Voir le commentaire de la coordination régionale dans l'historique."),
            editors=frozenset({OFFICER}),
        ),
        State(
            VALIDATED,
            _("Validé"),
            _("Le plan est validé ; sa mise en œuvre peut commencer."),
        ),
        State(
            IN_PROGRESS,
            _("En cours"),
            _("Les structures pilotes tiennent leurs jalons à jour."),
            notify=False,
        ),
        State(
            UNDER_REVIEW,
            _("Bilan en cours"),
            _("La ou le chargé·e de mission écrit le bilan de l'année."),
            deadline_days=60,
        ),
        State(
            REVIEWED,
            _("Bilan remis"),
            _("Le bilan compte dans la synthèse régionale de l'année."),
            notify=False,
        ),
    ),
    transitions=(
        Transition(
            SUBMIT,
            _("Soumettre à la coordination régionale"),
            (DRAFT, RETURNED),
            SUBMITTED,
            roles=frozenset({OFFICER}),
            condition=HAS_PARTNERSHIP,
            effect=REPORT_NEEDS,
            help_text=_(
                "Les besoins locaux du plan sont transmis au recensement ouvert du "
                "GREF."
            ),
        ),
        Transition(
            VALIDATE,
            _("Valider le plan"),
            (SUBMITTED,),
            VALIDATED,
            roles=frozenset({COORDINATOR}),
        ),
        Transition(
            SEND_BACK,
            _("Renvoyer pour modification"),
            (SUBMITTED,),
            RETURNED,
            roles=frozenset({COORDINATOR}),
            comment_required=True,
            style="secondary",
            help_text=_("Dites ce qui est à reprendre : c'est obligatoire."),
        ),
        Transition(
            START,
            _("Lancer la mise en œuvre"),
            (VALIDATED,),
            IN_PROGRESS,
            roles=frozenset({OFFICER}),
        ),
        Transition(
            OPEN_REVIEW,
            _("Ouvrir le bilan annuel"),
            (IN_PROGRESS,),
            UNDER_REVIEW,
            roles=frozenset({OFFICER}),
        ),
        Transition(
            HAND_IN_REVIEW,
            _("Remettre le bilan"),
            (UNDER_REVIEW,),
            REVIEWED,
            roles=frozenset({OFFICER}),
            condition=REVIEW_COMPLETE,
        ),
        Transition(
            REOPEN_REVIEW,
            _("Rouvrir le bilan"),
            (REVIEWED,),
            UNDER_REVIEW,
            roles=frozenset({COORDINATOR}),
            condition=SYNTHESIS_OPEN,
            comment_required=True,
            awaited=False,
            style="secondary",
            help_text=_("Dites ce qui manque au bilan : c'est obligatoire."),
        ),
    ),
)

LOCAL_PLAN_WORKFLOWS = (LOCAL_PLAN,)

# At most this many partnership actions in a plan (the framework: "one or two").
MAX_PARTNERSHIPS = 2
