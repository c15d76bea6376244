"""The structure's appointments in the extranet: its agenda of slots by day,
the form that publishes a series of slots, a slot booked for a person at the
desk, a slot cancelled, an appointment's page with its outcome and the SMS
text of its reminder.

Every slot and appointment is fetched through ``slot_policy`` or
``appointment_policy``: one of another structure answers 404, whatever the id.
The writes are ``reception.appointments``'.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from extranet.forms import add_service_errors

from . import appointments
from .appointment_forms import (
    AgendaFilterForm,
    BookingForm,
    OutcomeForm,
    SlotSeriesForm,
)
from .models import TAKING_STATUSES, Appointment
from .policy import slot_policy, staff_organisation_ids
from .selectors import AGENDA_DAYS, agenda, appointment_page, slot_page


def _structures_or_403(request: HttpRequest) -> list:
    structures = appointments.manageable_structures(request.user)
    if not structures:
        raise PermissionDenied(
            _("Les rendez-vous sont gérés par l'équipe de chaque structure.")
        )
    return structures


def _agenda_url(slot) -> str:
    day = timezone.localdate(slot.starts_at)
    return (
        reverse("reception:slots")
        + "?"
        + urlencode({"structure": slot.structure_id, "du": day.isoformat()})
    )


@login_required
def slots(request: HttpRequest) -> HttpResponse:
    """The structure's agenda: two weeks of slots by day, each with its booking."""
    if not slot_policy.grants_anywhere(request.user, "view"):
        raise PermissionDenied
    structures = _structures_or_403(request)
    form = AgendaFilterForm(request.GET or None, structures=structures)
    structure, first_day = form.chosen(structures)
    days = agenda(structure, first_day)
    step = datetime.timedelta(days=AGENDA_DAYS)
    base = {"structure": structure.pk} if len(structures) > 1 else {}
    return render(
        request,
        "reception/slots.html",
        {
            "form": form,
            "structure": structure,
            "days": days,
            "first_day": first_day,
            "last_day": first_day + step - datetime.timedelta(days=1),
            "previous_url": "?" + urlencode({**base, "du": first_day - step}),
            "next_url": "?" + urlencode({**base, "du": first_day + step}),
            "now": timezone.now(),
            "public_url": reverse(
                "reception_public:slots", args=[structure.organisation.slug]
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def slot_new(request: HttpRequest) -> HttpResponse:
    """Publish a series of consecutive slots."""
    structures = _structures_or_403(request)
    form = SlotSeriesForm(request.POST or None, structures=structures)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                created = appointments.slot_series_create(
                    user=request.user, **form.service_data()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(n)d créneau(x) publié(s), le premier %(when)s.")
                    % {"n": len(created), "when": created[0].when},
                )
                return redirect(_agenda_url(created[0]))
        messages.error(
            request, _("Rien n'a été publié : corrigez les erreurs signalées.")
        )
    return render(request, "reception/slot_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def slot_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what cancelling will do; POST: cancel (the person is told)."""
    slot = slot_page(request.user, pk)
    live = slot.appointments.filter(status__in=TAKING_STATUSES).first()
    error = None
    if request.method == "POST":
        try:
            appointments.slot_cancel(user=request.user, slot=slot)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Créneau annulé.")
                + (" " + _("La personne est prévenue.") if live else ""),
            )
            return redirect(_agenda_url(slot))
    return render(
        request,
        "reception/slot_cancel.html",
        {"slot": slot, "live": live, "error": error},
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def slot_book(request: HttpRequest, pk: int) -> HttpResponse:
    """A staff member books a slot of their structure for a person."""
    slot = slot_page(request.user, pk)
    form = BookingForm(request.POST or None, contact_required=False)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                appointment = appointments.appointment_book_for_person(
                    user=request.user, slot=slot, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Rendez-vous réservé : %(when)s.") % {"when": slot.when}
                )
                return redirect(appointment)
        messages.error(
            request, _("Rien n'a été réservé : corrigez les erreurs signalées.")
        )
    return render(
        request,
        "reception/slot_book.html",
        {"slot": slot, "form": form},
        status=status,
    )


def _appointment_context(
    request: HttpRequest, appointment: Appointment, form: OutcomeForm | None = None
) -> dict:
    slot = appointment.slot
    is_staff = slot.structure.organisation_id in staff_organisation_ids(request.user)
    kind = appointments.contact_kind(appointment.contact)
    return {
        "appointment": appointment,
        "slot": slot,
        "is_staff": is_staff,
        "may_record": is_staff and appointment.status in appointments.CORRECTABLE,
        "form": form or OutcomeForm(),
        "sms_text": appointments.sms_text(appointment)
        if is_staff and kind == "phone"
        else "",
        "contact_kind": kind,
        "started": slot.starts_at <= timezone.now(),
    }


@login_required
def appointment(request: HttpRequest, pk: int) -> HttpResponse:
    found = appointment_page(request.user, pk)
    return render(
        request, "reception/appointment.html", _appointment_context(request, found)
    )


@login_required
@require_POST
def appointment_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    found = appointment_page(request.user, pk, action="manage")
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            appointments.appointment_outcome_record(
                user=request.user,
                appointment=found,
                outcome=form.cleaned_data["outcome"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Issue du rendez-vous enregistrée."))
            return redirect(found)
    found.refresh_from_db()
    return render(
        request,
        "reception/appointment.html",
        _appointment_context(request, found, form),
        status=400,
    )
