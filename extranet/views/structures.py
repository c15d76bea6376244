"""Structures: the list in the user's scope, the page, the card editor."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from .. import registry
from ..filters import StructureFilterForm
from ..forms import OpeningExceptionForm, StructureCardForm
from ..generic import FilteredListView, ResultTable, ServiceFormView
from ..models import OpeningException, Structure
from ..permissions import structure_policy
from ..selectors import (
    object_history,
    opening_exception_history,
    structures_for_list,
)
from ..services import (
    opening_exception_add,
    opening_exception_remove,
    structure_card_confirm,
    structure_update,
)


def get_structure(request: HttpRequest, pk: int, action: str = "view") -> Structure:
    """The structure if the user may see it (else 404), and act on it (else 403)."""
    structure = structure_policy.get_or_404(
        request.user,
        "view",
        Structure.objects.select_related("organisation", "network", "territory"),
        pk,
    )
    if action != "view" and not structure_policy.can(request.user, action, structure):
        raise PermissionDenied
    return structure


class StructureListView(FilteredListView):
    """The structures of the user's scope, by name, place, territory, network."""

    form_class = StructureFilterForm
    template_name = "extranet/structures/list.html"
    filter_label = gettext_lazy("Filtrer les structures")
    table = ResultTable(
        caption=gettext_lazy("Structures de votre périmètre"),
        headers=(
            gettext_lazy("Structure"),
            gettext_lazy("Réseau"),
            gettext_lazy("Territoire"),
            gettext_lazy("Commune"),
            gettext_lazy("Statut"),
        ),
        row_template="extranet/structures/row.html",
        count=lambda n: ngettext("%(n)d structure", "%(n)d structures", n) % {"n": n},
        empty=gettext_lazy("Aucune structure ne correspond à ces critères."),
        row_key=lambda row: (
            row.pk,
            row.updated_at,
            row.organisation.name,
            str(row.network) if row.network_id else "",
            str(row.territory),
            row.postcode,
            row.city,
            row.membership_status,
            row.convention_in_force,
            row.convention_lapsed,
        ),
    )

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet[Structure]:
        return structures_for_list(
            self.request.user,
            query=filters.get("q", ""),
            territory=filters.get("territoire"),
            network=filters.get("reseau"),
        )


structure_list = StructureListView.as_view()


@login_required
@require_GET
def structure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk)
    return render(
        request,
        "extranet/structures/detail.html",
        {
            "structure": structure,
            "can_change": structure_policy.can(request.user, "change", structure),
            "can_view_members": structure_policy.can(
                request.user, "view_members", structure
            ),
            "can_administer": structure_policy.can(
                request.user, "administer", structure
            ),
            "history": object_history(structure)
            if structure_policy.can(request.user, "change", structure)
            else None,
            "review_due": structure.card_review_due(settings.SPRO_CARD_REVIEW_DAYS),
            "status": structure.opening_status(),
            "sections": registry.structure_sections(request.user, structure),
        },
    )


@login_required
@require_GET
def structure_detail_by_org(request: HttpRequest, organisation_id: int) -> HttpResponse:
    structure = get_object_or_404(
        structure_policy.visible(request.user, "view"), organisation_id=organisation_id
    )
    return redirect("extranet:structure_detail", pk=structure.pk)


class StructureEditView(ServiceFormView):
    """The card of the structure, as its referents keep it."""

    form_class = StructureCardForm
    context_object_name = "structure"
    template_name = "extranet/structures/edit.html"
    error_message = gettext_lazy(
        "La fiche n'a pas été enregistrée : corrigez les erreurs signalées."
    )

    def get_object(self) -> Structure:
        return get_structure(self.request, self.kwargs["pk"], "change")

    def perform(self, form: StructureCardForm) -> Any:
        return structure_update(
            structure=self.object, actor=self.request.user, data=form.cleaned_data
        )

    def success_message(self, result: Any) -> str:
        return _("La fiche de la structure est enregistrée.")

    def success_url(self, result: Any) -> str:
        return reverse("extranet:structure_detail", args=[self.object.pk])


structure_edit = StructureEditView.as_view()


@login_required
@require_POST
def structure_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, "change")
    structure_card_confirm(structure=structure, actor=request.user)
    messages.success(request, _("Merci : la fiche est confirmée comme à jour."))
    return redirect("extranet:structure_detail", pk=structure.pk)


class StructureExceptionsView(ServiceFormView):
    """Closures and other hours for some days: the list still to come, and a
    form to add one. The week itself is edited with the card."""

    form_class = OpeningExceptionForm
    context_object_name = "structure"
    template_name = "extranet/structures/exceptions.html"
    error_message = gettext_lazy(
        "L'exception n'a pas été enregistrée : corrigez les erreurs signalées."
    )

    def get_object(self) -> Structure:
        return get_structure(self.request, self.kwargs["pk"], "change")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context = super().get_context_data(**context)
        context["exceptions"] = self.object.current_exceptions()
        context["history"] = opening_exception_history(self.object)
        return context

    def perform(self, form: OpeningExceptionForm) -> Any:
        return opening_exception_add(
            structure=self.object, actor=self.request.user, data=form.cleaned_data
        )

    def success_message(self, result: Any) -> str:
        return _("L'exception est enregistrée : %(period)s, %(hours)s.") % {
            "period": result.period_text,
            "hours": result.hours_text,
        }

    def success_url(self, result: Any) -> str:
        return reverse("extranet:structure_exceptions", args=[self.object.pk])


structure_exceptions = StructureExceptionsView.as_view()


@login_required
@require_POST
def structure_exception_remove(
    request: HttpRequest, pk: int, exception_pk: int
) -> HttpResponse:
    structure = get_structure(request, pk, "change")
    exception = get_object_or_404(
        OpeningException.objects.select_related("structure"),
        pk=exception_pk,
        structure=structure,
    )
    opening_exception_remove(exception=exception, actor=request.user)
    messages.success(
        request,
        _("L'exception est retirée : %(period)s.") % {"period": exception.period_text},
    )
    return redirect("extranet:structure_exceptions", pk=structure.pk)
