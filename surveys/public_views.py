"""Public pages of the surveys, under ``/enquetes/`` (no account needed):
answering through a structure's link or a single-use invitation, the
structure's current survey, and the results the Région published.

Nothing of the request is kept with an answer: no address, no browser, no
session, no time. These pages set no cookie but the CSRF one, which a
form needs and which says nothing of the person. A bad answer is refused in
French with the rest of the form kept; a robot's answer (the hidden field
filled) is thanked and dropped; a flood from one address is told to wait.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from extranet.models import Role, Structure
from extranet.permissions import user_memberships

from . import flood, selectors, services
from .forms import AnswerForm
from .models import Campaign, CampaignMode, CampaignState, PublicLink
from .policy import Reach
from .views import CUTS, _questions, csv_response

MODE_BADGES = {
    CampaignMode.PUBLIC: (
        gettext_lazy("Enquête anonyme"),
        gettext_lazy(
            "Les organisateurs savent seulement dans quelle structure vous avez été "
            "reçu·e et la semaine de votre réponse. Ils ne connaissent ni votre nom, "
            "ni votre adresse internet, ni l'heure de votre réponse. Les résultats "
            "ne sont montrés que par groupe d'au moins %(n)d réponses."
        ),
    ),
    CampaignMode.PEER: (
        gettext_lazy("Enquête anonyme, sur invitation"),
        gettext_lazy(
            "Les organisateurs savent si votre lien a servi, pour ne relancer que "
            "les personnes qui n'ont pas répondu, mais jamais quelle réponse il a "
            "donnée. Les résultats ne sont montrés que par groupe d'au moins %(n)d "
            "réponses."
        ),
    ),
    CampaignMode.SESSION: (
        gettext_lazy("Évaluation anonyme"),
        gettext_lazy(
            "Les organisateurs savent si votre lien a servi, jamais quelle réponse "
            "il a donnée : vos réponses ne sont reliées ni à votre nom ni à votre "
            "structure. Les résultats ne sont montrés qu'à partir de %(n)d réponses."
        ),
    ),
}


def _badge(campaign: Campaign) -> tuple[str, str]:
    title, text = MODE_BADGES[campaign.mode]
    return str(title), str(text) % {"n": campaign.threshold}


def _staff_of(request: HttpRequest, structure: Structure | None) -> bool:
    if structure is None or not request.user.is_authenticated:
        return False
    return any(
        m.organisation_id == structure.organisation_id
        and m.role in (Role.PROFESSIONAL, Role.REFERENT)
        for m in user_memberships(request.user)
    )


def _closed(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    return render(
        request,
        "surveys/closed.html",
        {"campaign": campaign},
        status=410 if campaign.state == CampaignState.CLOSED else 404,
    )


def _answer(
    request: HttpRequest,
    campaign: Campaign,
    *,
    structure: Structure | None,
    invitation_token: str | None,
    scope: str,
) -> HttpResponse:
    today = timezone.localdate()
    if not campaign.accepts_answers(today):
        return _closed(request, campaign)
    questions = _questions(campaign.survey)
    on_behalf_allowed = invitation_token is None and _staff_of(request, structure)
    context: dict[str, Any] = {
        "campaign": campaign,
        "survey": campaign.survey,
        "structure": structure,
        "badge": _badge(campaign),
        "mode": campaign.mode,
        "public": invitation_token is None,
    }
    if request.method != "POST":
        form = AnswerForm(questions, on_behalf_allowed=on_behalf_allowed)
        return render(request, "surveys/answer.html", {**context, "form": form})
    form = AnswerForm(questions, request.POST, on_behalf_allowed=on_behalf_allowed)
    if form.is_robot:
        # Thanked like anyone, and nothing kept.
        return redirect(reverse("surveys_public:thanks"))
    if invitation_token is None and not flood.allow(request, scope):
        context["flooded"] = True
        return render(
            request, "surveys/answer.html", {**context, "form": form}, status=429
        )
    if not form.is_valid():
        return render(
            request, "surveys/answer.html", {**context, "form": form}, status=400
        )
    try:
        services.response_submit(
            campaign=campaign,
            answers=form.answers(),
            structure=structure,
            invitation_token=invitation_token,
            on_behalf=bool(form.cleaned_data.get("on_behalf")),
            today=today,
        )
    except services.AlreadyAnswered:
        return render(request, "surveys/invitation_used.html", status=410)
    except ValidationError as error:
        form.add_error(None, " ".join(error.messages))
        return render(
            request, "surveys/answer.html", {**context, "form": form}, status=400
        )
    return redirect(reverse("surveys_public:thanks"))


@never_cache
def answer_by_link(request: HttpRequest, token: str) -> HttpResponse:
    link = (
        PublicLink.objects.select_related("campaign__survey", "structure__organisation")
        .filter(token=token[:64])
        .first()
    )
    if link is None:
        raise Http404(_("Ce lien d'enquête n'existe pas."))
    return _answer(
        request,
        link.campaign,
        structure=link.structure,
        invitation_token=None,
        scope=f"link:{link.pk}",
    )


@never_cache
def answer_by_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for(token)
    if invitation is None:
        return render(request, "surveys/invitation_used.html", status=404)
    if invitation.answered:
        return render(request, "surveys/invitation_used.html", status=410)
    return _answer(
        request,
        invitation.campaign,
        structure=invitation.structure,
        invitation_token=token,
        scope=f"invitation:{invitation.campaign_id}",
    )


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html")


def structure_survey(request: HttpRequest, slug: str) -> HttpResponse:
    """From a structure's public page: its open public survey."""
    today = timezone.localdate()
    link = (
        PublicLink.objects.filter(
            structure__organisation__slug=slug,
            campaign__mode=CampaignMode.PUBLIC,
            campaign__state=CampaignState.OPEN,
            campaign__opens_on__lte=today,
            campaign__closes_on__gte=today,
        )
        .order_by("-campaign__opens_on")
        .first()
    )
    if link is None:
        raise Http404(_("Aucune enquête n'est ouverte pour cette structure."))
    return redirect(link.get_absolute_url())


def _published(pk: int) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("survey").filter(
            published=True, state=CampaignState.CLOSED
        ),
        pk=pk,
    )


def published_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "surveys/published_list.html",
        {
            "campaigns": Campaign.objects.filter(
                published=True, state=CampaignState.CLOSED
            ).order_by("-closes_on")
        },
    )


def published_results(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _published(pk)
    results = selectors.campaign_results(campaign, Reach(everything=True))
    cut = request.GET.get("par", "total")
    if cut not in CUTS or not results.attributed:
        cut = "total"
    return render(
        request,
        "surveys/results.html",
        {
            "campaign": campaign,
            "results": results,
            "cut": cut,
            "cuts": CUTS if results.attributed else {"total": CUTS["total"]},
            "public": True,
        },
    )


def published_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Open data: the published results, under the same suppression."""
    campaign = _published(pk)
    results = selectors.campaign_results(campaign, Reach(everything=True))
    cut = request.GET.get("par", "total")
    if cut not in CUTS or not results.attributed:
        cut = "total"
    return csv_response(
        selectors.export_rows(results, cut),
        f"enquete-{campaign.pk}-{cut}.csv",
    )
