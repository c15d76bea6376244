"""The good-practice workflow ("bonne pratique"), sections 3 and 4.1.

A professional (or the referent) of a member structure writes a practice; the
structure's referent reviews it and sends it on to the regional level, or
returns it with a comment; the Région's coordination or GREF publishes it, or
sends it back with a comment. Once published, it may be withdrawn (archived)
by the structure's referent or the Région. The author's structure edits the
content in draft and once returned, nowhere else.

States are adjectives, transitions verbs; labels are what users read.
"""

from django.utils.translation import gettext_lazy as _

from workflows.engine import State, Transition, WorkflowDefinition

# Workflow roles, resolved against the practice by ``practices.workflow``.
STAFF = "structure_staff"  # professionals and referents of the author's structure
REFERENT = "structure_referent"  # the referents of the author's structure
MODERATOR = "regional_moderator"  # the Région's coordination and GREF

# States.
DRAFT = "draft"
SUBMITTED = "submitted"
REGIONAL_REVIEW = "regional_review"
RETURNED = "returned"
PUBLISHED = "published"
ARCHIVED = "archived"

EDITABLE_STATES = frozenset({DRAFT, RETURNED})
REVIEW_STATES = frozenset({SUBMITTED, REGIONAL_REVIEW})

# Transitions.
SUBMIT = "submit"
APPROVE = "approve"
RETURN = "return"
PUBLISH = "publish"
SEND_BACK = "send_back"
ARCHIVE = "archive"

# Effects (a return or a send-back needs none: entering "returned" tells
# the structure's staff, with the comment).
STAMP_PUBLISHED = "stamp_published"
UNFEATURE = "unfeature"

PRACTICE = WorkflowDefinition(
    name="practice",
    label=_("Bonne pratique"),
    initial=DRAFT,
    description=_(
        "Une structure décrit une pratique ; sa ou son référent·e la relit et "
        "la transmet au niveau régional, qui la publie pour tout le SPRO ou la "
        "renvoie avec un commentaire."
    ),
    roles={
        STAFF: _("l'équipe de la structure autrice"),
        REFERENT: _("le ou la référent·e de la structure autrice"),
        MODERATOR: _("la coordination régionale ou le GREF"),
    },
    states=(
        State(
            DRAFT,
            _("Brouillon"),
            _("La structure rédige la pratique ; seule son équipe la voit."),
            editors=frozenset({STAFF}),
            allows=frozenset({"attach"}),
            notify=False,
        ),
        State(
            SUBMITTED,
            _("Soumise au référent"),
            _("Le ou la référent·e de la structure relit la pratique."),
            deadline_days=15,
        ),
        State(
            REGIONAL_REVIEW,
            _("En relecture régionale"),
            _("La coordination régionale ou le GREF relit la pratique."),
            deadline_days=15,
        ),
        State(
            RETURNED,
            _("À reprendre"),
            _("La pratique a été renvoyée à la structure avec un commentaire."),
            editors=frozenset({STAFF}),
            allows=frozenset({"attach"}),
        ),
        State(
            PUBLISHED,
            _("Publiée"),
            _("Tous les membres du SPRO la lisent, la jugent utile, la reprennent."),
            notify=False,
        ),
        State(ARCHIVED, _("Retirée"), final=True, notify=False),
    ),
    transitions=(
        Transition(
            SUBMIT,
            _("Soumettre au référent de la structure"),
            (DRAFT, RETURNED),
            SUBMITTED,
            roles=frozenset({STAFF}),
        ),
        Transition(
            APPROVE,
            _("Valider et transmettre à la Région"),
            (SUBMITTED,),
            REGIONAL_REVIEW,
            roles=frozenset({REFERENT}),
        ),
        Transition(
            RETURN,
            _("Renvoyer à l'auteur·e"),
            (SUBMITTED,),
            RETURNED,
            roles=frozenset({REFERENT}),
            comment_required=True,
            style="secondary",
            help_text=_("Dites ce qui est à reprendre : c'est obligatoire."),
        ),
        Transition(
            PUBLISH,
            _("Publier"),
            (REGIONAL_REVIEW,),
            PUBLISHED,
            roles=frozenset({MODERATOR}),
            effect=STAMP_PUBLISHED,
        ),
        Transition(
            SEND_BACK,
            _("Renvoyer à la structure"),
            (REGIONAL_REVIEW,),
            RETURNED,
            roles=frozenset({MODERATOR}),
            comment_required=True,
            style="secondary",
            help_text=_("Dites ce qui est à reprendre : c'est obligatoire."),
        ),
        Transition(
            ARCHIVE,
            _("Retirer la pratique"),
            (PUBLISHED,),
            ARCHIVED,
            roles=frozenset({REFERENT, MODERATOR}),
            awaited=False,
            style="danger",
            effect=UNFEATURE,
            help_text=_("Elle n'est plus proposée aux membres du SPRO."),
        ),
    ),
)

PRACTICE_WORKFLOWS = (PRACTICE,)
