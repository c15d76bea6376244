"""Reads of the extranet that combine several models (dashboard, lists)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications.formats import long_date

from . import registry, todo
from .models import (
    Membership,
    Network,
    OpeningException,
    Organisation,
    Role,
    Structure,
    Territory,
)
from .permissions import Scope, structure_policy, user_memberships


@dataclass(frozen=True)
class RoleSummary:
    """One of the user's roles, as "Mon espace" explains it."""

    membership: Membership
    scope_label: str
    links: list[tuple[str, str]]


def first_user_with_role(role: str) -> Any:
    """The first active user with ``role`` (by address), or None: who a demo
    loader acts as when it moderates or curates."""
    found = (
        Membership.objects.active()
        .filter(role=role)
        .select_related("user")
        .order_by("user__email")
        .first()
    )
    return found.user if found else None


def structures_for_list(
    user: Any,
    *,
    query: str = "",
    territory: Territory | None = None,
    network: Network | None = None,
) -> QuerySet[Structure]:
    qs = structure_policy.visible(
        user,
        "view",
        # What a row shows and its cache key name (``structures/row.html``),
        # not each structure's whole card.
        Structure.objects.select_related("organisation", "network", "territory").only(
            "updated_at",
            "postcode",
            "city",
            "membership_status",
            "convention_valid_until",
            "organisation__name",
            "network__name",
            "network__short_name",
            "territory__name",
        ),
    )
    if query:
        qs = qs.filter(
            Q(organisation__name__icontains=query)
            | Q(city__icontains=query)
            | Q(postcode__startswith=query)
        )
    if territory is not None:
        qs = qs.filter(territory=territory)
    if network is not None:
        qs = qs.filter(network=network)
    return qs.order_by("organisation__name")


def _scope_count(membership: Membership, scope: Scope | None) -> int:
    if scope is Scope.NETWORK:
        return Structure.objects.filter(
            network__head_id=membership.organisation_id
        ).count()
    if scope is Scope.TERRITORY:
        return Structure.objects.filter(territory_id=membership.territory_id).count()
    return Structure.objects.count()


def role_summaries(user: Any) -> list[RoleSummary]:
    """What each of the user's roles gives them, with the links to use it."""
    summaries = []
    structures_url = reverse("extranet:structure_list")
    for m in user_memberships(user):
        scope = structure_policy.scope_of(m, "view")
        links: list[tuple[str, str]] = []
        if m.role in (Role.PROFESSIONAL, Role.REFERENT):
            structure_url = reverse(
                "extranet:structure_detail_by_org", args=[m.organisation_id]
            )
            scope_label = _("Votre structure")
            links.append((_("Fiche de la structure"), structure_url))
            links.append(
                (
                    _("Membres de l'équipe"),
                    reverse("extranet:organisation_members", args=[m.organisation_id]),
                )
            )
        elif scope is Scope.NETWORK:
            network = getattr(m.organisation, "headed_network", None)
            count = _scope_count(m, scope)
            scope_label = ngettext(
                "La %(count)d structure du réseau %(network)s",
                "Les %(count)d structures du réseau %(network)s",
                count,
            ) % {"count": count, "network": network or m.organisation}
            links.append((_("Structures du réseau"), structures_url))
        elif scope is Scope.TERRITORY:
            count = _scope_count(m, scope)
            scope_label = ngettext(
                "La %(count)d structure du territoire %(territory)s",
                "Les %(count)d structures du territoire %(territory)s",
                count,
            ) % {"count": count, "territory": m.territory}
            links.append((_("Structures du territoire"), structures_url))
        else:
            scope_label = _("Toute la région")
            links.append((_("Toutes les structures"), structures_url))
            if m.role == Role.REGIONAL_COORDINATOR:
                links.append(
                    (
                        _("Administrer les organisations"),
                        reverse("extranet:organisation_list"),
                    )
                )
        links.extend(
            (link.label, link.url) for link in registry.links_for_membership(m)
        )
        summaries.append(
            RoleSummary(membership=m, scope_label=scope_label, links=links)
        )
    return summaries


def organisations_for_list(user: Any, *, kind: str = "", query: str = "") -> QuerySet:
    from .permissions import organisation_policy

    qs = organisation_policy.visible(
        user, "view", Organisation.objects.annotate(member_count=Count("memberships"))
    )
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(name__icontains=query)
    return qs.order_by("kind", "name")


