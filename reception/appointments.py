"""Writes of the appointments: a structure publishes series of slots, cancels
them, books one for a person, records how it went; the person books online,
cancels with the secret of their link; reminders go out two days before.

Every write checks the user's right to it here (staff of the slot's
structure), runs in one transaction, keeps its history (``_history_user``) and
says what is wrong in French (``ValidationError``), having changed nothing.
Bookings themselves go through ``services.appointment_book`` (the slot's row
lock, one live booking per slot).
"""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from extranet.models import Structure, User
from extranet.models.organisations import phone_validator
from notifications.formats import long_date, time_of_day
from notifications.services import mail_enqueue, notification_post, users_notify

from . import links, services
from .models import (
    Appointment,
    AppointmentStatus,
    BookableBy,
    BookedVia,
    ReceptionSettings,
    Slot,
    SlotChannel,
)
from .models.appointments import TAKING_STATUSES
from .policy import STAFF_ROLES, staff_memberships, staff_organisation_ids

# A series is a morning or a day of appointments, not a year of them.
MAX_SLOTS_PER_SERIES = 40
MIN_DURATION, MAX_DURATION = 5, 240
MAX_OPENS_DAYS = 90
MAX_CLOSES_HOURS = 72
SMS_LENGTH = 160

# What a structure may record once the appointment is booked.
OUTCOMES = (
    AppointmentStatus.SEEN,
    AppointmentStatus.NO_SHOW,
    AppointmentStatus.EXCUSED,
    AppointmentStatus.CANCELLED_BY_STRUCTURE,
)
# These say what happened at the appointment: only once it has started.
AFTER_START = (AppointmentStatus.SEEN, AppointmentStatus.NO_SHOW)
# A recorded outcome may be corrected among these; a cancellation is final.
CORRECTABLE = (
    AppointmentStatus.BOOKED,
    AppointmentStatus.SEEN,
    AppointmentStatus.NO_SHOW,
    AppointmentStatus.EXCUSED,
)


# Rights and contacts ------------------------------------------------------------


def manageable_structures(user: Any) -> list[Structure]:
    """The structures whose slots ``user`` manages (staff of them)."""
    return [m.organisation.structure for m in staff_memberships(user)]


def _check_staff(user: Any, structure_organisation_id: int) -> None:
    if structure_organisation_id not in staff_organisation_ids(user):
        raise ValidationError(
            _("Ce créneau n'est pas celui de votre structure : rien n'a changé.")
        )


def contact_kind(contact: str) -> str:
    """``"email"``, ``"phone"`` or ``""`` (none, or neither)."""
    contact = (contact or "").strip()
    if not contact:
        return ""
    if "@" in contact:
        try:
            validate_email(contact)
        except ValidationError:
            return ""
        return "email"
    try:
        phone_validator(contact)
    except ValidationError:
        return ""
    return "phone"


def contact_clean(contact: str, *, required: bool) -> str:
    """The contact as typed (trimmed) if it is an e-mail address or a French
    phone number; a French error otherwise."""
    contact = (contact or "").strip()
    if not contact:
        if required:
            raise ValidationError(
                {
                    "contact": _(
                        "Indiquez une adresse de courriel ou un numéro de "
                        "téléphone pour recevoir la confirmation."
                    )
                }
            )
        return ""
    if not contact_kind(contact):
        raise ValidationError(
            {
                "contact": _(
                    "Saisissez une adresse de courriel (par exemple nom@exemple.fr) "
                    "ou un numéro de téléphone français (par exemple 06 12 34 56 78)."
                )
            }
        )
    return contact


