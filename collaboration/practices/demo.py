"""Demo good practices: forty practices (``demo_data``) of the demo's member
structures, in every state of their workflow, with "utile" and reuse marks.

Made the way users make them: written by a structure's staff
(``services.practice_create``), moved by the engine as the structure's
referent and the Région (so every state has its consistent transition log),
marked and featured through the services. Then, as a generator may, the
publication dates are spread over the last twenty months (an update without
history), so that the oldest are due for their yearly freshness review.
Deterministic (``random.Random`` with a fixed seed) and idempotent: nothing
is done once a practice exists.
"""

from __future__ import annotations

import datetime
import logging
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from extranet.models import Membership, Role, Structure
from extranet.selectors import first_user_with_role
from workflows import engine

from ..models import Practice
from . import services
from .definitions import (
    APPROVE,
    ARCHIVE,
    ARCHIVED,
    DRAFT,
    PUBLISH,
    PUBLISHED,
    REGIONAL_REVIEW,
    RETURN,
    RETURNED,
    SEND_BACK,
    SUBMIT,
    SUBMITTED,
)
from .demo_data import PRACTICES
from .search import refresh_practice_vectors

logger = logging.getLogger(__name__)

SEED = 13
# The structure of the demo's main accounts (``professionnel@``, ``referent@``)
# comes first, so that they find practices of their own.
FIRST = "ml-pays-de-rennes"
STATES = (
    [PUBLISHED] * 24
    + [DRAFT] * 4
    + [SUBMITTED] * 3
    + [REGIONAL_REVIEW] * 3
    + [RETURNED] * 3
    + [ARCHIVED] * 3
)
RETURN_COMMENTS = (
    "Pouvez-vous préciser les résultats obtenus, chiffres à l'appui ?",
    "Les conditions pour la reproduire manquent : moyens, partenaires, durée.",
    "Merci d'ajouter un contact et de raccourcir la description.",
)


def _teams() -> list[tuple[Structure, Any, Any]]:
    """The structures with a referent, each with a staff member who writes
    (a professional if there is one) and its referent."""
    referents: dict[int, Any] = {}
    writers: dict[int, Any] = {}
    rows = (
        Membership.objects.active()
        .filter(role__in=(Role.REFERENT, Role.PROFESSIONAL))
        .select_related("user")
        .order_by("organisation_id", "user__email")
    )
    for m in rows:
        if m.role == Role.REFERENT:
            referents.setdefault(m.organisation_id, m.user)
        else:
            writers.setdefault(m.organisation_id, m.user)
    structures = Structure.objects.filter(
        organisation_id__in=referents, organisation__is_active=True
    ).select_related("organisation", "territory", "network")
    ordered = sorted(
        structures, key=lambda s: (s.organisation.slug != FIRST, s.organisation.slug)
    )
    return [
        (
            s,
            writers.get(s.organisation_id, referents[s.organisation_id]),
            referents[s.organisation_id],
        )
        for s in ordered
    ]


def _moderators() -> tuple[Any, Any]:
    coordinator = first_user_with_role(Role.REGIONAL_COORDINATOR)
    return coordinator, first_user_with_role(Role.GREF) or coordinator


def _steps(state: str, writer, referent, coordinator, gref, n: int) -> list:
    comment = RETURN_COMMENTS[n % len(RETURN_COMMENTS)]
    publisher = gref if n % 3 == 0 else coordinator
    review = [(SUBMIT, writer, ""), (APPROVE, referent, "")]
    return {
        DRAFT: [],
        SUBMITTED: [(SUBMIT, writer, "")],
        REGIONAL_REVIEW: review,
        # Sent back by the Région once, or by the referent.
        RETURNED: [*review, (SEND_BACK, coordinator, comment)]
        if n % 2
        else [(SUBMIT, writer, ""), (RETURN, referent, comment)],
        PUBLISHED: [*review, (PUBLISH, publisher, "")],
        ARCHIVED: [
            *review,
            (PUBLISH, publisher, ""),
            (ARCHIVE, referent, "Remplacée par une nouvelle organisation."),
        ],
    }[state]


def load_practices() -> int:
    """The demo practices (called by ``collaboration.demo``); returns how many
    rows it made."""
    if Practice.objects.exists():
        return 0
    teams = _teams()
    coordinator, gref = _moderators()
    if len(teams) < 2 or coordinator is None:
        logger.info("No structures with a referent, or no Région: no practices.")
        return 0
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
    states = list(STATES)
    rng.shuffle(states)
    now = timezone.now()
    made = 0
    published: list[Practice] = []
    with transaction.atomic():
        for n, (row, state) in enumerate(zip(PRACTICES, states, strict=True)):
            title, theme, audience, problem, description, results = row
            structure, writer, referent = teams[n % len(teams)]
            practice = services.practice_create(
                user=writer,
                structure=structure,
                data={
                    "title": title,
                    "theme": theme,
                    "audience": audience,
                    "context": (
                        f"{structure.name} reçoit chaque année un public varié ; "
                        "l'équipe a cherché comment mieux y répondre."
                    ),
                    "problem": problem,
                    "description": description,
                    "results": results,
                    "conditions": (
                        "Une équipe volontaire, l'appui de la direction et un "
                        "partenaire local ; quelques heures par mois."
                    ),
                    "contacts": f"Référent·e SPRO de {structure.name}",
                },
            )
            for name, user, comment in _steps(
                state, writer, referent, coordinator, gref, n
            ):
                practice = engine.fire(practice, name, user=user, comment=comment)
            made += 1
            if practice.state in (PUBLISHED, ARCHIVED):
                days = rng.randint(10, 600)
                when = now - datetime.timedelta(days=days)
                Practice.objects.filter(pk=practice.pk).update(
                    published_at=when, checked_at=when
                )
            if practice.state == PUBLISHED:
                published.append(practice)
        made += _marks(rng, published, teams, coordinator)
        # Every practice searchable, whatever wrote it (one UPDATE).
        refresh_practice_vectors(Practice.objects.all())
    return made


def _marks(rng: random.Random, published: list[Practice], teams, coordinator) -> int:
    """ "Utile" by members of other structures, reuses by other structures,
    and five practices "à la une"."""
    made = 0
    for practice in published:
        others = [t for t in teams if t[0].pk != practice.structure_id]
        for _structure, writer, referent in rng.sample(
            others, k=min(len(others), rng.randint(0, 6))
        ):
            services.practice_mark_useful(user=writer, practice=practice)
            if referent.pk != writer.pk and rng.random() < 0.5:
                services.practice_mark_useful(user=referent, practice=practice)
                made += 1
            made += 1
        for _structure, writer, _referent in rng.sample(
            others, k=min(len(others), rng.randint(0, 3))
        ):
            services.practice_mark_reused(user=writer, practice=practice)
            made += 1
    for practice in published[:5]:
        services.practice_feature(user=coordinator, practice=practice, featured=True)
    return made
