"""Pages of local action plans and of the regional synthesis.

Every plan is fetched through ``local_plan_policy`` (404 outside the user's
reach, whatever the id) and every action, milestone or partner through its
plan; the services check the rest and say why in French (403 for a refusal,
the form again with 400 for bad input, nothing saved).
"""

from __future__ import annotations

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

from extranet.generic import (
    FilteredListView,
    ResultTable,
    ServiceFormView,
    add_service_errors,
)
from extranet.models import Territory
from workflows import engine
from workflows.views import TransitionView

from ..models import ActionKind, LocalAction, LocalPlan, Milestone, RegionalSynthesis
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
    plans_of,
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
        or (
            CommentForm(organisations=contributors_on(plan.territory_id, own))
            if contribute
            else None
        ),
        "may_review": plan.state == UNDER_REVIEW
        and local_plan_policy.can(user, "review", plan),
        "pending_needs": [
            a for a in actions if a.kind == ActionKind.LOCAL_NEED and a.need_id is None
        ],
        **extra,
    }


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_page(request.user, pk)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, plan))


def _refused(request: HttpRequest, pk: int, message: str) -> HttpResponse:
    plan = plan_for_page(request.user, pk)
    context = _detail_context(request, plan, action_error=message)
    return render(request, DETAIL_TEMPLATE, context, status=403)


def _editable(user: Any, pk: int) -> LocalPlan:
    """A plan whose content the user may change now (403 with why, otherwise)."""
    plan = plan_for_page(user, pk)
    if not local_plan_policy.can(user, "change", plan):
        raise PermissionDenied(
            _("Seul·e la ou le chargé·e de mission du territoire modifie ce plan.")
        )
    refusal = engine.edit_refusal(user, plan)
    if refusal:
        raise PermissionDenied(refusal)
    return plan


class PlanFormView(ServiceFormView):
    """A form page of the local plans: the shell's form view (the service
    writes; a refusal or bad input in French, what was typed kept), with the
    page's title and the plan it belongs to for the breadcrumb."""

    template_name = FORM_TEMPLATE
    plan: LocalPlan | None = None
    action: LocalAction | None = None

    def title(self) -> str:
        return ""

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context.update(plan=self.plan, action=self.action, title=self.title())
        return super().get_context_data(**context)


class PlanNewView(PlanFormView):
    form_class = PlanCreateForm

    def get_object(self) -> None:
        if not may_write(self.request.user):
            raise PermissionDenied(
                _("Seul·e une ou un chargé·e de mission territorial·e crée un plan.")
            )

    def get_form_kwargs(self) -> dict[str, Any]:
        ids = officer_territory_ids(self.request.user)
        return {
            "territories": list(Territory.objects.filter(pk__in=ids)),
            "initial": {"year": engine.today().year},
        }

    def title(self) -> str:
        return _("Nouveau plan d'action local")

    def perform(self, form: PlanCreateForm) -> LocalPlan:
        return services.plan_create(
            user=self.request.user,
            territory=form.cleaned_data["territory"],
            year=form.cleaned_data["year"],
            data=form.cleaned_data,
        )

    def success_message(self, result: LocalPlan) -> str:
        return _(
            "Plan créé en rédaction : ajoutez ses actions, puis soumettez-le à la "
            "coordination régionale."
        )

    def success_url(self, result: LocalPlan) -> str:
        return result.get_absolute_url()


plan_new = PlanNewView.as_view()


class PlanEditView(PlanFormView):
    form_class = PlanForm

    def get_object(self) -> LocalPlan:
        self.plan = _editable(self.request.user, self.kwargs["pk"])
        return self.plan

    def title(self) -> str:
        return _("Modifier le plan")

    def perform(self, form: PlanForm) -> LocalPlan:
        return services.plan_update(
            user=self.request.user, plan=self.plan, data=form.cleaned_data
        )

    def success_message(self, result: LocalPlan) -> str:
        return _("Modifications enregistrées.")

    def success_url(self, result: LocalPlan) -> str:
        return result.get_absolute_url()


plan_edit = PlanEditView.as_view()


class ActionNewView(PlanFormView):
    """A new action of one kind (``?type=`` on the page, ``kind`` posted)."""

    form_class = ActionForm

    def get_object(self) -> None:
        self.plan = _editable(self.request.user, self.kwargs["pk"])
        kind = self.request.POST.get("kind") or self.request.GET.get("type") or ""
        if kind not in ActionKind.values:
            raise Http404
        self.kind = kind

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"plan": self.plan, "kind": self.kind}

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["kind"] = self.kind
        return super().get_context_data(**context)

    def title(self) -> str:
        return _("Nouvelle action : %(kind)s") % {"kind": ActionKind(self.kind).label}

    def perform(self, form: ActionForm) -> LocalAction:
        return services.action_create(
            user=self.request.user, plan=self.plan, kind=self.kind, data=form.content()
        )

    def success_message(self, result: LocalAction) -> str:
        return _("Action ajoutée au plan.")

    def success_url(self, result: LocalAction) -> str:
        return result.get_absolute_url()


action_new = ActionNewView.as_view()


