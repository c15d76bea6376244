"""Pages of the governance bodies, under ``/extranet/instances/``: the bodies
the user sits in (all of them for the secretariat), a body's page (members,
meetings, decisions), a meeting's page (agenda, attendance, documents,
minutes), a document's file, the secretariat's forms, the chair's approval,
and the list of PSAD; the Région's coordination creates a body and keeps the
PSAD, a body's secretariat keeps its name and role.

Every body, meeting and document is fetched through the read policy: outside
it, 404 whatever the id; a secretariat's action asked by a member answers 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from collaboration.uploads import document_response
from extranet.generic import ServiceFormView
from extranet.permissions import user_memberships
from extranet.selectors import object_history
from extranet.uploads import UploadRefused

from ..models import Body, BodyMember, Meeting, Platform
from . import services
from .forms import (
    BodyForm,
    DecisionForm,
    DocumentForm,
    MeetingForm,
    MemberForm,
    PlatformForm,
)
from .policy import (
    body_read_policy,
    is_chair,
    may_approve_minutes,
    may_create_body,
    may_edit_body,
    may_manage,
    may_manage_platforms,
    may_read_minutes,
    may_set_co_secretariat,
)
from .selectors import (
    bodies_for_list,
    body_decisions,
    body_for_page,
    body_meetings,
    body_members,
    document_for_download,
    free_body_kinds,
    meeting_attendance,
    meeting_documents,
    meeting_for_page,
    platform_for_edit,
    platforms_for_list,
)

MEETING_TEMPLATE = "coordination/governance/meeting.html"


def _secretariat_only(user: Any, body: Body) -> None:
    if not may_manage(user, body):
        raise PermissionDenied(
            _("Seul le secrétariat de l'instance (la coordination régionale) agit ici.")
        )


@login_required
@require_GET
def body_list(request: HttpRequest) -> HttpResponse:
    bodies = list(bodies_for_list(request.user))
    may_create = may_create_body(request.user) and bool(free_body_kinds())
    return render(
        request,
        "coordination/governance/list.html",
        {"bodies": bodies, "may_create": may_create},
    )


@login_required
@require_GET
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = body_for_page(request.user, pk)
    context = {
        "body": body,
        "members": body_members(body),
        "meetings": body_meetings(body),
        "decisions": body_decisions(body),
        "may_manage": may_manage(request.user, body),
        "may_edit": may_edit_body(request.user, body),
    }
    return render(request, "coordination/governance/body.html", context)


BODY_FORM_TEMPLATE = "coordination/governance/body_form.html"


class BodyNewView(ServiceFormView):
    """The Région's coordination creates a body (one per kind)."""

    form_class = BodyForm
    template_name = BODY_FORM_TEMPLATE

    def get_object(self) -> None:
        if not may_create_body(self.request.user):
            raise PermissionDenied(
                _("Seule la coordination régionale crée une instance de gouvernance.")
            )
        return None

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context.update(title=_("Nouvelle instance"))
        return context

    def perform(self, form: BodyForm) -> Body:
        return services.body_create(
            actor=self.request.user,
            kind=form.cleaned_data["kind"],
            data=form.body_data(),
            co_secretariat=form.cleaned_data.get("co_secretariat"),
        )

    def success_message(self, result: Body) -> str:
        return _("L'instance « %(name)s » est créée.") % {"name": result.name}

    def success_url(self, result: Body) -> str:
        return result.get_absolute_url()


body_new = BodyNewView.as_view()


class BodyEditView(ServiceFormView):
    """A body's secretariat changes its name and role; the Région's
    coordination its co-secretariat too."""

    form_class = BodyForm
    template_name = BODY_FORM_TEMPLATE

    def get_object(self) -> Body:
        body = body_for_page(self.request.user, self.kwargs["pk"])
        if not may_edit_body(self.request.user, body):
            raise PermissionDenied(
                _(
                    "Seul le secrétariat de l'instance (la coordination régionale) "
                    "agit ici."
                )
            )
        return body

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "body": self.object,
            "with_co_secretariat": may_set_co_secretariat(self.request.user),
        }

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context.update(body=self.object, title=_("Modifier l'instance"))
        return context

    def perform(self, form: BodyForm) -> Body:
        extra = {}
        if "co_secretariat" in form.fields:
            extra["co_secretariat"] = form.cleaned_data.get("co_secretariat")
        return services.body_update(
            body=self.object, actor=self.request.user, data=form.body_data(), **extra
        )

    def success_message(self, result: Body) -> str:
        return _("L'instance est enregistrée.")

    def success_url(self, result: Body) -> str:
        return result.get_absolute_url()