def staff_of(structure: Structure) -> list[Any]:
    """The active staff of ``structure`` (who receive its notices)."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=structure.organisation_id,
            memberships__organisation__is_active=True,
            memberships__role__in=STAFF_ROLES,
        )
        .distinct()
        .order_by("pk")
    )


# Slots -------------------------------------------------------------------------


def slot_series_create(
    *,
    user: Any,
    structure: Structure,
    day: datetime.date,
    first_start: datetime.time,
    duration_minutes: int,
    count: int,
    service: str,
    channel: str,
    place: str = "",
    bookable_by: str,
    opens_days_before: int,
    closes_hours_before: int,
) -> list[Slot]:
    """Publish ``count`` consecutive slots of ``duration_minutes`` from
    ``first_start`` on ``day``. Refused whole (nothing written) when one would
    start in the past or overlap a live slot of the structure, when the
    service is not one the structure delivers, or when the series is too long.
    The structure's row is locked, so two series typed at once cannot overlap."""
    if structure.organisation_id not in staff_organisation_ids(user):
        raise ValidationError(
            _("Vous ne pouvez publier des créneaux que pour votre structure.")
        )
    if not 1 <= count <= MAX_SLOTS_PER_SERIES:
        raise ValidationError(
            {
                "count": _("Publiez entre 1 et %(max)d créneaux à la fois.")
                % {"max": MAX_SLOTS_PER_SERIES}
            }
        )
    if not MIN_DURATION <= duration_minutes <= MAX_DURATION:
        raise ValidationError(
            {
                "duration_minutes": _(
                    "Un créneau dure entre %(min)d et %(max)d minutes."
                )
                % {"min": MIN_DURATION, "max": MAX_DURATION}
            }
        )
    if service not in {s.value for s in structure.delivered_services()}:
        raise ValidationError(
            {
                "service": _(
                    "Votre structure ne propose pas ce service : choisissez l'un "
                    "de ceux de sa fiche."
                )
            }
        )
    if channel not in SlotChannel.values:
        raise ValidationError({"channel": _("Choisissez une modalité.")})
    if bookable_by not in BookableBy.values:
        raise ValidationError({"bookable_by": _("Choisissez qui peut réserver.")})
    if not 1 <= opens_days_before <= MAX_OPENS_DAYS:
        raise ValidationError(
            {
                "opens_days_before": _(
                    "La réservation ouvre entre 1 et %(max)d jours avant."
                )
                % {"max": MAX_OPENS_DAYS}
            }
        )
    if not 0 <= closes_hours_before <= MAX_CLOSES_HOURS:
        raise ValidationError(
            {
                "closes_hours_before": _(
                    "La réservation ferme entre 0 et %(max)d heures avant."
                )
                % {"max": MAX_CLOSES_HOURS}
            }
        )
    if closes_hours_before >= opens_days_before * 24:
        raise ValidationError(
            {
                "closes_hours_before": _(
                    "La réservation doit fermer après avoir ouvert : ouvrez-la plus "
                    "tôt ou fermez-la plus près du rendez-vous."
                )
            }
        )
    first = timezone.make_aware(datetime.datetime.combine(day, first_start))
    length = datetime.timedelta(minutes=duration_minutes)
    now = timezone.now()
    if first <= now:
        raise ValidationError(
            {
                "first_start": _(
                    "Ce créneau serait déjà passé : choisissez une heure à venir."
                )
            }
        )
    end = first + length * count
    if timezone.localtime(end - datetime.timedelta(seconds=1)).date() != day:
        raise ValidationError(
            {"count": _("La série dépasse minuit : publiez moins de créneaux.")}
        )
    place = (place or "").strip()
    slots = []
    for n in range(count):
        starts = first + length * n
        slots.append(
            Slot(
                structure=structure,
                service=service,
                channel=channel,
                starts_at=starts,
                ends_at=starts + length,
                place=place,
                bookable_by=bookable_by,
                books_from=starts - datetime.timedelta(days=opens_days_before),
                books_until=starts - datetime.timedelta(hours=closes_hours_before),
                created_by=user,
            )
        )
    for slot in slots:
        slot.full_clean(exclude=["created_by"])
    with transaction.atomic():
        Structure.objects.select_for_update().filter(pk=structure.pk).first()
        clash = (
            Slot.objects.filter(
                structure=structure,
                cancelled_at__isnull=True,
                starts_at__lt=end,
                ends_at__gt=first,
            )
            .order_by("starts_at")
            .first()
        )
        if clash is not None:
            raise ValidationError(
                _(
                    "Ces créneaux chevauchent un créneau déjà publié (%(when)s) : "
                    "changez l'heure ou le nombre de créneaux."
                )
                % {"when": clash.when}
            )
        for slot in slots:
            slot._history_user = user
            slot.save()
    return slots


