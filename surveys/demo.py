"""Demo surveys: each kind of campaign with enough realistic answers to show
results, one structure under the threshold to show the hiding, a closed
campaign (published) and an open one. Made through the services, as the
Région would; the answers go in through ``response_submit`` and are written
in shuffled batches like real ones. Idempotent: nothing is done once a
campaign exists.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from extranet.models import Role, Structure
from extranet.selectors import first_user_with_role

from . import national as national_survey
from . import services
from .models import (
    Campaign,
    CampaignMode,
    CampaignState,
    Invitation,
    Question,
    Survey,
    SurveyKind,
)
from .national import SATISFACTION

PEER_QUESTIONS = [
    {
        "code": "connaissance",
        "type": "single",
        "label": (
            "Connaissez-vous l'offre de service des autres membres du SPRO de "
            "votre territoire ?"
        ),
        "required": True,
        "choices": [
            {"value": "bien", "label": "Bien"},
            {"value": "en-partie", "label": "En partie"},
            {"value": "peu", "label": "Peu ou pas"},
        ],
    },
    {
        "code": "orientation-facile",
        "type": "yes_no",
        "label": "Orienter une personne vers un autre membre est-il simple ?",
        "required": True,
    },
    {
        "code": "principes",
        "type": "matrix",
        "label": "Comment les principes du service public sont-ils appliqués ?",
        "choices": [
            {"value": "bien", "label": "Bien"},
            {"value": "partiellement", "label": "Partiellement"},
            {"value": "pas", "label": "Pas encore"},
        ],
        "rows": [
            {"value": "gratuite", "label": "Gratuité"},
            {"value": "neutralite", "label": "Neutralité"},
            {"value": "confidentialite", "label": "Confidentialité"},
        ],
    },
    {
        "code": "idees",
        "type": "long_text",
        "label": "Une idée pour mieux travailler ensemble ?",
    },
]
SESSION_QUESTIONS = [
    {
        "code": "utilite",
        "type": "scale",
        "label": "Cette formation vous sera-t-elle utile dans votre pratique ?",
        "required": True,
        "scale_min": 1,
        "scale_max": 5,
        "scale_min_label": "pas du tout",
        "scale_max_label": "tout à fait",
    },
    {
        "code": "recommande",
        "type": "yes_no",
        "label": "La recommanderiez-vous à un·e collègue ?",
        "required": True,
    },
    {"code": "suggestion", "type": "long_text", "label": "Vos suggestions"},
]


def _survey(user, kind: str, title: str, questions: list[dict]) -> Survey:
    survey = services.survey_save(
        user=user, data={"kind": kind, "title": title, "introduction": ""}
    )
    section = services.section_save(
        user=user, survey=survey, data={"title": "Questions", "description": ""}
    )
    for spec in questions:
        services.question_save(user=user, section=section, data=dict(spec))
    return survey


def _public_answer(rng: random.Random, survey: Survey) -> list[services.Given]:
    questions = {q.code: q for q in Question.objects.filter(section__survey=survey)}
    level = rng.choices(["satisfait", "neutre", "insatisfait"], [70, 20, 10])[0]
    ease = rng.choices(["facile", "neutre", "difficile"], [65, 25, 10])[0]
    clarity = rng.choices(["clair", "neutre", "confus"], [72, 20, 8])[0]
    given = [
        services.Given(question=questions[SATISFACTION], value=level),
        services.Given(question=questions["facilite"], value=ease),
        services.Given(question=questions["clarte"], value=clarity),
        services.Given(
            question=questions["repetition"],
            value=rng.choices(["non", "oui"], [75, 25])[0],
        ),
    ]
    if rng.random() < 0.7:
        given.append(
            services.Given(
                question=questions["recommandation"],
                value=str(
                    rng.choices(range(11), [1, 1, 1, 1, 2, 3, 5, 8, 12, 10, 8])[0]
                ),
            )
        )
    return given


def load_surveys() -> int:
    # Session evaluations may already exist (sessions completed by the
    # training demo); the Région's campaigns say whether this ran.
    if Campaign.objects.exclude(mode=CampaignMode.SESSION).exists():
        return 0
    coordinator = first_user_with_role(Role.REGIONAL_COORDINATOR)
    if coordinator is None:
        return 0
    rng = random.Random(2026)  # noqa: S311 - demo data, not secrets
    today = timezone.localdate()
    national = national_survey.current()
    structures = list(
        Structure.objects.select_related("organisation")
        .filter(organisation__is_active=True)
        .order_by("organisation__name")[:12]
    )
    made = 0
    with transaction.atomic():
        # Last spring's public satisfaction campaign, closed and published:
        # most structures over the threshold, the last one under it.
        spring = services.campaign_save(
            user=coordinator,
            data={
                "survey": national,
                "title": f"Satisfaction du public – printemps {today.year}",
                "mode": "public",
                "opens_on": today - datetime.timedelta(days=200),
                "closes_on": today + datetime.timedelta(days=1),
            },
            structures=structures,
        )
        services.campaign_open(user=coordinator, campaign=spring, today=spring.opens_on)
        for index, structure in enumerate(structures):
            count = 4 if index == len(structures) - 1 else rng.randint(12, 40)
            for _ in range(count):
                services.response_submit(
                    campaign=spring,
                    structure=structure,
                    answers=_public_answer(rng, national),
                    on_behalf=rng.random() < 0.1,
                    today=spring.opens_on
                    + datetime.timedelta(days=rng.randint(0, 120)),
                )
                made += 1
        Campaign.objects.filter(pk=spring.pk).update(
            closes_on=today - datetime.timedelta(days=60)
        )
        spring.refresh_from_db()
        services.campaign_close(user=coordinator, campaign=spring)
        services.responses_flush(campaign=spring, force=True)
        services.campaign_publish(user=coordinator, campaign=spring, published=True)

        # This autumn's campaign, open: its links and posters are out.
        autumn = services.campaign_save(
            user=coordinator,
            data={
                "survey": national,
                "title": f"Satisfaction du public – automne {today.year}",
                "mode": "public",
                "opens_on": today - datetime.timedelta(days=20),
                "closes_on": today + datetime.timedelta(days=40),
                "release_after": 200,
            },
            structures=structures,
        )
        services.campaign_open(user=coordinator, campaign=autumn)
        for structure in structures[:6]:
            for _ in range(rng.randint(3, 9)):
                services.response_submit(
                    campaign=autumn,
                    structure=structure,
                    answers=_public_answer(rng, national),
                )
                made += 1
        services.responses_flush(campaign=autumn)

        # A peer survey, closed: the staff of the structures answered.
        peer_survey = _survey(
            coordinator,
            SurveyKind.GRID,
            "Grille d'analyse partagée du SPRO",
            PEER_QUESTIONS,
        )
        peer = services.campaign_save(
            user=coordinator,
            data={
                "survey": peer_survey,
                "title": f"Grille d'analyse {today.year} – regards croisés",
                "mode": "peer",
                "attribution": "none",
                "opens_on": today - datetime.timedelta(days=90),
                "closes_on": today + datetime.timedelta(days=1),
            },
            # Every structure's staff: the whole SPRO looks at itself.
            structures=Structure.objects.filter(organisation__is_active=True),
        )
        services.campaign_open(user=coordinator, campaign=peer, today=peer.opens_on)
        questions = {
            q.code: q for q in Question.objects.filter(section__survey=peer_survey)
        }
        ideas = [
            "Une matinée d'échanges par trimestre entre conseillers du territoire.",
            "Un annuaire partagé des contacts directs dans chaque structure.",
            "Des fiches de liaison communes pour orienter une personne.",
        ]
        invitations = list(Invitation.objects.filter(campaign=peer))
        for invitation in invitations[: max(12, len(invitations) * 3 // 4)]:
            given = [
                services.Given(
                    question=questions["connaissance"],
                    value=rng.choices(["bien", "en-partie", "peu"], [40, 45, 15])[0],
                ),
                services.Given(
                    question=questions["orientation-facile"],
                    value=rng.choices(["oui", "non"], [70, 30])[0],
                ),
            ]
            for row in ("gratuite", "neutralite", "confidentialite"):
                given.append(
                    services.Given(
                        question=questions["principes"],
                        row=row,
                        value=rng.choices(
                            ["bien", "partiellement", "pas"], [60, 30, 10]
                        )[0],
                    )
                )
            if rng.random() < 0.3:
                given.append(
                    services.Given(question=questions["idees"], text=rng.choice(ideas))
                )
            # Marks the invitation answered, as the page does.
            Invitation.objects.filter(pk=invitation.pk).update(answered=True)
            services.response_submit(
                campaign=peer,
                answers=given,
                structure=None,
                today=peer.opens_on + datetime.timedelta(days=rng.randint(0, 30)),
            )
            made += 1
        Campaign.objects.filter(pk=peer.pk).update(
            closes_on=today - datetime.timedelta(days=30)
        )
        peer.refresh_from_db()
        services.campaign_close(user=coordinator, campaign=peer)
        services.responses_flush(campaign=peer, force=True)

        # The session evaluation survey GREF uses when a session completes.
        gref = first_user_with_role(Role.GREF) or coordinator
        session_survey = _survey(
            gref,
            SurveyKind.SESSION,
            "Évaluation des sessions de professionnalisation",
            SESSION_QUESTIONS,
        )
        made += _session_evaluations(rng, gref, session_survey)
    return made


def _session_evaluations(rng: random.Random, gref, survey: Survey) -> int:
    """The evaluations of the latest completed sessions, each attendee's
    answer in, closed: what GREF reads."""
    from training.models import TrainingSession
    from training.selectors import session_attendees

    questions = {q.code: q for q in Question.objects.filter(section__survey=survey)}
    made = 0
    for session in TrainingSession.objects.filter(completed_at__isnull=False).order_by(
        "-completed_at"
    )[:3]:
        services.session_evaluation_start(
            session=session, attendees=session_attendees(session)
        )
        campaign = Campaign.objects.get(session=session)
        if campaign.state != CampaignState.OPEN or campaign.survey_id != survey.pk:
            continue
        for invitation in Invitation.objects.filter(campaign=campaign, answered=False):
            Invitation.objects.filter(pk=invitation.pk).update(answered=True)
            services.response_submit(
                campaign=campaign,
                answers=[
                    services.Given(
                        question=questions["utilite"],
                        value=str(rng.choices([2, 3, 4, 5], [5, 15, 45, 35])[0]),
                    ),
                    services.Given(
                        question=questions["recommande"],
                        value=rng.choices(["oui", "non"], [85, 15])[0],
                    ),
                ],
            )
            made += 1
        services.campaign_close(user=gref, campaign=campaign)
        services.responses_flush(campaign=campaign, force=True)
    return made
