"""What the surveys plug into the shell: the menu link "Enquêtes", and the
public action on a structure's card ("Donner votre avis") while a public
satisfaction campaign is open for it."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from extranet import registry, todo
from extranet.models import Role

from .models import CampaignMode, CampaignState, Moderation, PublicLink
from .policy import manageable_campaigns, may_manage_surveys

READERS = (
    Role.REGIONAL_COORDINATOR,
    Role.GREF,
    Role.GOVERNMENT,
    Role.NETWORK_HEAD,
    Role.TERRITORIAL_OFFICER,
    Role.REFERENT,
)


def has_open_survey() -> Any:
    today = timezone.localdate()
    return Exists(
        PublicLink.objects.filter(
            structure=OuterRef("pk"),
            campaign__mode=CampaignMode.PUBLIC,
            campaign__state=CampaignState.OPEN,
            campaign__opens_on__lte=today,
            campaign__closes_on__gte=today,
        )
    )


registry.register_link(
    registry.Link(
        label=_("Enquêtes"),
        url_name="surveys:home",
        for_membership=lambda m: m.role in READERS,
        order=88,
    )
)
registry.register_public_structure_action(
    registry.PublicStructureAction(
        name="survey",
        label=_("Donner votre avis sur l'accueil reçu"),
        url_name="surveys_public:structure",
        condition=has_open_survey,
        fresh_seconds=600,
        order=120,
    )
)


@todo.register
def free_texts_to_moderate(user: Any) -> list[todo.TodoItem]:
    """For who runs campaigns: the free-text answers waiting to be read before
    they appear in the results (one query, none for anyone else)."""
    if not may_manage_surveys(user):
        return []
    waiting = (
        manageable_campaigns(user)
        .filter(responses__answers__moderation=Moderation.PENDING)
        .annotate(n=Count("responses__answers"))
        .order_by("-closes_on")[:10]
    )
    return [
        todo.TodoItem(
            title=ngettext(
                "%(n)d réponse libre à modérer : %(campaign)s",
                "%(n)d réponses libres à modérer : %(campaign)s",
                campaign.n,
            )
            % {"n": campaign.n, "campaign": campaign.title},
            url=reverse("surveys:moderation", args=[campaign.pk]),
            category=str(_("Enquêtes")),
        )
        for campaign in waiting
    ]
