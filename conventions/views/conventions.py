"""Conventions: the list in the user's scope, the page with its workflow, the
draft editor, the workflow actions, renewal, attachments and file downloads.

Every convention is fetched through ``convention_policy.visible``: one outside
the user's scope answers 404, whatever the id; an action the user may not take
on a convention they see answers 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from conventions import services
from conventions.definitions import ATTACH
from conventions.forms import (
    ConventionAttachmentForm,
    ConventionEditForm,
    ConventionFilterForm,
    ConventionStartForm,
)
from conventions.models import (
    Convention,
    ConventionAttachment,
    ConventionDocument,
)
from conventions.policy import convention_policy
from conventions.selectors import (
    convention_page,
    conventions_for_list,
    startable_conventions,
)
from extranet.generic import FilteredListView, ResultTable, ServiceFormView
from extranet.selectors import object_history
from extranet.uploads import private_pdf_response
from workflows import engine
from workflows.views import TransitionView

DETAIL_TEMPLATE = "conventions/detail.html"


def get_convention(request: HttpRequest, pk: int) -> Convention:
    """The convention if the user may see it, else 404."""
    return convention_policy.get_or_404(
        request.user,
        "view",
        Convention.objects.select_related(
            "structure__organisation", "structure__network", "network__head"
        ),
        pk,
    )


def _content_history(convention: Convention, limit: int = 10) -> list:
    """The latest changes of the content: a transition only changes fields the
    history does not compare (the state), and the timeline already shows it."""
    entries = object_history(convention, limit=3 * limit)
    creation = _("Création")
    return [e for e in entries if e.fields or e.kind == creation][:limit]


def _detail_context(
    request: HttpRequest,
    convention: Convention,
    *,
    attachment_form: ConventionAttachmentForm | None = None,
    action_error: str = "",
) -> dict[str, Any]:
    user = request.user
    can_attach = convention_policy.may_attach(user, convention)
    if attachment_form is None and can_attach:
        attachment_form = ConventionAttachmentForm()
    return {
        "convention": convention,
        "definition": engine.binding_for(convention).definition_for(convention),
        "page": convention_page(user, convention),
        "may_edit": convention_policy.may_edit(user, convention),
        "can_attach": can_attach,
        "attachment_form": attachment_form,
        "may_renew": convention_policy.may_renew(user, convention),
        "history": _content_history(convention),
        "action_error": action_error,
        "action_url": reverse("conventions:transition", args=[convention.pk]),
    }


def convention_row_key(row: Convention) -> tuple:
    """Everything a row of the list shows (see ``conventions/row.html``)."""
    deadline = row.state_deadline
    return (
        row.pk,
        row.updated_at,
        row.kind,
        row.year,
        row.subject_name,
        row.state,
        row.state_entered_at,
        deadline,
        deadline is not None and deadline < timezone.now(),
    )


class ConventionListView(FilteredListView):
    """The conventions of the user's scope, by year, type, state and place."""

    form_class = ConventionFilterForm
    template_name = "conventions/list.html"
    filter_label = gettext_lazy("Filtrer les conventions")
    table = ResultTable(
        caption=gettext_lazy("Conventions de votre périmètre"),
        headers=(
            gettext_lazy("Partie signataire"),
            gettext_lazy("Année"),
            gettext_lazy("Type"),
            gettext_lazy("État"),
            gettext_lazy("Dans cet état depuis"),
        ),
        row_template="conventions/row.html",
        count=lambda n: ngettext("%(n)d convention", "%(n)d conventions", n) % {"n": n},
        empty=gettext_lazy("Aucune convention ne correspond à ces critères."),
        row_key=convention_row_key,
    )

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet[Convention]:
        return conventions_for_list(
            self.request.user,
            year=filters.get("annee"),
            kind=filters.get("type", ""),
            state=filters.get("etat", ""),
            network=filters.get("reseau"),
            territory=filters.get("territoire"),
        )

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["can_start"] = convention_policy.grants_anywhere(
            self.request.user, "create"
        )
        return context


convention_list = ConventionListView.as_view()


class ConventionNewView(ServiceFormView):
    """Start a convention among those the user may prepare."""

    form_class = ConventionStartForm
    template_name = "conventions/new.html"

    def get_object(self) -> None:
        self.choices = startable_conventions(self.request.user)
        if not self.choices:
            raise PermissionDenied

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"choices": self.choices}

    def perform(self, form: ConventionStartForm) -> Convention:
        choice = form.cleaned_data["choice"]
        try:
            return services.convention_start(
                user=self.request.user,
                kind=choice.kind,
                year=form.cleaned_data["year"],
                structure=choice.structure,
                network=choice.network,
                government_cosigns=form.cleaned_data.get("government_cosigns", False),
            )
        except PermissionDenied:
            raise ValidationError(
                {
                    "subject": _(
                        "Votre rôle ne vous permet pas de préparer cette convention."
                    )
                }
            ) from None

    def success_message(self, result: Convention) -> str:
        return _("La convention est créée en rédaction : complétez-la.")

    def success_url(self, result: Convention) -> str:
        return result.get_absolute_url()


