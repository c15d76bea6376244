"""Referral pages: the inbox (received, most urgent first, with the days
left) and the sent ones, a referral's page with its workflow actions and the
refusal with a reason from the list, and the withdrawal of consent.

Every referral is fetched through ``referral_policy.visible``: one outside the
user's reach answers 404, whatever the id; an action their role does not give
answers 403 with the reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from extranet.generic import FilteredListView, ResultTable
from workflows import engine
from workflows.views import TransitionView

from . import services
from .definitions import OPEN_STATES, RECEIVER, SENDER
from .forms import DeclineForm, ReferralFilterForm
from .models import Referral
from .policy import may_read_personal, staff_organisation_ids
from .selectors import (
    referral_appointments,
    referral_page,
    referral_targets,
    referrals_for_list,
)

REFERRAL_TEMPLATE = "reception/referral.html"


class ReferralListView(FilteredListView):
    form_class = ReferralFilterForm
    template_name = "reception/referrals.html"
    filter_label = gettext_lazy("Filtrer les demandes")
    paginate_by = 30
    table = ResultTable(
        caption=gettext_lazy("Mises en relation"),
        headers=(
            gettext_lazy("Demande"),
            gettext_lazy("Urgence"),
            gettext_lazy("De"),
            gettext_lazy("Vers"),
            gettext_lazy("État"),
            gettext_lazy("Réponse attendue"),
        ),
        row_template="reception/referral_row.html",
        count=lambda n: ngettext("%(n)d demande", "%(n)d demandes", n) % {"n": n},
        empty=gettext_lazy("Aucune demande ici."),
    )

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet[Referral]:
        return referrals_for_list(self.request.user, filters)

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        now = timezone.now()
        for referral in context["page"].object_list:
            referral.days_left = _days_left(referral, now)
        context["box"] = context["form"].filters().get("boite", "received")
        context["is_staff"] = bool(staff_organisation_ids(self.request.user))
        return context


referral_list = ReferralListView.as_view()


def _days_left(referral: Referral, now) -> int | None:
    if referral.state not in OPEN_STATES or referral.state_deadline is None:
        return None
    return max((referral.state_deadline - now).days, 0)


def _context(request: HttpRequest, referral: Referral, **extra: Any) -> dict[str, Any]:
    user = request.user
    roles = engine.binding_for(referral).roles_of(user, referral)
    receiver = RECEIVER in roles
    decline_form = extra.pop("decline_form", None)
    if decline_form is None and receiver and referral.state in OPEN_STATES:
        decline_form = DeclineForm(
            initial={"expected_state": referral.state},
            structures=referral_targets(referral.service).exclude(
                pk=referral.to_structure_id
            ),
        )
    return {
        "referral": referral,
        "personal": may_read_personal(user, referral),
        "is_sender": SENDER in roles,
        "is_receiver": receiver,
        "decline_form": decline_form if receiver else None,
        "consent": getattr(referral, "consent", None),
        "appointments": referral_appointments(referral),
        "reception": referral.reception,
        "days_left": _days_left(referral, timezone.now()),
        **extra,
    }


@login_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_page(request.user, pk)
    return render(request, REFERRAL_TEMPLATE, _context(request, referral))


class ReferralTransitionView(TransitionView):
    model = Referral

    def refused(self, obj: Referral, message: str) -> HttpResponse:
        return render(
            self.request,
            REFERRAL_TEMPLATE,
            _context(self.request, obj, action_error=message),
            status=403,
        )


referral_transition = ReferralTransitionView.as_view()


@login_required
@require_POST
def referral_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """Refuse with a reason from the list; the form comes back as typed, with
    the errors in French, when something is missing."""
    referral = referral_page(request.user, pk)
    form = DeclineForm(
        request.POST,
        structures=referral_targets(referral.service).exclude(
            pk=referral.to_structure_id
        ),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_decline(
                user=request.user,
                referral=referral,
                reason=data["reason"],
                note=data["note"],
                proposed_structure=data["proposed_structure"],
                proposed_date=data["proposed_date"],
                expected_state=data["expected_state"] or None,
            )
        except engine.TransitionNotAllowed as error:
            return render(
                request,
                REFERRAL_TEMPLATE,
                _context(request, referral, action_error=error.message),
                status=403,
            )
        except engine.TransitionError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _(
                    "Demande refusée ; le motif est transmis à la structure qui "
                    "a orienté."
                ),
            )
            return redirect(referral)
    referral.refresh_from_db()
    return render(
        request,
        REFERRAL_TEMPLATE,
        _context(request, referral, decline_form=form),
        status=400,
    )
