"""Pages of local action plans and of the regional synthesis.

Every plan is fetched through ``local_plan_policy`` (404 outside the user's
reach, whatever the id) and every action, milestone or partner through its
plan; the services check the rest and say why in French (403 for a refusal,
the form again with 400 for bad input, nothing saved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from extranet.generic import FilteredListView, ResultTable, add_service_errors
from extranet.models import Territory
from workflows import engine
from workflows.views import TransitionView

from ..models import ActionKind, LocalPlan, RegionalSynthesis
from . import services
from .definitions import LOCAL_PLAN, UNDER_REVIEW
from .forms import (
    ActionForm,
    CommentForm,
    JoinForm,
    MilestoneForm,
    PartnerForm,
    PlanCreateForm,
    PlanFilterForm,
    PlanForm,
    PresentForm,
    ReviewForm,
    SynthesisCreateForm,
    SynthesisForm,
)
from .policy import (
    contributors_on,
    joinable_by_action,
    joinable_organisations,
    local_plan_policy,
    may_contribute,
    may_read_syntheses,
    may_update_milestones,
    may_write,
    may_write_synthesis,
    officer_territory_ids,
    staff_organisation_ids,
)
from .selectors import (
    action_of,
    figures_of,
    plan_for_page,
    plans_for_list,
    reviewed_plans,
    syntheses_for_list,
    synthesis_for_page,
)

DETAIL_TEMPLATE = "coordination/plans/detail.html"
FORM_TEMPLATE = "coordination/plans/form.html"
NOTHING_SAVED = gettext_lazy("Rien n'a été enregistré : corrigez les erreurs.")


def _count(n: int) -> str:
    return ngettext("%(n)d plan", "%(n)d plans", n) % {"n": n}


class PlanListView(FilteredListView):
    form_class = PlanFilterForm
    template_name = "coordination/plans/list.html"
    filter_label = gettext_lazy("Filtrer les plans")
    paginate_by = 30
    table = ResultTable(
        caption=gettext_lazy("Plans d'action locaux"),
        headers=(
            gettext_lazy("Plan"),
            gettext_lazy("Territoire"),
            gettext_lazy("Année"),
            gettext_lazy("État"),
            gettext_lazy("Actions"),
        ),
        row_template="coordination/plans/row.html",
        count=_count,
        empty=gettext_lazy("Aucun plan ne correspond à ces critères."),
    )

    def get_queryset(self, filters: dict[str, Any]) -> QuerySet:
        return plans_for_list(self.request.user, filters)

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["may_write"] = may_write(self.request.user)
        context["may_read_syntheses"] = may_read_syntheses(self.request.user)
        return context


plan_list = PlanListView.as_view()


def _detail_context(request: HttpRequest, plan: LocalPlan, **extra: Any) -> dict:
    user = request.user
    editable = engine.may_edit(user, plan) and local_plan_policy.can(
        user, "change", plan
    )
    actions = list(plan.actions.all())
    by_kind = [
        (kind, label, [a for a in actions if a.kind == kind])
        for kind, label in ActionKind.choices
    ]
    joinable = joinable_by_action(user, plan)
    for action in actions:
        action.may_milestones = may_update_milestones(user, action)
        action.joinable = joinable.get(action.pk, [])
    own = staff_organisation_ids(user)
    contribute = may_contribute(user, plan)
    return {
        "plan": plan,
        "definition": LOCAL_PLAN,
        "editable": editable,
        "by_kind": by_kind,
        "comment_form": extra.pop("comment_form", None)
        or (CommentForm(organisations=_own_in(plan, own)) if contribute else None),
        "may_review": plan.state == UNDER_REVIEW
        and local_plan_policy.can(user, "review", plan),
        "pending_needs": [
            a for a in actions if a.kind == ActionKind.LOCAL_NEED and a.need_id is None
        ],
        **extra,
    }


def _own_in(plan: LocalPlan, organisation_ids: set[int]) -> list[int]:
    return contributors_on(plan.territory_id, organisation_ids)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_page(request.user, pk)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, plan))


def _refused(request: HttpRequest, pk: int, message: str) -> HttpResponse:
    plan = plan_for_page(request.user, pk)
    context = _detail_context(request, plan, action_error=message)
    return render(request, DETAIL_TEMPLATE, context, status=403)


def _form_page(
    request: HttpRequest, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    if status == 400:
        messages.error(request, NOTHING_SAVED)
    return render(request, FORM_TEMPLATE, context, status=status)


def _submit(
    request: HttpRequest,
    form: Any,
    context: dict[str, Any],
    write: Callable[[], Any],
    done: str,
    *,
    pk: int | None = None,
) -> HttpResponse:
    """The form page: on GET, the form; on POST, ``write()`` (a service) once
    the form is valid, then ``done`` said and a redirect to what ``write``
    returned. A service's refusal shows the plan's page (403, ``pk``); its
    ``ValidationError`` lands on the form, shown again with what was typed
    (400), the object on the page read again as it is saved."""
    if request.method != "POST":
        return _form_page(request, context)
    if form.is_valid():
        try:
            target = write()
        except PermissionDenied as error:
            if pk is None:
                raise
            return _refused(request, pk, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(target)
    instance = getattr(form, "instance", None)
    if instance is not None and instance.pk:
        instance.refresh_from_db()
    return _form_page(request, context, 400)


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not may_write(user):
        raise PermissionDenied(
            _("Seul·e une ou un chargé·e de mission territorial·e crée un plan.")
        )
    territories = list(Territory.objects.filter(pk__in=officer_territory_ids(user)))
    form = PlanCreateForm(
        request.POST or None,
        territories=territories,
        initial={"year": engine.today().year},
    )
    context = {"form": form, "title": _("Nouveau plan d'action local")}
    return _submit(
        request,
        form,
        context,
        lambda: services.plan_create(
            user=user,
            territory=form.cleaned_data["territory"],
            year=form.cleaned_data["year"],
            data=form.cleaned_data,
        ),
        _(
            "Plan créé en rédaction : ajoutez ses actions, puis soumettez-le à la "
            "coordination régionale."
        ),
    )


def _editable_plan(request: HttpRequest, pk: int) -> LocalPlan | HttpResponse:
    plan = plan_for_page(request.user, pk)
    if not local_plan_policy.can(request.user, "change", plan):
        return _refused(
            request,
            pk,
            _("Seul·e la ou le chargé·e de mission du territoire modifie ce plan."),
        )
    refusal = engine.edit_refusal(request.user, plan)
    if refusal:
        return _refused(request, pk, refusal)
    return plan


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    if isinstance(plan, HttpResponse):
        return plan
    form = PlanForm(request.POST or None, instance=plan)
    context = {"form": form, "plan": plan, "title": _("Modifier le plan")}
    return _submit(
        request,
        form,
        context,
        lambda: services.plan_update(
            user=request.user, plan=plan, data=form.cleaned_data
        ),
        _("Modifications enregistrées."),
        pk=pk,
    )


def _kind(request: HttpRequest) -> str:
    kind = request.POST.get("kind") or request.GET.get("type") or ""
    if kind not in ActionKind.values:
        raise Http404
    return kind


@login_required
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    if isinstance(plan, HttpResponse):
        return plan
    kind = _kind(request)
    form = ActionForm(request.POST or None, plan=plan, kind=kind)
    context = {
        "form": form,
        "plan": plan,
        "kind": kind,
        "title": _("Nouvelle action : %(kind)s") % {"kind": ActionKind(kind).label},
    }
    return _submit(
        request,
        form,
        context,
        lambda: services.action_create(
            user=request.user, plan=plan, kind=kind, data=form.content()
        ).get_absolute_url(),
        _("Action ajoutée au plan."),
        pk=pk,
    )


@login_required
def action_edit(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    if isinstance(plan, HttpResponse):
        return plan
    found = action_of(plan, action)
    form = ActionForm(request.POST or None, instance=found, plan=plan, kind=found.kind)
    context = {
        "form": form,
        "plan": plan,
        "kind": found.kind,
        "action": found,
        "title": _("Modifier l'action « %(title)s »") % {"title": found.title},
    }
    return _submit(
        request,
        form,
        context,
        lambda: services.action_update(
            user=request.user, action=found, data=form.content()
        ).get_absolute_url(),
        _("Action modifiée."),
        pk=pk,
    )


@login_required
@require_POST
def action_remove(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    plan = plan_for_page(request.user, pk)
    found = action_of(plan, action)
    try:
        services.action_remove(user=request.user, action=found)
    except PermissionDenied as error:
        return _refused(request, pk, str(error))
    messages.success(request, _("Action retirée du plan (son historique la garde)."))
    return redirect(plan)


@login_required
def milestone_edit(
    request: HttpRequest, pk: int, action: int, milestone: int | None = None
) -> HttpResponse:
    """A new milestone (``milestone`` None) or an update of one."""
    plan = plan_for_page(request.user, pk)
    found = action_of(plan, action)
    instance = None
    if milestone is not None:
        instance = next((m for m in found.milestones.all() if m.pk == milestone), None)
        if instance is None:
            raise Http404
    if not may_update_milestones(request.user, found):
        return _refused(
            request,
            pk,
            _(
                "Seule la structure pilote de cette action (ou la ou le chargé·e "
                "de mission du territoire) met ses jalons à jour."
            ),
        )
    form = MilestoneForm(request.POST or None, instance=instance)
    context = {
        "form": form,
        "plan": plan,
        "action": found,
        "title": _("Jalon de l'action « %(title)s »") % {"title": found.title},
    }

    def write() -> str:
        services.milestone_save(
            user=request.user, action=found, milestone=instance, data=form.cleaned_data
        )
        return found.get_absolute_url()

    return _submit(request, form, context, write, _("Jalon enregistré."), pk=pk)


@login_required
def partner_add(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    if isinstance(plan, HttpResponse):
        return plan
    found = action_of(plan, action)
    form = PartnerForm(request.POST or None)
    context = {
        "form": form,
        "plan": plan,
        "action": found,
        "title": _("Ajouter un partenaire à « %(title)s »") % {"title": found.title},
    }

    def write() -> str:
        services.partner_add(
            user=request.user,
            action=found,
            organisation=form.cleaned_data["organisation"],
            role=form.cleaned_data["role"],
        )
        return found.get_absolute_url()

    return _submit(request, form, context, write, _("Partenaire ajouté."), pk=pk)


@login_required
@require_POST
def action_join(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    plan = plan_for_page(request.user, pk)
    found = action_of(plan, action)
    organisations = joinable_organisations(request.user, found)
    if not organisations:
        return _refused(
            request,
            pk,
            _(
                "Seul·e la ou le référent·e d'une structure du territoire engage sa "
                "structure dans cette action."
            ),
        )
    form = JoinForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            services.partner_join(
                user=request.user,
                action=found,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
            )
        except PermissionDenied as error:
            return _refused(request, pk, str(error))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Votre structure rejoint cette action."))
        return redirect(found.get_absolute_url())
    messages.error(request, _("Choisissez la structure qui rejoint l'action."))
    return redirect(found.get_absolute_url())


@login_required
@require_POST
def plan_comment(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_page(request.user, pk)
    if not may_contribute(request.user, plan):
        return _refused(
            request, pk, _("Seules les structures du territoire contribuent à ce plan.")
        )
    organisations = _own_in(plan, staff_organisation_ids(request.user))
    form = CommentForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            services.comment_add(
                user=request.user,
                plan=plan,
                organisation=form.cleaned_data["organisation"],
                text=form.cleaned_data["text"],
            )
        except PermissionDenied as error:
            return _refused(request, pk, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Merci : votre contribution est enregistrée."))
            return redirect(f"{plan.get_absolute_url()}#contributions")
    messages.error(request, NOTHING_SAVED)
    context = _detail_context(request, plan, comment_form=form)
    return render(request, DETAIL_TEMPLATE, context, status=400)


@login_required
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_page(request.user, pk)
    if plan.state != UNDER_REVIEW or not local_plan_policy.can(
        request.user, "review", plan
    ):
        return _refused(
            request,
            pk,
            _(
                "Le bilan s'écrit par la ou le chargé·e de mission du territoire, "
                "une fois ouvert et jusqu'à sa remise."
            ),
        )
    form = ReviewForm(request.POST or None, instance=plan)
    context = {"form": form, "plan": plan}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.review_save(
                    user=request.user,
                    plan=plan,
                    data=form.plan_data(),
                    actions=form.actions_data(),
                )
            except PermissionDenied as error:
                return _refused(request, pk, str(error))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Bilan enregistré."))
                return redirect(f"{plan.get_absolute_url()}#bilan")
        messages.error(request, NOTHING_SAVED)
        return render(request, "coordination/plans/review.html", context, status=400)
    return render(request, "coordination/plans/review.html", context)


class PlanTransitionView(TransitionView):
    model = LocalPlan

    def refused(self, obj: Any, message: str) -> HttpResponse:
        return _refused(self.request, obj.pk, message)


plan_transition = PlanTransitionView.as_view()


# The regional synthesis ---------------------------------------------------------


@login_required
def synthesis_list(request: HttpRequest) -> HttpResponse:
    if not may_read_syntheses(request.user):
        raise PermissionDenied(
            _("La synthèse régionale est lue par la Région, le GREF et les réseaux.")
        )
    return render(
        request,
        "coordination/plans/syntheses.html",
        {
            "syntheses": list(syntheses_for_list(request.user)),
            "may_write": may_write_synthesis(request.user),
        },
    )


def _synthesis_context(synthesis: RegionalSynthesis, user: Any) -> dict[str, Any]:
    return {
        "synthesis": synthesis,
        "figures": figures_of(synthesis),
        "plans": list(reviewed_plans(synthesis.year)),
        "may_write": may_write_synthesis(user),
        "present_form": PresentForm(initial={"presented_at": engine.today()}),
        "newer": RegionalSynthesis.objects.filter(previous=synthesis).first(),
    }


@login_required
def synthesis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    synthesis = synthesis_for_page(request.user, pk)
    return render(
        request,
        "coordination/plans/synthesis.html",
        _synthesis_context(synthesis, request.user),
    )


def _check_writer(request: HttpRequest) -> None:
    if not may_write_synthesis(request.user):
        raise PermissionDenied(
            _("Seule la coordination régionale rédige la synthèse régionale.")
        )


@login_required
def synthesis_new(request: HttpRequest) -> HttpResponse:
    _check_writer(request)
    form = SynthesisCreateForm(
        request.POST or None,
        initial={
            "year": engine.today().year,
            "title": _("Synthèse régionale des plans d'action locaux"),
        },
    )
    context = {"form": form, "title": _("Nouvelle synthèse régionale")}
    return _submit(
        request,
        form,
        context,
        lambda: services.synthesis_create(
            user=request.user,
            year=form.cleaned_data["year"],
            data=form.cleaned_data,
        ),
        _("Synthèse créée."),
    )


@login_required
def synthesis_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _check_writer(request)
    synthesis = synthesis_for_page(request.user, pk)
    form = SynthesisForm(request.POST or None, instance=synthesis)
    context = {
        "form": form,
        "synthesis": synthesis,
        "title": _("Modifier la synthèse régionale %(year)s")
        % {"year": synthesis.year},
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.synthesis_update(
                    user=request.user, synthesis=synthesis, data=form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if saved.pk != synthesis.pk:
                    messages.success(
                        request,
                        _(
                            "La version présentée reste telle quelle : vos "
                            "modifications forment la version %(version)s."
                        )
                        % {"version": saved.version},
                    )
                else:
                    messages.success(request, _("Modifications enregistrées."))
                return redirect(saved)
        synthesis.refresh_from_db()
        return _form_page(request, context, 400)
    return _form_page(request, context)


@login_required
@require_POST
def synthesis_present(request: HttpRequest, pk: int) -> HttpResponse:
    _check_writer(request)
    synthesis = synthesis_for_page(request.user, pk)
    form = PresentForm(request.POST)
    if form.is_valid():
        try:
            services.synthesis_present(
                user=request.user,
                synthesis=synthesis,
                on=form.cleaned_data["presented_at"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version présentée : ses chiffres et son texte sont figés."),
            )
            return redirect(synthesis)
    messages.error(request, NOTHING_SAVED)
    context = _synthesis_context(synthesis, request.user)
    context["present_form"] = form
    return render(request, "coordination/plans/synthesis.html", context, status=400)


@login_required
def synthesis_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from .documents import synthesis_pdf_bytes

    synthesis = synthesis_for_page(request.user, pk)
    content = synthesis_pdf_bytes(
        synthesis, figures_of(synthesis), list(reviewed_plans(synthesis.year))
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="synthese-regionale-{synthesis.year}'
        f'-v{synthesis.version}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
