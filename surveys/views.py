"""Extranet pages of the surveys: definitions, campaigns, results, exports,
moderation and posters.

Every survey and campaign is fetched through the policy (404 outside the
user's reach, whatever the id); the services check again and say why in
French. Results are read through ``selectors.campaign_results`` with the
user's reach: a referent's structure filter that names another structure
finds nothing (404).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from extranet.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Sheet,
    attachment,
    csv_bytes,
    xlsx_bytes,
)
from extranet.generic import ServiceFormView

from . import selectors, services
from .forms import AnswerForm, CampaignForm, QuestionForm, SectionForm, SurveyForm
from .models import (
    Answer,
    Campaign,
    CampaignState,
    Moderation,
    PublicLink,
    Question,
    Section,
    Survey,
)
from .policy import (
    is_coordinator,
    kinds_for,
    manageable_campaigns,
    manageable_surveys,
    may_manage_surveys,
    reach,
    readable_campaigns,
)

FORM_TEMPLATE = "surveys/form.html"
CUTS = {
    "total": gettext_lazy("Ensemble"),
    "structure": gettext_lazy("Par structure"),
    "network": gettext_lazy("Par réseau"),
    "territory": gettext_lazy("Par territoire"),
}


def _survey(request: HttpRequest, pk: int) -> Survey:
    return get_object_or_404(manageable_surveys(request.user), pk=pk)


def _managed(request: HttpRequest, pk: int) -> Campaign:
    return get_object_or_404(
        manageable_campaigns(request.user).select_related("survey"), pk=pk
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The campaigns one manages or reads, and the surveys one edits."""
    user = request.user
    managed = manageable_campaigns(user).select_related("survey")
    readable = (
        readable_campaigns(user)
        .exclude(pk__in=managed.values("pk"))
        .exclude(state=CampaignState.DRAFT)
        .select_related("survey")
    )
    return render(
        request,
        "surveys/home.html",
        {
            "managed": managed.annotate(
                invited=Count("invitations", distinct=True),
                answered=Count(
                    "invitations", filter=Q(invitations__answered=True), distinct=True
                ),
            ),
            "readable": readable,
            "surveys": manageable_surveys(user).filter(archived=False),
            "may_manage": may_manage_surveys(user),
        },
    )


class SurveysFormView(ServiceFormView):
    template_name = FORM_TEMPLATE
    back = ""

    def title(self) -> str:
        return ""

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context.update(title=self.title(), back=self.back_url())
        return super().get_context_data(**context)

    def back_url(self) -> str:
        return reverse("surveys:home")


class SurveyCreateView(SurveysFormView):
    form_class = SurveyForm

    def get_object(self) -> None:
        if not kinds_for(self.request.user):
            raise PermissionDenied
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"kinds": kinds_for(self.request.user)}

    def title(self) -> str:
        return _("Nouveau questionnaire")

    def perform(self, form: SurveyForm) -> Survey:
        return services.survey_save(user=self.request.user, data=form.cleaned_data)

    def success_message(self, result: Survey) -> str:
        return _("Le questionnaire est créé : ajoutez ses parties et ses questions.")

    def success_url(self, result: Survey) -> str:
        return result.get_absolute_url()


class SurveyEditView(SurveyCreateView):
    def get_object(self) -> Survey:
        return _survey(self.request, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"kinds": kinds_for(self.request.user), "instance": self.object}

    def title(self) -> str:
        return _("Modifier le questionnaire")

    def back_url(self) -> str:
        return self.object.get_absolute_url()

    def perform(self, form: SurveyForm) -> Survey:
        return services.survey_save(
            user=self.request.user, survey=self.object, data=form.cleaned_data
        )

    def success_message(self, result: Survey) -> str:
        return _("Le questionnaire est enregistré.")


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    sections = list(survey.sections.prefetch_related("questions__condition_question"))
    return render(
        request,
        "surveys/survey.html",
        {
            "survey": survey,
            "sections": sections,
            "locked": survey.has_answers or survey.national,
            "has_answers": survey.has_answers,
            "campaigns": survey.campaigns.all(),
        },
    )


