"""Reception pages: the list of one's structure's receptions, the reception in
one page, the quick tally, a reception's page with its point de situation
(edit, PDF, mail), the referral form, the look-up of a code a person quotes,
and the Région's settings.

Every reception is fetched through ``reception_policy.visible``: one of another
structure answers 404, whatever the id.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from extranet.forms import add_service_errors
from extranet.generic import FilteredListView, ResultTable
from extranet.models import Structure
from extranet.views.accounts import limit_posts

from . import services
from .documents import point_pdf
from .forms import (
    CodeForm,
    PointForm,
    PointMailForm,
    ReceptionFilterForm,
    ReceptionForm,
    ReferralForm,
    SettingsForm,
    TallyForm,
)
from .models import BookableBy, Reception, ReceptionKind, ReceptionSettings
from .policy import may_change_settings, receiving_structures, reception_policy
from .selectors import (
    bookable_slots,
    reception_page,
    receptions_for_list,
    referral_targets,
)


def _structures_or_403(request: HttpRequest) -> list[Structure]:
    structures = receiving_structures(request.user)
    if not structures:
        raise PermissionDenied(
            _(
                "L'enregistrement des accueils est réservé aux professionnel·les "
                "d'une structure dont la convention SPRO est en vigueur."
            )
        )
    return structures


class ReceptionListView(FilteredListView):
    form_class = ReceptionFilterForm
    template_name = "reception/receptions.html"
    filter_label = gettext_lazy("Filtrer les accueils")
    paginate_by = 30
    table = ResultTable(
        caption=gettext_lazy("Accueils de votre structure"),
        headers=(
            gettext_lazy("Accueil"),
            gettext_lazy("Canal"),
            gettext_lazy("Urgence"),
            gettext_lazy("Questions"),
            gettext_lazy("Structure"),
        ),
        row_template="reception/reception_row.html",
        count=lambda n: ngettext("%(n)d accueil", "%(n)d accueils", n) % {"n": n},
        empty=gettext_lazy("Aucun accueil enregistré ici."),
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not reception_policy.grants_anywhere(
            request.user, "view"
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet[Reception]:
        return receptions_for_list(self.request.user, filters)

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["may_record"] = bool(receiving_structures(self.request.user))
        return context


reception_list = ReceptionListView.as_view()


@login_required
@require_http_methods(["GET", "POST"])
def reception_new(request: HttpRequest) -> HttpResponse:
    """The reception in one page; on success, its page with the code."""
    structures = _structures_or_403(request)
    form = ReceptionForm(request.POST or None, structures=structures)
    refer_to = _referral_target_asked(request, structures)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                reception = services.reception_record(
                    user=request.user, **form.service_data()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Accueil enregistré. Code de suivi de la personne : %(code)s.")
                    % {"code": reception.reference},
                )
                if refer_to is not None and reception.kind == ReceptionKind.FULL:
                    url = reverse("reception:referral_new", args=[reception.pk])
                    return redirect(f"{url}?to_structure={refer_to.pk}")
                return redirect(reception)
        messages.error(
            request, _("Rien n'a été enregistré : corrigez les erreurs signalées.")
        )
    return render(
        request,
        "reception/reception_form.html",
        {"form": form, "refer_to": refer_to},
        status=status,
    )


def _referral_target_asked(request: HttpRequest, structures: Any) -> Structure | None:
    """The structure a professional came from the service map to refer the
    person to (``?vers=<id>``, kept through the form), if it takes referrals
    and is not one of the user's own; anything else is ignored."""
    asked = (request.POST if request.method == "POST" else request.GET).get("vers", "")
    if not asked.isdigit():
        return None
    own = [s.pk for s in structures]
    return (
        referral_targets(None)
        .exclude(pk__in=own)
        .filter(pk=int(asked))
        .select_related("organisation")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def tally(request: HttpRequest) -> HttpResponse:
    """The quick tally: a few clicks, then the form again for the next one."""
    structures = _structures_or_403(request)
    form = TallyForm(request.POST or None, structures=structures)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.tally_record(user=request.user, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d contact compté.",
                        "%(n)d contacts comptés.",
                        data["people"],
                    )
                    % {"n": data["people"]},
                )
                return redirect("reception:tally")
        messages.error(
            request, _("Rien n'a été compté : corrigez les erreurs signalées.")
        )
    today = timezone.localdate()
    counted = sum(
        Reception.objects.filter(
            structure__in=structures,
            kind=ReceptionKind.TALLY,
            received_on=today,
        ).values_list("people", flat=True)
    )
    return render(
        request,
        "reception/tally.html",
        {"form": form, "counted_today": counted},
        status=status,
    )


def _reception_context(request: HttpRequest, reception: Reception, **extra: Any):
    return {
        "reception": reception,
        "recommended": list(reception.recommended.select_related("organisation")),
        "referrals": list(
            reception.referrals.select_related("to_structure__organisation").order_by(
                "sent_at"
            )
        ),
        "appointments": list(
            reception.appointments.select_related("slot__structure__organisation")
        ),
        "mail_form": extra.pop("mail_form", None) or PointMailForm(),
        **extra,
    }


