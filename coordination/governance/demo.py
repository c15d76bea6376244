"""Demo governance: the five bodies of section III with members taken from
the demo's accounts, three or four meetings each over the last eighteen months
(agendas, attendance, minutes: most published, one approved, one draft that
its chair has to approve), decisions (the GPR's validation of the current
professionalisation plan among them), and the PSAD of Bretagne, one per
territory that has a CIO or a Mission locale. Made through the services, as
the secretariat would. Idempotent: nothing is done once a body exists.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from extranet.models import Organisation, Role, Structure, StructureType, Territory
from extranet.selectors import first_user_with_role
from training import definitions as plan_definitions
from training.models import Plan

from ..models import AttendanceStatus, Body, BodyKind, Meeting
from . import services
from .registrations import PLAN_VALIDATION

logger = logging.getLogger(__name__)
DOMAIN = "spro-demo.bzh"

BODIES = [
    (
        BodyKind.GPR,
        "Groupe politique régional (GPR)",
        "GPR",
        "Réunit les élu·es et les responsables de l'État et de la Région : fixe "
        "les orientations du SPRO et valide le plan de professionnalisation.",
    ),
    (
        BodyKind.GTR,
        "Groupe technique régional (GTR)",
        "GTR",
        "Les têtes de réseau et les services de l'État et de la Région préparent "
        "les décisions du GPR et suivent les plans d'action locaux.",
    ),
    (
        BodyKind.STEERING,
        "Comité de pilotage du plan de professionnalisation",
        "COPIL PRP",
        "Suit la construction et la mise en œuvre du plan de professionnalisation "
        "des acteurs du SPRO ; co-secrétariat du GREF Bretagne.",
    ),
    (
        BodyKind.CREFOP,
        "Commission « Orientation tout au long de la vie » du CREFOP",
        "Commission OTLV",
        "Reçoit la synthèse régionale des plans d'action locaux et rend son avis "
        "sur la coordination de l'orientation en Bretagne.",
    ),
    (
        BodyKind.PSAD_COMMITTEE,
        "Comité de coordination des PSAD",
        "Comité PSAD",
        "Coordonne les plates-formes de suivi et d'appui aux décrocheurs et "
        "leur contribution aux plans d'action locaux.",
    ),
]

# body kind → (login, quality, is_chair)
MEMBERS: dict[str, list[tuple[str, str, bool]]] = {
    BodyKind.GPR: [
        ("etat", "présidente (État)", True),
        ("coordination", "membre (Région)", False),
        ("tete-de-reseau", "membre", False),
    ],
    BodyKind.GTR: [
        ("tete-de-reseau", "présidente", True),
        ("etat", "membre", False),
        ("territoire", "membre", False),
        ("referent", "membre", False),
    ],
    BodyKind.STEERING: [
        ("gref", "co-secrétaire", False),
        ("tete-de-reseau", "présidente", True),
        ("goulven.le-floch", "membre", False),
    ],
    BodyKind.CREFOP: [
        ("etat", "présidente", True),
        ("tete-de-reseau", "membre", False),
    ],
    BodyKind.PSAD_COMMITTEE: [
        ("goulven.le-floch", "président", True),
        ("referent", "membre", False),
        ("tristan.le-borgne", "membre", False),
    ],
}

AGENDAS = [
    "1. Approbation du compte rendu de la séance précédente\n"
    "2. Point d'étape des plans d'action locaux\n3. Questions diverses",
    "1. Bilan de l'année écoulée\n2. Orientations de l'année à venir\n"
    "3. Calendrier des travaux",
    "1. Plan de professionnalisation : état d'avancement\n"
    "2. Retour des territoires\n3. Questions diverses",
    "1. Synthèse régionale\n2. Indicateurs d'évaluation du SPRO\n"
    "3. Prochaines échéances",
]

MINUTES = (
    "Les membres présents ont pris connaissance des documents envoyés avec "
    "l'ordre du jour. Le secrétariat a présenté l'avancement des travaux ; les "
    "échanges ont porté sur la couverture des territoires et la "
    "professionnalisation des conseiller·es. Les prochaines étapes sont "
    "validées et le calendrier est confirmé."
)


def _users() -> dict[str, Any]:
    User = get_user_model()
    found = {
        u.email.split("@")[0]: u for u in User.objects.filter(email__endswith=DOMAIN)
    }
    fallback = {
        "coordination": Role.REGIONAL_COORDINATOR,
        "etat": Role.GOVERNMENT,
        "tete-de-reseau": Role.NETWORK_HEAD,
        "gref": Role.GREF,
        "referent": Role.REFERENT,
        "territoire": Role.TERRITORIAL_OFFICER,
    }
    for login, role in fallback.items():
        if login not in found:
            user = first_user_with_role(role)
            if user is not None:
                found[login] = user
    return found


def _organisation_of(user: Any) -> Organisation | None:
    membership = user.memberships.select_related("organisation").first()
    return membership.organisation if membership else None


def _meetings(body: Body, coordinator: Any, index: int) -> list[Meeting]:
    now = timezone.now().replace(hour=14, minute=0, second=0, microsecond=0)
    count = 3 + index % 2
    meetings = []
    for n in range(count):
        held_on = now - datetime.timedelta(days=540 - n * (480 // count) - index * 9)
        meeting = services.meeting_create(
            body=body,
            actor=coordinator,
            data={
                "held_on": held_on,
                "place": "Hôtel de Région, Rennes" if n % 2 == 0 else "Visioconférence",
                "agenda": AGENDAS[(n + index) % len(AGENDAS)],
            },
        )
        attendance = {
            m.pk: (
                AttendanceStatus.PRESENT if (m.pk + n) % 4 else AttendanceStatus.EXCUSED
            )
            for m in body.members.all()
        }
        last = n == count - 1
        services.meeting_update(
            meeting=meeting,
            actor=coordinator,
            data={"minutes": MINUTES},
            attendance=attendance,
        )
        # The GTR's last meeting keeps its minutes in draft: its chair has
        # them to approve; the CREFOP's last are approved, not yet published.
        if not (last and body.kind == BodyKind.GTR):
            services.minutes_approve(meeting=meeting, actor=coordinator)
            if not (last and body.kind == BodyKind.CREFOP):
                services.minutes_publish(meeting=meeting, actor=coordinator)
        meetings.append(meeting)
    return meetings


def _plan_decision(body: Body, meeting: Meeting, coordinator: Any) -> None:
    """The GPR's validation of the current plan: applied through the registry
    if the plan waits for it, else recorded with its link (the demo's plan
    was validated by the training demo already)."""
    year = timezone.localdate().year
    number = f"GPR-{year}-01"
    decided_on = timezone.localtime(meeting.held_on).date()
    text = (
        f"Le groupe politique régional valide le plan régional de "
        f"professionnalisation des acteurs du SPRO pour {year}."
    )
    submitted = PLAN_VALIDATION.choices(coordinator).first()
    if submitted is not None:
        services.decision_record(
            body=body,
            actor=coordinator,
            meeting=meeting,
            number=number,
            decided_on=decided_on,
            text=text,
            subject_key=PLAN_VALIDATION.key,
            subject_id=submitted.pk,
        )
        return
    plan = Plan.objects.filter(year=year, state=plan_definitions.PLAN_VALIDATED).first()
    decision = services.decision_record(
        body=body,
        actor=coordinator,
        meeting=meeting,
        number=number,
        decided_on=decided_on,
        text=text,
    )
    if plan is not None:
        decision.subject_key = PLAN_VALIDATION.key
        decision.subject_type = ContentType.objects.get_for_model(plan)
        decision.subject_id = plan.pk
        decision.subject_label = str(plan)
        decision._history_user = coordinator
        decision.save()


def _platforms(coordinator: Any) -> int:
    made = 0
    for territory in Territory.objects.order_by("departement", "name"):
        structures = list(
            Structure.objects.filter(
                territory=territory,
                organisation__is_active=True,
                structure_type__in=[StructureType.CIO, StructureType.MISSION_LOCALE],
            ).select_related("organisation")
        )
        if not structures:
            continue
        pilot = next(
            (s for s in structures if s.structure_type == StructureType.CIO),
            structures[0],
        )
        services.platform_save(
            actor=coordinator,
            name=f"PSAD {territory.name}",
            pilot=pilot,
            territories=[territory],
            partners=[s for s in structures if s != pilot],
            contact={
                "contact_name": f"Coordination PSAD {territory.name}",
                "contact_email": f"psad.{territory.slug}@{DOMAIN}",
            },
        )
        made += 1
    return made


@transaction.atomic
def load_governance() -> int:
    """Load the demo bodies, meetings, decisions and PSAD; returns the rows made."""
    if Body.objects.exists():
        return 0
    users = _users()
    coordinator = users.get("coordination")
    if coordinator is None:
        logger.info("No regional coordinator: no demo governance.")
        return 0
    gref = Organisation.objects.filter(kind="gref").order_by("pk").first()
    made = 0
    for index, (kind, name, short, description) in enumerate(BODIES):
        body = Body.objects.create(
            kind=kind,
            name=name,
            short_name=short,
            description=description,
            co_secretariat=gref if kind == BodyKind.STEERING else None,
        )
        since = timezone.localdate() - datetime.timedelta(days=600)
        for login, quality, chair in MEMBERS[kind]:
            user = users.get(login)
            if user is None:
                continue
            services.body_member_add(
                body=body,
                actor=coordinator,
                user=user,
                organisation=_organisation_of(user),
                quality=quality,
                is_chair=chair,
                since=since,
            )
        meetings = _meetings(body, coordinator, index)
        made += 1 + len(meetings)
        first_year = timezone.localtime(meetings[0].held_on).year
        if kind == BodyKind.GPR:
            _plan_decision(body, meetings[-1], coordinator)
        services.decision_record(
            body=body,
            actor=coordinator,
            meeting=meetings[0],
            number=f"{short.replace(' ', '-')}-{first_year}-A",
            decided_on=timezone.localtime(meetings[0].held_on).date(),
            text="L'instance adopte son calendrier de travail et approuve le "
            "compte rendu de sa séance précédente.",
        )
        made += 1
    made += _platforms(coordinator)
    logger.info("Demo governance: %s rows.", made)
    return made
