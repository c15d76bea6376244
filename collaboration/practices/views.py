"""Pages of good practices: the published list (search and filters, "à la
une" first), the structure's own practices, a practice's page with its
workflow, writing and editing, attachments, marks, the Région's "à la une",
and the digest's login-free unsubscribe page.

Every practice is fetched through ``practice_policy`` (404 outside the user's
reach, whatever the id); the services check the rest and say why in French
(403 for a refusal, the form again with 400 for bad input).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from extranet.generic import FilteredListView, ResultTable
from extranet.models import Structure
from extranet.uploads import UploadRefused
from workflows import engine
from workflows.views import TransitionView

from ..models import Practice
from ..uploads import document_response
from . import services
from .definitions import PRACTICE, PUBLISHED, STAFF
from .forms import (
    AttachmentForm,
    MyPracticeFilterForm,
    PracticeFilterForm,
    PracticeForm,
)
from .policy import (
    may_feature,
    may_mark_reused,
    may_mark_useful,
    may_write,
    practice_policy,
    staff_organisation_ids,
)
from .selectors import (
    practice_for_page,
    practices_featured,
    practices_of_my_structures,
    practices_published,
    reusing_structures,
    user_marks,
)

DETAIL_TEMPLATE = "collaboration/practices/detail.html"
FORM_TEMPLATE = "collaboration/practices/form.html"


def _count(n: int) -> str:
    return ngettext("%(n)d pratique", "%(n)d pratiques", n) % {"n": n}


class PracticeListView(FilteredListView):
    """The published practices every member reads, searched and filtered."""

    form_class = PracticeFilterForm
    template_name = "collaboration/practices/list.html"
    filter_label = gettext_lazy("Chercher une pratique")
    paginate_by = 20
    table = ResultTable(
        caption=gettext_lazy("Bonnes pratiques publiées"),
        headers=(
            gettext_lazy("Pratique"),
            gettext_lazy("Thème"),
            gettext_lazy("Public"),
            gettext_lazy("Structure"),
            gettext_lazy("Utile"),
            gettext_lazy("Reprise par"),
        ),
        row_template="collaboration/practices/row.html",
        count=_count,
        empty=gettext_lazy("Aucune pratique publiée ne correspond à ces critères."),
    )

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet:
        return practices_published(self.request.user, filters)

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        user = self.request.user
        context["featured"] = practices_featured(user)
        context["may_write"] = may_write(user)
        context["is_staff"] = bool(staff_organisation_ids(user))
        return context


practice_list = PracticeListView.as_view()


class MyPracticeListView(FilteredListView):
    """The practices of the user's structures, in every state."""

    form_class = MyPracticeFilterForm
    template_name = "collaboration/practices/mine.html"
    filter_label = gettext_lazy("Filtrer nos pratiques")
    paginate_by = 30
    table = ResultTable(
        caption=gettext_lazy("Les pratiques de votre structure"),
        headers=(
            gettext_lazy("Pratique"),
            gettext_lazy("Structure"),
            gettext_lazy("État"),
            gettext_lazy("Modifiée le"),
        ),
        row_template="collaboration/practices/mine_row.html",
        count=_count,
        empty=gettext_lazy("Votre structure n'a encore écrit aucune pratique."),
    )

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet:
        return practices_of_my_structures(self.request.user, filters)

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["may_write"] = may_write(self.request.user)
        return context


practice_mine = MyPracticeListView.as_view()


def _detail_context(request: HttpRequest, practice: Any, **extra: Any) -> dict:
    user = request.user
    roles = engine.binding_for(practice).roles_of(user, practice)
    editable = engine.may_edit(user, practice) and practice_policy.can(
        user, "change", practice
    )
    published = practice.state == PUBLISHED
    return {
        "practice": practice,
        "definition": PRACTICE,
        "editable": editable,
        "attachment_form": extra.pop("attachment_form", None)
        or (AttachmentForm() if editable else None),
        "marks": user_marks(user, practice) if published else {},
        "may_mark_useful": may_mark_useful(user, practice),
        "may_mark_reused": may_mark_reused(user, practice),
        "may_feature": may_feature(user, practice),
        "may_confirm": published and STAFF in roles,
        "reusing": reusing_structures(practice),
        **extra,
    }


@login_required
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = practice_for_page(request.user, pk)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, practice))


def _refused(request: HttpRequest, pk: int, message: str) -> HttpResponse:
    practice = practice_for_page(request.user, pk)
    context = _detail_context(request, practice, action_error=message)
    return render(request, DETAIL_TEMPLATE, context, status=403)


