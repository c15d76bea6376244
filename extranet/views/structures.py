"""Structures: the list in the user's scope, the page, the card editor."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import registry
from ..forms import StructureCardForm, add_service_errors
from ..models import Network, Structure, Territory
from ..permissions import structure_policy
from ..selectors import object_history, structures_for_list
from ..services import structure_card_confirm, structure_update


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


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


@login_required
@require_GET
def structure_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    territory = Territory.objects.filter(
        pk=_int_or_none(request.GET.get("territoire"))
    ).first()
    network = Network.objects.filter(pk=_int_or_none(request.GET.get("reseau"))).first()
    structures = structures_for_list(
        request.user, query=query, territory=territory, network=network
    )
    page = Paginator(structures, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "extranet/structures/list.html",
        {
            "page": page,
            "query": query,
            "territory": territory,
            "network": network,
            "territories": Territory.objects.all(),
            "networks": Network.objects.all(),
        },
    )


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


@login_required
@require_http_methods(["GET", "POST"])
def structure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, "change")
    form = StructureCardForm(request.POST or None, instance=structure)
    if request.method == "POST" and form.is_valid():
        try:
            structure_update(
                structure=structure, actor=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("La fiche de la structure est enregistrée."))
            return redirect("extranet:structure_detail", pk=structure.pk)
    if request.method == "POST" and form.errors:
        messages.error(
            request,
            _("La fiche n'a pas été enregistrée : corrigez les erreurs signalées."),
        )
    return render(
        request,
        "extranet/structures/edit.html",
        {"structure": structure, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def structure_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, "change")
    structure_card_confirm(structure=structure, actor=request.user)
    messages.success(request, _("Merci : la fiche est confirmée comme à jour."))
    return redirect("extranet:structure_detail", pk=structure.pk)