def _tell_person_cancelled(appointment: Appointment, slot: Slot) -> None:
    """Inside the transaction: a mail to the person (e-mail contact, address
    forgotten once sent), a notice to the referring structure's staff."""
    structure = slot.structure
    if contact_kind(appointment.contact) == "email":
        lines = [
            _("Bonjour %(name)s,") % {"name": appointment.person_label},
            "",
            _(
                "%(structure)s doit annuler votre rendez-vous du %(when)s. "
                "Nous vous prions de nous en excuser."
            )
            % {"structure": structure.name, "when": slot.when},
            _("Pour en prendre un autre : %(url)s")
            % {"url": links.site_url() + _public_slots_path(structure)},
        ]
        if structure.phone:
            lines.append(_("Ou appelez-nous : %(phone)s") % {"phone": structure.phone})
        mail_enqueue(
            to=appointment.contact,
            subject=_("Rendez-vous annulé – %(structure)s")
            % {"structure": structure.name},
            body="\n".join(lines),
            personal=True,
        )
    if appointment.booked_via == BookedVia.REFERRAL and appointment.referral_id:
        referral = appointment.referral
        users_notify(
            users=staff_of(referral.from_structure),
            subject=_("Rendez-vous annulé par %(structure)s")
            % {"structure": structure.name},
            body=_(
                "Le rendez-vous du %(when)s pris pour une personne que vous avez "
                "orientée est annulé par la structure. Proposez-lui un autre "
                "créneau."
            )
            % {"when": slot.when},
            url=referral.get_absolute_url(),
            site_url=links.site_url(),
        )


def _public_slots_path(structure: Structure) -> str:
    from django.urls import reverse

    return reverse("reception_public:slots", args=[structure.organisation.slug])


def slot_cancel(*, user: Any, slot: Slot) -> Slot:
    """Cancel a slot to come; its live booking, if any, becomes "cancelled by
    the structure", and the person (and the structure that referred them) is
    told."""
    with transaction.atomic():
        locked = (
            Slot.objects.select_for_update()
            .select_related("structure__organisation")
            .filter(pk=slot.pk)
            .first()
        )
        if locked is None:
            raise ValidationError(_("Ce créneau n'existe plus."))
        _check_staff(user, locked.structure.organisation_id)
        if locked.cancelled_at is not None:
            raise ValidationError(_("Ce créneau est déjà annulé."))
        if locked.starts_at <= timezone.now():
            raise ValidationError(
                _("Ce créneau a déjà commencé : notez plutôt l'issue du rendez-vous.")
            )
        for appointment in locked.appointments.select_for_update().filter(
            status__in=TAKING_STATUSES
        ):
            _cancel_by_structure(user, appointment, locked)
        locked.cancelled_at = timezone.now()
        locked._history_user = user
        locked.save(update_fields=["cancelled_at"])
    return locked


def _cancel_by_structure(user: Any, appointment: Appointment, slot: Slot) -> None:
    appointment.status = AppointmentStatus.CANCELLED_BY_STRUCTURE
    appointment.outcome_at = timezone.now()
    appointment.outcome_by = user
    appointment._history_user = user
    appointment.save(update_fields=["status", "outcome_at", "outcome_by"])
    _tell_person_cancelled(appointment, slot)


def appointment_outcome_record(
    *, user: Any, appointment: Appointment, outcome: str
) -> Appointment:
    """Record how an appointment went (seen, no-show: once it has started;
    excused; or cancelled by the structure, which tells the person). A
    recorded outcome may be corrected; a cancellation is final."""
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": _("Choisissez l'issue du rendez-vous.")})
    with transaction.atomic():
        locked = (
            Appointment.objects.select_for_update(of=("self",))
            .select_related("slot__structure__organisation", "referral")
            .filter(pk=appointment.pk)
            .first()
        )
        if locked is None:
            raise ValidationError(_("Ce rendez-vous n'existe plus."))
        _check_staff(user, locked.slot.structure.organisation_id)
        if locked.status not in CORRECTABLE:
            raise ValidationError(
                _("Ce rendez-vous est annulé (%(status)s) : son issue ne change plus.")
                % {"status": locked.get_status_display().lower()}
            )
        started = locked.slot.starts_at <= timezone.now()
        if outcome in AFTER_START and not started:
            raise ValidationError(
                {
                    "outcome": _(
                        "Le rendez-vous n'a pas encore commencé : « reçue » ou "
                        "« absente » se notent à partir de son heure."
                    )
                }
            )
        if outcome == AppointmentStatus.CANCELLED_BY_STRUCTURE:
            if started:
                raise ValidationError(
                    {
                        "outcome": _(
                            "Le rendez-vous a déjà commencé : notez si la personne "
                            "a été reçue ou était absente."
                        )
                    }
                )
            _cancel_by_structure(user, locked, locked.slot)
            return locked
        locked.status = outcome
        locked.outcome_at = timezone.now()
        locked.outcome_by = user
        locked._history_user = user
        locked.save(update_fields=["status", "outcome_at", "outcome_by"])
    return locked


