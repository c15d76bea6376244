"""Writes of attendance and certificates: the sheet of a half-day, the arrival
scan, the outcomes of a session, its certificates and their revocation.

* Attendance is recorded per half-day, for the *confirmed* participants only,
  once the half-day has started, by GREF, the Région or the trainer granted
  the session; anyone else named is refused and nothing is written.
* When every confirmed participant has a mark for every half-day, the session
  is *completed* under its row lock: each enrolment moves through the workflow
  (``mark_attended``, ``mark_partial``, ``mark_absent``, fired by the engine,
  never written here), each attendee gets a certificate, and
  ``training.signals.session_completed`` is sent after commit, once.
* Issuing a certificate is idempotent: one per enrolment (a database
  constraint), the second call returns the first.

Refusals are ``TrainingError``s with a French message; nothing is changed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from extranet.models import Organisation, OrganisationKind
from notifications.services import users_notify
from workflows import engine

from .definitions import (
    ATTENDED,
    CONFIRMED,
    MARK_ABSENT,
    MARK_ATTENDED,
    MARK_PARTIAL,
    ORGANISER,
    PARTIALLY_ATTENDED,
    TRAINER,
)
from .links import site_url
from .models import (
    Attendance,
    Certificate,
    Enrolment,
    SessionSlot,
    SessionStatus,
    TrainingSession,
    new_certificate_code,
)
from .policy import may_record_attendance, session_policy
from .seats import locked_session
from .services import TrainingError, session_dates
from .signals import session_completed

# A participant may be scanned in this long before their half-day starts.
ARRIVAL_EARLY = datetime.timedelta(minutes=45)
CERTIFIED_STATES = (ATTENDED, PARTIALLY_ATTENDED)


# Attendance -----------------------------------------------------------------------


def _refuse_if_closed(session: TrainingSession) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise TrainingError(_("Cette session est annulée : pas d'émargement."))
    if session.completed_at is not None:
        raise TrainingError(
            _(
                "Les présences de cette session sont closes : chaque inscription "
                "a reçu son résultat. Rien n'a été modifié."
            )
        )


def _write_marks(
    *, user: Any, session: TrainingSession, slot: SessionSlot, marks: dict[int, bool]
) -> int:
    """Write ``marks`` (enrolment id → present) for ``slot``; the session row is
    locked by the caller. Every id must be a confirmed enrolment of the session,
    else nothing is written."""
    confirmed = set(
        Enrolment.objects.filter(session=session, state=CONFIRMED).values_list(
            "pk", flat=True
        )
    )
    if any(pk not in confirmed for pk in marks):
        raise TrainingError(
            _(
                "Une des personnes notées n'est pas inscrite et confirmée à cette "
                "session : rien n'a été enregistré."
            )
        )
    existing = {
        row.enrolment_id: row
        for row in Attendance.objects.filter(slot=slot, enrolment_id__in=list(marks))
    }
    now = engine.now()
    changed = 0
    for pk, present in sorted(marks.items()):
        row = existing.get(pk)
        if row is not None and row.present == present:
            continue
        row = row or Attendance(enrolment_id=pk, slot=slot)
        row.present = present
        row.recorded_by = user
        row.recorded_at = now
        row._history_user = user
        row.save()
        changed += 1
    return changed


def attendance_record(*, user: Any, slot: SessionSlot, marks: dict[int, bool]) -> int:
    """Record a whole half-day at once (the sheet): ``marks`` maps enrolment ids
    to present (True) or absent (False). Only once the half-day has started,
    only for confirmed participants of the session. Completes the session when
    its attendance is then complete. Returns how many marks changed."""
    if not may_record_attendance(user, slot.session):
        raise PermissionDenied
    if not marks:
        raise TrainingError(
            _("Indiquez pour au moins une personne si elle est présente ou absente.")
        )
    with transaction.atomic():
        session = locked_session(slot.session_id)
        _refuse_if_closed(session)
        if engine.now() < slot.starts_at():
            raise TrainingError(
                _(
                    "Cette demi-journée n'a pas commencé : les présences se notent "
                    "à partir de son début."
                )
            )
        changed = _write_marks(user=user, session=session, slot=slot, marks=marks)
        session_complete_if_ready(session=session, user=user)
    return changed


def current_slot(
    session: TrainingSession, at: datetime.datetime | None = None
) -> SessionSlot | None:
    """The half-day under way (or about to start) at ``at``."""
    at = at or engine.now()
    for slot in session.slots.all():
        if slot.starts_at() - ARRIVAL_EARLY <= at < slot.ends_at():
            return slot
    return None


def arrival_mark(*, user: Any, enrolment: Enrolment) -> Attendance:
    """The trainer (or GREF) scanned the participant's QR code and confirmed:
    present for the half-day under way."""
    if not may_record_attendance(user, enrolment.session):
        raise PermissionDenied
    with transaction.atomic():
        session = locked_session(enrolment.session_id)
        _refuse_if_closed(session)
        slot = current_slot(session)
        if slot is None:
            raise TrainingError(
                _(
                    "Aucune demi-journée de cette session n'est en cours : l'arrivée "
                    "ne peut pas être notée maintenant."
                )
            )
        _write_marks(user=user, session=session, slot=slot, marks={enrolment.pk: True})
        session_complete_if_ready(session=session, user=user)
    return Attendance.objects.get(enrolment=enrolment, slot=slot)


# Outcomes --------------------------------------------------------------------------


def attendance_complete(session: TrainingSession) -> bool:
    """Every half-day has started and every confirmed participant has a mark
    for each."""
    slots = list(session.slots.all())
    if not slots or engine.now() < max(slot.starts_at() for slot in slots):
        return False
    confirmed = Enrolment.objects.filter(session=session, state=CONFIRMED)
    marked = Attendance.objects.filter(
        enrolment__in=confirmed, slot__session=session
    ).count()
    return marked == len(slots) * confirmed.count()


def _actor(session: TrainingSession, enrolment: Enrolment, user: Any) -> Any:
    """Who fires the outcomes: the user who completed the attendance, or, for
    the periodic task, the last person who recorded it if they still may,
    else an organiser (the log names a real, entitled person)."""
    binding = engine.binding_for(Enrolment)
    takers = {ORGANISER, TRAINER}
    if user is not None and binding.roles_of(user, enrolment) & takers:
        return user
    last = (
        Attendance.objects.filter(slot__session=session, recorded_by__isnull=False)
        .select_related("recorded_by")
        .order_by("-recorded_at", "-pk")
        .first()
    )
    if last and binding.roles_of(last.recorded_by, enrolment) & takers:
        return last.recorded_by
    return binding.holders(enrolment, ORGANISER).order_by("pk").first()


def session_complete_if_ready(*, session: TrainingSession, user: Any = None) -> bool:
    """Complete ``session`` (its row locked by the caller) if its attendance is
    complete: outcomes through the workflow, certificates, then the signal
    after commit. Does nothing for a cancelled or already completed session.
    Returns whether it completed it now."""
    if session.completed_at is not None or session.is_cancelled:
        return False
    if not attendance_complete(session):
        return False
    slots = list(session.slots.all())
    present: dict[int, int] = {}
    for enrolment_id in Attendance.objects.filter(
        slot__session=session, present=True
    ).values_list("enrolment_id", flat=True):
        present[enrolment_id] = present.get(enrolment_id, 0) + 1
    enrolments = list(
        Enrolment.objects.filter(session=session, state=CONFIRMED)
        .select_related("session", "person", "structure__organisation")
        .order_by("pk")
    )
    actor = None
    for enrolment in enrolments:
        count = present.get(enrolment.pk, 0)
        if count == len(slots):
            transition = MARK_ATTENDED
        elif count:
            transition = MARK_PARTIAL
        else:
            transition = MARK_ABSENT
        actor = actor or _actor(session, enrolment, user)
        moved = engine.fire(enrolment, transition, user=actor, expected_state=CONFIRMED)
        if moved.state in CERTIFIED_STATES:
            certificate_issue(enrolment=moved, user=actor)
    session.completed_at = engine.now()
    session._history_user = user
    session._change_reason = "completed"
    session.save(update_fields=["completed_at", "updated_at"])
    completed = session
    transaction.on_commit(
        lambda: session_completed.send(sender=TrainingSession, session=completed)
    )
    return True


def sessions_close(*, at: datetime.datetime | None = None) -> int:
    """The periodic sweep: each published session that has ended and is not
    completed is completed if its attendance is complete; attendees of
    completed sessions missing a certificate get one. Idempotent. Returns how
    many sessions were completed."""
    now = at or engine.now()
    closed = 0
    ended = TrainingSession.objects.filter(
        status=SessionStatus.PUBLISHED, completed_at__isnull=True, ends_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(ended):
        with transaction.atomic():
            if session_complete_if_ready(session=locked_session(pk)):
                closed += 1
    missing = Enrolment.objects.filter(
        session__completed_at__isnull=False,
        state__in=CERTIFIED_STATES,
        certificate__isnull=True,
    ).select_related("session")
    for enrolment in missing:
        try:
            certificate_issue(enrolment=enrolment, user=None)
        except TrainingError:
            continue
    return closed


# Certificates -----------------------------------------------------------------------


def attended_hours(enrolment: Enrolment) -> Decimal:
    """The hours of the half-days the person was marked present at; a person
    marked present by hand (no sheet) is counted for the whole session."""
    slots = [
        row.slot
        for row in Attendance.objects.filter(
            enrolment=enrolment, present=True
        ).select_related("slot")
    ]
    if not slots and enrolment.state == ATTENDED:
        slots = list(enrolment.session.slots.all())
    return sum((slot.hours for slot in slots), Decimal("0"))


def _issuer(session: TrainingSession) -> Organisation:
    """GREF issues the certificates of the plan (the action's provider if the
    platform has no GREF)."""
    gref = Organisation.objects.filter(kind=OrganisationKind.GREF).order_by("pk")
    return gref.first() or session.action.offered_by


def certificate_issue(*, enrolment: Enrolment, user: Any = None) -> Certificate:
    """The certificate of an attendee (present fully or in part), with the hours
    actually attended and a fresh random code; the person is told (notice and
    mail, the mail sent after commit). Idempotent: returns the existing one."""
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update()
            .select_related("session__action", "person")
            .get(pk=enrolment.pk)
        )
        existing = Certificate.objects.filter(enrolment=locked).first()
        if existing is not None:
            return existing
        if locked.state not in CERTIFIED_STATES:
            raise TrainingError(
                _(
                    "Seule une personne présente, en tout ou partie, reçoit une "
                    "attestation."
                )
            )
        hours = attended_hours(locked)
        if hours <= 0:
            raise TrainingError(_("Aucune heure de présence n'est notée."))
        for _attempt in range(10):
            code = new_certificate_code()
            if not Certificate.objects.filter(code=code).exists():
                break
        else:  # pragma: no cover - 10 collisions in 8.5e11 codes
            raise IntegrityError("no free certificate code")
        certificate = Certificate(
            enrolment=locked,
            hours=hours,
            code=code,
            issuer=_issuer(locked.session),
            issued_by=user,
            issued_at=engine.now(),
        )
        certificate._history_user = user
        certificate.save()
        session = locked.session
        users_notify(
            users=[locked.person],
            subject=_("Attestation disponible : %(session)s")
            % {"session": session.title},
            body=_(
                "Votre attestation de présence à « %(session)s » (%(hours)s h suivies) "
                "est disponible sur la page de votre inscription. Son code de "
                "vérification : %(code)s."
            )
            % {"session": session.title, "hours": hours, "code": code},
            url=locked.get_absolute_url(),
            site_url=site_url(),
        )
    return certificate


def certificate_revoke(
    *, user: Any, certificate: Certificate, reason: str
) -> Certificate:
    """GREF or the Région revoke a certificate issued by mistake, with a written
    reason; its public check then says it is revoked."""
    session = certificate.enrolment.session
    if not session_policy.can(user, "manage", session):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError(_("Indiquez le motif de la révocation."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise TrainingError(_("Cette attestation est déjà révoquée."))
        locked.revoked_at = engine.now()
        locked.revoked_by = user
        locked.revocation_reason = reason[:1000]
        locked._history_user = user
        locked.save()
    return locked


def certificate_description(certificate: Certificate) -> str:
    """The dates of the session, for the documents and the public check."""
    return session_dates(certificate.enrolment.session)