convention_new = ConventionNewView.as_view()


@login_required
@require_GET
def convention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    convention = get_convention(request, pk)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, convention))


class ConventionEditView(ServiceFormView):
    """The content of a convention while its state allows editing."""

    form_class = ConventionEditForm
    context_object_name = "convention"
    template_name = "conventions/edit.html"
    error_message = gettext_lazy(
        "La convention n'a pas été enregistrée : corrigez les erreurs signalées."
    )

    def get_object(self) -> Convention:
        convention = get_convention(self.request, self.kwargs["pk"])
        refusal = convention_policy.edit_refusal(self.request.user, convention)
        if refusal:
            raise PermissionDenied(refusal)
        return convention

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"convention": self.object}

    def perform(self, form: ConventionEditForm) -> Convention:
        return services.convention_update(
            user=self.request.user,
            convention=self.object,
            data={n: form.cleaned_data[n] for n in form.content_fields},
            seen_updated_at=form.cleaned_data["seen_updated_at"],
        )

    def refusal_status(self, form: ConventionEditForm, error: ValidationError) -> int:
        if isinstance(error, services.ConventionError):
            # The only refusal of the service that is not about a field:
            # someone else saved the convention since the form was built.
            form.add_error(None, error)
            return 409
        return super().refusal_status(form, error)

    def success_message(self, result: Convention) -> str:
        return _("La convention est enregistrée.")

    def success_url(self, result: Convention) -> str:
        return self.object.get_absolute_url()


convention_edit = ConventionEditView.as_view()


class ConventionTransitionView(TransitionView):
    """The engine's generic view; a refusal shows the convention's own page."""

    model = Convention

    def refused(self, obj: Convention, message: str) -> HttpResponse:
        return render(
            self.request,
            DETAIL_TEMPLATE,
            _detail_context(self.request, obj, action_error=message),
            status=403,
        )

    def done(self, obj: Convention, transition: engine.Transition) -> None:
        definition = engine.binding_for(obj).definition_for(obj)
        messages.success(
            self.request,
            _("Action « %(action)s » enregistrée : la convention est « %(state)s ».")
            % {"action": transition.label, "state": definition.state_label(obj.state)},
        )


convention_transition = ConventionTransitionView.as_view()


@login_required
@require_POST
def convention_renew(request: HttpRequest, pk: int) -> HttpResponse:
    convention = get_convention(request, pk)
    if not convention_policy.may_start(
        request.user,
        kind=convention.kind,
        structure=convention.structure,
        network=convention.network,
    ):
        raise PermissionDenied
    try:
        renewal = services.convention_renew(user=request.user, convention=convention)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(convention)
    messages.success(
        request,
        _("La convention %(year)s est préparée à partir de celle-ci, en rédaction.")
        % {"year": renewal.year},
    )
    return redirect(renewal)


@login_required
@require_POST
def convention_attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    convention = get_convention(request, pk)
    if not convention_policy.can(request.user, "attach", convention):
        raise PermissionDenied
    form = ConventionAttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                user=request.user,
                convention=convention,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            if not convention_policy.state_allows(convention, ATTACH):
                messages.error(request, " ".join(error.messages))
            else:
                form.add_error("file", error)
        else:
            messages.success(request, _("La pièce est jointe à la convention."))
            return redirect(convention.get_absolute_url() + "#pieces")
    if form.errors:
        messages.error(
            request,
            _("La pièce n'a pas été ajoutée : corrigez les erreurs signalées."),
        )
    return render(
        request,
        DETAIL_TEMPLATE,
        _detail_context(request, convention, attachment_form=form),
        status=400,
    )


def _visible_conventions(request: HttpRequest):
    return convention_policy.visible(request.user, "view").values("pk")


@login_required
@require_GET
def convention_document(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(
        ConventionDocument.objects.select_related(
            "convention__structure__organisation", "convention__network"
        ).filter(convention__in=_visible_conventions(request)),
        pk=pk,
    )
    convention = document.convention
    filename = (
        f"convention-{convention.year}-{slugify(convention.subject_name)}"
        f"-v{document.version}.pdf"
    )
    return private_pdf_response(document.file, filename)


@login_required
@require_GET
def convention_attachment(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(
        ConventionAttachment.objects.select_related(
            "convention__structure__organisation", "convention__network"
        ).filter(convention__in=_visible_conventions(request)),
        pk=pk,
    )
    convention = attachment.convention
    stem = slugify(attachment.original_name.rsplit(".", 1)[0])[:60] or "piece"
    filename = (
        f"convention-{convention.year}-{slugify(convention.subject_name)}"
        f"-piece-{attachment.pk}-{stem}.pdf"
    )
    return private_pdf_response(attachment.file, filename)