@todo.register
def card_reviews(user: Any) -> list[todo.TodoItem]:
    """Public cards of the user's own structures not confirmed for six months."""
    own = [m.organisation_id for m in user_memberships(user) if m.role == Role.REFERENT]
    if not own:
        return []
    due = (
        Structure.objects.filter(organisation_id__in=own)
        .card_review_due(settings.SPRO_CARD_REVIEW_DAYS)
        .select_related("organisation")
    )
    return [
        todo.TodoItem(
            title=_("Vérifier la fiche publique de %(name)s") % {"name": s.name},
            url=reverse("extranet:structure_detail", args=[s.pk]),
            detail=(
                _("Dernière vérification : %(date)s")
                % {"date": long_date(s.card_checked_at)}
                if s.card_checked_at
                else _("Jamais vérifiée")
            ),
            category=_("Annuaire public"),
        )
        for s in due
    ]


@todo.register
def pending_invitations(user: Any) -> list[todo.TodoItem]:
    """Invitations the user sent that are still waiting, so they can follow up."""
    from .models import Invitation

    return (
        [
            todo.TodoItem(
                title=_("Invitation en attente : %(email)s") % {"email": inv.email},
                url=reverse(
                    "extranet:organisation_members", args=[inv.organisation_id]
                ),
                detail=_("Expire le %(date)s") % {"date": long_date(inv.expires_at)},
                category=_("Équipe"),
            )
            for inv in Invitation.objects.pending().filter(invited_by=user)[:20]
        ]
        if user_memberships(user)
        else []
    )


@dataclass(frozen=True)
class HistoryEntry:
    """One change of an object, as people read it: when, who, what."""

    date: Any
    user: Any
    kind: str
    fields: list[str]


def object_history(obj: Any, *, limit: int = 10) -> list[HistoryEntry]:
    """The latest changes of a history-tracked object, with the fields changed.

    Reads ``limit + 1`` history rows in one query and compares neighbours in
    Python, so the page costs one query whatever the length of the history.
    """
    records = list(obj.history.select_related("history_user").all()[: limit + 1])
    kinds = {"+": _("Création"), "~": _("Modification"), "-": _("Suppression")}
    entries = []
    for index, newer in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        fields: list[str] = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            fields = [
                str(obj._meta.get_field(change.field).verbose_name)
                for change in delta.changes
                if change.field not in ("updated_at",)
            ]
        entries.append(
            HistoryEntry(
                date=newer.history_date,
                user=newer.history_user,
                kind=kinds.get(newer.history_type, newer.history_type),
                fields=fields,
            )
        )
    return entries


def opening_exception_history(structure: Any, *, limit: int = 10) -> list[HistoryEntry]:
    """Who announced or withdrew which exception to the hours, latest first
    (one query)."""
    kinds = {"+": _("Ajout"), "~": _("Modification"), "-": _("Retrait")}
    records = OpeningException.history.filter(structure_id=structure.pk).select_related(
        "history_user"
    )[:limit]
    entries = []
    for record in records:
        exception = record.instance
        what = f"{exception.period_text} : {exception.hours_text}"
        if exception.label:
            what += f" ({exception.label})"
        entries.append(
            HistoryEntry(
                date=record.history_date,
                user=record.history_user,
                kind=kinds.get(record.history_type, record.history_type),
                fields=[what],
            )
        )
    return entries


def login_failures_on_account(username: str) -> int:
    """Failed logins on one account within the cool-off, from every address
    (django-axes counts them per address and account)."""
    from axes.models import AccessAttempt
    from django.db.models import Sum
    from django.utils import timezone

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return (
        AccessAttempt.objects.filter(
            username=username, attempt_time__gte=since
        ).aggregate(total=Sum("failures_since_start"))["total"]
        or 0
    )


@dataclass(frozen=True)
class SearchSection:
    """What the extranet's search found of one kind: its first rows, how many
    in all, and the concern's own list filtered by the same query."""

    provider: registry.SearchProvider
    rows: list[Any]
    count: int
    list_url: str


def search_everywhere(
    user: Any, query: str, *, filters: dict[str, Any] | None = None, limit: int = 5
) -> list[SearchSection]:
    """For each kind the user is offered, the first ``limit`` results of
    ``query`` in the user's scope and their count: one query per kind,
    whatever the number of rows."""
    found = []
    for provider in registry.search_providers(user):
        rows, count = registry.first_found(
            provider.search(user, query, filters or {}), limit
        )
        found.append(SearchSection(provider, rows, count, provider.list_url(query)))
    return found
