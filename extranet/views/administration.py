"""Administration of SPRO's organisations by the Région's coordination team."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms import OrganisationCreateForm, StructureAffiliationForm
from ..generic import ServiceFormView
from ..models import Organisation, OrganisationKind, Structure
from ..permissions import organisation_policy
from ..services import organisation_create, structure_affiliation_update
from .structures import get_structure


class OrganisationNewView(ServiceFormView):
    """Create an organisation; a structure comes with its place in SPRO."""

    form_class = OrganisationCreateForm
    template_name = "extranet/organisations/new.html"

    def get_object(self) -> None:
        if not organisation_policy.grants_anywhere(self.request.user, "administer"):
            raise PermissionDenied

    def perform(self, form: OrganisationCreateForm) -> Organisation:
        data = dict(form.cleaned_data)
        return organisation_create(
            actor=self.request.user,
            name=data.pop("name"),
            kind=data.pop("kind"),
            structure_data=data,
        )

    def success_message(self, result: Organisation) -> str:
        return _("L'organisation « %(name)s » est créée.") % {"name": result}

    def success_url(self, result: Organisation) -> str:
        if result.kind == OrganisationKind.STRUCTURE:
            return reverse("extranet:structure_detail", args=[result.structure.pk])
        return reverse("extranet:organisation_members", args=[result.pk])


organisation_new = OrganisationNewView.as_view()


class StructureAffiliationView(ServiceFormView):
    """Type, network, territory and SPRO status of a structure: the Région's call."""

    form_class = StructureAffiliationForm
    context_object_name = "structure"
    template_name = "extranet/structures/affiliation.html"

    def get_object(self) -> Structure:
        return get_structure(self.request, self.kwargs["pk"], "administer")

    def perform(self, form: StructureAffiliationForm) -> Structure:
        return structure_affiliation_update(
            structure=self.object, actor=self.request.user, data=form.cleaned_data
        )

    def success_message(self, result: Any) -> str:
        return _("Le rattachement de la structure est enregistré.")

    def success_url(self, result: Any) -> str:
        return reverse("extranet:structure_detail", args=[self.object.pk])


structure_affiliation = StructureAffiliationView.as_view()