body_edit = BodyEditView.as_view()


def _meeting_context(request: HttpRequest, meeting: Meeting, **extra: Any) -> dict:
    manage = may_manage(request.user, meeting.body)
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "attendance": meeting_attendance(meeting),
        "documents": meeting_documents(meeting),
        "decisions": list(meeting.decisions.order_by("number")),
        "may_manage": manage,
        "show_minutes": may_read_minutes(request.user, meeting),
        "may_approve": may_approve_minutes(request.user, meeting),
        "document_form": DocumentForm() if manage else None,
        "history": object_history(meeting) if manage else None,
    }
    context.update(extra)
    return context


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_page(request.user, pk)
    return render(request, MEETING_TEMPLATE, _meeting_context(request, meeting))


class MeetingNewView(ServiceFormView):
    form_class = MeetingForm
    template_name = "coordination/governance/form.html"

    def get_object(self) -> Body:
        body = body_for_page(self.request.user, self.kwargs["pk"])
        _secretariat_only(self.request.user, body)
        return body

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"body": self.object}

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context.update(body=self.object, title=_("Convoquer une réunion"))
        return context

    def perform(self, form: MeetingForm) -> Meeting:
        return services.meeting_create(
            body=self.object, actor=self.request.user, data=form.meeting_data()
        )

    def success_message(self, result: Meeting) -> str:
        return _("La réunion est enregistrée.")

    def success_url(self, result: Meeting) -> str:
        return result.get_absolute_url()


meeting_new = MeetingNewView.as_view()


class MeetingEditView(ServiceFormView):
    form_class = MeetingForm
    template_name = "coordination/governance/form.html"

    def get_object(self) -> Meeting:
        meeting = meeting_for_page(self.request.user, self.kwargs["pk"])
        _secretariat_only(self.request.user, meeting.body)
        return meeting

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"body": self.object.body, "meeting": self.object}

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context.update(
            body=self.object.body,
            meeting=self.object,
            title=_("Modifier la réunion, les présences et le compte rendu"),
        )
        return context

    def perform(self, form: MeetingForm) -> Meeting:
        return services.meeting_update(
            meeting=self.object,
            actor=self.request.user,
            data=form.meeting_data(),
            attendance=form.attendance(),
        )

    def success_message(self, result: Meeting) -> str:
        return _("La réunion est enregistrée.")

    def success_url(self, result: Meeting) -> str:
        return result.get_absolute_url()


meeting_edit = MeetingEditView.as_view()


class MemberNewView(ServiceFormView):
    form_class = MemberForm
    template_name = "coordination/governance/form.html"

    def get_object(self) -> Body:
        body = body_for_page(self.request.user, self.kwargs["pk"])
        _secretariat_only(self.request.user, body)
        return body

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context.update(body=self.object, title=_("Ajouter un membre"))
        return context

    def perform(self, form: MemberForm) -> Any:
        data = form.cleaned_data
        return services.body_member_add(
            body=self.object,
            actor=self.request.user,
            user=data["user"],
            organisation=data["organisation"],
            quality=data["quality"],
            is_chair=data["is_chair"],
            since=data.get("since"),
        )

    def success_message(self, result: Any) -> str:
        return _("%(name)s siège désormais dans l'instance.") % {
            "name": result.user.get_full_name()
        }

    def success_url(self, result: Any) -> str:
        return self.object.get_absolute_url()


member_new = MemberNewView.as_view()


class DecisionNewView(ServiceFormView):
    form_class = DecisionForm
    template_name = "coordination/governance/form.html"

    def get_object(self) -> Body:
        body = body_for_page(self.request.user, self.kwargs["pk"])
        _secretariat_only(self.request.user, body)
        return body

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"body": self.object, "user": self.request.user}

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context.update(body=self.object, title=_("Enregistrer une décision"))
        return context

    def perform(self, form: DecisionForm) -> Any:
        data = form.cleaned_data
        return services.decision_record(
            body=self.object,
            actor=self.request.user,
            meeting=data["meeting"],
            number=data["number"],
            decided_on=data["decided_on"],
            text=data["text"],
            subject_key=data.get("subject_key") or "",
            subject_id=data.get("subject_id") or None,
        )

    def success_message(self, result: Any) -> str:
        if result.subject_key:
            return _(
                "La décision n° %(number)s est enregistrée et appliquée : %(subject)s."
            ) % {"number": result.number, "subject": result.subject_label}
        return _("La décision n° %(number)s est enregistrée.") % {
            "number": result.number
        }

    def success_url(self, result: Any) -> str:
        return self.object.get_absolute_url() + "#decisions"