@login_required
def survey_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The survey as a respondent sees it; the form sends nothing."""
    survey = _survey(request, pk)
    questions = _questions(survey)
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "form": AnswerForm(questions),
            "preview": True,
            "mode": None,
        },
    )


@login_required
@require_POST
def survey_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    try:
        copy = services.survey_new_version(user=request.user, survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(survey.get_absolute_url())
    messages.success(
        request, _("La version %(v)d est créée : modifiez-la.") % {"v": copy.version}
    )
    return redirect(copy.get_absolute_url())


class SectionCreateView(SurveysFormView):
    form_class = SectionForm

    def get_object(self) -> Survey:
        return _survey(self.request, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def title(self) -> str:
        return _("Nouvelle partie")

    def back_url(self) -> str:
        return self.object.get_absolute_url()

    def perform(self, form: SectionForm) -> Section:
        return services.section_save(
            user=self.request.user, survey=self.object, data=form.cleaned_data
        )

    def success_message(self, result: Section) -> str:
        return _("La partie est ajoutée.")

    def success_url(self, result: Section) -> str:
        return self.object.get_absolute_url()


class QuestionCreateView(SurveysFormView):
    form_class = QuestionForm
    question: Question | None = None

    def get_object(self) -> Section:
        survey = _survey(self.request, self.kwargs["pk"])
        return get_object_or_404(survey.sections, pk=self.kwargs["section"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"survey": self.object.survey, "instance": self.question}

    def title(self) -> str:
        return _("Nouvelle question")

    def back_url(self) -> str:
        return self.object.survey.get_absolute_url()

    def perform(self, form: QuestionForm) -> Question:
        return services.question_save(
            user=self.request.user,
            section=self.object,
            question=self.question,
            data=form.service_data(),
        )

    def success_message(self, result: Question) -> str:
        return _("La question est enregistrée.")

    def success_url(self, result: Question) -> str:
        return self.object.survey.get_absolute_url()


class QuestionEditView(QuestionCreateView):
    def get_object(self) -> Section:
        question = get_object_or_404(
            Question.objects.filter(
                section__survey__in=manageable_surveys(self.request.user)
            ).select_related("section__survey"),
            pk=self.kwargs["pk"],
        )
        self.question = question
        return question.section

    def title(self) -> str:
        return _("Modifier la question")


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.filter(
            section__survey__in=manageable_surveys(request.user)
        ).select_related("section__survey"),
        pk=pk,
    )
    survey = question.section.survey
    try:
        services.question_remove(user=request.user, question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La question est retirée."))
    return redirect(survey.get_absolute_url())


class CampaignCreateView(SurveysFormView):
    form_class = CampaignForm

    def get_object(self) -> Campaign | None:
        if not services.manageable_modes(self.request.user):
            raise PermissionDenied
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "surveys": manageable_surveys(self.request.user).filter(archived=False),
            "modes": services.manageable_modes(self.request.user),
        }
        if self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def title(self) -> str:
        return _("Nouvelle campagne")

    def perform(self, form: CampaignForm) -> Campaign:
        data = {k: v for k, v in form.cleaned_data.items() if k != "structures"}
        return services.campaign_save(
            user=self.request.user,
            campaign=self.object,
            data=data,
            structures=form.cleaned_data["structures"],
        )

    def success_message(self, result: Campaign) -> str:
        return _("La campagne est enregistrée.")

    def success_url(self, result: Campaign) -> str:
        return result.get_absolute_url()


class CampaignEditView(CampaignCreateView):
    def get_object(self) -> Campaign:
        return _managed(self.request, self.kwargs["pk"])

    def title(self) -> str:
        return _("Modifier la campagne")

    def back_url(self) -> str:
        return self.object.get_absolute_url()


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _managed(request, pk)
    links = list(
        campaign.public_links.select_related("structure__organisation").order_by(
            "structure__organisation__name"
        )
    )
    invitations = campaign.invitations.aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered=True))
    )
    # Erased after the retention period: their counts stay on the campaign.
    invitations["invited"] += campaign.invited_count or 0
    invitations["answered"] += campaign.answered_count or 0
    return render(
        request,
        "surveys/campaign.html",
        {
            "campaign": campaign,
            "links": links,
            "invitations": invitations,
            "structures": campaign.structures.select_related("organisation"),
            "release": selectors.release_of(campaign),
            "pending": selectors.pending_count(campaign),
            "to_moderate": Answer.objects.filter(
                response__campaign=campaign, moderation=Moderation.PENDING
            ).count(),
            "may_publish": is_coordinator(request.user),
        },
    )


def _campaign_action(request: HttpRequest, pk: int, do: Any, done: str) -> HttpResponse:
    campaign = _managed(request, pk)
    try:
        result = do(campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"n": result} if "%(n)" in done else done)
    return redirect(campaign.get_absolute_url())


@login_required
@require_POST
def campaign_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _campaign_action(
        request,
        pk,
        lambda c: services.campaign_open(user=request.user, campaign=c),
        _("La campagne est ouverte : son anonymat ne peut plus être affaibli."),
    )


@login_required
@require_POST
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _campaign_action(
        request,
        pk,
        lambda c: services.campaign_close(user=request.user, campaign=c),
        _("La campagne est close : ses résultats sont disponibles."),
    )


@login_required
@require_POST
def campaign_remind(request: HttpRequest, pk: int) -> HttpResponse:
    return _campaign_action(
        request,
        pk,
        lambda c: services.campaign_remind(user=request.user, campaign=c),
        _("Relances envoyées : %(n)s."),
    )


@login_required
@require_POST
def campaign_publish(request: HttpRequest, pk: int) -> HttpResponse:
    publish = request.POST.get("publish") == "1"
    return _campaign_action(
        request,
        pk,
        lambda c: services.campaign_publish(
            user=request.user, campaign=c, published=publish
        ),
        _("Les résultats sont publiés sur le site.")
        if publish
        else _("Les résultats ne sont plus publiés."),
    )


@login_required
def campaign_poster(request: HttpRequest, pk: int, link: int) -> HttpResponse:
    """A structure's printable poster: the link and its QR code."""
    import segno

    campaign = _managed(request, pk)
    public_link = get_object_or_404(
        PublicLink.objects.select_related("structure__organisation"),
        pk=link,
        campaign=campaign,
    )
    url = request.build_absolute_uri(public_link.get_absolute_url())
    qr_svg = segno.make(url, error="m").svg_inline(
        scale=8, title=_("Code QR de l'enquête"), omitsize=True
    )
    return render(
        request,
        "surveys/poster.html",
        {"campaign": campaign, "link": public_link, "url": url, "qr_svg": qr_svg},
    )


