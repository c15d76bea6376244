"""Administration of SPRO's organisations by the Région's coordination team."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import (
    OrganisationCreateForm,
    StructureAttachmentForm,
    add_service_errors,
)
from ..models import OrganisationKind
from ..permissions import organisation_policy
from ..services import organisation_create, structure_attachment_update
from .structures import get_structure


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request: HttpRequest) -> HttpResponse:
    """Create an organisation; a structure comes with its place in SPRO."""
    if not organisation_policy.grants_anywhere(request.user, "administer"):
        raise PermissionDenied
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            organisation = organisation_create(
                actor=request.user,
                name=data.pop("name"),
                kind=data.pop("kind"),
                structure_data=data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("L'organisation « %(name)s » est créée.") % {"name": organisation},
            )
            if organisation.kind == OrganisationKind.STRUCTURE:
                return redirect(
                    "extranet:structure_detail", pk=organisation.structure.pk
                )
            return redirect("extranet:organisation_members", pk=organisation.pk)
    return render(
        request,
        "extranet/organisations/new.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def structure_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """Type, network, territory and SPRO status of a structure: the Région's call."""
    structure = get_structure(request, pk, "administer")
    form = StructureAttachmentForm(request.POST or None, instance=structure)
    if request.method == "POST" and form.is_valid():
        try:
            structure_attachment_update(
                structure=structure, actor=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Le rattachement de la structure est enregistré.")
            )
            return redirect("extranet:structure_detail", pk=structure.pk)
    return render(
        request,
        "extranet/structures/attachment.html",
        {"structure": structure, "form": form},
        status=400 if request.method == "POST" else 200,
    )