# Bookings ------------------------------------------------------------------------


def appointment_book_for_person(
    *, user: Any, slot: Slot, person_label: str, contact: str = "", note: str = ""
) -> Appointment:
    """A staff member books a slot of their own structure for a person (at the
    desk, on the phone). The contact is optional, checked when given."""
    _check_staff(user, slot.structure.organisation_id)
    contact = contact_clean(contact, required=False)
    appointment, _key = services.appointment_book(
        slot=slot,
        via=BookedVia.STAFF,
        user=user,
        person_label=person_label,
        contact=contact,
        note=note,
    )
    return appointment


def appointment_book_online(
    *, slot: Slot, person_label: str, contact: str
) -> tuple[Appointment, str]:
    """The person books a public slot online: a first name or pseudonym and
    one contact. Returns the appointment and the secret of its cancel link;
    when the contact is an e-mail, the confirmation (with that link) is mailed
    and the address forgotten by the outbox once sent."""
    structure = slot.structure
    if not (structure.is_published and structure.organisation.is_active):
        raise ValidationError(
            _("Ce créneau n'est pas ouvert à la réservation en ligne.")
        )
    contact = contact_clean(contact, required=True)
    if not (person_label or "").strip():
        raise ValidationError(
            {"person_label": _("Indiquez un prénom ou un pseudonyme.")}
        )
    with transaction.atomic():
        appointment, key = services.appointment_book(
            slot=slot,
            via=BookedVia.PUBLIC,
            person_label=person_label,
            contact=contact,
        )
        if contact_kind(contact) == "email":
            mail_enqueue(
                to=contact,
                subject=_("Votre rendez-vous du %(when)s")
                % {"when": appointment.slot.when},
                body=confirmation_text(appointment, key),
                personal=True,
            )
    return appointment, key


def confirmation_text(appointment: Appointment, key: str) -> str:
    slot = appointment.slot
    structure = slot.structure
    lines = [
        _("Bonjour %(name)s,") % {"name": appointment.person_label},
        "",
        _("Votre rendez-vous avec %(structure)s est réservé :")
        % {"structure": structure.name},
        f"- {slot.when}",
        f"- {slot.get_service_display()}",
        f"- {slot.get_channel_display()}" + (f" : {slot.place}" if slot.place else ""),
    ]
    if slot.channel == SlotChannel.PLACE:
        lines.append(
            f"- {structure.address_line}, {structure.postcode} {structure.city}"
        )
    lines += [
        "",
        _("Pour l'ajouter à votre agenda : %(url)s")
        % {"url": links.site_url() + ics_path(appointment.pk, key)},
        _("Pour l'annuler (jusqu'à %(hours)d heures avant) : %(url)s")
        % {
            "hours": settings.SPRO_APPOINTMENT_CANCEL_HOURS,
            "url": links.cancel_url(appointment.pk, key),
        },
    ]
    if structure.phone:
        lines.append(_("Pour nous joindre : %(phone)s") % {"phone": structure.phone})
    lines += ["", retention_sentence()]
    return "\n".join(lines)


def ics_path(appointment_pk: int, key: str) -> str:
    from django.urls import reverse

    return reverse("reception_public:appointment_ics", args=[appointment_pk, key])


