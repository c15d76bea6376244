"""Demo accueil: a year of receptions across the structures that deliver the
API under a convention in force, referrals in every state of their workflow,
slots for the coming weeks and past appointments with their outcomes.

* About 3,000 receptions over the last twelve months (full ones, a quarter of
  quick tallies counting one to four people, some anonymous ones with no
  identity), across channels, urgencies and questions: bulk-created, as a
  generator may (no history row for them).
* A few hundred referrals made the way users make them: sent with consent by
  ``services.referral_send`` as the sending structure's staff, answered by the
  engine as the receiving structure's staff (accepted, declined with a reason,
  under review), withdrawn by the sender, or expired by the engine's
  ``deadlines_pass``; then dated back to when they would have happened (their
  sent, decided and deadline dates: the figures read those; the transition
  log keeps the time of the load, as the training demo's does).
* Slots for the next three weeks (some bookable by the public), and past
  appointments (seen, absent, excused, cancelled by the structure), some
  booked with an accepted referral.
* The open referrals past day 10 get their reminders (``reception.reminders``)
  and, at the end, the retention task runs: receptions, referrals and
  appointments older than the retention period show as erased.

Every name and contact is an obvious pseudonym ("Personne fictive 0042",
``fictif.0042@exemple.invalid``). Deterministic (``random.Random`` with a fixed
seed; dates relative to today), and idempotent: nothing is done once a
reception exists.
"""

from __future__ import annotations

import datetime
import logging
import random
from typing import Any

from django.conf import settings
from django.utils import timezone

from extranet.models import (
    Channel,
    Membership,
    Role,
    Service,
    Structure,
    StructureType,
)
from workflows import engine

from . import services
from .definitions import (
    ACCEPT,
    ACCEPTED,
    DECLINED,
    EXPIRED,
    OPEN_STATES,
    REVIEW,
    SENT,
    UNDER_REVIEW,
    WITHDRAWN,
)
from .models import (
    Appointment,
    AppointmentStatus,
    BookableBy,
    BookedVia,
    Consent,
    ContactChannel,
    DeclineReason,
    Question,
    Reception,
    ReceptionKind,
    ReceptionSettings,
    Referral,
    Slot,
    SlotChannel,
)
from .models.receptions import CODE_ALPHABET, AgeBand, PersonStatus, question_field
from .reminders import referral_reminders_send
from .retention import retention_run

logger = logging.getLogger(__name__)

SEED = 20261204
RECEPTIONS = 3000
REFERRALS = 240
DAYS = 365

CHANNELS = {
    Channel.FACE_TO_FACE: 50,
    Channel.PHONE: 30,
    Channel.MAIL: 8,
    Channel.VISIO: 7,
    Channel.CHAT: 5,
}
URGENCIES = {"normal": 70, "priority": 22, "urgent": 8}
QUESTIONS = {
    Question.ORIENTATION: 30,
    Question.TRAINING: 25,
    Question.EMPLOYMENT: 25,
    Question.VAE: 5,
    Question.CREATION: 5,
    Question.MOBILITY: 4,
    Question.HOUSING: 3,
    Question.HEALTH: 2,
    Question.SOCIAL_EMERGENCY: 1,
}
SUMMARIES = (
    "Souhaite se réorienter ; a besoin de connaître les formations possibles.",
    "Cherche un premier emploi après ses études ; CV à reprendre.",
    "Projet de validation des acquis ; ne sait pas par où commencer.",
    "Veut créer une activité ; première information sur les aides.",
    "Sortie de scolarité sans diplôme ; cherche une formation qualifiante.",
    "Reconversion après un accident du travail ; besoin d'un conseil.",
)
NEXT_STEPS = (
    "Prendre rendez-vous avec un conseiller CEP\nConsulter l'offre de formation",
    "Mettre à jour son CV\nS'inscrire à l'atelier de recherche d'emploi",
    "Rencontrer un conseiller VAE\nRassembler ses attestations d'emploi",
)
# Referral states in the proportions of a year (the open ones are recent).
CLOSED_SHARE = {ACCEPTED: 55, DECLINED: 20, EXPIRED: 15, WITHDRAWN: 10}


