"""The public satisfaction survey with the national questions, unchanged so
that its results compare with the State's barometers of public services
(overall satisfaction on three levels, ease, clarity, having to repeat one's
situation, and an optional 0–10 recommendation).

Plain data: the data migration that creates the survey reads it, and so do
the evaluation's indicators (by question code)."""

from __future__ import annotations

from typing import Any

TITLE = "Votre avis sur l'accueil reçu"
INTRODUCTION = (
    "Ce questionnaire prend deux minutes. Il est anonyme : votre réponse n'est "
    "reliée ni à votre nom, ni à votre adresse, ni à l'heure de votre réponse."
)
SECTION = "Votre accueil"

SATISFACTION = "satisfaction"
EASE = "facilite"
CLARITY = "clarte"
REPEAT = "repetition"
RECOMMENDATION = "recommandation"

THREE_LEVELS = {
    SATISFACTION: [
        {"value": "satisfait", "label": "Satisfait·e"},
        {"value": "neutre", "label": "Ni satisfait·e ni insatisfait·e"},
        {"value": "insatisfait", "label": "Insatisfait·e"},
    ],
    EASE: [
        {"value": "facile", "label": "Facile"},
        {"value": "neutre", "label": "Ni facile ni difficile"},
        {"value": "difficile", "label": "Difficile"},
    ],
    CLARITY: [
        {"value": "clair", "label": "Claires"},
        {"value": "neutre", "label": "Ni claires ni confuses"},
        {"value": "confus", "label": "Confuses"},
    ],
}
# The answer that counts as positive, for the indicators.
POSITIVE = {SATISFACTION: "satisfait", EASE: "facile", CLARITY: "clair", REPEAT: "non"}

QUESTIONS: list[dict[str, Any]] = [
    {
        "code": SATISFACTION,
        "type": "single",
        "label": "Globalement, êtes-vous satisfait·e de l'accueil que vous avez reçu ?",
        "required": True,
        "choices": THREE_LEVELS[SATISFACTION],
    },
    {
        "code": EASE,
        "type": "single",
        "label": "Avoir accès à ce service a-t-il été facile ?",
        "required": True,
        "choices": THREE_LEVELS[EASE],
    },
    {
        "code": CLARITY,
        "type": "single",
        "label": "Les informations que l'on vous a données étaient-elles claires ?",
        "required": True,
        "choices": THREE_LEVELS[CLARITY],
    },
    {
        "code": REPEAT,
        "type": "yes_no",
        "label": (
            "Avez-vous dû expliquer votre situation plusieurs fois, à plusieurs "
            "interlocuteurs ?"
        ),
        "required": True,
    },
    {
        "code": RECOMMENDATION,
        "type": "scale",
        "label": (
            "Sur une échelle de 0 à 10, recommanderiez-vous ce service à un proche ?"
        ),
        "help_text": "Facultatif.",
        "required": False,
        "scale_min": 0,
        "scale_max": 10,
        "scale_min_label": "pas du tout",
        "scale_max_label": "certainement",
    },
]


def create(survey_model: Any, section_model: Any, question_model: Any) -> Any:
    """Create the national survey with the given model classes (the data
    migration passes its historical ones)."""
    survey = survey_model.objects.create(
        kind="public", title=TITLE, introduction=INTRODUCTION, national=True
    )
    section = section_model.objects.create(survey=survey, position=1, title=SECTION)
    for position, spec in enumerate(QUESTIONS, start=1):
        question_model.objects.create(section=section, position=position, **spec)
    return survey


def current() -> Any:
    """The national survey's first version, made again if it is missing (a
    database emptied by hand or by a test that committed)."""
    from .models import Question, Section, Survey

    found = Survey.objects.filter(national=True, previous__isnull=True).first()
    return found or create(Survey, Section, Question)