def retention_sentence() -> str:
    """What is kept about the person who books, and for how long."""
    return _(
        "Seuls votre prénom (ou pseudonyme) et le contact que vous donnez sont "
        "conservés, pour ce rendez-vous seulement (confirmation, rappel, "
        "annulation) ; la structure ne les utilise à rien d'autre. Ils sont "
        "effacés %(months)d mois après le rendez-vous."
    ) % {"months": ReceptionSettings.current().retention_months}


def appointment_for_key(pk: int, key: str) -> Appointment | None:
    """The appointment whose cancel link carries ``key``; None for a wrong or
    forged key (compared in constant time)."""
    found = (
        Appointment.objects.select_related("slot__structure__organisation")
        .filter(pk=pk, cancel_key_hash__gt="")
        .first()
    )
    if found is None or not links.cancel_key_matches(found.cancel_key_hash, key):
        return None
    return found


def cancel_deadline(appointment: Appointment) -> datetime.datetime:
    return appointment.slot.starts_at - datetime.timedelta(
        hours=settings.SPRO_APPOINTMENT_CANCEL_HOURS
    )


def _person_cancels(appointment_pk: int) -> Appointment:
    """The person cancels (they proved who they are: a cancel link, or their
    code), until ``SPRO_APPOINTMENT_CANCEL_HOURS`` before the start; the slot
    is free again. Under the appointment's row lock."""
    locked = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("slot__structure__organisation")
        .get(pk=appointment_pk)
    )
    if locked.status != AppointmentStatus.BOOKED:
        raise ValidationError(
            _("Ce rendez-vous ne peut plus être annulé : il est « %(status)s ».")
            % {"status": locked.get_status_display().lower()}
        )
    if timezone.now() >= cancel_deadline(locked):
        structure = locked.slot.structure
        message = _(
            "Il est trop tard pour annuler en ligne : l'annulation ferme "
            "%(hours)d heures avant le rendez-vous."
        ) % {"hours": settings.SPRO_APPOINTMENT_CANCEL_HOURS}
        if structure.phone:
            message += " " + _("Prévenez la structure au %(phone)s.") % {
                "phone": structure.phone
            }
        raise ValidationError(message)
    locked.status = AppointmentStatus.CANCELLED
    locked._history_user = None
    locked.save(update_fields=["status"])
    return locked


def appointment_cancel_by_person(*, pk: int, key: str) -> Appointment:
    """The person cancels with the secret of their link. A wrong key changes
    nothing (the view answers 404)."""
    with transaction.atomic():
        found = appointment_for_key(pk, key)
        if found is None:
            raise ValidationError(_("Ce lien d'annulation n'est pas valable."))
        return _person_cancels(found.pk)


def appointment_cancel_by_code(*, code: str, pk: int) -> Appointment:
    """The person cancels, from their status page, an appointment booked for
    them (by the structure that referred them: they hold no cancel link), with
    their reference code."""
    from .models.receptions import normalise_reference

    reference = normalise_reference(code)
    found = (
        Appointment.objects.filter(pk=pk, erased_at__isnull=True)
        .filter(
            models.Q(reception__reference=reference)
            | models.Q(referral__reception__reference=reference)
        )
        .first()
        if reference
        else None
    )
    if found is None:
        raise ValidationError(_("Ce code ne correspond à aucun rendez-vous."))
    with transaction.atomic():
        return _person_cancels(found.pk)


# Reminders -----------------------------------------------------------------------


def _ascii(text: str) -> str:
    """Plain letters (no accents, no typographic signs): an SMS in one part,
    whatever the sender's tool."""
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    text = text.replace("\u202f", " ").replace("\xa0", " ")
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if ord(c) < 128)