def _pick(rng: random.Random, weights: dict) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _pseudonym(n: int) -> tuple[str, str]:
    return (f"Personne fictive {n:04d}", f"fictif.{n:04d}@exemple.invalid")


def _staff(structures: list[Structure]) -> dict[int, tuple[Any, Any]]:
    """For each structure, (who records receptions, who answers referrals):
    a professional if it has one, else its referent; its referent answers."""
    found: dict[int, dict[str, Any]] = {}
    for m in (
        Membership.objects.filter(
            organisation__structure__in=structures,
            role__in=(Role.PROFESSIONAL, Role.REFERENT),
            user__is_active=True,
        )
        .select_related("user", "organisation__structure")
        .order_by("user__email")
    ):
        found.setdefault(m.organisation.structure.pk, {}).setdefault(m.role, m.user)
    staff = {}
    for pk, roles in found.items():
        recorder = roles.get(Role.PROFESSIONAL) or roles.get(Role.REFERENT)
        answerer = roles.get(Role.REFERENT) or recorder
        staff[pk] = (recorder, answerer)
    return staff


class _ReceptionDemo:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.months = ReceptionSettings.current().retention_months
        self.codes: set[str] = set()
        self.person = 0

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(hour, minute))
        )

    def code(self) -> str:
        while True:
            chars = "".join(self.rng.choice(CODE_ALPHABET) for _ in range(8))
            code = f"ACC-{chars[:4]}-{chars[4:]}"
            if code not in self.codes:
                self.codes.add(code)
                return code

    def next_person(self) -> tuple[str, str]:
        self.person += 1
        return _pseudonym(self.person)

    # Receptions --------------------------------------------------------------

    def receptions(self, structures: list[Structure], staff: dict) -> list[Reception]:
        rng = self.rng
        busy = (StructureType.MISSION_LOCALE, StructureType.FRANCE_TRAVAIL)
        weights = [3 if s.structure_type in busy else 1 for s in structures]
        rows = []
        for _i in range(RECEPTIONS):
            structure = rng.choices(structures, weights=weights)[0]
            day = self.today - datetime.timedelta(days=rng.randrange(DAYS))
            chosen = set(rng.choices(list(QUESTIONS), list(QUESTIONS.values()), k=2))
            values: dict[str, Any] = {
                question_field(q.value): q in chosen for q in Question
            }
            values.update(
                structure=structure,
                recorded_by=staff[structure.pk][0],
                received_on=day,
                channel=_pick(rng, CHANNELS),
                urgency=_pick(rng, URGENCIES),
            )
            if rng.random() < 0.25:
                rows.append(
                    Reception(
                        kind=ReceptionKind.TALLY, people=rng.randint(1, 4), **values
                    )
                )
                continue
            anonymous = rng.random() < 0.1
            label, contact = ("", "") if anonymous else self.next_person()
            rows.append(
                Reception(
                    kind=ReceptionKind.FULL,
                    anonymous=anonymous,
                    person_label=label,
                    contact=contact if rng.random() < 0.6 else "",
                    age_band=rng.choice(AgeBand.values),
                    person_status=rng.choice(PersonStatus.values),
                    summary=rng.choice(SUMMARIES),
                    next_steps=rng.choice(NEXT_STEPS),
                    share_summary=rng.random() < 0.5,
                    reference=self.code(),
                    personal_until=services.add_months(day, self.months),
                    **values,
                )
            )
        return Reception.objects.bulk_create(rows, batch_size=500)

    # Referrals ---------------------------------------------------------------

    def referrals(self, structures: list[Structure], staff: dict) -> list[Referral]:
        rng = self.rng
        candidates = sorted(
            (
                r
                for r in Reception.objects.filter(
                    kind=ReceptionKind.FULL, structure__in=structures
                ).select_related("structure__organisation")
                if r.received_on < self.today
            ),
            key=lambda r: r.pk,
        )
        targets = {
            s.pk: [v for v in s.delivered_services() if v != Service.API]
            for s in structures
        }
        receivers = [s for s in structures if targets[s.pk]]
        wanted = [SENT, UNDER_REVIEW, ACCEPTED, DECLINED, EXPIRED, WITHDRAWN]
        made: list[Referral] = []
        for reception in rng.sample(candidates, min(REFERRALS, len(candidates))):
            to = rng.choice(receivers)
            if to.pk == reception.structure_id:
                continue
            sent_at = self.at(reception.received_on, 10, 0) + datetime.timedelta(
                hours=rng.randint(0, 30)
            )
            sent_at = min(sent_at, self.now - datetime.timedelta(hours=1))
            recent = self.now - sent_at < datetime.timedelta(
                days=settings.SPRO_REFERRAL_EXPIRY_DAYS
            )
            # Every state at least once, as soon as a referral fits it.
            state = next((s for s in wanted if (s in OPEN_STATES) == recent), None)
            if state is not None:
                wanted.remove(state)
            elif recent:
                state = rng.choice([SENT, SENT, UNDER_REVIEW, ACCEPTED, DECLINED])
            else:
                state = _pick(rng, CLOSED_SHARE)
            referral = self.referral(reception, to, staff, targets[to.pk], sent_at)
            self.answer(referral, state, staff)
            made.append(referral)
        # The overdue ones expire as the hourly task would have it.
        engine.deadlines_pass(binding=engine.binding_for(Referral))
        return made

    def referral(
        self,
        reception: Reception,
        to: Structure,
        staff: dict,
        offered: list[str],
        sent_at: datetime.datetime,
    ) -> Referral:
        rng = self.rng
        label = reception.person_label
        by_phone = rng.random() < 0.6
        referral = services.referral_send(
            user=staff[reception.structure_id][0],
            reception=reception,
            to_structure=to,
            service=rng.choice(offered),
            consent_method=rng.choice(["oral", "oral", "written"]),
            consent_given=True,
            purpose="",
            contact_channel=ContactChannel.PHONE if by_phone else ContactChannel.MAIL,
            contact="02 99 00 00 00" if by_phone else _pseudonym(self.person + 1)[1],
            person_label=label,
            request="Demande fictive de démonstration : un premier rendez-vous.",
            share_situation=rng.random() < 0.7,
            share_summary=reception.share_summary,
        )
        Referral.objects.filter(pk=referral.pk).update(
            sent_at=sent_at,
            state_entered_at=sent_at,
            state_deadline=sent_at
            + datetime.timedelta(days=settings.SPRO_REFERRAL_EXPIRY_DAYS),
        )
        Consent.objects.filter(referral=referral).update(given_at=sent_at)
        referral.refresh_from_db()
        return referral

    def answer(self, referral: Referral, state: str, staff: dict) -> None:
        rng = self.rng
        receiver = staff[referral.to_structure_id][1]
        sender = staff[referral.from_structure_id][0]
        if state in (SENT, EXPIRED):
            return  # the engine expires the overdue ones
        if state == UNDER_REVIEW:
            engine.fire(referral, REVIEW, user=receiver)
        elif state == ACCEPTED:
            engine.fire(referral, ACCEPT, user=receiver)
        elif state == DECLINED:
            reason = rng.choice(
                [r for r in DeclineReason.values if r != DeclineReason.OTHER]
            )
            services.referral_decline(user=receiver, referral=referral, reason=reason)
        elif state == WITHDRAWN:
            services.referral_withdraw(user=sender, referral=referral)
        if state in (ACCEPTED, DECLINED, WITHDRAWN):
            decided = min(
                referral.sent_at + datetime.timedelta(days=rng.randint(1, 12)),
                self.now - datetime.timedelta(minutes=5),
            )
            Referral.objects.filter(pk=referral.pk).update(
                decided_at=decided if state != WITHDRAWN else None,
                state_entered_at=decided,
            )

    # Slots and appointments --------------------------------------------------

    def slot(
        self,
        structure: Structure,
        starts: datetime.datetime,
        bookable_by: str,
        service: str = Service.CEP,
    ) -> Slot:
        return Slot(
            structure=structure,
            service=service,
            channel=self.rng.choice(SlotChannel.values),
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=45),
            place="Accueil de la structure",
            bookable_by=bookable_by,
            books_from=starts - datetime.timedelta(days=30),
            books_until=starts - datetime.timedelta(hours=4),
        )

    def appointments(self, structures: list[Structure], staff: dict) -> int:
        rng = self.rng
        hosts = rng.sample(structures, min(16, len(structures)))
        slots: list[Slot] = []
        for structure in hosts:
            for days in range(1, 22):
                day = self.today + datetime.timedelta(days=days)
                if day.weekday() >= 5 or rng.random() < 0.5:
                    continue
                slots.append(
                    self.slot(
                        structure,
                        self.at(day, rng.choice([9, 10, 14, 15])),
                        rng.choice(BookableBy.values),
                    )
                )
        past: list[tuple[Slot, str]] = []
        outcomes = {
            AppointmentStatus.SEEN: 70,
            AppointmentStatus.NO_SHOW: 14,
            AppointmentStatus.EXCUSED: 10,
            AppointmentStatus.CANCELLED_BY_STRUCTURE: 6,
        }
        for structure in hosts:
            for _i in range(20):
                day = self.today - datetime.timedelta(days=rng.randint(1, 200))
                if day.weekday() >= 5:
                    day -= datetime.timedelta(days=2)
                starts = self.at(day, rng.choice([9, 11, 14, 16]))
                slot = self.slot(structure, starts, BookableBy.REFERRERS)
                slots.append(slot)
                past.append((slot, _pick(rng, outcomes)))
        # The accepted referrals booked with an appointment at the receiver.
        linked: list[tuple[Slot, Referral]] = []
        for referral in Referral.objects.filter(state=ACCEPTED).order_by("pk")[::2]:
            starts = referral.sent_at + datetime.timedelta(days=rng.randint(3, 20))
            starts = self.at(timezone.localdate(starts), rng.choice([9, 11, 14]), 30)
            slot = self.slot(
                referral.to_structure, starts, BookableBy.REFERRERS, referral.service
            )
            slots.append(slot)
            linked.append((slot, referral))
        Slot.objects.bulk_create(slots, batch_size=500)

        rows: list[Appointment] = []
        for slot in slots[: len(slots) - len(past) - len(linked)]:
            if rng.random() < 0.4:
                rows.append(self.appointment(slot, AppointmentStatus.BOOKED))
        for slot, status in past:
            rows.append(self.appointment(slot, status))
        for slot, referral in linked:
            status = (
                AppointmentStatus.BOOKED
                if slot.starts_at > self.now
                else _pick(rng, outcomes)
            )
            rows.append(
                self.appointment(
                    slot, status, referral=referral, via=BookedVia.REFERRAL
                )
            )
        Appointment.objects.bulk_create(rows, batch_size=500)
        return len(slots) + len(rows)

    def appointment(
        self,
        slot: Slot,
        status: str,
        *,
        referral: Referral | None = None,
        via: str = BookedVia.STAFF,
    ) -> Appointment:
        label, contact = self.next_person()
        return Appointment(
            slot=slot,
            status=status,
            booked_via=via,
            referral=referral,
            person_label=label,
            contact=contact,
            outcome_at=(
                slot.ends_at if status not in (AppointmentStatus.BOOKED,) else None
            ),
            personal_until=services.add_months(
                timezone.localdate(slot.starts_at), self.months
            ),
        )


def load_reception() -> int:
    """The demo accueil (``manage.py load_demo``); returns how many rows it made."""
    if Reception.objects.exists():
        return 0
    structures = list(
        Structure.objects.delivering_api()
        .select_related("organisation", "network", "territory")
        .order_by("organisation__slug")
    )
    demo = _ReceptionDemo()
    staff = _staff(structures)
    structures = [s for s in structures if s.pk in staff]
    if len(structures) < 2:
        logger.info("No structure delivers the API with staff: no demo accueil.")
        return 0
    receptions = demo.receptions(structures, staff)
    referrals = demo.referrals(structures, staff)
    made = len(receptions) + len(referrals)
    made += demo.appointments(structures, staff)
    referral_reminders_send(now=demo.now)
    retention_run()
    return made
