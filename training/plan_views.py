"""Pages of the needs census and of the yearly plan.

Every object is fetched through its policy (``need_policy``,
``campaign_policy``, ``plan_policy``): out of reach answers 404, whatever the
id; an action the user may not take answers 403. Moving a plan goes through the
engine's generic view; editing its actions only where its state allows it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from extranet.generic import ServiceFormView
from workflows import engine
from workflows.views import TransitionView

from . import services
from .forms import CampaignForm, NeedForm, PlanActionForm, PlanForm
from .models import Need, NeedsCampaign, Plan, PlanAction
from .policy import campaign_policy, need_policy, plan_policy
from .selectors import needs_consolidated, needs_of, plan_actions, plans_for_list

PLAN_TEMPLATE = "training/plan.html"


# The needs census -------------------------------------------------------------------


@login_required
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    if not campaign_policy.grants_anywhere(request.user, "view"):
        raise PermissionDenied
    campaigns = campaign_policy.visible(request.user, "view")
    return render(
        request,
        "training/campaigns.html",
        {
            "campaigns": campaigns,
            "may_open": campaign_policy.grants_anywhere(request.user, "open"),
        },
    )


class CampaignOpenView(ServiceFormView):
    form_class = CampaignForm
    template_name = "training/campaign_form.html"

    def get_object(self) -> None:
        if not campaign_policy.grants_anywhere(self.request.user, "open"):
            raise PermissionDenied
        return None

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        return super().get_context_data(
            page_title=_("Ouvrir un recensement des besoins"),
            submit_label=_("Ouvrir le recensement"),
            back_url=reverse("training:campaigns"),
            **context,
        )

    def perform(self, form: CampaignForm) -> NeedsCampaign:
        return services.campaign_open(user=self.request.user, **form.cleaned_data)

    def success_message(self, result: NeedsCampaign) -> str:
        return _(
            "Le recensement est ouvert : les têtes de réseau et les territoires "
            "peuvent saisir leurs besoins."
        )

    def success_url(self, result: NeedsCampaign) -> str:
        return result.get_absolute_url()


campaign_open = CampaignOpenView.as_view()


@login_required
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    campaign = campaign_policy.get_or_404(user, "view", None, pk)
    may_consolidate = need_policy.grants_anywhere(user, "consolidate")
    return render(
        request,
        "training/campaign.html",
        {
            "campaign": campaign,
            "needs": list(needs_of(user, campaign)),
            "consolidation": needs_consolidated(campaign) if may_consolidate else None,
            "may_submit": need_policy.grants_anywhere(user, "submit")
            and campaign.accepts_needs(),
            "may_close": campaign.is_open
            and campaign_policy.can(user, "open", campaign),
        },
    )


@login_required
@require_POST
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_policy.get_or_404(request.user, "view", None, pk)
    services.campaign_close(user=request.user, campaign=campaign)
    messages.success(request, _("Le recensement est clos."))
    return redirect(campaign)


class NeedFormView(ServiceFormView):
    form_class = NeedForm
    template_name = "training/need_form.html"
    context_object_name = "need"
    error_message = gettext_lazy(
        "Le besoin n'a pas été enregistré : corrigez les erreurs signalées."
    )

    def get_object(self) -> Need | None:
        user = self.request.user
        if "pk" in self.kwargs:
            need = need_policy.get_or_404(
                user, "view", Need.objects.select_related("campaign"), self.kwargs["pk"]
            )
            if not need_policy.can(user, "submit", need):
                raise PermissionDenied
            self.campaign = need.campaign
            return need
        self.campaign = campaign_policy.get_or_404(
            user, "view", None, self.kwargs["campaign"]
        )
        if not need_policy.grants_anywhere(user, "submit"):
            raise PermissionDenied
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.object} if self.object else {}

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context = super().get_context_data(**context)
        context.update(
            campaign=self.campaign,
            page_title=_("Modifier le besoin")
            if self.object
            else _("Saisir un besoin"),
            submit_label=_("Enregistrer le besoin"),
            back_url=(self.object or self.campaign).get_absolute_url(),
        )
        return context

    def perform(self, form: NeedForm) -> Need:
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.need_save(
            user=self.request.user, campaign=self.campaign, need=self.object, data=data
        )

    def success_message(self, result: Need) -> str:
        return _("Le besoin est enregistré.")

    def success_url(self, result: Need) -> str:
        return result.get_absolute_url()


need_form = NeedFormView.as_view()


@login_required
@require_GET
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = need_policy.get_or_404(
        request.user,
        "view",
        Need.objects.select_related(
            "campaign", "organisation", "scope_territory", "territory", "submitted_by"
        ),
        pk,
    )
    plans = plan_policy.visible(request.user, "view", Plan.objects.all()).values("pk")
    return render(
        request,
        "training/need.html",
        {
            "need": need,
            "actions": need.actions.filter(plan__in=plans)
            .select_related("plan")
            .order_by("-plan__year", "-plan__version", "theme"),
            "may_change": need_policy.can(request.user, "submit", need)
            and need.campaign.accepts_needs(),
            "history": need.history.select_related("history_user").order_by(
                "-history_date"
            )[:20],
        },
    )


# The plan ---------------------------------------------------------------------------


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    if not plan_policy.grants_anywhere(request.user, "view"):
        raise PermissionDenied
    return render(
        request,
        "training/plans.html",
        {
            "plans": plans_for_list(request.user),
            "may_draft": plan_policy.grants_anywhere(request.user, "draft"),
        },
    )


class PlanNewView(ServiceFormView):
    form_class = PlanForm
    template_name = "training/plan_form.html"

    def get_object(self) -> None:
        if not plan_policy.grants_anywhere(self.request.user, "draft"):
            raise PermissionDenied
        return None

    def build_form(self) -> PlanForm:
        form = super().build_form()
        if self.request.method != "POST":
            form.initial.setdefault("year", timezone.localdate().year + 1)
        return form

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        return super().get_context_data(
            page_title=_("Préparer le plan d'une année"),
            submit_label=_("Créer le plan"),
            back_url=reverse("training:plans"),
            **context,
        )

    def perform(self, form: PlanForm) -> Plan:
        return services.plan_create(user=self.request.user, **form.cleaned_data)

    def success_message(self, result: Plan) -> str:
        return _("Le plan est créé en rédaction : ajoutez ses actions.")

    def success_url(self, result: Plan) -> str:
        return result.get_absolute_url()


plan_new = PlanNewView.as_view()


def get_plan(request: HttpRequest, pk: int) -> Plan:
    return plan_policy.get_or_404(
        request.user, "view", Plan.objects.select_related("previous"), pk
    )


def _plan_context(
    request: HttpRequest, plan: Plan, *, action_error: str = ""
) -> dict[str, Any]:
    return {
        "plan": plan,
        "actions": plan_actions(plan),
        "may_edit": engine.may_edit(request.user, plan),
        "next_version": plan_policy.visible(
            request.user, "view", Plan.objects.filter(previous=plan)
        ).first(),
        "action_error": action_error,
        "action_url": reverse("training:plan_transition", args=[plan.pk]),
    }


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(request, pk)
    return render(request, PLAN_TEMPLATE, _plan_context(request, plan))


class PlanTransitionView(TransitionView):
    """The engine's generic view; a refusal shows the plan's own page."""

    model = Plan

    def refused(self, obj: Plan, message: str) -> HttpResponse:
        return render(
            self.request,
            PLAN_TEMPLATE,
            _plan_context(self.request, obj, action_error=message),
            status=403,
        )


plan_transition = PlanTransitionView.as_view()


class PlanActionFormView(ServiceFormView):
    """Add or change an action while the plan's state lets the user edit it."""

    form_class = PlanActionForm
    template_name = "training/plan_action_form.html"
    context_object_name = "action"
    error_message = gettext_lazy(
        "L'action n'a pas été enregistrée : corrigez les erreurs signalées."
    )

    def get_object(self) -> PlanAction | None:
        user = self.request.user
        if "pk" in self.kwargs:
            plans = plan_policy.visible(user, "view", Plan.objects.all())
            found = PlanAction.objects.filter(plan__in=plans.values("pk")).filter(
                pk=self.kwargs["pk"]
            )
            self.action_obj = found.select_related("plan").first()
            if self.action_obj is None:
                raise Http404
            self.plan = self.action_obj.plan
        else:
            self.action_obj = None
            self.plan = get_plan(self.request, self.kwargs["plan"])
        refusal = engine.edit_refusal(user, self.plan)
        if refusal:
            raise PermissionDenied(refusal)
        return self.action_obj

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"plan": self.plan}
        if self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context = super().get_context_data(**context)
        context.update(
            plan=self.plan,
            page_title=(
                _("Modifier l'action") if self.object else _("Ajouter une action")
            ),
            submit_label=_("Enregistrer l'action"),
            back_url=self.plan.get_absolute_url(),
        )
        return context

    def perform(self, form: PlanActionForm) -> PlanAction:
        return services.plan_action_save(
            user=self.request.user,
            plan=self.plan,
            action=self.object,
            data=form.action_data(),
            needs=form.cleaned_data["needs"],
        )

    def success_message(self, result: PlanAction) -> str:
        return _("L'action « %(theme)s » est enregistrée.") % {"theme": result.theme}

    def success_url(self, result: PlanAction) -> str:
        return self.plan.get_absolute_url() + "#actions"


plan_action_form = PlanActionFormView.as_view()
