"""Demo local plans: last year's plan of every territory, reviewed (what was
done per action, participants, results, practices that came out of it), the
regional synthesis of that year presented to the CREFOP commission and
received by its decision; this year's plan of every territory, in the states
a December finds them (most under review, some reviewed, some late), and this
year's synthesis as a working version. Made through the services and the
workflow, as the territorial officers and the coordination would. Idempotent:
nothing is done once a plan exists.
"""

from __future__ import annotations

import datetime
import logging
import random
from typing import Any

from django.db import transaction

from extranet.models import Membership, Role, Structure, StructureType, Territory
from extranet.selectors import first_user_with_role
from workflows import engine

from ..models import ActionKind, BodyKind, LocalPlan, PartnershipTheme
from . import services
from .definitions import (
    HAND_IN_REVIEW,
    OPEN_REVIEW,
    SEND_BACK,
    START,
    SUBMIT,
    VALIDATE,
)

logger = logging.getLogger(__name__)

# What each partnership theme looks like on a territory.
PARTNERSHIPS = {
    PartnershipTheme.COVERAGE: (
        "Des permanences dans les communes éloignées",
        "Les habitant·es des communes rurales font plus de 40 minutes de route "
        "pour rencontrer un·e conseiller·e.",
        "Une permanence partagée par mois dans trois communes, tenue à tour de "
        "rôle par les structures partenaires.",
        "Permanences tenues : 30\nPersonnes reçues en permanence : 150",
    ),
    PartnershipTheme.VULNERABLE: (
        "Aller vers les jeunes sans solution",
        "Des jeunes sortis du système scolaire sans diplôme ne poussent la porte "
        "d'aucune structure.",
        "Repérer ces jeunes avec la PSAD et leur proposer un premier rendez-vous "
        "dans le mois.",
        "Jeunes contactés : 80\nJeunes accompagnés à trois mois : 40",
    ),
    PartnershipTheme.RECEPTION_TO_ADVICE: (
        "Du premier accueil au conseil en évolution professionnelle",
        "Des personnes accueillies ne vont jamais jusqu'au conseil : le relais "
        "entre structures se perd.",
        "Une fiche de liaison commune et un rendez-vous pris pendant l'accueil.",
        "Délai moyen avant le premier conseil : 15 jours\nRelais aboutis : 120",
    ),
    PartnershipTheme.PEAKS: (
        "Absorber les pics de Parcoursup et de la rentrée",
        "Entre mars et septembre, les demandes doublent et les délais dépassent "
        "trois semaines.",
        "Des ateliers collectifs communs et un planning partagé des rendez-vous.",
        "Ateliers tenus : 12\nDélai de rendez-vous en pic : 10 jours",
    ),
}
LOCAL_NEEDS = (
    ("Accompagner les publics allophones", "Conseiller·es d'accueil", 14),
    (
        "Repérer les troubles DYS chez les jeunes",
        "Conseiller·es des Missions locales",
        9,
    ),
    (
        "Connaître les métiers de la mer",
        "Conseiller·es en évolution professionnelle",
        11,
    ),
    ("Utiliser les outils numériques d'orientation", "Chargé·es d'accueil", 16),
)
MILESTONES = (
    ("Réunion de lancement avec les partenaires", 2),
    ("Premier point d'étape", 6),
    ("Bilan avec les partenaires", 11),
)
# This year's states, territory by territory, in December.
THIS_YEAR = (
    "under_review",
    "under_review",
    "reviewed",
    "in_progress",
    "under_review",
    "reviewed",
    "validated",
    "under_review",
    "in_progress",
    "submitted",
    "returned",
    "draft",
)


def _officers() -> dict[int, Any]:
    """The territorial officer of each territory (the first one)."""
    found: dict[int, Any] = {}
    for m in (
        Membership.objects.filter(
            role=Role.TERRITORIAL_OFFICER, territory__isnull=False
        )
        .select_related("user")
        .order_by("pk")
    ):
        found.setdefault(m.territory_id, m.user)
    return found


