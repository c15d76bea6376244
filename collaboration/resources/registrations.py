"""What the resource library adds to the extranet shell: its menu link, for
every member of SPRO, the to-do of the curators (what waits to be published)
and what the extranet's search finds in it. Imported by
``CollaborationConfig.ready()``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from extranet import registry, todo
from notifications.formats import long_date

from ..models import Resource, ResourceStatus
from .policy import RESOURCE_RULES, is_curator, is_reader
from .selectors import resources_for_list

registry.register_link(
    registry.Link(
        label=gettext_lazy("Ressources"),
        url_name="resources:list",
        for_membership=lambda m: "view" in RESOURCE_RULES.get(m.role, {}),
        order=70,
    )
)

WAITING_SHOWN = 10


@todo.register
def resources_in_preparation(user: Any) -> list[todo.TodoItem]:
    """For the curators, the resources still in preparation (one query; none
    for anyone else)."""
    if not is_curator(user):
        return []
    drafts = Resource.objects.filter(status=ResourceStatus.DRAFT).order_by(
        "updated_at", "pk"
    )[:WAITING_SHOWN]
    return [
        todo.TodoItem(
            title=_("Ressource à publier : %(title)s") % {"title": r.title},
            url=r.get_absolute_url(),
            detail=_("En préparation depuis le %(date)s.")
            % {"date": long_date(r.created_at)},
            category=_("Ressources"),
        )
        for r in drafts
    ]


def _search(user: Any, query: str, filters: dict[str, Any]) -> QuerySet:
    """The library's own list (``resources_for_list``: its policy, so a
    resource in preparation is found by its curators only)."""
    return resources_for_list(user, {**filters, "q": query})


registry.register_search_provider(
    registry.SearchProvider(
        key="ressources",
        label=gettext_lazy("Ressources"),
        search=_search,
        row_template="collaboration/resources/search_row.html",
        list_url_name="resources:list",
        available=is_reader,
        order=70,
    )
)
