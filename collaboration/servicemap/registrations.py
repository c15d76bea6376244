"""What the service map adds to the shell and the public site: the menu link,
the section of a structure's extranet page (its entries, for every member), the
section of its public card (its public entries), its public entries in the
open data (data·inclusion ``services``), and what the extranet's search and the
public site's search find in it. Imported by the app's registrations."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from extranet import registry
from extranet.models import Channel, Departement

from ..models import Audience, Coverage, ServiceEntry, ServiceKind
from . import tasks  # noqa: F401 - registers the periodic task
from .policy import SERVICE_MAP_RULES, service_entry_policy
from .selectors import (
    public_entries_by_structure,
    search_entries,
    search_public_entries,
)

registry.register_link(
    registry.Link(
        label=_("Cartographie"),
        url_name="servicemap:search",
        for_membership=lambda m: "view" in SERVICE_MAP_RULES.get(m.role, {}),
        order=50,
    )
)


def _structure_section(user: Any, structure: Any) -> dict[str, Any] | None:
    """The structure's entries on its extranet page (one query), for every
    member who may read the map."""
    if not service_entry_policy.grants_anywhere(user, "view"):
        return None
    entries = list(
        service_entry_policy.visible(user, "view")
        .filter(structure=structure)
        .defer("search_vector")
        .order_by("title", "pk")
    )
    return {"entries": entries, "structure": structure}


registry.register_structure_section(
    registry.StructureSection(
        template="collaboration/servicemap/includes/structure_section.html",
        context=_structure_section,
        order=50,
    )
)


def _public_section(structure: Any) -> dict[str, Any] | None:
    entries = public_entries_by_structure([structure.pk]).get(structure.pk, [])
    return {"entries": entries} if entries else None


registry.register_public_structure_section(
    registry.PublicStructureSection(
        template="collaboration/servicemap/includes/public_section.html",
        context=_public_section,
        order=50,
    )
)

# The map's words in data·inclusion's (its codes, kept as text here: the
# directory validates each record against the schema).
DI_TYPES = {
    ServiceKind.INFORMATION: "information",
    ServiceKind.API: "information",
    ServiceKind.ADVICE: "accompagnement",
    ServiceKind.SUPPORT: "accompagnement",
    ServiceKind.WORKSHOP: "atelier",
    ServiceKind.SCHEME: "accompagnement",
}
DI_PUBLICS = {
    Audience.EVERYONE: "tous-publics",
    Audience.PUPILS: "jeunes",
    Audience.STUDENTS: "etudiants",
    Audience.YOUNG: "jeunes",
    Audience.ADULTS: "actifs",
    Audience.JOB_SEEKERS: "demandeurs-emploi",
    Audience.EMPLOYEES: "actifs",
    Audience.DISABLED: "personnes-en-situation-de-handicap",
    Audience.EXECUTIVES: "actifs",
    Audience.ENTREPRENEURS: "actifs",
}
DI_THEMATIQUES = {
    ServiceKind.INFORMATION: (
        "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
        "se-former--trouver-sa-formation",
    ),
    ServiceKind.API: (
        "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
        "se-former--trouver-sa-formation",
    ),
    ServiceKind.ADVICE: (
        "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
        "choisir-un-metier--confirmer-son-choix-de-metier",
    ),
    ServiceKind.SUPPORT: (
        "choisir-un-metier--confirmer-son-choix-de-metier",
        "se-former--monter-son-dossier-de-formation",
    ),
    ServiceKind.WORKSHOP: ("preparer-sa-candidature--valoriser-ses-competences",),
    ServiceKind.SCHEME: ("se-former--trouver-sa-formation",),
}


def _zone(entry: ServiceEntry) -> tuple[str, ...]:
    if entry.coverage == Coverage.DEPARTEMENTS:
        return tuple(entry.departement_list)
    if entry.coverage == Coverage.COMMUNES:
        return tuple(entry.commune_codes)
    if entry.coverage == Coverage.TERRITORY and entry.coverage_territory_id:
        return (entry.coverage_territory.departement,)
    return tuple(d.value for d in Departement)


def public_service(entry: ServiceEntry) -> registry.PublicService:
    channels = set(entry.channel_list)
    return registry.PublicService(
        key=f"carto-{entry.pk}",
        name=entry.title,
        description=entry.description,
        type=DI_TYPES[entry.kind],
        publics=tuple(
            sorted({DI_PUBLICS[a] for a in entry.audience_list if a in DI_PUBLICS})
        ),
        thematiques=DI_THEMATIQUES[entry.kind],
        updated_on=timezone.localdate(entry.reviewed_at),
        conditions=entry.conditions,
        how_to=entry.how_to_refer,
        on_site=Channel.FACE_TO_FACE in channels,
        remote=bool(channels - {Channel.FACE_TO_FACE}),
        zone=_zone(entry),
        phone=entry.contact_phone,
        email=entry.contact_email,
    )


def _public_services(
    structure_ids: list[int],
) -> dict[int, list[registry.PublicService]]:
    return {
        structure_id: [public_service(e) for e in entries]
        for structure_id, entries in public_entries_by_structure(structure_ids).items()
    }


registry.register_public_service_provider(_public_services)


def _search(user: Any, query: str, filters: dict[str, Any]) -> QuerySet:
    """The map's own search (``search_entries``: its policy, its ranking)."""
    return search_entries(user, {**filters, "q": query})


registry.register_search_provider(
    registry.SearchProvider(
        key="cartographie",
        label=_("Prestations et acteurs locaux"),
        search=_search,
        row_template="collaboration/servicemap/search_row.html",
        list_url_name="servicemap:search",
        available=lambda user: service_entry_policy.grants_anywhere(user, "view"),
        order=50,
    )
)


registry.register_public_search_provider(
    registry.PublicSearchProvider(
        key="prestations",
        search=lambda query, limit: registry.first_found(
            search_public_entries(query), limit
        ),
        count=lambda n: (
            ngettext(
                "%(n)d prestation d'une structure",
                "%(n)d prestations des structures",
                n,
            )
            % {"n": n}
        ),
        row_template="collaboration/servicemap/public_search_row.html",
        order=50,
    )
)
