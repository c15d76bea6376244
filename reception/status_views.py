"""The person's own page, public and without login: they type their code and
read where their requests stand, how to reach each structure, their
appointments; they may withdraw their consent to a referral there.

The code travels in the body of a POST, never in an address that gets logged;
answers are rate-limited per client address against guessing, and an unknown
code gets the same answer as a malformed one.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from extranet.views.accounts import client_address, limit_posts

from . import services
from .forms import CodeForm
from .models import Reception
from .models.receptions import normalise_reference
from .selectors import status_for_reference

TEMPLATE = "reception/status.html"


def _find(code: str) -> Reception | None:
    code = normalise_reference(code)
    if not code:
        return None
    return (
        Reception.objects.filter(reference=code, erased_at__isnull=True)
        .select_related("structure__organisation")
        .first()
    )


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts(client_address, "SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS")
def status(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    context: dict = {"form": form, "checked": False}
    status_code = 200
    if request.method == "POST":
        if form.is_valid():
            context["checked"] = True
            reception = _find(form.cleaned_data["code"])
            if reception is not None:
                context.update(status_for_reference(reception))
                context["code"] = reception.reference
        else:
            status_code = 400
    return render(request, TEMPLATE, context, status=status_code)


@never_cache
@require_POST
@limit_posts(client_address, "SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS")
def withdraw(request: HttpRequest) -> HttpResponse:
    """The person withdraws their consent to one referral, with their code."""
    code = request.POST.get("code", "")[:20]
    referral_pk = request.POST.get("referral", "")
    reception = _find(code)
    form = CodeForm(initial={"code": code})
    context: dict = {"form": form, "checked": True}
    status_code = 200
    if reception is None or not referral_pk.isdigit():
        status_code = 400
        context["error"] = _("Ce code ne correspond à aucune demande en cours.")
    else:
        try:
            services.referral_withdraw_by_person(
                code=code, referral_pk=int(referral_pk)
            )
        except ValidationError as error:
            status_code = 400
            context["error"] = " ".join(error.messages)
        else:
            messages.success(
                request,
                _(
                    "Votre accord est retiré : la demande est arrêtée et vos "
                    "informations sont effacées."
                ),
            )
        context.update(status_for_reference(reception))
        context["code"] = reception.reference
    return render(request, TEMPLATE, context, status=status_code)


@never_cache
@require_POST
@limit_posts(client_address, "SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS")
def cancel(request: HttpRequest) -> HttpResponse:
    """The person cancels, with their code, an appointment booked for them."""
    from .appointments import appointment_cancel_by_code

    code = request.POST.get("code", "")[:20]
    appointment_pk = request.POST.get("appointment", "")
    reception = _find(code)
    context: dict = {"form": CodeForm(initial={"code": code}), "checked": True}
    status_code = 200
    if reception is None or not appointment_pk.isdigit():
        status_code = 400
        context["error"] = _("Ce code ne correspond à aucun rendez-vous.")
    else:
        try:
            appointment_cancel_by_code(code=code, pk=int(appointment_pk))
        except ValidationError as error:
            status_code = 400
            context["error"] = " ".join(error.messages)
        else:
            messages.success(
                request,
                _(
                    "Votre rendez-vous est annulé ; le créneau est libéré pour une "
                    "autre personne."
                ),
            )
        context.update(status_for_reference(reception))
        context["code"] = reception.reference
    return render(request, TEMPLATE, context, status=status_code)
