"""Writes on sessions and enrolments. Each is atomic and keeps its trace (history,
transition log, queue moves); every one that counts seats locks the session row
first (``training.workflow.locked_session``), as the engine does for a
transition (``EnrolmentBinding.lock_first``).

Refusals are ``TrainingError`` (a ``ValidationError`` with a French message):
the view shows it and nothing is changed.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from extranet.models import Role, Structure
from extranet.permissions import user_memberships
from extranet.uploads import UploadRefused, checked_pdf
from notifications.formats import long_date, long_datetime, time_of_day
from notifications.services import mail_enqueue, notification_post, users_notify
from workflows import engine

from .definitions import (
    ACCEPT,
    APPROVE,
    CONFIRM,
    DECLINE,
    LIVE_STATES,
    OFFER,
    OFFERED,
    ORGANISER_CANCEL,
    REFUSE,
    REQUESTED,
    WAITLIST,
    WAITLISTED,
)
from .links import arrival_url
from .links import same_secret as _same
from .links import site_url as _site
from .models import (
    CalendarFeed,
    Enrolment,
    Need,
    NeedsCampaign,
    Plan,
    PlanAction,
    QueueMove,
    Reach,
    SessionDocument,
    SessionSlot,
    SessionStatus,
    TrainingSession,
    new_calendar_key,
    new_offer_key,
)
from .policy import (
    campaign_policy,
    enrolling_memberships,
    may_manage_sessions,
    need_policy,
    plan_policy,
    session_policy,
)
from .seats import locked_session, offer_window, seats_free


class TrainingError(ValidationError):
    """A session or enrolment change that cannot happen; the message is French."""


def _who(user: Any) -> str:
    return user.get_full_name() or user.email


# Sessions ----------------------------------------------------------------------


def _span(slots: Iterable[SessionSlot]) -> tuple[datetime.datetime, datetime.datetime]:
    slots = list(slots)
    return (
        min(slot.starts_at() for slot in slots),
        max(slot.ends_at() for slot in slots),
    )


def session_dates(session: TrainingSession) -> str:
    """ "le 12 mars 2027, 9 h – 12 h 30 ; le 13 mars 2027, 14 h – 17 h"."""
    return " ; ".join(
        _("le %(date)s, %(start)s – %(end)s")
        % {
            "date": long_date(slot.date),
            "start": time_of_day(slot.start),
            "end": time_of_day(slot.end),
        }
        for slot in session.slots.all()
    )


def session_create(
    *,
    user: Any,
    action: PlanAction,
    slots: list[tuple[datetime.date, str, datetime.time, datetime.time]],
    publish: bool = False,
    **fields: Any,
) -> TrainingSession:
    """A session of ``action`` made of ``slots`` (date, "am"/"pm", start, end),
    in preparation, or published at once. GREF and the Région only."""
    if not may_manage_sessions(user):
        raise PermissionDenied
    if not slots:
        raise TrainingError(_("Indiquez au moins une demi-journée."))
    _refuse_late_closing(fields.get("enrolment_closes_at"), slots)
    with transaction.atomic():
        session = TrainingSession(action=action, created_by=user, **fields)
        made = [
            SessionSlot(date=day, period=period, start=start, end=end)
            for day, period, start, end in slots
        ]
        session.starts_at, session.ends_at = _span(made)
        if publish:
            session.status = SessionStatus.PUBLISHED
        session.full_clean()
        session._history_user = user
        session.save()
        for slot in made:
            slot.session = session
            slot.full_clean()
            slot._history_user = user
            slot.save()
    return session


def _refuse_late_closing(closes: datetime.datetime | None, slots: list) -> None:
    """Enrolment closes before the first half-day starts."""
    if closes is None or not slots:
        return
    first = min(
        timezone.make_aware(datetime.datetime.combine(day, start))
        for day, _period, start, _end in slots
    )
    if closes > first:
        raise TrainingError(
            {
                "enrolment_closes_at": _(
                    "Les inscriptions doivent être closes avant le début de la "
                    "première demi-journée (%(date)s)."
                )
                % {"date": long_datetime(first)}
            }
        )


SESSION_FIELDS = (
    "title",
    "description",
    "territory",
    "place",
    "visio_url",
    "seats_per_structure",
    "trainer_name",
    "enrolment_opens_at",
    "enrolment_closes_at",
    "cancellation_cutoff_hours",
    "prerequisites",
)


def session_update(
    *,
    user: Any,
    session: TrainingSession,
    action: PlanAction,
    slots: list[tuple[datetime.date, str, datetime.time, datetime.time]],
    capacity: int,
    **fields: Any,
) -> TrainingSession:
    """Change a session and its half-days. A new capacity goes through
    ``capacity_change`` (new seats are offered to the waiting list at once);
    a cancelled session is not changed any more."""
    if not session_policy.can(user, "manage", session):
        raise PermissionDenied
    if not slots:
        raise TrainingError(_("Indiquez au moins une demi-journée."))
    _refuse_late_closing(fields.get("enrolment_closes_at"), slots)
    with transaction.atomic():
        locked = locked_session(session.pk)
        if locked.status == SessionStatus.CANCELLED:
            raise TrainingError(_("Une session annulée ne se modifie plus."))
        before = _what_people_were_told(locked)
        for name in SESSION_FIELDS:
            if name in fields:
                setattr(locked, name, fields[name])
        locked.action = action
        made = [
            SessionSlot(session=locked, date=day, period=period, start=start, end=end)
            for day, period, start, end in slots
        ]
        locked.starts_at, locked.ends_at = _span(made)
        if locked.status == SessionStatus.DRAFT:
            locked.capacity = capacity
        locked.full_clean()
        locked._history_user = user
        locked._change_reason = "edit"
        locked.save()
        wanted = {(s.date, s.period): s for s in made}
        for slot in locked.slots.all():
            new = wanted.pop((slot.date, slot.period), None)
            if new is None:
                if slot.attendances.exists():
                    raise TrainingError(
                        _(
                            "Des présences sont notées pour la demi-journée du "
                            "%(date)s : elle ne peut plus être retirée."
                        )
                        % {"date": long_date(slot.date)}
                    )
                slot._history_user = user
                slot.delete()
            elif (slot.start, slot.end) != (new.start, new.end):
                slot.start, slot.end = new.start, new.end
                slot.full_clean()
                slot._history_user = user
                slot.save()
        for slot in wanted.values():
            slot.full_clean()
            slot._history_user = user
            slot.save()
        if locked.status != SessionStatus.DRAFT and capacity != locked.capacity:
            locked = capacity_change(user=user, session=locked, capacity=capacity)
        if locked.status == SessionStatus.PUBLISHED:
            session_change_tell(session=locked, before=before)
    return locked


def _what_people_were_told(session: TrainingSession) -> dict[str, str]:
    """What an enrolled person relies on: when, where, the visio link."""
    return {
        "dates": session_dates(session),
        "place": session.place,
        "visio": session.visio_url,
    }


def session_change_tell(*, session: TrainingSession, before: dict[str, str]) -> int:
    """Tell everyone enrolled (requested, waiting, offered or confirmed) what
    changed in the dates, the place or the visio link of a published session;
    nothing when none did. Returns how many people were told."""
    after = _what_people_were_told(session)
    changes = []
    if after["dates"] != before["dates"]:
        changes.append(_("Nouvelles dates : %(dates)s.") % {"dates": after["dates"]})
    if after["place"] != before["place"]:
        changes.append(
            _("Nouveau lieu : %(place)s.") % {"place": after["place"]}
            if after["place"]
            else _("La session se tient maintenant à distance.")
        )
    if after["visio"] != before["visio"]:
        changes.append(
            _(
                "Le lien de visioconférence a changé : il est sur la page de votre "
                "inscription une fois votre place confirmée."
            )
        )
    if not changes:
        return 0
    subject = _("Session modifiée : %(session)s") % {"session": session.title}
    told = 0
    for enrolment in (
        Enrolment.objects.filter(session=session, state__in=LIVE_STATES)
        .select_related("person")
        .order_by("pk")
    ):
        body = _("L'organisateur a modifié la session « %(session)s ».") % {
            "session": session.title
        }
        told += users_notify(
            users=[enrolment.person],
            subject=subject,
            body=" ".join([body, *changes]),
            url=enrolment.get_absolute_url(),
            site_url=_site(),
        )
    return told


def session_publish(*, user: Any, session: TrainingSession) -> TrainingSession:
    if not session_policy.can(user, "manage", session):
        raise PermissionDenied
    with transaction.atomic():
        locked = locked_session(session.pk)
        if locked.status != SessionStatus.DRAFT:
            raise TrainingError(_("Cette session n'est pas en préparation."))
        locked.status = SessionStatus.PUBLISHED
        locked._history_user = user
        locked._change_reason = "publish"
        locked.save()
    return locked


def session_cancel(
    *, user: Any, session: TrainingSession, reason: str
) -> TrainingSession:
    """Cancel a session: every enrolment under way is cancelled by the
    organiser, each person told why."""
    if not session_policy.can(user, "manage", session):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError(
            _("Indiquez le motif de l'annulation, il sera envoyé aux inscrit·es.")
        )
    with transaction.atomic():
        locked = locked_session(session.pk)
        if locked.status == SessionStatus.CANCELLED:
            raise TrainingError(_("Cette session est déjà annulée."))
        if locked.has_started():
            raise TrainingError(_("Une session commencée ne peut plus être annulée."))
        locked.status = SessionStatus.CANCELLED
        locked.cancellation_reason = reason
        locked._history_user = user
        locked._change_reason = "cancel"
        locked.save()
        for enrolment in Enrolment.objects.filter(
            session=locked, state__in=LIVE_STATES
        ).order_by("pk"):
            engine.fire(enrolment, ORGANISER_CANCEL, user=user, comment=reason)
    return locked


def capacity_change(
    *, user: Any, session: TrainingSession, capacity: int
) -> TrainingSession:
    """More or fewer seats; new seats are offered to the waiting list at once.
    Never fewer than the seats already taken."""
    if not session_policy.can(user, "manage", session):
        raise PermissionDenied
    with transaction.atomic():
        locked = locked_session(session.pk)
        taken = locked.capacity - seats_free(locked)
        if capacity < max(1, taken):
            raise TrainingError(
                _(
                    "%(taken)s places sont déjà attribuées : la capacité ne peut pas "
                    "descendre en dessous."
                )
                % {"taken": taken}
            )
        locked.capacity = capacity
        locked._history_user = user
        locked._change_reason = "capacity"
        locked.save()
        offers_make(locked)
    return locked


# Enrolments ----------------------------------------------------------------------


def _structure_for(person: Any, requester: Any) -> Structure:
    """The structure ``person`` enrols for: their own, or, when a referent
    enrols a colleague, the referent's structure they both belong to."""
    own = [m.organisation.structure for m in enrolling_memberships(person)]
    if not own:
        raise TrainingError(
            _(
                "Seul le personnel d'une structure membre peut s'inscrire : votre "
                "compte n'est rattaché à aucune structure."
            )
        )
    if requester.pk == person.pk:
        return own[0]
    referent_of = {
        m.organisation_id
        for m in user_memberships(requester)
        if m.role == Role.REFERENT
    }
    for structure in own:
        if structure.organisation_id in referent_of:
            return structure
    raise PermissionDenied