@login_required
def practice_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    structures = Structure.objects.filter(
        organisation_id__in=staff_organisation_ids(user)
    ).select_related("organisation")
    if not structures:
        raise PermissionDenied(
            _("Seule l'équipe d'une structure membre écrit une bonne pratique.")
        )
    form = PracticeForm(request.POST or None, structures=structures)
    if request.method == "POST":
        if form.is_valid():
            try:
                practice = services.practice_create(
                    user=user,
                    structure=form.cleaned_data["structure"],
                    data=form.content(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Pratique enregistrée en brouillon : joignez vos documents, "
                        "puis soumettez-la à votre référent·e."
                    ),
                )
                return redirect(practice)
        messages.error(request, _("Rien n'a été enregistré : corrigez les erreurs."))
        return render(request, FORM_TEMPLATE, {"form": form}, status=400)
    return render(request, FORM_TEMPLATE, {"form": form})


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = practice_for_page(request.user, pk)
    refusal = None
    if not practice_policy.can(request.user, "change", practice):
        refusal = _("Seule l'équipe de la structure autrice modifie cette pratique.")
    else:
        refusal = engine.edit_refusal(request.user, practice)
    if refusal:
        return _refused(request, pk, refusal)
    form = PracticeForm(request.POST or None, instance=practice)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.practice_update(
                    user=request.user, practice=practice, data=form.content()
                )
            except PermissionDenied as error:
                return _refused(request, pk, str(error))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Modifications enregistrées."))
                return redirect(practice)
        messages.error(request, _("Rien n'a été enregistré : corrigez les erreurs."))
        practice.refresh_from_db()
        context = {"form": form, "practice": practice}
        return render(request, FORM_TEMPLATE, context, status=400)
    return render(request, FORM_TEMPLATE, {"form": form, "practice": practice})


@login_required
@require_POST
def practice_attach(request: HttpRequest, pk: int) -> HttpResponse:
    practice = practice_for_page(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.practice_attach(
                user=request.user, practice=practice, upload=form.cleaned_data["file"]
            )
        except PermissionDenied as error:
            return _refused(request, pk, str(error))
        except (UploadRefused, ValidationError) as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Document joint à la pratique."))
            return redirect(practice)
    context = _detail_context(request, practice, attachment_form=form)
    return render(request, DETAIL_TEMPLATE, context, status=400)


def _attachment(request: HttpRequest, pk: int, attachment: int) -> Any:
    practice = practice_for_page(request.user, pk)
    return practice, get_object_or_404(practice.attachments.all(), pk=attachment)


@login_required
def practice_attachment(request: HttpRequest, pk: int, attachment: int):
    """The document, to whoever may read the practice; never cached."""
    _practice, found = _attachment(request, pk, attachment)
    return document_response(found.file, found.original_name, found.kind)


@login_required
@require_POST
def practice_attachment_remove(
    request: HttpRequest, pk: int, attachment: int
) -> HttpResponse:
    practice, found = _attachment(request, pk, attachment)
    try:
        services.practice_attachment_remove(user=request.user, attachment=found)
    except PermissionDenied as error:
        return _refused(request, pk, str(error))
    messages.success(request, _("Document retiré."))
    return redirect(practice)


def _post_action(
    request: HttpRequest, pk: int, act: Callable[[Any], Any], done: str
) -> HttpResponse:
    """The small POST actions of a practice's page: the service decides;
    a refusal is a 403 on the page, a second mark a message."""
    practice = practice_for_page(request.user, pk)
    try:
        act(practice)
    except PermissionDenied as error:
        return _refused(request, pk, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(practice)


@login_required
@require_POST
def practice_useful(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        lambda p: services.practice_mark_useful(user=request.user, practice=p),
        _("Merci : votre avis « utile » est enregistré."),
    )


@login_required
@require_POST
def practice_reused(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        lambda p: services.practice_mark_reused(user=request.user, practice=p),
        _("C'est noté : votre structure a repris cette pratique."),
    )


@login_required
@require_POST
def practice_feature(request: HttpRequest, pk: int) -> HttpResponse:
    featured = request.POST.get("featured") == "1"
    return _post_action(
        request,
        pk,
        lambda p: services.practice_feature(
            user=request.user, practice=p, featured=featured
        ),
        _("La pratique est à la une.")
        if featured
        else _("La pratique n'est plus à la une."),
    )


@login_required
@require_POST
def practice_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        lambda p: services.practice_confirm_fresh(user=request.user, practice=p),
        _("Merci : la pratique est confirmée à jour pour un an."),
    )


class PracticeTransitionView(TransitionView):
    model = Practice

    def refused(self, obj: Any, message: str) -> HttpResponse:
        return _refused(self.request, obj.pk, message)


practice_transition = PracticeTransitionView.as_view()


@csrf_exempt
def practice_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The digest's unsubscribe link, without login: the page names what stops
    and one button confirms (a GET changes nothing, so a mail scanner
    following links unsubscribes nobody). The signed token is the credential:
    a cross-site post cannot know it, so no CSRF token is asked, and a mail
    client's one-click POST (RFC 8058) works too."""
    user = services.user_from_unsubscribe_token(token)
    if user is None:
        return render(
            request,
            "collaboration/practices/unsubscribe.html",
            {"bad": True},
            status=404,
        )
    done = False
    if request.method == "POST":
        services.practice_digest_unsubscribe(user=user)
        done = True
    elif request.method != "GET":
        return HttpResponse(status=405)
    return render(
        request,
        "collaboration/practices/unsubscribe.html",
        {"done": done, "email": user.email},
    )
