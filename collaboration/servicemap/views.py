"""Pages of the service map, under ``/extranet/cartographie/``: the search
(qui, quoi, comment, où), its CSV, the booklet of a territory, an entry's page
with its history, and the forms to create, change, confirm and remove one.

Every entry is fetched through ``service_entry_policy``: one out of the user's
reach answers 404 whatever the id, and a page a role may not use answers 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from extranet.forms import add_service_errors
from extranet.models import Territory
from extranet.selectors import object_history

from . import services
from .documents import booklet_pdf, entries_csv
from .forms import ServiceEntryForm, ServiceMapFilterForm
from .policy import (
    may_refer,
    service_entry_policy,
    structures_for_entries,
    territories_for_actors,
)
from .selectors import booklet_entries, search_entries

PAGE_SIZE = 20


def _readers_only(request: HttpRequest) -> None:
    if not service_entry_policy.grants_anywhere(request.user, "view"):
        raise PermissionDenied(_("La cartographie est réservée aux membres du SPRO."))


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    _readers_only(request)
    form = ServiceMapFilterForm(request.GET or None, user=request.user)
    entries = search_entries(request.user, form.filters())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    refer = may_refer(request.user)
    shown = [entry.pk for entry in page.object_list]
    # Which of the page's entries the user may change: one query for the page.
    changeable = (
        set(
            service_entry_policy.visible(
                request.user,
                "change",
                service_entry_policy.model.objects.filter(pk__in=shown),
            ).values_list("pk", flat=True)
        )
        if shown
        else set()
    )
    for entry in page.object_list:
        entry.may_change = entry.pk in changeable
        entry.refer_here = (
            refer and entry.structure_id is not None and entry.structure.delivers_api
        )
    count = page.paginator.count
    return render(
        request,
        "collaboration/servicemap/search.html",
        {
            "form": form,
            "problems": form.problems(),
            "page": page,
            "summary": ngettext(
                "%(n)d prestation ou acteur trouvé",
                "%(n)d prestations ou acteurs trouvés",
                count,
            )
            % {"n": count},
            "querystring": request.GET.urlencode(),
            "may_create": structures_for_entries(request.user).exists(),
            "may_list_actors": territories_for_actors(request.user).exists(),
            "territories": Territory.objects.order_by("name"),
        },
    )


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    """The search's results (same filters, every page) as CSV."""
    _readers_only(request)
    form = ServiceMapFilterForm(request.GET or None, user=request.user)
    response = HttpResponse(
        entries_csv(search_entries(request.user, form.filters())),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="cartographie-spro.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def booklet(request: HttpRequest, slug: str) -> HttpResponse:
    """The printable booklet of one territory: every entry covering it."""
    _readers_only(request)
    territory = get_object_or_404(Territory, slug=slug)
    data = booklet_pdf(territory, booklet_entries(request.user, territory))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="cartographie-{territory.slug}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = service_entry_policy.get_or_404(
        request.user,
        "view",
        service_entry_policy.model.objects.select_related(
            "structure__organisation", "territory", "coverage_territory"
        ),
        pk,
    )
    may_change = service_entry_policy.can(request.user, "change", entry)
    return render(
        request,
        "collaboration/servicemap/entry_detail.html",
        {
            "entry": entry,
            "may_change": may_change,
            "refer_here": entry.structure_id is not None
            and entry.structure.delivers_api
            and may_refer(request.user),
            "history": object_history(entry),
        },
    )


def _form_page(
    request: HttpRequest, form: ServiceEntryForm, title: str, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "collaboration/servicemap/entry_form.html",
        {"form": form, "title": title, "entry": form.entry},
        status=status,
    )


def _create(request: HttpRequest, *, local_actor: bool) -> HttpResponse:
    if local_actor:
        owners = list(territories_for_actors(request.user))
        kwargs = {"territories": owners}
        title = _("Ajouter un acteur local")
    else:
        owners = list(structures_for_entries(request.user))
        kwargs = {"structures": owners}
        title = _("Décrire une prestation ou un dispositif")
    if not owners:
        raise PermissionDenied
    form = ServiceEntryForm(request.POST or None, **kwargs)
    if request.method == "POST":
        if form.is_valid():
            owner = form.chosen_owner()
            try:
                entry = services.service_entry_create(
                    actor=request.user,
                    data=form.service_data(),
                    **({"territory": owner} if local_actor else {"structure": owner}),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("La fiche a été ajoutée à la cartographie.")
                )
                return redirect(entry)
        messages.error(
            request, _("Rien n'a été enregistré : corrigez les erreurs signalées.")
        )
        return _form_page(request, form, title, status=400)
    return _form_page(request, form, title)


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request: HttpRequest) -> HttpResponse:
    return _create(request, local_actor=False)


@login_required
@require_http_methods(["GET", "POST"])
def actor_new(request: HttpRequest) -> HttpResponse:
    return _create(request, local_actor=True)


def _entry_to_change(request: HttpRequest, pk: int) -> Any:
    """The entry if the user may change it; 404 if they may not even read it,
    403 if they read it but may not change it."""
    entry = service_entry_policy.get_or_404(request.user, "view", None, pk)
    if not service_entry_policy.can(request.user, "change", entry):
        raise PermissionDenied(_("Seul le propriétaire de la fiche peut la modifier."))
    return entry


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_to_change(request, pk)
    form = ServiceEntryForm(request.POST or None, entry=entry)
    title = _("Modifier « %(title)s »") % {"title": entry.title}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.service_entry_update(
                    entry=entry, actor=request.user, data=form.service_data()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("La fiche a été mise à jour."))
                return redirect(entry)
        messages.error(
            request, _("Rien n'a été enregistré : corrigez les erreurs signalées.")
        )
        return _form_page(request, form, title, status=400)
    return _form_page(request, form, title)


@login_required
@require_POST
def entry_review(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_to_change(request, pk)
    services.service_entry_review(entry=entry, actor=request.user)
    messages.success(request, _("Merci : la fiche est confirmée pour douze mois."))
    return redirect(entry)


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_to_change(request, pk)
    if request.method == "POST":
        services.service_entry_delete(entry=entry, actor=request.user)
        messages.success(request, _("La fiche a été retirée de la cartographie."))
        return redirect("servicemap:search")
    return render(
        request, "collaboration/servicemap/entry_delete.html", {"entry": entry}
    )