def sms_text(appointment: Appointment) -> str:
    """The reminder as an SMS (at most 160 plain characters) that the
    structure's staff send from their own tool."""
    slot = appointment.slot
    structure = slot.structure
    local = timezone.localtime(slot.starts_at)
    when = _("le %(date)s a %(time)s") % {
        "date": _ascii(long_date(local.date())),
        "time": time_of_day(local.time()),
    }
    how = {
        SlotChannel.PLACE: _("sur place"),
        SlotChannel.PHONE: _("par telephone"),
        SlotChannel.VISIO: _("en visio"),
    }.get(slot.channel, "")
    tail = " " + (
        _("Empechement ? Appelez le %(phone)s.") % {"phone": structure.phone}
        if structure.phone
        else _("Empechement ? Prevenez-nous.")
    )
    head = _("Rappel : RDV %(when)s %(how)s avec ") % {"when": when, "how": how}
    name = _ascii(structure.name)
    room = SMS_LENGTH - len(_ascii(head + "." + tail))
    if len(name) > room:
        name = name[: max(room - 1, 0)].rstrip() + "."
    text = _ascii(f"{head}{name}.{tail}")
    return " ".join(text.split())[:SMS_LENGTH]


def reminder_text(appointment: Appointment) -> str:
    slot = appointment.slot
    structure = slot.structure
    lines = [
        _("Bonjour %(name)s,") % {"name": appointment.person_label},
        "",
        _("Nous vous rappelons votre rendez-vous avec %(structure)s, %(when)s.")
        % {"structure": structure.name, "when": slot.when},
        f"{slot.get_channel_display()}" + (f" : {slot.place}" if slot.place else ""),
    ]
    if slot.channel == SlotChannel.PLACE:
        lines.append(f"{structure.address_line}, {structure.postcode} {structure.city}")
    lines += [
        "",
        _(
            "Un empêchement ? Annulez avec le lien de votre mail de confirmation "
            "(jusqu'à %(hours)d heures avant le rendez-vous)"
        )
        % {"hours": settings.SPRO_APPOINTMENT_CANCEL_HOURS}
        + (
            _(", ou appelez-nous au %(phone)s.") % {"phone": structure.phone}
            if structure.phone
            else "."
        ),
    ]
    return "\n".join(lines)


def appointment_reminders_send(now: datetime.datetime | None = None) -> int:
    """Remind the people whose appointment starts within
    ``SPRO_APPOINTMENT_REMINDER_HOURS``: a mail to an e-mail contact, and for a
    phone contact an SMS-ready text posted to the structure's staff, who send
    it from their own tool. Once each (``reminder_sent_at``, set under the
    appointment's row lock with what it sends): the task may run twice.
    Returns how many were reminded."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(hours=settings.SPRO_APPOINTMENT_REMINDER_HOURS)
    due = list(
        Appointment.objects.filter(
            status=AppointmentStatus.BOOKED,
            reminder_sent_at__isnull=True,
            erased_at__isnull=True,
            slot__cancelled_at__isnull=True,
            slot__starts_at__gt=now,
            slot__starts_at__lte=horizon,
        )
        .order_by("slot__starts_at", "pk")
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in due:
        with transaction.atomic():
            appointment = (
                Appointment.objects.select_for_update(of=("self",))
                .select_related("slot__structure__organisation")
                .filter(pk=pk, reminder_sent_at__isnull=True)
                .first()
            )
            if appointment is None or appointment.status != AppointmentStatus.BOOKED:
                continue
            kind = contact_kind(appointment.contact)
            if kind == "email":
                mail_enqueue(
                    to=appointment.contact,
                    subject=_("Rappel : votre rendez-vous %(when)s")
                    % {"when": appointment.slot.when},
                    body=reminder_text(appointment),
                    personal=True,
                )
            elif kind == "phone":
                text = sms_text(appointment)
                for member in staff_of(appointment.slot.structure):
                    notification_post(
                        user=member,
                        title=_("SMS de rappel à envoyer : %(when)s")
                        % {"when": appointment.slot.when},
                        body=_("À envoyer au %(phone)s :\n%(text)s")
                        % {"phone": appointment.contact, "text": text},
                        url=appointment.get_absolute_url(),
                    )
            appointment.reminder_sent_at = now
            appointment._history_user = None
            appointment.save(update_fields=["reminder_sent_at"])
            sent += 1
    return sent


__all__ = [
    "MAX_SLOTS_PER_SERIES",
    "appointment_book_for_person",
    "appointment_book_online",
    "appointment_cancel_by_person",
    "appointment_for_key",
    "appointment_outcome_record",
    "appointment_reminders_send",
    "contact_kind",
    "slot_cancel",
    "slot_series_create",
    "sms_text",
]