def _readable(request: HttpRequest, pk: int) -> tuple[Campaign, Any]:
    campaign = get_object_or_404(
        readable_campaigns(request.user).select_related("survey"), pk=pk
    )
    return campaign, reach(request.user, campaign.mode)


def _cut(request: HttpRequest, results: selectors.Results) -> str:
    cut = request.GET.get("par", "total")
    if cut not in CUTS or (cut != "total" and not results.attributed):
        return "total"
    return cut


@login_required
def campaign_results(request: HttpRequest, pk: int) -> HttpResponse:
    campaign, user_reach = _readable(request, pk)
    managed = manageable_campaigns(request.user).filter(pk=campaign.pk).exists()
    results = selectors.campaign_results(campaign, user_reach, with_texts=managed)
    cut = _cut(request, results)
    return render(
        request,
        "surveys/results.html",
        {
            "campaign": campaign,
            "results": results,
            "cut": cut,
            "cuts": CUTS if results.attributed else {"total": CUTS["total"]},
            "managed": managed,
        },
    )


def _export_name(campaign: Campaign, cut: str, ext: str) -> str:
    return f"resultats-campagne-{campaign.pk}-{cut}.{ext}"


@login_required
def campaign_results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    campaign, user_reach = _readable(request, pk)
    results = selectors.campaign_results(campaign, user_reach)
    if not results.release.released:
        raise Http404
    return csv_response(
        selectors.export_rows(results, _cut(request, results)),
        _export_name(campaign, _cut(request, results), "csv"),
    )


def csv_response(rows: list[list[Any]], filename: str) -> HttpResponse:
    """The export's first row as headers, the rest as rows: the shell's CSV
    for a French spreadsheet (formulas neutralised)."""
    return attachment(csv_bytes(rows[0], rows[1:]), CSV_CONTENT_TYPE, filename)


@login_required
def campaign_results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    campaign, user_reach = _readable(request, pk)
    results = selectors.campaign_results(campaign, user_reach)
    if not results.release.released:
        raise Http404
    cut = _cut(request, results)
    rows = selectors.export_rows(results, cut)
    sheet = Sheet(title=_("Résultats"), headers=rows[0], rows=rows[1:])
    return attachment(
        xlsx_bytes([sheet]), XLSX_CONTENT_TYPE, _export_name(campaign, cut, "xlsx")
    )


@login_required
def campaign_moderation(request: HttpRequest, pk: int) -> HttpResponse:
    """The free-text answers waiting to be read before anyone else does."""
    campaign = _managed(request, pk)
    pending = Answer.objects.filter(
        response__campaign=campaign, moderation=Moderation.PENDING
    ).select_related("question")
    if request.method == "POST":
        answer = pending.filter(pk=request.POST.get("answer")).first()
        decision = request.POST.get("decision", "")
        if answer is None:
            messages.error(request, _("Cette réponse n'est plus à modérer."))
        else:
            try:
                services.answer_moderate(
                    user=request.user, answer=answer, decision=decision
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("La réponse est modérée."))
        return redirect(reverse("surveys:moderation", args=[campaign.pk]))
    return render(
        request,
        "surveys/moderation.html",
        {"campaign": campaign, "pending": pending.order_by("question_id", "text")[:50]},
    )


def _questions(survey: Survey) -> list[Question]:
    return list(
        Question.objects.filter(section__survey=survey)
        .select_related("section", "condition_question")
        .order_by("section__position", "section_id", "position", "pk")
    )
