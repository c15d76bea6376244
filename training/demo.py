"""Demo training: this year's needs census (needs of several networks and
territories), this year's plan drafted from it by GREF and validated by the
Région through the plan workflow, 33 sessions across territories and formats,
and enrolments in every state of their workflow.

Everything is made the way users would make it: sessions by ``session_create``
as GREF, requests by ``enrolment_request`` as the person, approvals,
cancellations, offers and attendance by the engine as whoever holds the role,
so the transition log, the history and the notices are those of a real run.
Past sessions are enrolled "at the time" (``engine.clock``), then their
half-days recorded on the sheet as they started, which completes them:
outcomes, certificates (with their public codes) and ``session_completed``.

Whoever tries the demo finds something to do: ``referent@`` has requests of
their staff to approve, ``professionnel@`` a confirmed place, a place on a
waiting list and a seat offered to them, ``gref@`` full sessions with their
waiting lists and a cancelled one.

Idempotent: nothing is done if the year's plan exists.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from extranet.demo.data import ACCOUNT_DOMAIN, AccountSpec
from extranet.demo.loader import load_accounts
from extranet.models import Organisation, Role, Territory, User
from workflows import engine

from . import attendance, services
from . import definitions as d
from .models import (
    Enrolment,
    Format,
    Need,
    Plan,
    PlanAction,
    Reach,
    TrainingSession,
)

logger = logging.getLogger(__name__)

GREF = f"gref@{ACCOUNT_DOMAIN}"
COORDINATION = f"coordination@{ACCOUNT_DOMAIN}"

# Staff of structures that have a referent in the demo, so that their requests
# can be approved: (login, first name, last name, structure slug).
PARTICIPANTS = (
    ("katell.le-gall", "Katell", "Le Gall", "ml-pays-de-rennes"),
    ("tugdual.morvan", "Tugdual", "Morvan", "ml-pays-de-rennes"),
    ("nolwenn.tanguy", "Nolwenn", "Tanguy", "ml-pays-de-brest"),
    ("erwann.jegou", "Erwann", "Jégou", "ml-pays-de-brest"),
    ("gwenaelle.riou", "Gwenaëlle", "Riou", "cio-rennes-nord"),
    ("loic.kerherve", "Loïc", "Kerhervé", "cio-brest"),
    ("maiwenn.le-roux", "Maïwenn", "Le Roux", "ft-quimper"),
    ("yannig.conan", "Yannig", "Conan", "ft-rennes-nord"),
    ("elouan.hamon", "Elouan", "Hamon", "bij-lorient"),
    ("bleuenn.cariou", "Bleuenn", "Cariou", "cap-emploi-56"),
    ("riwal.le-meur", "Riwal", "Le Meur", "transitions-pro-rennes"),
    ("sterenn.guillou", "Sterenn", "Guillou", "cci-brest"),
    ("jakez.le-bris", "Jakez", "Le Bris", "cma-22"),
    ("madeleine.prigent", "Madeleine", "Prigent", "ml-pays-de-saint-brieuc"),
    ("alan.le-pape", "Alan", "Le Pape", "ml-pays-de-vannes"),
)

# Heads of networks and territorial officers who say their needs in the census:
# (login, first name, last name, role, organisation slug, territory slug).
NEED_HOLDERS = (
    ("crij", "Gaëlle", "Le Floch", Role.NETWORK_HEAD, "crij-bretagne", None),
    ("cheops", "Youenn", "Kerjean", Role.NETWORK_HEAD, "cheops-bretagne", None),
    (
        "brest",
        "Armelle",
        "Pennec",
        Role.TERRITORIAL_OFFICER,
        "region-bretagne",
        "pays-de-brest",
    ),
)

# The needs of the census: (who says it (login), theme, audience, people,
# priority, local territory slug or None, the index of the plan action that
# answers it, or None).
NEEDS = (
    (
        "tete-de-reseau",
        "Accueil personnalisé et individualisé : les fondamentaux",
        "Chargé·es d'accueil des Missions locales",
        40,
        "high",
        None,
        0,
    ),
    (
        "tete-de-reseau",
        "Accompagner les jeunes en situation de handicap",
        "Conseiller·es des Missions locales",
        25,
        "high",
        None,
        4,
    ),
    (
        "crij",
        "Les outils numériques de l'orientation",
        "Informateur·ices jeunesse",
        30,
        "medium",
        None,
        5,
    ),
    (
        "crij",
        "Égalité femmes-hommes et orientation",
        "Informateur·ices jeunesse",
        15,
        "medium",
        None,
        7,
    ),
    (
        "cheops",
        "Accompagner les jeunes en situation de handicap",
        "Conseiller·es Cap emploi",
        18,
        "high",
        None,
        4,
    ),
    (
        "cheops",
        "Le conseil en évolution professionnelle (CEP)",
        "Conseiller·es Cap emploi",
        12,
        "low",
        None,
        2,
    ),
    (
        "territoire",
        "Connaître les métiers et l'économie de son territoire",
        "Conseiller·es du Pays de Rennes",
        20,
        "high",
        "pays-de-rennes",
        1,
    ),
    (
        "territoire",
        "Travailler en réseau sur son territoire",
        "Référent·es SPRO du Pays de Rennes",
        15,
        "medium",
        "pays-de-rennes",
        10,
    ),
    (
        "brest",
        "Les métiers en tension en Bretagne",
        "Conseiller·es du Pays de Brest",
        22,
        "high",
        "pays-de-brest",
        9,
    ),
    (
        "brest",
        "Accueillir les publics allophones",
        "Chargé·es d'accueil du Pays de Brest",
        10,
        "medium",
        "pays-de-brest",
        None,
    ),
)

# (theme, objectives, audience, format, reach, offered by (slug), hours)
ACTIONS = (
    (
        "Accueil personnalisé et individualisé : les fondamentaux",
        "Conduire un premier accueil qui analyse la demande avec la personne et "
        "oriente vers le bon interlocuteur.",
        "Professionnel·les de l'accueil de toutes les structures",
        Format.ONSITE,
        Reach.LOCAL,
        "gref-bretagne",
        Decimal("6.0"),
    ),
    (
        "Connaître les métiers et l'économie de son territoire",
        "S'approprier les données emploi-formation locales et les outils du GREF.",
        "Conseiller·es en orientation et en évolution professionnelle",
        Format.HYBRID,
        Reach.LOCAL,
        "gref-bretagne",
        Decimal("3.0"),
    ),
    (
        "Le conseil en évolution professionnelle (CEP)",
        "Situer le CEP dans l'offre de services et passer le relais aux opérateurs.",
        "Professionnel·les de tous les réseaux",
        Format.REMOTE,
        Reach.REGIONAL,
        "gref-bretagne",
        Decimal("3.0"),
    ),
    (
        "La validation des acquis de l'expérience (VAE)",
        "Informer sur la VAE réformée et orienter vers France VAE.",
        "Conseiller·es et chargé·es d'accueil",
        Format.REMOTE,
        Reach.REGIONAL,
        "gref-bretagne",
        Decimal("3.0"),
    ),
    (
        "Accompagner les jeunes en situation de handicap",
        "Connaître les dispositifs et les partenaires de l'insertion des jeunes "
        "en situation de handicap.",
        "Conseiller·es des Missions locales, CIO et Cap emploi",
        Format.ONSITE,
        Reach.REGIONAL,
        "arml-bretagne",
        Decimal("6.0"),
    ),
    (
        "Les outils numériques de l'orientation",
        "Utiliser les ressources en ligne (Parcoursup, ONISEP, Ideo) avec le public.",
        "Professionnel·les de l'information jeunesse et des CIO",
        Format.REMOTE,
        Reach.REGIONAL,
        "gref-bretagne",
        Decimal("3.0"),
    ),
    (
        "Création et reprise d'entreprise : orienter les porteurs de projet",
        "Identifier les étapes et les réseaux d'appui à la création.",
        "Conseiller·es de tous les réseaux",
        Format.HYBRID,
        Reach.REGIONAL,
        "gref-bretagne",
        Decimal("6.0"),
    ),
    (
        "Égalité femmes-hommes et orientation",
        "Déconstruire les stéréotypes dans le conseil en orientation.",
        "Tous les professionnel·les du SPRO",
        Format.ONSITE,
        Reach.LOCAL,
        "gref-bretagne",
        Decimal("6.0"),
    ),
    (
        "Accueillir à distance : téléphone, visio, tchat",
        "Adapter l'accueil personnalisé aux canaux à distance.",
        "Professionnel·les de l'accueil",
        Format.REMOTE,
        Reach.REGIONAL,
        "gref-bretagne",
        Decimal("3.0"),
    ),
    (
        "Les métiers en tension en Bretagne",
        "Connaître les métiers qui recrutent et les formations qui y mènent.",
        "Conseiller·es en orientation et en insertion",
        Format.ONSITE,
        Reach.LOCAL,
        "gref-bretagne",
        Decimal("6.0"),
    ),
    (
        "Travailler en réseau sur son territoire",
        "Monter une action partenariale locale du plan d'actions territorial.",
        "Référent·es SPRO des structures",
        Format.ONSITE,
        Reach.LOCAL,
        "gref-bretagne",
        Decimal("6.0"),
    ),
)

PLACES = {
    "22": "Maison de l'emploi, 5 rue du Parc, 22000 Saint-Brieuc",
    "29": "Pôle emploi-formation, 12 quai de la Douane, 29200 Brest",
    "35": "Espace Région, 283 avenue du Général Patton, 35000 Rennes",
    "56": "Maison de la formation, 3 rue Jean Jaurès, 56100 Lorient",
}


def _slot(day: datetime.date, period: str) -> tuple:
    if period == "am":
        return (day, "am", datetime.time(9, 0), datetime.time(12, 0))
    return (day, "pm", datetime.time(13, 30), datetime.time(16, 30))


def _aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class _Training:
    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.gref = User.objects.get(email=GREF)
        self.people = {
            spec[0]: User.objects.get(email=f"{spec[0]}@{ACCOUNT_DOMAIN}")
            for spec in PARTICIPANTS
        }
        self.people["professionnel"] = User.objects.get(
            email=f"professionnel@{ACCOUNT_DOMAIN}"
        )
        self.people["anais.riou"] = User.objects.get(
            email=f"anais.riou@{ACCOUNT_DOMAIN}"
        )
        self.people["ronan.cadiou"] = User.objects.get(
            email=f"ronan.cadiou@{ACCOUNT_DOMAIN}"
        )

    def census(self) -> list[tuple[Need, int | None]]:
        """Last autumn's census of this year's needs, said by each network head
        and territorial officer before the deadline (the engine's clock)."""
        start = _aware(datetime.date(self.today.year - 1, 10, 1))
        territories = {t.slug: t for t in Territory.objects.all()}
        with engine.clock(start):
            campaign = services.campaign_open(
                user=self.gref,
                year=self.today.year,
                title=f"Recensement des besoins de formation {self.today.year}",
                deadline=start + datetime.timedelta(days=45),
            )
            found = []
            for login, theme, audience, people, priority, local, answer in NEEDS:
                need = services.need_save(
                    user=User.objects.get(email=f"{login}@{ACCOUNT_DOMAIN}"),
                    campaign=campaign,
                    data={
                        "theme": theme,
                        "audience": audience,
                        "people": people,
                        "priority": priority,
                        "reach": Reach.LOCAL if local else Reach.REGIONAL,
                        "territory": territories[local] if local else None,
                        "comment": "",
                    },
                )
                found.append((need, answer))
        return found

    def plan(self) -> tuple[Plan, list[PlanAction]]:
        """Drafted by GREF from the census, each action linked to the needs it
        answers, submitted, then validated by the Région's coordination."""
        needs = self.census()
        coordinator = User.objects.get(email=COORDINATION)
        plan = services.plan_create(
            user=self.gref,
            year=self.today.year,
            title=f"Plan régional de professionnalisation {self.today.year}",
            summary=(
                "Construit à partir du recensement des besoins des réseaux et des "
                "territoires ; validé par le groupe politique régional."
            ),
        )
        organisations = {o.slug: o for o in Organisation.objects.all()}
        territories = list(Territory.objects.order_by("departement", "name"))
        actions = []
        for index, (theme, goals, audience, fmt, reach, by, hours) in enumerate(
            ACTIONS
        ):
            action = services.plan_action_save(
                user=self.gref,
                plan=plan,
                data={
                    "theme": theme,
                    "objectives": goals,
                    "audience": audience,
                    "format": fmt,
                    "reach": reach,
                    "territory": territories[index % len(territories)]
                    if reach == Reach.LOCAL
                    else None,
                    "offered_by": organisations.get(by)
                    or organisations["gref-bretagne"],
                    "planned_sessions": 3,
                    "planned_hours": hours,
                },
                needs=[need for need, answer in needs if answer == index],
            )
            actions.append(action)
        engine.fire(plan, d.PLAN_SUBMIT, user=self.gref)
        engine.fire(plan, d.PLAN_VALIDATE, user=coordinator)
        return plan, actions

    def session(
        self,
        action: PlanAction,
        *,
        offset_days: int,
        territory: Territory | None,
        capacity: int = 12,
        cap: int | None = None,
        two_half_days: bool = False,
        cutoff: int = 72,
    ) -> TrainingSession:
        day = self.today + datetime.timedelta(days=offset_days)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        slots = [_slot(day, "am")]
        if two_half_days or action.planned_hours >= 6:
            slots.append(_slot(day, "pm"))
        remote = action.format == Format.REMOTE
        departement = territory.departement if territory else "35"
        return services.session_create(
            user=self.gref,
            action=action,
            slots=slots,
            publish=True,
            title=action.theme,
            description="",
            territory=territory,
            place="" if remote else PLACES.get(departement, PLACES["35"]),
            visio_url="https://visio.spro-bretagne.example/salle-"
            + str(action.pk)
            + f"-{offset_days}"
            if action.format != Format.ONSITE
            else "",
            capacity=capacity,
            seats_per_structure=cap,
            trainer_name="Équipe professionnalisation du GREF",
            enrolment_opens_at=_aware(day - datetime.timedelta(days=60)),
            enrolment_closes_at=_aware(day - datetime.timedelta(days=1), 12),
            cancellation_cutoff_hours=cutoff,
            prerequisites="",
        )

    def request(self, session, login: str, *, at=None) -> Enrolment:
        person = self.people[login]
        with engine.clock(at):
            return services.enrolment_request(user=person, session=session)

    def approve(self, enrolment: Enrolment, *, at=None) -> Enrolment:
        referent = engine.binding_for(enrolment).holders(
            enrolment, d.STRUCTURE_REFERENT
        )
        user = referent.first()
        with engine.clock(at):
            return engine.fire(enrolment, d.APPROVE, user=user)

    def enrol(self, session, login: str, *, at=None) -> Enrolment:
        return self.approve(self.request(session, login, at=at), at=at)

    def run(self) -> int:
        plan, actions = self.plan()
        territories = list(Territory.objects.order_by("departement", "name"))
        logins = [p[0] for p in PARTICIPANTS]
        sessions: list[TrainingSession] = []
        # Three sessions per action: one past (with attendance), two to come.
        for index, action in enumerate(actions):
            territory = action.territory or territories[(index * 3) % len(territories)]
            for number, offset in enumerate(
                (-40 - index, 20 + index * 3, 55 + index * 4)
            ):
                sessions.append(
                    self.session(
                        action,
                        offset_days=offset,
                        territory=territory
                        if number != 2
                        else territories[(index * 3 + 5) % len(territories)],
                        capacity=12 if number else 10,
                        cap=3 if action.reach == Reach.REGIONAL else None,
                    )
                )
        # Past sessions: enrolled at the time; one person excused by GREF, the
        # others' half-days recorded on the sheet as each started (present all
        # day, in the morning only, or absent); the last sheet completes the
        # session: outcomes through the workflow, certificates issued.
        for session in sessions[0::3]:
            before = session.starts_at - datetime.timedelta(days=20)
            enrolments = [self.enrol(session, login, at=before) for login in logins[:7]]
            excused = enrolments[4]
            with engine.clock(session.starts_at + datetime.timedelta(minutes=30)):
                engine.fire(excused, d.MARK_EXCUSED, user=self.gref)
            marked = [e for e in enrolments if e.pk != excused.pk]
            slots = list(session.slots.order_by("date", "start"))
            for number, slot in enumerate(slots):
                marks = {
                    e.pk: not (index == 3 or (index == 2 and number > 0))
                    for index, e in enumerate(marked)
                }
                with engine.clock(slot.starts_at() + datetime.timedelta(minutes=20)):
                    attendance.attendance_record(user=self.gref, slot=slot, marks=marks)
        # Upcoming: a few confirmed in most sessions.
        for offset, session in enumerate(sessions[1::3]):
            for login in logins[offset % 5 : offset % 5 + 4]:
                self.enrol(session, login)
        # A small full session with its waiting list, and an open offer for
        # ``professionnel@``: four seats, five confirmed… then one cancels.
        full = self.session(
            actions[2], offset_days=12, territory=None, capacity=4, cutoff=48
        )
        for login in logins[:4]:
            self.enrol(full, login)
        waiting = [self.enrol(full, login) for login in ("professionnel", *logins[4:7])]
        first_confirmed = Enrolment.objects.filter(
            session=full, state=d.CONFIRMED
        ).first()
        engine.fire(first_confirmed, d.CANCEL, user=first_confirmed.person)
        # The offer went to ``professionnel@`` (first in line); the others wait.
        assert Enrolment.objects.get(pk=waiting[0].pk).state == d.OFFERED
        # Another full session: an offer declined, passed on to the next.
        second = self.session(
            actions[5], offset_days=16, territory=None, capacity=3, cutoff=48
        )
        for login in logins[7:10]:
            self.enrol(second, login)
        queued = [self.enrol(second, login) for login in logins[10:14]]
        leaving = Enrolment.objects.filter(session=second, state=d.CONFIRMED).first()
        engine.fire(leaving, d.CANCEL, user=leaving.person)
        offered = Enrolment.objects.get(pk=queued[0].pk)
        engine.fire(offered, d.DECLINE, user=offered.person)
        # The next one let the offer expire: it passed on again.
        expiring = Enrolment.objects.get(pk=queued[1].pk)
        with engine.clock(expiring.offer_expires_at + datetime.timedelta(minutes=1)):
            engine.fire(expiring, d.EXPIRE_OFFER, user=None, system=True)
        # ``professionnel@`` waits on that one too.
        self.enrol(second, "professionnel")
        # Requests waiting for ``referent@``'s approval (Mission locale de Rennes).
        for session, login in zip(
            sessions[4::3][:3],
            ("anais.riou", "ronan.cadiou", "katell.le-gall"),
            strict=True,
        ):
            self.request(session, login)
        # ``professionnel@`` confirmed in a session to come.
        self.enrol(sessions[7], "professionnel")
        # A refusal, a withdrawal, a late cancellation.
        refused = self.request(sessions[10], "tugdual.morvan")
        referent = (
            engine.binding_for(refused).holders(refused, d.STRUCTURE_REFERENT).first()
        )
        engine.fire(
            refused,
            d.REFUSE,
            user=referent,
            comment="Session prévue pendant la semaine des entretiens annuels.",
        )
        withdrawn = self.request(sessions[13], "nolwenn.tanguy")
        engine.fire(withdrawn, d.WITHDRAW, user=withdrawn.person)
        soon = self.session(
            actions[8], offset_days=2, territory=None, capacity=10, cutoff=72
        )
        late = self.enrol(soon, "erwann.jegou")
        self.enrol(soon, "gwenaelle.riou")
        with engine.clock(soon.starts_at - datetime.timedelta(hours=24)):
            engine.fire(late, d.CANCEL_LATE, user=late.person)
        # A session cancelled by GREF: everyone told why.
        cancelled = sessions[-2]
        services.session_cancel(
            user=self.gref,
            session=cancelled,
            reason="L'intervenante ne peut pas assurer la session ; une nouvelle date "
            "sera proposée au prochain trimestre.",
        )
        return TrainingSession.objects.count()


def _need_holders() -> None:
    """The accounts of NEED_HOLDERS (a territorial officer's membership names
    their territory; each gets the demo's second factor, as their role asks)."""
    load_accounts(
        AccountSpec(
            f"{login}@{ACCOUNT_DOMAIN}",
            first,
            last,
            "Chargé·e de mission SPRO",
            role,
            organisation,
            territory,
        )
        for login, first, last, role, organisation, territory in NEED_HOLDERS
    )


def load_training() -> int:
    """The year's plan, sessions and enrolments, once accounts exist."""
    if not Organisation.objects.filter(slug="gref-bretagne").exists():
        return 0
    if Plan.objects.filter(year=timezone.localdate().year).exists():
        return 0
    load_accounts(
        AccountSpec(
            f"{login}@{ACCOUNT_DOMAIN}",
            first,
            last,
            "Conseiller·e",
            Role.PROFESSIONAL,
            structure,
        )
        for login, first, last, structure in PARTICIPANTS
    )
    _need_holders()
    with transaction.atomic():
        return _Training().run()
