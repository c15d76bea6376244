"""Training pages: the catalogue of sessions, a session's page and its enrolment
form, one's enrolments, an enrolment's page with its workflow actions, the
answer to an offer from its mail, and GREF's actions on the waiting list and on
the session.

Every session is fetched through ``session_policy.visible`` and every enrolment
through ``enrolment_policy.visible``: one outside the user's reach answers 404,
whatever the id; an action the user may not take answers 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from extranet.generic import FilteredListView, ResultTable
from extranet.models import Role, User
from extranet.permissions import user_memberships
from extranet.uploads import private_pdf_response
from workflows import engine
from workflows.views import TransitionView

from . import links, services
from .definitions import ATTENDANCE_STATES, CONFIRMED, OFFERED
from .forms import (
    CatalogueFilterForm,
    EnrolForm,
    QueueMoveForm,
    SessionCancelForm,
    SessionDocumentForm,
)
from .models import Certificate, Enrolment, TrainingSession
from .policy import (
    enrolling_memberships,
    enrolment_policy,
    may_manage_sessions,
    may_read_certificate,
    session_policy,
)
from .selectors import (
    catalogue,
    enrolments_for_list,
    my_enrolments,
    session_documents,
    session_page,
    session_with_slots,
)

SESSION_TEMPLATE = "training/session.html"
ENROLMENT_TEMPLATE = "training/enrolment.html"


def get_session(request: HttpRequest, pk: int, action: str = "view") -> TrainingSession:
    return session_policy.get_or_404(request.user, action, session_with_slots(), pk)


def get_enrolment(request: HttpRequest, pk: int) -> Enrolment:
    return enrolment_policy.get_or_404(
        request.user,
        "view",
        Enrolment.objects.select_related(
            "session__action", "person", "structure__organisation", "requested_by"
        ),
        pk,
    )


class CatalogueView(FilteredListView):
    """The sessions of the plan, with their seats left, filtered."""

    form_class = CatalogueFilterForm
    template_name = "training/catalogue.html"
    filter_label = gettext_lazy("Filtrer les sessions")
    paginate_by = 20
    table = ResultTable(
        caption=gettext_lazy("Sessions du plan de professionnalisation"),
        headers=(
            gettext_lazy("Session"),
            gettext_lazy("Dates"),
            gettext_lazy("Lieu"),
            gettext_lazy("Modalité"),
            gettext_lazy("Proposée par"),
            gettext_lazy("Places libres"),
            gettext_lazy("Mon inscription"),
        ),
        row_template="training/catalogue_row.html",
        count=lambda n: ngettext("%(n)d session", "%(n)d sessions", n) % {"n": n},
        empty=gettext_lazy("Aucune session ne correspond à ces critères."),
    )

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet[TrainingSession]:
        return catalogue(self.request.user, filters)

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        mine = my_enrolments(self.request.user)
        for session in context["page"].object_list:
            session.my_enrolment = mine.get(session.pk)
        context["may_manage"] = may_manage_sessions(self.request.user)
        return context


session_catalogue = CatalogueView.as_view()


def _colleagues(user: Any) -> list[Any]:
    """The staff of the structures the user is referent of (themselves aside)."""
    organisations = [
        m.organisation_id for m in user_memberships(user) if m.role == Role.REFERENT
    ]
    if not organisations:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id__in=organisations,
            memberships__role__in=(Role.PROFESSIONAL, Role.REFERENT),
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def _session_context(
    request: HttpRequest,
    session: TrainingSession,
    *,
    enrol_form: EnrolForm | None = None,
    cancel_form: SessionCancelForm | None = None,
    document_form: SessionDocumentForm | None = None,
) -> dict[str, Any]:
    user = request.user
    page = session_page(user, session)
    may_enrol = bool(enrolling_memberships(user)) and session.enrolment_open()
    if enrol_form is None and may_enrol:
        enrol_form = EnrolForm(colleagues=_colleagues(user))
    may_manage = session_policy.can(user, "manage", session)
    return {
        "session": session,
        "page": page,
        "may_enrol": may_enrol,
        "enrol_form": enrol_form,
        "may_manage": may_manage,
        "cancel_form": cancel_form or (SessionCancelForm() if may_manage else None),
        "queue_form": QueueMoveForm() if may_manage else None,
        "document_form": document_form
        or (SessionDocumentForm() if may_manage else None),
        "dates": services.session_dates(session),
    }


@login_required
@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request, pk)
    return render(request, SESSION_TEMPLATE, _session_context(request, session))


@login_required
@require_POST
def session_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request, pk)
    form = EnrolForm(request.POST, colleagues=_colleagues(request.user))
    if form.is_valid():
        try:
            enrolment = services.enrolment_request(
                user=request.user,
                session=session,
                person=form.cleaned_data.get("person"),
                motivation=form.cleaned_data["motivation"],
            )
        except PermissionDenied:
            form.add_error(None, _("Vous ne pouvez pas inscrire cette personne."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            definition = engine.binding_for(enrolment).definition_for(enrolment)
            messages.success(
                request,
                _("Demande enregistrée : l'inscription est « %(state)s ».")
                % {"state": definition.state_label(enrolment.state)},
            )
            return redirect(enrolment)
    messages.error(
        request,
        _("L'inscription n'a pas été enregistrée : %(why)s")
        % {"why": " ".join(str(e) for errors in form.errors.values() for e in errors)},
    )
    context = _session_context(request, session, enrol_form=form)
    context["may_enrol"] = True
    return render(request, SESSION_TEMPLATE, context, status=400)


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request, pk)
    if not session_policy.can(request.user, "manage", session):
        raise PermissionDenied
    form = SessionCancelForm(request.POST)
    if form.is_valid():
        try:
            services.session_cancel(
                user=request.user, session=session, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(
                request, _("La session est annulée ; chaque inscrit·e est prévenu·e.")
            )
            return redirect(session)
    messages.error(
        request, _("La session n'a pas été annulée : corrigez les erreurs signalées.")
    )
    return render(
        request,
        SESSION_TEMPLATE,
        _session_context(request, session, cancel_form=form),
        status=400,
    )


@login_required
@require_POST
def session_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    """GREF or the Région attach a PDF to the session; a refused file comes
    back on the session's page with the reason in its error summary."""
    session = get_session(request, pk)
    if not session_policy.can(request.user, "manage", session):
        raise PermissionDenied
    form = SessionDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.session_document_add(
                user=request.user,
                session=session,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Le document est joint à la session."))
            return redirect(session.get_absolute_url() + "#documents")
    messages.error(
        request,
        _("Le document n'a pas été joint : corrigez les erreurs signalées."),
    )
    return render(
        request,
        SESSION_TEMPLATE,
        _session_context(request, session, document_form=form),
        status=400,
    )


def _get_document(request: HttpRequest, pk: int):
    return get_object_or_404(session_documents(request.user), pk=pk)


@login_required
@require_GET
def session_document(request: HttpRequest, pk: int) -> HttpResponse:
    """A session's document, for whoever may see the session (404 otherwise)."""
    document = _get_document(request, pk)
    stem = slugify(document.title)[:60] or "document"
    filename = f"formation-{document.session_id}-{stem}.pdf"
    return private_pdf_response(document.file, filename)


@login_required
@require_POST
def session_document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = _get_document(request, pk)
    session = document.session
    try:
        services.session_document_remove(user=request.user, document=document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Le document « %(title)s » est retiré de la session.")
            % {"title": document.title},
        )
    return redirect(session.get_absolute_url() + "#documents")


@login_required
@require_POST
def queue_move(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_enrolment(request, pk)
    if not session_policy.can(request.user, "manage", enrolment.session):
        raise PermissionDenied
    form = QueueMoveForm(request.POST)
    if form.is_valid():
        try:
            services.queue_move(
                user=request.user,
                enrolment=enrolment,
                direction=form.cleaned_data["direction"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Le rang est changé ; le motif est conservé."))
    else:
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
    return redirect(enrolment.session.get_absolute_url() + "#attente")


class EnrolmentListView(FilteredListView):
    template_name = "training/enrolments.html"
    table = ResultTable(
        caption=gettext_lazy("Inscriptions"),
        headers=(
            gettext_lazy("Session"),
            gettext_lazy("Participant·e"),
            gettext_lazy("Structure"),
            gettext_lazy("État"),
        ),
        row_template="training/enrolment_row.html",
        count=lambda n: (
            ngettext("%(n)d inscription", "%(n)d inscriptions", n) % {"n": n}
        ),
        empty=gettext_lazy("Aucune inscription."),
    )

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet[Enrolment]:
        return enrolments_for_list(self.request.user)


enrolment_list = EnrolmentListView.as_view()


def _enrolment_context(
    request: HttpRequest, enrolment: Enrolment, *, action_error: str = ""
) -> dict[str, Any]:
    user = request.user
    is_person = enrolment.person_id == user.pk
    session = enrolment.session
    certificate = None
    if enrolment.state in ATTENDANCE_STATES and may_read_certificate(user, enrolment):
        certificate = Certificate.objects.filter(enrolment=enrolment).first()
    arrival_qr = ""
    if (
        is_person
        and enrolment.state == CONFIRMED
        and session.ends_at
        and engine.now() < session.ends_at
    ):
        arrival_qr = _qr_svg(links.arrival_url(enrolment))
    return {
        "enrolment": enrolment,
        "session": session,
        "certificate": certificate,
        "may_revoke": certificate is not None
        and session_policy.can(user, "manage", session),
        "arrival_qr": arrival_qr,
        "position": services.queue_position(enrolment),
        "dates": services.session_dates(enrolment.session),
        "action_error": action_error,
        "is_person": is_person,
    }


def _qr_svg(url: str) -> str:
    """The participant's arrival QR code, as inline SVG (no file, no script)."""
    import segno

    return mark_safe(  # noqa: S308 - segno's own SVG, no user text in it
        segno.make(url, error="m").svg_inline(scale=4, omitsize=False)
    )


@login_required
@require_GET
def enrolment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_enrolment(request, pk)
    return render(request, ENROLMENT_TEMPLATE, _enrolment_context(request, enrolment))


class EnrolmentTransitionView(TransitionView):
    """The engine's generic view; a refusal shows the enrolment's own page."""

    model = Enrolment

    def refused(self, obj: Enrolment, message: str) -> HttpResponse:
        return render(
            self.request,
            ENROLMENT_TEMPLATE,
            _enrolment_context(self.request, obj, action_error=message),
            status=403,
        )


enrolment_transition = EnrolmentTransitionView.as_view()


@require_http_methods(["GET", "POST"])
def offer_answer(request: HttpRequest, pk: int, key: str, accept: bool) -> HttpResponse:
    """The link of an offer's mail: GET shows the offer and one button (a GET
    changes nothing); POST accepts or declines. No login: the secret link
    stands for the person; a forged or replaced one is refused."""
    enrolment = (
        Enrolment.objects.select_related("session", "person").filter(pk=pk).first()
    )
    valid = (
        enrolment is not None
        and enrolment.state == OFFERED
        and enrolment.offer_key
        and links.same_secret(key, enrolment.offer_key)
    )
    context: dict[str, Any] = {"accept": accept, "valid": valid, "error": ""}
    if valid:
        context.update(
            enrolment=enrolment,
            session=enrolment.session,
            dates=services.session_dates(enrolment.session),
        )
    if request.method == "POST":
        try:
            moved = services.offer_answer(enrolment_id=pk, key=key, accept=accept)
        except (ValidationError, engine.TransitionError) as error:
            message = getattr(error, "message", None) or " ".join(error.messages)
            context.update(valid=False, error=message)
            return render(request, "training/offer.html", context, status=400)
        return render(
            request,
            "training/offer_done.html",
            {"enrolment": moved, "session": moved.session, "accept": accept},
        )
    status = 200 if valid else 404
    return render(request, "training/offer.html", context, status=status)
