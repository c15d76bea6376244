"""Writes of the accueil: receptions, tallies, points de situation, referrals
with consent, their withdrawal, and the erasure of personal data.

Every write checks the user's right to it here (the views only route), runs in
one transaction and says what is wrong in French (``ValidationError``), having
changed nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from extranet.models import Service, Structure
from notifications.formats import long_date
from notifications.services import mail_enqueue
from workflows import engine

from . import links
from .definitions import (
    ACCEPT,
    DECLINE,
    EXPIRE,
    OPEN_STATES,
    PERSON_WITHDRAWS,
    RECEIVER,
    SENDER,
    WITHDRAW,
)
from .models import (
    Appointment,
    AppointmentStatus,
    BookableBy,
    BookedVia,
    Consent,
    ConsentMethod,
    ContactChannel,
    DeclineReason,
    Question,
    Reception,
    ReceptionKind,
    ReceptionSettings,
    Referral,
    Slot,
    Urgency,
)
from .models.appointments import BOOKERS_ORDER, TAKING_STATUSES
from .models.receptions import new_reference, normalise_reference, question_field
from .policy import receiving_structures, staff_organisation_ids

ERASED_REASON = "conservation"

# The text shown to the person before they consent to a referral (kept, as
# shown, on the consent record).
CONSENT_TEXT = _(
    "J'accepte que %(from)s transmette ma demande à %(to)s, pour %(purpose)s. "
    "Seules les informations que j'ai choisies sont transmises. Je peux retirer "
    "mon accord à tout moment, auprès de l'une ou l'autre structure ou en ligne "
    "avec mon code de suivi : la demande s'arrête alors et mes données sont "
    "effacées. Sans retrait, elles sont effacées au bout de %(months)s mois."
)


# Retention -------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def personal_until(day: datetime.date | None = None) -> datetime.date:
    """Until when personal data written today is kept (the Région's setting)."""
    day = day or timezone.localdate()
    return add_months(day, ReceptionSettings.current().retention_months)


def erase_personal_fields(obj: models.Model) -> None:
    """Blank ``obj``'s personal fields in its row *and* in every history row
    of it, and say when (the statistics fields stay). One update each."""
    model = type(obj)
    blank: dict[str, Any] = {}
    for name in model.PERSONAL_FIELDS:
        field = model._meta.get_field(name)
        blank[name] = None if field.null else ""
    now = timezone.now()
    model._default_manager.filter(pk=obj.pk).update(erased_at=now, **blank)
    model.history.filter(id=obj.pk).update(**blank)
    for name, value in blank.items():
        setattr(obj, name, value)
    obj.erased_at = now


def settings_update(*, user: Any, retention_months: int) -> ReceptionSettings:
    from .policy import may_change_settings

    if not may_change_settings(user):
        raise ValidationError(_("Seule la coordination régionale règle l'accueil."))
    found = ReceptionSettings.current()
    found.retention_months = retention_months
    found.updated_by = user
    found._history_user = user
    found.full_clean()
    found.save()
    return found


# Receptions ------------------------------------------------------------------


def _structure_for(user: Any, structure: Structure | None) -> Structure:
    """The structure the user records for: one they receive the public for,
    under a convention in force."""
    mine = receiving_structures(user)
    if structure is None:
        if len(mine) == 1:
            return mine[0]
        if not mine:
            raise ValidationError(
                _(
                    "Vous ne pouvez pas enregistrer d'accueil : il faut être membre "
                    "d'une structure dont la convention SPRO est en vigueur."
                )
            )
        raise ValidationError(_("Choisissez la structure pour laquelle vous recevez."))
    if structure.pk not in {s.pk for s in mine}:
        raise ValidationError(
            _(
                "Vous ne pouvez pas enregistrer d'accueil pour cette structure : "
                "il faut en être membre et que sa convention SPRO soit en vigueur."
            )
        )
    return structure


def _questions(questions: Iterable[str]) -> dict[str, bool]:
    chosen = set(questions)
    unknown = chosen - {q.value for q in Question}
    if unknown:
        raise ValidationError(_("Une question choisie n'existe pas."))
    return {question_field(q.value): q.value in chosen for q in Question}


def _unique_reference() -> str:
    for _attempt in range(10):
        code = new_reference()
        if not Reception.objects.filter(reference=code).exists():
            return code
    raise RuntimeError("no free reference code")  # 40 bits: never in practice


def reception_record(
    *,
    user: Any,
    structure: Structure | None = None,
    channel: str,
    mode: str,
    urgency: str,
    questions: Iterable[str],
    age_band: str = "unknown",
    person_status: str = "unknown",
    anonymous: bool = False,
    share_summary: bool = False,
    person_label: str = "",
    contact: str = "",
    summary: str = "",
    information_given: str = "",
    resources: str = "",
    next_steps: str = "",
    recommended: Iterable[Structure] = (),
    received_on: datetime.date | None = None,
) -> Reception:
    """Record one reception (and its point de situation if written), with a
    fresh reference code the person may quote elsewhere."""
    structure = _structure_for(user, structure)
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise ValidationError(_("La date de l'accueil ne peut pas être dans le futur."))
    if anonymous:
        # Whatever was typed, an anonymous person leaves no identity.
        person_label, contact = "", ""
    reception = Reception(
        structure=structure,
        recorded_by=user,
        kind=ReceptionKind.FULL,
        received_on=received_on,
        channel=channel,
        mode=mode,
        urgency=urgency,
        age_band=age_band or "unknown",
        person_status=person_status or "unknown",
        anonymous=anonymous,
        share_summary=share_summary,
        person_label=person_label.strip(),
        contact=contact.strip(),
        summary=summary.strip(),
        information_given=information_given.strip(),
        resources=resources.strip(),
        next_steps=next_steps.strip(),
        personal_until=personal_until(received_on),
        **_questions(questions),
    )
    reception.full_clean(exclude=["reference", "recorded_by"])
    with transaction.atomic():
        reception.reference = _unique_reference()
        reception._history_user = user
        reception.save()
        reception.recommended.set(list(recommended))
    return reception


def tally_record(
    *,
    user: Any,
    structure: Structure | None = None,
    channel: str,
    urgency: str,
    questions: Iterable[str],
    people: int = 1,
) -> Reception:
    """A quick tally: channel, urgency, questions, in a few seconds; nothing
    about the person (for structures that keep their own records)."""
    structure = _structure_for(user, structure)
    today = timezone.localdate()
    reception = Reception(
        structure=structure,
        recorded_by=user,
        kind=ReceptionKind.TALLY,
        received_on=today,
        channel=channel,
        urgency=urgency,
        people=people,
        **_questions(questions),
    )
    reception.full_clean(exclude=["recorded_by"])
    reception._history_user = user
    reception.save()
    return reception


def point_update(
    *,
    user: Any,
    reception: Reception,
    summary: str,
    information_given: str,
    resources: str,
    next_steps: str,
    share_summary: bool,
    recommended: Iterable[Structure] = (),
) -> Reception:
    """Write or correct the point de situation of a reception of one's own
    structure (until its personal data is erased)."""
    if reception.structure.organisation_id not in staff_organisation_ids(user):
        raise ValidationError(_("Cet accueil n'est pas celui de votre structure."))
    if reception.kind != ReceptionKind.FULL or reception.is_erased:
        raise ValidationError(
            _(
                "Ce point de situation ne peut plus être modifié : ses données "
                "ont été effacées ou il s'agit d'un comptage rapide."
            )
        )
    with transaction.atomic():
        locked = Reception.objects.select_for_update().get(pk=reception.pk)
        locked.summary = summary.strip()
        locked.information_given = information_given.strip()
        locked.resources = resources.strip()
        locked.next_steps = next_steps.strip()
        locked.share_summary = share_summary
        locked.full_clean(exclude=["recorded_by"])
        locked._history_user = user
        locked.save()
        locked.recommended.set(list(recommended))
    return locked


def point_text(reception: Reception) -> str:
    """The point de situation in plain French, as the mail carries it."""
    lines = [
        _("Votre point de situation du %(date)s, avec %(structure)s.")
        % {
            "date": long_date(reception.received_on),
            "structure": reception.structure.name,
        },
        "",
    ]
    if reception.summary:
        lines += [_("Ce que nous avons vu ensemble :"), reception.summary, ""]
    if reception.information_given:
        lines += [_("Les informations données :"), reception.information_given, ""]
    resources = reception.resource_lines()
    structures = list(reception.recommended.all())
    if resources or structures:
        lines.append(_("Des ressources pour vous :"))
        lines += [f"- {line}" for line in resources]
        lines += [
            f"- {s.name}, {s.city} : {links.public_card_url(s)}" for s in structures
        ]
        lines.append("")
    steps = reception.next_step_lines()
    if steps:
        lines.append(_("Vos prochaines étapes :"))
        lines += [f"- {line}" for line in steps]
        lines.append("")
    lines += [
        _("Votre code de suivi : %(code)s") % {"code": reception.reference},
        _(
            "Donnez ce code à toute structure du SPRO Bretagne : elle verra ce que "
            "vous avez choisi de partager, sans votre identité. Suivez vos "
            "demandes avec ce code sur %(url)s"
        )
        % {"url": links.status_url()},
    ]
    return "\n".join(lines)


def point_mail(*, user: Any, reception: Reception, to: str) -> None:
    """Send the point de situation to an address typed once: the address is
    not stored on the reception, and the outbox forgets it once sent."""
    from django.core.validators import validate_email

    if reception.structure.organisation_id not in staff_organisation_ids(user):
        raise ValidationError(_("Cet accueil n'est pas celui de votre structure."))
    if reception.kind != ReceptionKind.FULL or reception.is_erased:
        raise ValidationError(_("Ce point de situation n'existe plus."))
    to = (to or "").strip()
    try:
        validate_email(to)
    except ValidationError:
        raise ValidationError(
            _("Saisissez une adresse de courriel valide, par exemple nom@exemple.fr.")
        ) from None
    with transaction.atomic():
        mail_enqueue(
            to=to,
            subject=_("Votre point de situation – SPRO Bretagne"),
            body=point_text(reception),
            personal=True,
        )


def shared_point(code: str) -> Reception | None:
    """The point de situation a person chose to share, found by their code
    (for any member structure); None when the code is unknown, not shared or
    erased. No identity is ever part of what is shown."""
    code = normalise_reference(code)
    if not code:
        return None
    return (
        Reception.objects.filter(
            reference=code, share_summary=True, erased_at__isnull=True
        )
        .select_related("structure__organisation")
        .first()
    )


# Referrals -------------------------------------------------------------------


def service_offered(structure: Structure, service: str) -> bool:
    """Does ``structure`` offer ``service`` (the API: under a convention in
    force), and receive the public at all?"""
    if not structure.organisation.is_active:
        return False
    return service in {s.value for s in structure.delivered_services()}


def referral_send(
    *,
    user: Any,
    reception: Reception,
    to_structure: Structure,
    service: str,
    consent_method: str,
    consent_given: bool,
    purpose: str,
    contact_channel: str,
    request: str = "",
    contact: str = "",
    person_label: str = "",
    share_situation: bool = False,
    share_summary: bool = False,
    slot: Slot | None = None,
) -> Referral:
    """Send a referral with the person's consent (recorded as such), and, if a
    slot is chosen, book it for the person in the same transaction."""
    if reception.structure.organisation_id not in staff_organisation_ids(user):
        raise ValidationError(_("Cet accueil n'est pas celui de votre structure."))
    if reception.kind != ReceptionKind.FULL or reception.is_erased:
        raise ValidationError(
            _("On ne peut orienter qu'à partir d'un accueil complet et en cours.")
        )
    if not consent_given or consent_method not in ConsentMethod.values:
        raise ValidationError(
            _(
                "La personne doit avoir donné son accord pour cette mise en "
                "relation : indiquez comment elle l'a donné. Sans accord, rien "
                "n'est transmis."
            )
        )
    if service not in Service.values:
        raise ValidationError(_("Choisissez le service demandé."))
    if to_structure.pk == reception.structure_id:
        raise ValidationError(_("Choisissez une autre structure que la vôtre."))
    if not service_offered(to_structure, service):
        raise ValidationError(
            _(
                "%(structure)s ne propose pas le service « %(service)s » : "
                "choisissez une structure qui le propose."
            )
            % {"structure": to_structure.name, "service": Service(service).label}
        )
    if contact_channel not in ContactChannel.values:
        raise ValidationError(
            _("Indiquez comment la personne souhaite être recontactée.")
        )
    if contact_channel in (ContactChannel.PHONE, ContactChannel.MAIL) and not contact:
        raise ValidationError(
            _("Indiquez le téléphone ou le courriel où la personne veut être jointe.")
        )
    if contact_channel == ContactChannel.APPOINTMENT and slot is None:
        raise ValidationError(_("Choisissez le créneau du rendez-vous."))
    if reception.anonymous:
        person_label = ""
    purpose = (purpose or "").strip() or Service(service).label
    with transaction.atomic():
        referral = Referral(
            reception=reception,
            from_structure=reception.structure,
            to_structure=to_structure,
            service=service,
            sent_by=user,
            urgency=reception.urgency,
            contact_channel=contact_channel,
            contact=(contact or "").strip(),
            person_label=(person_label or "").strip(),
            request=(request or "").strip(),
            share_situation=share_situation,
            share_summary=share_summary,
            personal_until=reception.personal_until or personal_until(),
        )
        referral.sent_at = timezone.now()
        engine.start(referral, user=user)
        referral.full_clean(exclude=["sent_by", "state", "reception"])
        referral._history_user = user
        referral.save()
        Consent.objects.create(
            referral=referral,
            recipient=to_structure,
            purpose=purpose[:300],
            method=consent_method,
            text_shown=consent_text(reception.structure, to_structure, purpose),
            given_at=timezone.now(),
            recorded_by=user,
        )
        if slot is not None:
            if slot.structure_id != to_structure.pk:
                raise ValidationError(
                    _("Ce créneau n'est pas celui de la structure destinataire.")
                )
            appointment_book(
                slot=slot,
                via=BookedVia.REFERRAL,
                user=user,
                person_label=referral.person_label or _("Personne orientée"),
                contact=referral.contact,
                referral=referral,
                reception=reception,
            )
        engine.notify(
            referral,
            engine.holders(referral, [RECEIVER]),
            subject=_("Nouvelle mise en relation : %(service)s (%(urgency)s)")
            % {
                "service": Service(service).label,
                "urgency": Urgency(referral.urgency).label,
            },
        )
    return referral


def consent_text(
    from_structure: Structure, to_structure: Structure, purpose: str
) -> str:
    return str(CONSENT_TEXT) % {
        "from": from_structure.name,
        "to": to_structure.name,
        "purpose": purpose,
        "months": ReceptionSettings.current().retention_months,
    }


def referral_decline(
    *,
    user: Any,
    referral: Referral,
    reason: str,
    note: str = "",
    proposed_structure: Structure | None = None,
    proposed_date: datetime.date | None = None,
    expected_state: str | None = None,
) -> Referral:
    """Decline with a reason from the list (and, when full, a proposal of
    another date or structure), shown to the sender."""
    if reason not in DeclineReason.values:
        raise ValidationError(_("Choisissez un motif de refus dans la liste."))
    if reason == DeclineReason.OTHER and not note.strip():
        raise ValidationError(_("Précisez le motif du refus."))
    if proposed_date and proposed_date < timezone.localdate():
        raise ValidationError(_("La date proposée est déjà passée."))
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        if RECEIVER not in engine.binding_for(locked).roles_of(user, locked):
            raise engine.TransitionNotAllowed(
                _("Seule la structure destinataire peut refuser cette demande.")
            )
        if locked.state not in OPEN_STATES:
            raise engine.StaleState(
                _("Cette demande n'attend plus de réponse : elle est « %(state)s ».")
                % {"state": locked.state_label}
            )
        locked.decline_reason = reason
        locked.decline_note = note.strip()
        locked.proposed_structure = proposed_structure
        locked.proposed_date = proposed_date
        locked.full_clean(exclude=["sent_by", "reception"])
        locked._history_user = user
        locked.save()
        return engine.fire(locked, DECLINE, user=user, expected_state=expected_state)


def referral_outcome_tell(*, referral: Referral, transition: str) -> None:
    """Tell the sending structure's staff the outcome (inside the transition)."""
    referral.decided_at = timezone.now()
    Referral.objects.filter(pk=referral.pk).update(decided_at=referral.decided_at)
    to = referral.to_structure.name
    if transition == ACCEPT:
        subject = _("Mise en relation acceptée par %(to)s") % {"to": to}
        intro = _("%(to)s a accepté la demande ; elle recontacte la personne.") % {
            "to": to
        }
    elif transition == DECLINE:
        subject = _("Mise en relation refusée par %(to)s") % {"to": to}
        intro = _("Motif : %(reason)s.") % {
            "reason": DeclineReason(referral.decline_reason).label
        }
        if referral.proposed_structure_id:
            intro += " " + _("Autre structure proposée : %(s)s.") % {
                "s": referral.proposed_structure.name
            }
        if referral.proposed_date:
            intro += " " + _("Autre date proposée : %(d)s.") % {
                "d": long_date(referral.proposed_date)
            }
    elif transition == EXPIRE:
        subject = _("Mise en relation sans réponse de %(to)s") % {"to": to}
        intro = _(
            "La demande a expiré sans réponse : proposez à la personne une autre "
            "structure."
        )
    else:
        return
    engine.notify(
        referral, engine.holders(referral, [SENDER]), subject=subject, intro=intro
    )


def referral_consent_end(*, referral: Referral, user: Any) -> None:
    """The consent is withdrawn (by a professional on the person's word, or by
    the person online): say so on the record, erase the referral's personal
    data everywhere (row, history, comments), and cancel its appointments."""
    now = timezone.now()
    actor = user if getattr(user, "is_authenticated", False) else None
    Consent.objects.filter(referral=referral, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_by=actor
    )
    for appointment in Appointment.objects.filter(referral=referral):
        if appointment.status == AppointmentStatus.BOOKED:
            Appointment.objects.filter(pk=appointment.pk).update(
                status=AppointmentStatus.CANCELLED
            )
        erase_personal_fields(appointment)
    erase_personal_fields(referral)
    engine.redact_comments(referral, reason=str(_("consentement retiré")))


def referral_withdraw(
    *, user: Any, referral: Referral, expected_state: str | None = None
) -> Referral:
    """A professional of the sending structure records that the person
    withdrew their consent."""
    return engine.fire(referral, WITHDRAW, user=user, expected_state=expected_state)


def referral_withdraw_by_person(*, code: str, referral_pk: int) -> Referral:
    """The person withdraws their consent online, with their code."""
    reception = Reception.objects.filter(
        reference=normalise_reference(code), erased_at__isnull=True
    ).first()
    referral = (
        Referral.objects.filter(pk=referral_pk, reception=reception).first()
        if reception
        else None
    )
    if referral is None:
        raise ValidationError(_("Ce code ne correspond à aucune demande en cours."))
    try:
        return engine.fire(referral, PERSON_WITHDRAWS, user=None, system=True)
    except engine.TransitionError as error:
        raise ValidationError(error.message) from None


# Appointments ----------------------------------------------------------------

ALLOWED_BOOKERS = {
    BookedVia.STAFF: BookableBy.STAFF,
    BookedVia.REFERRAL: BookableBy.REFERRERS,
    BookedVia.PUBLIC: BookableBy.PUBLIC,
}


def appointment_book(
    *,
    slot: Slot,
    via: str,
    user: Any = None,
    person_label: str,
    contact: str = "",
    note: str = "",
    referral: Referral | None = None,
    reception: Reception | None = None,
) -> tuple[Appointment, str]:
    """Book ``slot`` for one person; returns the appointment and the secret of
    its cancel link (only its hash is kept). Under the slot's row lock, so two
    bookings of one slot at the same moment give one booking and one French
    refusal; a partial unique constraint is the last word."""
    needed = ALLOWED_BOOKERS[via]
    person_label = (person_label or "").strip()
    if not person_label:
        raise ValidationError(_("Indiquez un prénom ou un pseudonyme."))
    key, key_hash = links.new_cancel_key()
    with transaction.atomic():
        locked = (
            Slot.objects.select_for_update()
            .select_related("structure__organisation")
            .filter(pk=slot.pk)
            .first()
        )
        now = timezone.now()
        if locked is None or locked.cancelled_at is not None:
            raise ValidationError(_("Ce créneau n'existe plus."))
        if locked.starts_at <= now:
            raise ValidationError(
                _("Ce créneau est déjà passé : choisissez-en un autre.")
            )
        if not (locked.books_from <= now < locked.books_until):
            raise ValidationError(
                _("Ce créneau n'est pas ouvert à la réservation en ce moment.")
            )
        if BOOKERS_ORDER[locked.bookable_by] < BOOKERS_ORDER[needed]:
            raise ValidationError(_("Ce créneau ne peut pas être réservé ainsi."))
        if via == BookedVia.STAFF and locked.structure.organisation_id not in (
            staff_organisation_ids(user)
        ):
            raise ValidationError(_("Ce créneau n'est pas celui de votre structure."))
        if locked.appointments.filter(status__in=TAKING_STATUSES).exists():
            raise ValidationError(
                _("Ce créneau vient d'être réservé : choisissez-en un autre.")
            )
        appointment = Appointment(
            slot=locked,
            booked_via=via,
            booked_by=user if getattr(user, "is_authenticated", False) else None,
            referral=referral,
            reception=reception,
            person_label=person_label,
            contact=(contact or "").strip(),
            note=(note or "").strip(),
            cancel_key_hash=key_hash,
            personal_until=personal_until(timezone.localdate(locked.starts_at)),
        )
        appointment.full_clean(exclude=["booked_by", "referral", "reception", "slot"])
        appointment._history_user = appointment.booked_by
        try:
            with transaction.atomic():
                appointment.save()
        except IntegrityError:
            raise ValidationError(
                _("Ce créneau vient d'être réservé : choisissez-en un autre.")
            ) from None
    return appointment, key