def _refuse_if_closed(session: TrainingSession) -> None:
    now = engine.now()
    if session.status == SessionStatus.CANCELLED:
        raise TrainingError(
            _("Cette session est annulée : on ne peut plus s'y inscrire.")
        )
    if session.status != SessionStatus.PUBLISHED:
        raise TrainingError(_("Cette session n'est pas encore publiée."))
    if session.has_started(now):
        raise TrainingError(
            _("Cette session a commencé : on ne peut plus s'y inscrire.")
        )
    if now < session.enrolment_opens_at:
        raise TrainingError(
            _("Les inscriptions ouvrent le %(date)s.")
            % {"date": long_datetime(session.enrolment_opens_at)}
        )
    if now >= session.enrolment_closes_at:
        raise TrainingError(
            _("Les inscriptions sont closes depuis le %(date)s.")
            % {"date": long_datetime(session.enrolment_closes_at)}
        )


def enrolment_request(
    *,
    user: Any,
    session: TrainingSession,
    person: Any | None = None,
    motivation: str = "",
) -> Enrolment:
    """Ask for a place in ``session`` for oneself, or, as a referent, for a
    colleague of one's structure (then approved at once: the referent is the
    one who approves). The request waits for the referent's approval before it
    takes a place in the queue."""
    person = person or user
    structure = _structure_for(person, user)
    if not session_policy.can(user, "view", session):
        raise PermissionDenied
    with transaction.atomic():
        locked = locked_session(session.pk)
        _refuse_if_closed(locked)
        live = Enrolment.objects.filter(session=locked, state__in=LIVE_STATES)
        if live.filter(person=person).exists():
            if person.pk == user.pk:
                raise TrainingError(_("Vous êtes déjà inscrit·e à cette session."))
            raise TrainingError(
                _("%(who)s est déjà inscrit·e à cette session.") % {"who": _who(person)}
            )
        cap = locked.seats_per_structure
        if cap is not None and live.filter(structure=structure).count() >= cap:
            raise TrainingError(
                _(
                    "Votre structure a déjà %(cap)s demandes pour cette session, le "
                    "maximum fixé par le GREF pour qu'elle reste ouverte à toutes les "
                    "structures."
                )
                % {"cap": cap}
            )
        enrolment = Enrolment(
            session=locked,
            person=person,
            structure=structure,
            requested_by=user,
            motivation=(motivation or "").strip()[:1000],
            requested_at=timezone.now(),
        )
        engine.start(enrolment, user=user)
        enrolment._history_user = user
        enrolment.save()
        if engine.may_fire(user, enrolment, _transition(APPROVE)):
            enrolment = engine.fire(enrolment, APPROVE, user=user)
        else:
            engine.notify(
                enrolment,
                engine.next_actors(enrolment),
                subject=_("Demande d'inscription à valider : %(session)s")
                % {"session": locked.title},
                intro=_("%(who)s demande à participer à la session « %(session)s ».")
                % {"who": _who(person), "session": locked.title},
            )
            participant_tell(enrolment=enrolment, transition=RECEIVED)
    return enrolment