class ActionEditView(PlanFormView):
    form_class = ActionForm

    def get_object(self) -> LocalAction:
        self.plan = _editable(self.request.user, self.kwargs["pk"])
        self.action = action_of(self.plan, self.kwargs["action"])
        self.heading = self.action.title  # as saved, whatever is typed
        return self.action

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.action, "plan": self.plan, "kind": self.action.kind}

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["kind"] = self.action.kind
        return super().get_context_data(**context)

    def title(self) -> str:
        return _("Modifier l'action « %(title)s »") % {"title": self.heading}

    def perform(self, form: ActionForm) -> LocalAction:
        return services.action_update(
            user=self.request.user, action=self.action, data=form.content()
        )

    def success_message(self, result: LocalAction) -> str:
        return _("Action modifiée.")

    def success_url(self, result: LocalAction) -> str:
        return result.get_absolute_url()


action_edit = ActionEditView.as_view()


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


class MilestoneView(PlanFormView):
    """A new milestone of a partnership action (no ``milestone`` in the URL)
    or an update of one: its pilot structure's staff, or the officer."""

    form_class = MilestoneForm

    def get_object(self) -> Milestone | None:
        self.plan = plan_for_page(self.request.user, self.kwargs["pk"])
        self.action = action_of(self.plan, self.kwargs["action"])
        milestone = None
        if "milestone" in self.kwargs:
            milestone = next(
                (
                    m
                    for m in self.action.milestones.all()
                    if m.pk == self.kwargs["milestone"]
                ),
                None,
            )
            if milestone is None:
                raise Http404
        if not may_update_milestones(self.request.user, self.action):
            raise PermissionDenied(
                _(
                    "Seule la structure pilote de cette action (ou la ou le chargé·e "
                    "de mission du territoire) met ses jalons à jour."
                )
            )
        return milestone

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.object}

    def title(self) -> str:
        return _("Jalon de l'action « %(title)s »") % {"title": self.action.title}

    def perform(self, form: MilestoneForm) -> Milestone:
        return services.milestone_save(
            user=self.request.user,
            action=self.action,
            milestone=self.object,
            data=form.cleaned_data,
        )

    def success_message(self, result: Milestone) -> str:
        return _("Jalon enregistré.")

    def success_url(self, result: Milestone) -> str:
        return self.action.get_absolute_url()


milestone_edit = MilestoneView.as_view()


class PartnerAddView(PlanFormView):
    form_class = PartnerForm

    def get_object(self) -> LocalAction:
        self.plan = _editable(self.request.user, self.kwargs["pk"])
        self.action = action_of(self.plan, self.kwargs["action"])
        return self.action

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def title(self) -> str:
        return _("Ajouter un partenaire à « %(title)s »") % {"title": self.action.title}

    def perform(self, form: PartnerForm) -> Any:
        return services.partner_add(
            user=self.request.user,
            action=self.action,
            organisation=form.cleaned_data["organisation"],
            role=form.cleaned_data["role"],
        )

    def success_message(self, result: Any) -> str:
        return _("Partenaire ajouté.")

    def success_url(self, result: Any) -> str:
        return self.action.get_absolute_url()


partner_add = PartnerAddView.as_view()


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
    organisations = contributors_on(
        plan.territory_id, staff_organisation_ids(request.user)
    )
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
    figures = figures_of(synthesis)
    return {
        "synthesis": synthesis,
        "figures": figures,
        "plans": list(plans_of(synthesis, figures)),
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


class SynthesisFormView(PlanFormView):
    """The synthesis's forms: the Région's coordination only."""

    synthesis: RegionalSynthesis | None = None

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["synthesis"] = self.synthesis
        return super().get_context_data(**context)

    def success_url(self, result: RegionalSynthesis) -> str:
        return result.get_absolute_url()


class SynthesisNewView(SynthesisFormView):
    form_class = SynthesisCreateForm

    def get_object(self) -> None:
        _check_writer(self.request)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "initial": {
                "year": engine.today().year,
                "title": _("Synthèse régionale des plans d'action locaux"),
            }
        }

    def title(self) -> str:
        return _("Nouvelle synthèse régionale")

    def perform(self, form: SynthesisCreateForm) -> RegionalSynthesis:
        return services.synthesis_create(
            user=self.request.user,
            year=form.cleaned_data["year"],
            data=form.cleaned_data,
        )

    def success_message(self, result: RegionalSynthesis) -> str:
        return _("Synthèse créée.")


synthesis_new = SynthesisNewView.as_view()


class SynthesisEditView(SynthesisFormView):
    """A draft version changes in place; a presented one makes the next."""

    form_class = SynthesisForm

    def get_object(self) -> RegionalSynthesis:
        _check_writer(self.request)
        self.synthesis = synthesis_for_page(self.request.user, self.kwargs["pk"])
        return self.synthesis

    def title(self) -> str:
        return _("Modifier la synthèse régionale %(year)s") % {
            "year": self.synthesis.year
        }

    def perform(self, form: SynthesisForm) -> RegionalSynthesis:
        return services.synthesis_update(
            user=self.request.user,
            synthesis=RegionalSynthesis.objects.get(pk=self.synthesis.pk),
            data=form.cleaned_data,
        )

    def success_message(self, result: RegionalSynthesis) -> str:
        if result.pk != self.synthesis.pk:
            return _(
                "La version présentée reste telle quelle : vos modifications "
                "forment la version %(version)s."
            ) % {"version": result.version}
        return _("Modifications enregistrées.")


synthesis_edit = SynthesisEditView.as_view()


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
    figures = figures_of(synthesis)
    content = synthesis_pdf_bytes(
        synthesis, figures, list(plans_of(synthesis, figures))
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="synthese-regionale-{synthesis.year}'
        f'-v{synthesis.version}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
