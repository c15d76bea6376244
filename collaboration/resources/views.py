"""Pages of the resource library, under ``/extranet/ressources/``: the
library (search and filters), a resource's page with its versions and history,
its files, and the curators' forms (create, edit, new version, publish,
withdraw).

Every resource is fetched through ``resource_policy``: one out of the user's
reach (in preparation, for a reader) answers 404 whatever the id, its files
too; a curator's action asked by a reader answers 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from extranet.forms import add_service_errors
from extranet.generic import FilteredListView, ResultTable, ServiceFormView
from extranet.selectors import object_history
from extranet.uploads import UploadRefused

from ..models import Resource
from ..uploads import document_response
from . import services
from .forms import ResourceFilterForm, ResourceForm, VersionForm
from .policy import is_curator, is_reader, resource_policy
from .selectors import (
    resource_for_page,
    resource_versions,
    resources_for_list,
    version_for_download,
)

DETAIL_TEMPLATE = "collaboration/resources/detail.html"


def _count(n: int) -> str:
    return ngettext("%(n)d ressource", "%(n)d ressources", n) % {"n": n}


def _readers_only(user: Any) -> None:
    if not is_reader(user):
        raise PermissionDenied(
            _("La bibliothèque de ressources est réservée aux membres du SPRO.")
        )


class ResourceListView(FilteredListView):
    """The library: what the user may read, searched and filtered."""

    form_class = ResourceFilterForm
    template_name = "collaboration/resources/list.html"
    filter_label = gettext_lazy("Chercher une ressource")
    paginate_by = 20
    table = ResultTable(
        caption=gettext_lazy("Ressources pour les professionnel·les"),
        headers=(
            gettext_lazy("Ressource"),
            gettext_lazy("Thème"),
            gettext_lazy("Territoire"),
            gettext_lazy("Format"),
            gettext_lazy("Mise à jour"),
        ),
        row_template="collaboration/resources/row.html",
        count=_count,
        empty=gettext_lazy("Aucune ressource ne correspond à ces critères."),
    )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            _readers_only(request.user)
        self.curator = is_curator(request.user)
        return super().get(request, *args, **kwargs)

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet:
        return resources_for_list(self.request.user, filters)

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["is_curator"] = self.curator
        return context


resource_list = ResourceListView.as_view()


def _detail_context(request: HttpRequest, resource: Resource, **extra: Any) -> dict:
    curator = resource_policy.can(request.user, "change", resource)
    context = {
        "resource": resource,
        "versions": resource_versions(resource),
        "may_change": curator,
        "history": object_history(resource),
        "version_form": VersionForm() if curator and not resource.is_link else None,
    }
    context.update(extra)
    return context


@login_required
@require_GET
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = resource_for_page(request.user, pk)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, resource))


def _resource_to_change(request: HttpRequest, pk: Any) -> Resource:
    """The resource if the user may curate it; 404 if they may not even read
    it, 403 if they read it only."""
    resource = resource_for_page(request.user, pk)
    if not resource_policy.can(request.user, "change", resource):
        raise PermissionDenied(
            _("Seuls le GREF et la coordination régionale modifient une ressource.")
        )
    return resource


class ResourceNewView(ServiceFormView):
    form_class = ResourceForm
    template_name = "collaboration/resources/form.html"

    def get_object(self) -> None:
        if not is_curator(self.request.user):
            raise PermissionDenied(
                _(
                    "Seuls le GREF et la coordination régionale enrichissent "
                    "la bibliothèque."
                )
            )
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["title"] = _("Ajouter une ressource")
        return context

    def perform(self, form: ResourceForm) -> Resource:
        try:
            return services.resource_create(
                actor=self.request.user,
                data=form.resource_data(),
                upload=form.cleaned_data.get("file") or None,
                note=form.cleaned_data.get("note", ""),
            )
        except UploadRefused as error:
            raise ValidationError({"file": error.messages}) from None

    def success_message(self, result: Resource) -> str:
        return _(
            "La ressource est enregistrée, en préparation : publiez-la quand elle "
            "est prête."
        )

    def success_url(self, result: Resource) -> str:
        return result.get_absolute_url()


resource_new = ResourceNewView.as_view()


class ResourceEditView(ServiceFormView):
    form_class = ResourceForm
    template_name = "collaboration/resources/form.html"
    context_object_name = "resource"

    def get_object(self) -> Resource:
        resource = _resource_to_change(self.request, self.kwargs["pk"])
        # The form writes what is typed on its instance: keep the saved title.
        self.saved_title = resource.title
        return resource

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context = super().get_context_data(**context)
        context["title"] = _("Modifier « %(title)s »") % {"title": self.saved_title}
        return context

    def perform(self, form: ResourceForm) -> Resource:
        return services.resource_update(
            resource=self.object, actor=self.request.user, data=form.resource_data()
        )

    def success_message(self, result: Resource) -> str:
        return _("La ressource a été modifiée.")

    def success_url(self, result: Resource) -> str:
        return result.get_absolute_url()


resource_edit = ResourceEditView.as_view()


@login_required
@require_POST
def resource_version_new(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _resource_to_change(request, pk)
    if resource.is_link:
        message = _("Un lien n'a pas de versions : modifiez son adresse.")
        context = _detail_context(request, resource, action_error=message)
        return render(request, DETAIL_TEMPLATE, context, status=400)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.resource_add_version(
                resource=resource,
                actor=request.user,
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except UploadRefused as error:
            form.add_error("file", error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("La version %(n)d est désormais la version en cours.")
                % {"n": version.number},
            )
            return redirect(resource)
    messages.error(
        request, _("Rien n'a été enregistré : corrigez les erreurs signalées.")
    )
    context = _detail_context(request, resource, version_form=form)
    return render(request, DETAIL_TEMPLATE, context, status=400)


@login_required
@require_GET
def resource_download(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A version's file, to whoever may read the resource; never cached."""
    version = version_for_download(request.user, pk, number)
    return document_response(version.file, version.original_name, version.kind)


def _status_change(
    request: HttpRequest, pk: int, service: Any, done: str
) -> HttpResponse:
    resource = _resource_to_change(request, pk)
    try:
        service(resource=resource, actor=request.user)
    except ValidationError as error:
        context = _detail_context(
            request, resource, action_error=" ".join(error.messages)
        )
        return render(request, DETAIL_TEMPLATE, context, status=400)
    messages.success(request, done)
    return redirect(resource)


@login_required
@require_POST
def resource_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(
        request,
        pk,
        services.resource_publish,
        _("La ressource est publiée : tous les membres du SPRO la trouvent."),
    )


@login_required
@require_POST
def resource_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(
        request,
        pk,
        services.resource_withdraw,
        _("La ressource est retirée de la bibliothèque ; elle reste conservée."),
    )