decision_new = DecisionNewView.as_view()


@login_required
@require_POST
def member_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a member's seat today (kept in the history and past attendance)."""
    bodies = body_read_policy.visible(request.user, "view", Body.objects.all())
    member = get_object_or_404(
        BodyMember.objects.select_related("body", "user").filter(body__in=bodies),
        pk=pk,
    )
    _secretariat_only(request.user, member.body)
    try:
        services.body_member_end(member=member, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(member.body)
    messages.success(
        request,
        _("Le mandat de %(name)s dans l'instance prend fin aujourd'hui.")
        % {"name": member.user.get_full_name()},
    )
    return redirect(member.body)


@login_required
@require_POST
def document_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_page(request.user, pk)
    _secretariat_only(request.user, meeting.body)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.meeting_document_add(
                meeting=meeting,
                actor=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except UploadRefused as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Le document est joint à la réunion."))
            return redirect(meeting)
    messages.error(
        request, _("Rien n'a été enregistré : corrigez les erreurs signalées.")
    )
    context = _meeting_context(request, meeting, document_form=form)
    return render(request, MEETING_TEMPLATE, context, status=400)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting's document, to whoever reads the body; never cached."""
    document = document_for_download(request.user, pk)
    return document_response(document.file, document.original_name, document.kind)


def _minutes_step(
    request: HttpRequest, pk: int, service: Any, done: str, chair_too: bool
) -> HttpResponse:
    meeting = meeting_for_page(request.user, pk)
    if not (
        may_manage(request.user, meeting.body)
        or (chair_too and is_chair(request.user, meeting.body))
    ):
        raise PermissionDenied(
            _("Seuls la présidence et le secrétariat approuvent un compte rendu.")
        )
    try:
        service(meeting=meeting, actor=request.user)
    except ValidationError as error:
        context = _meeting_context(
            request, meeting, action_error=" ".join(error.messages)
        )
        return render(request, MEETING_TEMPLATE, context, status=400)
    messages.success(request, done)
    return redirect(meeting)


@login_required
@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_step(
        request,
        pk,
        services.minutes_approve,
        _("Le compte rendu est approuvé : le secrétariat peut le publier."),
        chair_too=True,
    )


@login_required
@require_POST
def minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_step(
        request,
        pk,
        services.minutes_publish,
        _("Le compte rendu est publié : les membres de l'instance le lisent."),
        chair_too=False,
    )


@login_required
@require_GET
def platform_list(request: HttpRequest) -> HttpResponse:
    """Every PSAD, for every member of SPRO."""
    if not user_memberships(request.user) and not request.user.is_superuser:
        raise PermissionDenied(_("La liste des PSAD est réservée aux membres du SPRO."))
    return render(
        request,
        "coordination/governance/platforms.html",
        {
            "platforms": list(platforms_for_list()),
            "may_edit": may_manage_platforms(request.user),
        },
    )


class PlatformEditView(ServiceFormView):
    """The Région's coordination keeps a PSAD: name, pilot, territories,
    partners, contact."""

    form_class = PlatformForm
    template_name = "coordination/governance/platform_form.html"

    def get_object(self) -> Platform:
        if not may_manage_platforms(self.request.user):
            raise PermissionDenied(_("Seule la coordination régionale gère les PSAD."))
        return platform_for_edit(self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"platform": self.object}

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context.update(
            platform=self.object,
            title=_("Modifier %(name)s") % {"name": self.object.organisation.name},
        )
        return context

    def perform(self, form: PlatformForm) -> Platform:
        data = form.cleaned_data
        return services.platform_save(
            actor=self.request.user,
            platform=self.object,
            name=data["name"],
            pilot=data["pilot"],
            territories=list(data["territories"]),
            partners=list(data["partners"]),
            contact=form.contact(),
        )

    def success_message(self, result: Platform) -> str:
        return _("La PSAD est enregistrée.")

    def success_url(self, result: Platform) -> str:
        return reverse("governance:platforms")


platform_edit = PlatformEditView.as_view()