@login_required
def reception_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reception = reception_page(request.user, pk)
    return render(
        request, "reception/reception.html", _reception_context(request, reception)
    )


@login_required
@require_http_methods(["GET", "POST"])
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    reception = reception_page(request.user, pk)
    if reception.kind != ReceptionKind.FULL or reception.is_erased:
        raise PermissionDenied(_("Ce point de situation ne peut plus être modifié."))
    initial = {
        "summary": reception.summary,
        "information_given": reception.information_given,
        "resources": reception.resources,
        "next_steps": reception.next_steps,
        "share_summary": reception.share_summary,
        "recommended": list(reception.recommended.values_list("pk", flat=True)),
    }
    form = PointForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["recommended"] = list(data["recommended"])
            try:
                services.point_update(user=request.user, reception=reception, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Point de situation enregistré."))
                return redirect(reception)
    return render(
        request,
        "reception/point_form.html",
        {"form": form, "reception": reception},
        status=status,
    )


@login_required
def point_document(request: HttpRequest, pk: int) -> HttpResponse:
    reception = reception_page(request.user, pk)
    if reception.kind != ReceptionKind.FULL or reception.is_erased:
        raise PermissionDenied(_("Ce point de situation n'existe plus."))
    response = HttpResponse(point_pdf(reception), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="point-de-situation-{reception.reference}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def point_mail(request: HttpRequest, pk: int) -> HttpResponse:
    reception = reception_page(request.user, pk)
    form = PointMailForm(request.POST)
    if form.is_valid():
        try:
            services.point_mail(
                user=request.user, reception=reception, to=form.cleaned_data["to"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Point de situation envoyé. L'adresse n'est pas conservée."),
            )
            return redirect(reception)
    return render(
        request,
        "reception/reception.html",
        _reception_context(request, reception, mail_form=form),
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Refer the person to another structure with their consent. Without
    JavaScript: choosing the structure and service (GET) lists its slots."""
    reception = reception_page(request.user, pk)
    if reception.kind != ReceptionKind.FULL or reception.is_erased:
        raise PermissionDenied(
            _("On ne peut orienter qu'à partir d'un accueil complet et en cours.")
        )
    source = request.POST if request.method == "POST" else request.GET
    service = source.get("service") or ""
    targets = referral_targets(service or None).exclude(pk=reception.structure_id)
    chosen = None
    if source.get("to_structure", "").isdigit():
        chosen = (
            referral_targets(None)
            .exclude(pk=reception.structure_id)
            .filter(pk=int(source["to_structure"]))
            .first()
        )
    slots = bookable_slots(chosen, level=BookableBy.REFERRERS)
    if service:
        slots = [s for s in slots if s.service == service]
    initial = {
        "person_label": reception.person_label,
        "contact": reception.contact,
        "share_summary": reception.share_summary,
        "to_structure": chosen.pk if chosen else None,
        "service": service or None,
    }
    form = ReferralForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        # A structure not offering the service is refused by the service,
        # with a message that says so (the list offers only those that do).
        structures=(
            referral_targets(None).exclude(pk=reception.structure_id)
            if request.method == "POST"
            else targets
        ),
        slots=slots,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            slot_pk = data.pop("slot")
            slot = next((s for s in slots if s.pk == slot_pk), None)
            try:
                referral = services.referral_send(
                    user=request.user, reception=reception, slot=slot, **data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Demande transmise à %(to)s.")
                    % {"to": referral.to_structure.name},
                )
                return redirect(referral)
        messages.error(
            request, _("Rien n'a été transmis : corrigez les erreurs signalées.")
        )
    consent_text = None
    if chosen:
        consent_text = services.consent_text(
            reception.structure, chosen, _("la demande de la personne")
        )
    return render(
        request,
        "reception/referral_form.html",
        {
            "form": form,
            "reception": reception,
            "chosen": chosen,
            "slots": slots,
            "consent_text": consent_text,
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@limit_posts(lambda group, request: str(request.user.pk), "SPRO_RATE_CODE_PER_USER")
def code_lookup(request: HttpRequest) -> HttpResponse:
    """A person quotes their code: the structure reads the point de situation
    they chose to share, without any identity. The code travels in a POST,
    and the look-ups are rate-limited per user against guessing."""
    if not receiving_structures(request.user):
        raise PermissionDenied
    form = CodeForm(request.POST or None)
    found = None
    checked = False
    if request.method == "POST" and form.is_valid():
        checked = True
        found = services.shared_point(form.cleaned_data["code"])
    return render(
        request,
        "reception/code.html",
        {
            "form": form,
            "found": found,
            "checked": checked,
            "recommended": list(found.recommended.all()) if found else [],
        },
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    if not may_change_settings(request.user):
        raise PermissionDenied
    current = ReceptionSettings.current()
    form = SettingsForm(
        request.POST or None, initial={"retention_months": current.retention_months}
    )
    if request.method == "POST" and form.is_valid():
        services.settings_update(
            user=request.user, retention_months=form.cleaned_data["retention_months"]
        )
        messages.success(request, _("Réglages enregistrés."))
        return redirect("reception:settings")
    return render(
        request,
        "reception/settings.html",
        {"form": form, "current": current},
        status=400 if request.method == "POST" else 200,
    )
