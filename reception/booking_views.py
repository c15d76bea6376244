"""Online booking, public and without login: a structure's open slots, the
booking of one (a first name or pseudonym and one contact), the confirmation
with the calendar file and the cancel link, and the cancellation by that link.

The cancel link's secret is shown once, on the confirmation (and mailed when
the contact is an e-mail); only its hash is kept, so a forged or mistyped link
answers 404. Pages carrying a secret, or saying what is free right now, are
never cached (``never_cache`` also keeps the public page cache off them, as it
reads ``Cache-Control``); the public POSTs are rate-limited per address.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Event

from extranet.calendars import calendar_new, ics_response
from extranet.forms import add_service_errors
from extranet.views.accounts import client_address, limit_posts

from . import appointments, links
from .appointment_forms import BookingForm
from .models import (
    TAKING_STATUSES,
    Appointment,
    AppointmentStatus,
    BookableBy,
    Slot,
    SlotChannel,
)
from .selectors import public_slots_by_day, public_structure


@never_cache
@require_GET
def public_slots(request: HttpRequest, slug: str) -> HttpResponse:
    """The slots of a published structure the public may book now, by day."""
    structure = public_structure(slug)
    if structure is None:
        raise Http404(_("Cette structure n'existe pas dans l'annuaire."))
    return render(
        request,
        "reception/public_slots.html",
        {"structure": structure, "days": public_slots_by_day(structure)},
    )


def _public_slot(pk: int) -> Slot:
    """Any slot of a published structure (whether it may still be booked is
    the service's to say, in French); 404 otherwise."""
    slot = get_object_or_404(
        Slot.objects.select_related("structure__organisation").filter(
            structure__is_published=True, structure__organisation__is_active=True
        ),
        pk=pk,
    )
    return slot


def _unavailable(slot: Slot) -> str:
    """Why ``slot`` cannot be booked online now, or ""."""
    now = timezone.now()
    if slot.cancelled_at is not None:
        return _("Ce créneau a été annulé par la structure.")
    if slot.starts_at <= now:
        return _("Ce créneau est déjà passé : choisissez-en un autre.")
    if slot.bookable_by != BookableBy.PUBLIC:
        return _(
            "Ce créneau ne se réserve pas en ligne : choisissez un autre créneau "
            "ou contactez la structure."
        )
    if not (slot.books_from <= now < slot.books_until):
        return _("Ce créneau n'est pas ouvert à la réservation en ce moment.")
    if slot.appointments.filter(status__in=TAKING_STATUSES).exists():
        return _("Ce créneau vient d'être réservé : choisissez-en un autre.")
    return ""


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts(client_address, "SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS")
def public_book(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form (or why the slot cannot be booked); POST: book, then the
    confirmation with the calendar file and the cancel link, shown once."""
    slot = _public_slot(pk)
    form = BookingForm(request.POST or None)
    context = {
        "slot": slot,
        "structure": slot.structure,
        "form": form,
        "retention": appointments.retention_sentence(),
        "cancel_hours": settings.SPRO_APPOINTMENT_CANCEL_HOURS,
    }
    if request.method == "GET":
        context["unavailable"] = _unavailable(slot)
        return render(request, "reception/public_book.html", context)
    if form.is_valid():
        try:
            appointment, key = appointments.appointment_book_online(
                slot=slot,
                person_label=form.cleaned_data["person_label"],
                contact=form.cleaned_data["contact"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(
                request,
                "reception/public_booked.html",
                {
                    "appointment": appointment,
                    "slot": appointment.slot,
                    "structure": appointment.slot.structure,
                    "cancel_url": links.cancel_url(appointment.pk, key),
                    "ics_url": appointments.ics_path(appointment.pk, key),
                    "mailed": appointments.contact_kind(appointment.contact) == "email",
                    "cancel_hours": context["cancel_hours"],
                },
            )
    return render(request, "reception/public_book.html", context, status=400)


def _by_key(pk: int, key: str) -> Appointment:
    found = appointments.appointment_for_key(pk, key)
    if found is None:
        raise Http404(_("Ce lien n'est pas valable."))
    return found


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts(client_address, "SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS")
def appointment_cancel(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """GET: confirm the cancellation; POST: cancel (the slot is free again)."""
    appointment = _by_key(pk, key)
    context = {
        "appointment": appointment,
        "slot": appointment.slot,
        "structure": appointment.slot.structure,
        "deadline": appointments.cancel_deadline(appointment),
        "too_late": timezone.now() >= appointments.cancel_deadline(appointment),
        "cancelled": False,
        "error": "",
    }
    status = 200
    if request.method == "POST":
        try:
            appointment = appointments.appointment_cancel_by_person(pk=pk, key=key)
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
            status = 400
        else:
            context.update(appointment=appointment, cancelled=True)
    return render(request, "reception/appointment_cancel.html", context, status=status)


@never_cache
@require_GET
def appointment_ics(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """The appointment as a calendar file (a cancelled one says so)."""
    appointment = _by_key(pk, key)
    slot = appointment.slot
    structure = slot.structure
    calendar = calendar_new(_("Rendez-vous — %(s)s") % {"s": structure.name})
    entry = Event()
    entry.add("uid", f"appointment-{appointment.pk}@{request.get_host()}")
    entry.add(
        "summary",
        _("Rendez-vous %(service)s — %(s)s")
        % {"service": slot.get_service_display(), "s": structure.name},
    )
    entry.add("dtstart", slot.starts_at)
    entry.add("dtend", slot.ends_at)
    entry.add("dtstamp", timezone.now())
    if slot.channel == SlotChannel.PLACE:
        where = f"{structure.address_line}, {structure.postcode} {structure.city}"
        entry.add("location", f"{slot.place} — {where}" if slot.place else where)
    else:
        entry.add("location", slot.get_channel_display())
    details = [slot.get_channel_display() + (f" : {slot.place}" if slot.place else "")]
    if structure.phone:
        details.append(_("Téléphone : %(p)s") % {"p": structure.phone})
    details.append(
        _("Pour annuler : %(url)s") % {"url": links.cancel_url(appointment.pk, key)}
    )
    entry.add("description", "\n".join(details))
    if (
        appointment.status
        in (
            AppointmentStatus.CANCELLED,
            AppointmentStatus.CANCELLED_BY_STRUCTURE,
        )
        or slot.cancelled_at
    ):
        entry.add("status", "CANCELLED")
    calendar.add_component(entry)
    response = ics_response(calendar, "rendez-vous.ics")
    response["Cache-Control"] = "private, no-store"
    return response