def _transition(name: str) -> engine.Transition:
    from .definitions import ENROLMENT

    return ENROLMENT.transition(name)


def enrolment_move(
    *,
    user: Any,
    enrolment: Enrolment,
    transition: str,
    comment: str = "",
    expected_state: str | None = None,
) -> Enrolment:
    """Fire ``transition`` as ``user`` (the engine locks the session first)."""
    return engine.fire(
        enrolment,
        transition,
        user=user,
        comment=comment,
        expected_state=expected_state,
    )


def queue_join(*, enrolment: Enrolment) -> None:
    """The request takes its place at the end of the waiting list, and the
    person is told which."""
    enrolment.queue_key = time.time_ns() // 1000
    enrolment._change_reason = "queue"
    enrolment.save(update_fields=["queue_key", "updated_at"])
    participant_tell(enrolment=enrolment, transition=WAITLIST)


def queue_position(enrolment: Enrolment) -> int | None:
    """1 for the first in line; None when not on the waiting list."""
    if enrolment.state != WAITLISTED or enrolment.queue_key is None:
        return None
    ahead = Enrolment.objects.filter(
        session_id=enrolment.session_id, state=WAITLISTED
    ).filter(
        Q(queue_key__lt=enrolment.queue_key)
        | Q(queue_key=enrolment.queue_key, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


def waiting_list(session: TrainingSession) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(session=session, state=WAITLISTED)
        .select_related("person", "structure__organisation")
        .order_by("queue_key", "pk")
    )


def queue_move(*, user: Any, enrolment: Enrolment, direction: str, reason: str) -> None:
    """GREF moves a person one place up or down the waiting list, with a written
    reason kept with who and when."""
    if not session_policy.can(user, "manage", enrolment.session):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError(_("Indiquez par écrit le motif de ce changement de rang."))
    if direction not in ("up", "down"):
        raise TrainingError(_("Sens inconnu."))
    with transaction.atomic():
        locked_session(enrolment.session_id)
        queue = waiting_list(enrolment.session)
        index = next((i for i, e in enumerate(queue) if e.pk == enrolment.pk), None)
        if index is None:
            raise TrainingError(_("Cette personne n'est plus en liste d'attente."))
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(queue):
            raise TrainingError(
                _("Cette personne est déjà en tête de la liste.")
                if direction == "up"
                else _("Cette personne est déjà en fin de liste.")
            )
        mine, theirs = queue[index], queue[other]
        keys = sorted([mine.queue_key, theirs.queue_key])
        if keys[0] == keys[1]:
            keys[1] += 1
        mine.queue_key, theirs.queue_key = (
            (keys[0], keys[1]) if direction == "up" else (keys[1], keys[0])
        )
        for row in (mine, theirs):
            row._history_user = user
            row._change_reason = "queue_move"
            row.save(update_fields=["queue_key", "updated_at"])
        QueueMove.objects.create(
            enrolment=mine, direction=direction, reason=reason[:1000], by=user
        )


def offers_make(session: TrainingSession) -> int:
    """Offer each free seat to the next in line (the session row is locked by
    the caller). No offer once the session is too close to start, cancelled or
    started. Returns how many offers were made."""
    if session.status != SessionStatus.PUBLISHED:
        return 0
    if offer_window(session, engine.now()) is None:
        return 0
    made = 0
    free = seats_free(session)
    for enrolment in waiting_list(session)[:free]:
        engine.fire(enrolment, OFFER, user=None, system=True, expected_state=WAITLISTED)
        made += 1
    return made


def offer_open(*, enrolment: Enrolment) -> None:
    """A new offer: its term (the state's deadline) and a fresh secret for its
    links; the person is told, with one-click links to accept or decline."""
    enrolment.offer_expires_at = enrolment.state_deadline
    enrolment.offer_key = new_offer_key()
    enrolment._change_reason = "offer"
    enrolment.save(update_fields=["offer_expires_at", "offer_key", "updated_at"])
    participant_tell(enrolment=enrolment, transition=OFFER)


def seat_release(*, enrolment: Enrolment) -> None:
    """A seat was freed (cancelled, declined, expired): the offer, if any, is
    void, and the seat goes to the next in line."""
    if enrolment.offer_key:
        enrolment.offer_key = ""
        enrolment._change_reason = "offer_closed"
        enrolment.save(update_fields=["offer_key", "updated_at"])
    offers_make(locked_session(enrolment.session_id))


def offer_answer(*, enrolment_id: int, key: str, accept: bool) -> Enrolment:
    """Accept or decline an offer from the link of its mail: the link stands
    for the person. A forged, replaced or expired link changes nothing."""
    enrolment = (
        Enrolment.objects.select_related("session", "person")
        .filter(pk=enrolment_id)
        .first()
    )
    if (
        enrolment is None
        or not key
        or not enrolment.offer_key
        or not _same(key, enrolment.offer_key)
    ):
        raise TrainingError(
            _(
                "Ce lien n'est pas valable : il a pu être remplacé par une "
                "nouvelle proposition."
            )
        )
    if enrolment.state != OFFERED or (
        enrolment.offer_expires_at and enrolment.offer_expires_at <= engine.now()
    ):
        raise TrainingError(
            _(
                "Cette proposition n'est plus valable : elle a expiré ou reçu "
                "une réponse."
            )
        )
    return engine.fire(
        enrolment,
        ACCEPT if accept else DECLINE,
        user=enrolment.person,
        expected_state=OFFERED,
    )


def offer_link(enrolment: Enrolment, *, accept: bool) -> str:
    name = "training:offer_accept" if accept else "training:offer_decline"
    return _site() + reverse(name, args=[enrolment.pk, enrolment.offer_key])


def offers_expire(*, at: datetime.datetime | None = None) -> int:
    """Every offer past its term expires, and its seat passes to the next in
    line (idempotent: each fire locks and checks its row again)."""
    binding = engine.binding_for(Enrolment)
    return engine.deadlines_pass(at=at, binding=binding)


# What the participant is told -------------------------------------------------------


# Notices that follow no workflow transition of their own.
RECEIVED = "received"  # a request waits for the referent's approval


def participant_tell(*, enrolment: Enrolment, transition: str, said: str = "") -> None:
    """A notice and a mail to the enrolled person about what just happened."""
    session = enrolment.session
    person = enrolment.person
    url = enrolment.get_absolute_url()
    title = session.title
    if transition == RECEIVED:
        subject = _("Demande enregistrée : %(session)s") % {"session": title}
        body = _(
            "Votre demande d'inscription à « %(session)s » (%(dates)s) est "
            "enregistrée. Elle attend la validation du ou de la référent·e de votre "
            "structure ; vous serez prévenu·e de la suite."
        ) % {"session": title, "dates": session_dates(session)}
    elif transition == REFUSE:
        subject = _("Demande non validée : %(session)s") % {"session": title}
        body = _(
            "Votre demande d'inscription à « %(session)s » n'a pas été validée par "
            "votre structure."
        ) % {"session": title}
    elif transition in (CONFIRM, ACCEPT):
        subject = _("Inscription confirmée : %(session)s") % {"session": title}
        body = _(
            "Votre place à « %(session)s » est confirmée : %(dates)s. %(place)s"
            "Si vous ne pouvez plus venir, annulez depuis votre inscription pour "
            "libérer la place."
        ) % {
            "session": title,
            "dates": session_dates(session),
            "place": (
                _("Lieu : %(place)s. ") % {"place": session.place}
                if session.place
                else _("Le lien de connexion est sur la page de votre inscription. ")
            ),
        }
        body = f"{body}\n\n{_arrival_sentence(enrolment)}"
    elif transition == WAITLIST:
        subject = _("Liste d'attente : %(session)s") % {"session": title}
        body = _(
            "La session « %(session)s » est complète : vous êtes en liste d'attente, "
            "en position %(position)s. Si une place se libère, elle vous sera "
            "proposée par mail, pour une durée limitée."
        ) % {"session": title, "position": queue_position(enrolment)}
    elif transition == OFFER:
        subject = _("Une place vous est proposée : %(session)s") % {"session": title}
        body = _(
            "Une place s'est libérée à « %(session)s » (%(dates)s). Elle vous est "
            "réservée jusqu'au %(expiry)s ; sans réponse, elle sera proposée à la "
            "personne suivante."
        ) % {
            "session": title,
            "dates": session_dates(session),
            "expiry": long_datetime(enrolment.offer_expires_at),
        }
        notification_post(user=person, title=subject, body=body, url=url)
        links = _(
            "Accepter la place : %(accept)s\n\nDécliner la place : %(decline)s"
        ) % {
            "accept": offer_link(enrolment, accept=True),
            "decline": offer_link(enrolment, accept=False),
        }
        mail_enqueue(
            to=person.email,
            subject=subject,
            body=f"{body}\n\n{links}\n",
            sensitive=True,
        )
        return
    elif transition == ORGANISER_CANCEL:
        subject = _("Inscription annulée : %(session)s") % {"session": title}
        body = _(
            "Votre inscription à « %(session)s » est annulée par l'organisateur."
        ) % {"session": title}
    else:
        return
    if said:
        body = "{}\n\n{}".format(body, _("Motif : « %(said)s »") % {"said": said})
    users_notify(users=[person], subject=subject, body=body, url=url, site_url=_site())


def _arrival_sentence(enrolment: Enrolment) -> str:
    """The address of the participant's QR code, for the trainer to mark their
    arrival from a phone (mails are text: the link itself)."""
    return _(
        "À votre arrivée, montrez à l'intervenant·e le code QR de votre "
        "inscription, ou ce lien : %(arrival)s"
    ) % {"arrival": arrival_url(enrolment)}


def pending_approvals(user: Any) -> int:
    """How many requests wait for this referent's approval."""
    organisations = [
        m.organisation_id for m in user_memberships(user) if m.role == Role.REFERENT
    ]
    if not organisations:
        return 0
    return Enrolment.objects.filter(
        structure__organisation_id__in=organisations, state=REQUESTED
    ).count()


# One's training calendar ---------------------------------------------------------


def calendar_feed_renew(*, user: Any) -> CalendarFeed:
    """Give ``user`` a new secret address for their training calendar; the
    previous one, if any, stops working at once."""
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(
            user=user
        )
        if not created:
            feed.key = new_calendar_key()
            feed.save(update_fields=["key"])
    return feed


def calendar_feed_stop(*, user: Any) -> bool:
    """Remove ``user``'s calendar address; True if there was one."""
    deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


# The needs census -------------------------------------------------------------------


def campaign_open(
    *, user: Any, year: int, title: str, deadline: datetime.datetime
) -> NeedsCampaign:
    """GREF opens the census of the needs of ``year``, until ``deadline``."""
    if not campaign_policy.grants_anywhere(user, "open"):
        raise PermissionDenied
    if deadline <= engine.now():
        raise TrainingError({"deadline": _("La date limite doit être à venir.")})
    campaign = NeedsCampaign(
        year=year, title=title.strip(), deadline=deadline, opened_by=user
    )
    campaign.full_clean()
    campaign._history_user = user
    campaign.save()
    return campaign


def campaign_close(*, user: Any, campaign: NeedsCampaign) -> NeedsCampaign:
    """GREF closes a campaign before its deadline (nothing more is said)."""
    if not campaign_policy.can(user, "open", campaign):
        raise PermissionDenied
    campaign.is_open = False
    campaign._history_user = user
    campaign._change_reason = "close"
    campaign.save()
    return campaign


def _need_scope(user: Any) -> dict[str, Any]:
    """Whose need ``user`` says: their network head organisation, else their
    territory (a territorial officer). Refused to everyone else."""
    for membership in user_memberships(user):
        if membership.role == Role.NETWORK_HEAD:
            return {"organisation": membership.organisation, "scope_territory": None}
    for membership in user_memberships(user):
        if membership.role == Role.TERRITORIAL_OFFICER and membership.territory_id:
            return {"organisation": None, "scope_territory": membership.territory}
    raise PermissionDenied


NEED_FIELDS = (
    "theme",
    "audience",
    "people",
    "priority",
    "reach",
    "territory",
    "comment",
)


def _refuse_after_deadline(campaign: NeedsCampaign) -> None:
    if not campaign.accepts_needs(engine.now()):
        raise TrainingError(
            _(
                "Le recensement « %(title)s » est clos depuis le %(date)s : "
                "rien n'a été enregistré."
            )
            % {"title": campaign.title, "date": long_datetime(campaign.deadline)}
        )


def need_save(
    *,
    user: Any,
    campaign: NeedsCampaign | None = None,
    need: Need | None = None,
    data: dict[str, Any],
) -> Need:
    """Say a need of one's scope in an open campaign, or change one's own until
    the deadline. After it, or outside one's scope, nothing is changed."""
    with transaction.atomic():
        if need is None:
            scope = _need_scope(user)
            campaign = NeedsCampaign.objects.select_for_update().get(pk=campaign.pk)
            _refuse_after_deadline(campaign)
            need = Need(campaign=campaign, submitted_by=user, **scope)
        else:
            if not need_policy.can(user, "submit", need):
                raise PermissionDenied
            need = Need.objects.select_for_update().get(pk=need.pk)
            _refuse_after_deadline(need.campaign)
        for name in NEED_FIELDS:
            setattr(need, name, data.get(name))
        need.comment = (need.comment or "").strip()
        need.full_clean()
        need._history_user = user
        need.save()
    return need


# The plan ---------------------------------------------------------------------------


def plan_create(*, user: Any, year: int, title: str, summary: str = "") -> Plan:
    """The year's plan, in draft (one per year; later versions amend it)."""
    if not plan_policy.grants_anywhere(user, "draft"):
        raise PermissionDenied
    if Plan.objects.filter(year=year).exists():
        raise TrainingError(
            {
                "year": _(
                    "Le plan %(year)s existe déjà : amendez-le par une nouvelle "
                    "version."
                )
                % {"year": year}
            }
        )
    plan = Plan(year=year, version=1, title=title.strip(), summary=summary.strip())
    engine.start(plan, user=user)
    plan.full_clean()
    plan._history_user = user
    plan.save()
    return plan


def plan_version_create(*, plan: Plan, user: Any) -> Plan:
    """A new version of a validated plan, in draft, with copies of its actions
    (and the needs each answers); the validated one is left as it is."""
    new = Plan(
        year=plan.year,
        version=plan.version + 1,
        title=plan.title,
        summary=plan.summary,
        previous=plan,
    )
    engine.start(new, user=user)
    new._history_user = user
    new._change_reason = "amend"
    new.save()
    for action in plan.actions.prefetch_related("needs").order_by("pk"):
        needs = list(action.needs.all())
        copy = PlanAction(
            plan=new,
            **{
                f.attname: getattr(action, f.attname)
                for f in PlanAction._meta.concrete_fields
                if f.name not in ("id", "plan")
            },
        )
        copy._history_user = user
        copy.save()
        copy.needs.set(needs)
    return new


def plan_previous_supersede(*, plan: Plan, user: Any) -> None:
    """The version ``plan`` amends is replaced, now that ``plan`` is validated."""
    from .definitions import PLAN_SUPERSEDE, PLAN_VALIDATED

    if plan.previous_id is None:
        return
    previous = Plan.objects.get(pk=plan.previous_id)
    if previous.state == PLAN_VALIDATED:
        engine.fire(previous, PLAN_SUPERSEDE, user=None, system=True)


def plan_action_save(
    *,
    user: Any,
    plan: Plan,
    action: PlanAction | None = None,
    data: dict[str, Any],
    needs: Iterable[Need] = (),
) -> PlanAction:
    """Add an action to a plan, or change one, while the plan's state lets
    ``user`` edit it (a validated plan is never changed in place)."""
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        refusal = engine.edit_refusal(user, locked)
        if refusal:
            raise PermissionDenied(refusal)
        if action is None:
            action = PlanAction(plan=locked)
        elif action.plan_id != locked.pk:
            raise PermissionDenied
        for name, value in data.items():
            setattr(action, name, value)
        if action.reach == Reach.REGIONAL:
            action.territory = None
        action.full_clean()
        action._history_user = user
        action.save()
        action.needs.set(list(needs))
    return action


# Documents of a session ------------------------------------------------------------


def session_document_add(
    *, user: Any, session: TrainingSession, upload: Any, title: str
) -> SessionDocument:
    """Attach a PDF to the session (its programme, a preparation sheet).

    Only GREF and the Région (``manage``); only PDF files, checked on their
    content, up to the configured size; the same file twice is refused.
    A refused upload leaves neither a row nor a file.
    """
    if not session_policy.can(user, "manage", session):
        raise PermissionDenied
    title = (title or "").strip()
    if not title:
        raise TrainingError(_("Donnez un titre au document."))
    if upload is None:
        raise TrainingError(_("Choisissez le fichier PDF à joindre."))
    try:
        checked = checked_pdf(upload)
    except UploadRefused as exc:
        raise TrainingError(exc.messages) from exc
    duplicate = _("Ce fichier est déjà joint à la session.")
    document = SessionDocument(
        session=session,
        original_name=checked.original_name,
        title=title,
        sha256=checked.sha256,
        size=checked.size,
        uploaded_by=user,
    )
    document._history_user = user
    try:
        document.full_clean(exclude=["file"], validate_constraints=False)
    except ValidationError as exc:
        raise TrainingError(exc.messages) from exc
    try:
        with transaction.atomic():
            if SessionDocument.objects.filter(
                session=session, sha256=checked.sha256
            ).exists():
                raise TrainingError(duplicate)
            document.file.save(
                f"{session.pk}-{checked.sha256[:16]}-{checked.safe_stem}.pdf",
                upload,
                save=False,
            )
            document.save()
    except IntegrityError as exc:
        document.file.delete(save=False)
        raise TrainingError(duplicate) from exc
    return document


@transaction.atomic
def session_document_remove(*, user: Any, document: SessionDocument) -> None:
    """Remove a document from its session (GREF and the Région only). The
    history keeps the removal and who made it; the file leaves the storage once
    the removal is committed."""
    if not session_policy.can(user, "manage", document.session):
        raise PermissionDenied
    storage, name = document.file.storage, document.file.name
    document._history_user = user
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
