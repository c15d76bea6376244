"""GREF's and the Région's pages to prepare, publish and change sessions.

Only those who manage sessions (``session_policy``: GREF and the Région's
coordination) reach them; everyone else gets 403, and a session out of reach
404. A form with errors comes back as typed, the half-days included.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from extranet.forms import add_service_errors

from . import services
from .forms import SessionForm, SlotFormSet
from .models import SessionStatus, TrainingSession
from .policy import may_manage_sessions, session_policy
from .selectors import session_with_slots

FORM_TEMPLATE = "training/session_form.html"


def _managed_session(request: HttpRequest, pk: int) -> TrainingSession:
    if not may_manage_sessions(request.user):
        raise PermissionDenied
    return session_policy.get_or_404(request.user, "manage", session_with_slots(), pk)


def _slot_initial(session: TrainingSession | None) -> list[dict[str, Any]]:
    if session is None:
        return []
    return [
        {"date": s.date, "period": s.period, "start": s.start, "end": s.end}
        for s in session.slots.all()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def session_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Prepare a session (and publish it at once, if asked), or change one."""
    if pk is None:
        if not may_manage_sessions(request.user):
            raise PermissionDenied
        session = None
    else:
        session = _managed_session(request, pk)
    if request.method == "GET":
        form = SessionForm(instance=session)
        slots = SlotFormSet(prefix="demi", initial=_slot_initial(session))
        return _render(request, session, form, slots)
    form = SessionForm(request.POST, instance=session)
    slots = SlotFormSet(request.POST, prefix="demi")
    if form.is_valid() and slots.is_valid():
        data = dict(form.cleaned_data)
        action = data.pop("action")
        try:
            if session is None:
                saved = services.session_create(
                    user=request.user,
                    action=action,
                    slots=slots.slots,
                    publish="publish" in request.POST,
                    **data,
                )
            else:
                saved = services.session_update(
                    user=request.user,
                    session=session,
                    action=action,
                    slots=slots.slots,
                    **data,
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("La session est publiée.")
                if saved.status == SessionStatus.PUBLISHED and session is None
                else _("La session est enregistrée."),
            )
            return redirect(saved)
    messages.error(
        request,
        _("La session n'a pas été enregistrée : corrigez les erreurs signalées."),
    )
    return _render(request, session, form, slots, status=400)


def _render(request, session, form, slots, status: int = 200) -> HttpResponse:
    return render(
        request,
        FORM_TEMPLATE,
        {
            "session": session,
            "form": form,
            "slots": slots,
            "page_title": _("Modifier la session")
            if session
            else _("Nouvelle session"),
            "back_url": session.get_absolute_url()
            if session
            else reverse("training:catalogue"),
            # The half-days' errors too take the focus from the message.
            "error_summary": status == 400,
        },
        status=status,
    )


@login_required
@require_POST
def session_publish(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    try:
        services.session_publish(user=request.user, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La session est publiée au catalogue."))
    return redirect(session)