def _structures(territory: Territory) -> list[Structure]:
    """The territory's active structures, a Mission locale or a CIO first."""
    preferred = (StructureType.MISSION_LOCALE, StructureType.CIO)
    structures = list(
        Structure.objects.filter(territory=territory, organisation__is_active=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return sorted(structures, key=lambda s: s.structure_type not in preferred)


def _staff_of(structure: Structure) -> Any:
    m = (
        Membership.objects.filter(
            organisation_id=structure.organisation_id,
            role__in=(Role.REFERENT, Role.PROFESSIONAL),
        )
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )
    return m.user if m else None


def _fire(plan: LocalPlan, name: str, user: Any, comment: str = "") -> LocalPlan:
    return engine.fire(plan, name, user=user, comment=comment)


def _draft(
    year: int, territory: Territory, officer: Any, rng: random.Random, index: int
) -> LocalPlan:
    """A draft plan with its actions: one partnership action (two, one plan in
    three), a professionalisation action when the year's regional plan has
    sessions on the territory, a local need."""
    from training.models import PlanAction, TrainingSession

    structures = _structures(territory)
    plan = services.plan_create(
        user=officer,
        territory=territory,
        year=year,
        data={
            "title": f"Plan d'action local {year} — {territory.name}",
            "diagnosis": (
                f"Sur le {territory.name}, les structures du SPRO couvrent bien la "
                "ville-centre mais moins les communes rurales ; les jeunes sans "
                "solution et les actifs en reconversion sont les publics à mieux "
                "accompagner."
            ),
        },
    )
    themes = list(PARTNERSHIPS)
    count = 2 if index % 3 == 0 and len(structures) > 2 else 1
    for n in range(count):
        theme = themes[(index + n) % len(themes)]
        title, problem, objectives, indicators = PARTNERSHIPS[theme]
        pilot = structures[n % len(structures)]
        action = services.action_create(
            user=officer,
            plan=plan,
            kind=ActionKind.PARTNERSHIP,
            data={
                "title": title,
                "description": "",
                "theme": theme,
                "problem": problem,
                "objectives": objectives,
                "indicators": indicators,
                "pilot": pilot,
            },
        )
        for partner in [s for s in structures if s != pilot][: rng.randint(1, 3)]:
            services.partner_add(
                user=officer,
                action=action,
                organisation=partner.organisation,
                role="Accueil des publics orientés et co-animation",
            )
        for label, month in MILESTONES:
            services.milestone_save(
                user=officer,
                action=action,
                data={
                    "title": label,
                    "due_on": datetime.date(year, month, 15),
                    "status": "planned",
                    "progress": 0,
                    "note": "",
                },
            )
    regionals = list(
        PlanAction.objects.filter(plan__year=year, plan__state="validated").order_by(
            "pk"
        )
    )
    if regionals:
        regional = regionals[index % len(regionals)]
        sessions = list(
            TrainingSession.objects.filter(
                territory=territory, action__plan__year=year
            ).order_by("pk")[:2]
        )
        services.action_create(
            user=officer,
            plan=plan,
            kind=ActionKind.PROFESSIONALISATION,
            data={
                "title": f"{regional.theme} : sessions sur le territoire",
                "description": "Décliner l'action régionale au plus près des équipes.",
                "plan_action": regional,
                "sessions": sessions,
            },
        )
    title, audience, people = LOCAL_NEEDS[index % len(LOCAL_NEEDS)]
    services.action_create(
        user=officer,
        plan=plan,
        kind=ActionKind.LOCAL_NEED,
        data={
            "title": title,
            "description": "",
            "audience": audience,
            "people": people,
        },
    )
    contributor_structure = next((s for s in structures if _staff_of(s)), None)
    if contributor_structure is not None:
        services.comment_add(
            user=_staff_of(contributor_structure),
            plan=plan,
            organisation=contributor_structure.organisation,
            text=(
                "Nous pouvons accueillir une permanence dans nos locaux le mardi "
                "et partager nos ateliers collectifs."
            ),
        )
    return plan


def _progress(plan: LocalPlan, officer: Any, month: int) -> None:
    """Milestones as the pilots would keep them by ``month``."""
    for action in plan.actions.filter(kind=ActionKind.PARTNERSHIP):
        for milestone in action.milestones.all():
            if milestone.due_on.month <= month:
                status, progress = "done", 100
            elif milestone.due_on.month <= month + 3:
                status, progress = "started", 40
            else:
                continue
            services.milestone_save(
                user=officer,
                action=action,
                milestone=milestone,
                data={"status": status, "progress": progress},
            )


def _review(plan: LocalPlan, officer: Any, rng: random.Random, practices: list) -> None:
    outcomes = ["done", "done", "done", "partly", "postponed"]
    actions = {}
    for action in plan.actions.all():
        outcome = (
            "done" if action.kind == ActionKind.LOCAL_NEED else rng.choice(outcomes)
        )
        actions[action.pk] = {
            "outcome": outcome,
            "review_done": (
                "Les rencontres prévues ont eu lieu ; les partenaires ont tenu "
                "leurs engagements."
                if outcome == "done"
                else "Une partie seulement des rencontres a pu se tenir."
            ),
            "review_participants": rng.randint(8, 60),
            "review_results": "Objectifs atteints pour l'essentiel."
            if outcome == "done"
            else "Résultats en deçà des indicateurs ; l'action se poursuit.",
            "practices": rng.sample(practices, k=min(len(practices), 1))
            if action.kind == ActionKind.PARTNERSHIP and practices
            else [],
        }
    services.review_save(
        user=officer,
        plan=plan,
        data={
            "review_summary": (
                "Une année de travail en commun : les structures se connaissent "
                "mieux et s'adressent les personnes plus vite."
            ),
            "review_difficulties": "Des disponibilités limitées l'été ; un partenaire "
            "a changé d'interlocuteur en cours d'année.",
            "review_participation": "Toutes les structures du territoire ont "
            "participé à au moins une rencontre.",
        },
        actions=actions,
    )


def _bring(
    plan: LocalPlan,
    state: str,
    officer: Any,
    coordinator: Any,
    rng: random.Random,
    practices: list,
) -> LocalPlan:
    if state == "draft":
        return plan
    plan = _fire(plan, SUBMIT, officer)
    if state == "submitted":
        return plan
    if state == "returned":
        return _fire(
            plan,
            SEND_BACK,
            coordinator,
            "Précisez les indicateurs de l'action partenariale et le calendrier "
            "des permanences.",
        )
    plan = _fire(plan, VALIDATE, coordinator)
    if state == "validated":
        return plan
    plan = _fire(plan, START, officer)
    _progress(plan, officer, 11 if state != "in_progress" else 9)
    if state == "in_progress":
        return plan
    plan = _fire(plan, OPEN_REVIEW, officer)
    _review(plan, officer, rng, practices)
    if state == "under_review":
        return plan
    return _fire(plan, HAND_IN_REVIEW, officer)


def _synthesis(year: int, coordinator: Any, *, presented: bool) -> int:
    synthesis = services.synthesis_create(
        user=coordinator,
        year=year,
        data={
            "title": f"Synthèse régionale des plans d'action locaux {year}",
            "narrative": (
                "Les plans d'action locaux ont réuni les structures du SPRO sur "
                "chaque territoire. Les actions partenariales ont surtout porté "
                "sur la couverture des communes rurales et le relais entre le "
                "premier accueil et le conseil en évolution professionnelle."
            ),
            "recommendations": (
                "Généraliser la fiche de liaison commune ; inscrire les "
                "permanences partagées dans la carte des services."
            ),
        },
    )
    if not presented:
        return 1
    presented_on = datetime.date(year + 1, 3, 20)
    if presented_on > engine.today():
        presented_on = engine.today()
    services.synthesis_present(user=coordinator, synthesis=synthesis, on=presented_on)
    _receipt(synthesis, coordinator, presented_on)
    return 1


def _receipt(synthesis: Any, coordinator: Any, on: datetime.date) -> None:
    """The CREFOP commission receives the synthesis, by a decision at its
    latest meeting (when the governance demo made one)."""
    from ..governance import services as governance
    from ..models import Body

    body = Body.objects.filter(kind=BodyKind.CREFOP).first()
    meeting = body.meetings.order_by("-held_on").first() if body else None
    if meeting is None:
        return
    governance.decision_record(
        body=body,
        actor=coordinator,
        meeting=meeting,
        number=f"CREFOP-OTLV-{synthesis.year}-S",
        decided_on=max(on, meeting.held_on.date()),
        text=(
            "La commission prend acte de la synthèse régionale des plans d'action "
            f"locaux {synthesis.year} et de ses préconisations."
        ),
        subject_key="crefop_synthesis_receipt",
        subject_id=synthesis.pk,
    )


@transaction.atomic
def load_plans() -> int:
    """Load the demo plans and syntheses; returns the rows made."""
    if LocalPlan.objects.exists():
        return 0
    from collaboration.models import Practice

    coordinator = first_user_with_role(Role.REGIONAL_COORDINATOR)
    officers = _officers()
    if coordinator is None or not officers:
        logger.info("No coordinator or territorial officer: no demo local plans.")
        return 0
    rng = random.Random("spro-demo-local-plans")  # noqa: S311 - demo data, not secrets
    practices = list(Practice.objects.published().order_by("pk")[:12])
    this_year = engine.today().year
    made = 0
    territories = Territory.objects.filter(pk__in=officers).order_by("name")
    for index, territory in enumerate(territories):
        if not _structures(territory):
            continue
        officer = officers[territory.pk]
        for year, state in (
            (this_year - 1, "reviewed"),
            (this_year, THIS_YEAR[index % len(THIS_YEAR)]),
        ):
            plan = _draft(year, territory, officer, rng, index + year)
            _bring(plan, state, officer, coordinator, rng, practices)
            made += 1
    made += _synthesis(this_year - 1, coordinator, presented=True)
    made += _synthesis(this_year, coordinator, presented=False)
    return made
