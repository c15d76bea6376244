"""Open data of the directory: one field list for the page, the CSV and the JSON,
and the export to the national data·inclusion schema.

Every export reads ``directory_structures()``: what the public cannot see is never
exported. Records that the data·inclusion models refuse are left out (and logged)
rather than published invalid.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pydantic
from data_inclusion.schema import v1 as di
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from extranet import registry
from extranet.models import (
    Channel,
    Departement,
    MembershipStatus,
    Service,
    Structure,
    StructureType,
)
from extranet.models.organisations import phone_e164
from extranet.places import insee_code

from .selectors import directory_structures

logger = logging.getLogger(__name__)

SOURCE = "spro-bretagne"
LICENCE_NAME = "Licence Ouverte 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def _public_url(request: HttpRequest, structure: Structure) -> str:
    return request.build_absolute_uri(
        reverse("directory:detail", args=[structure.organisation.slug])
    )


def _decimal(value: Any) -> float | None:
    return float(value) if value is not None else None


def _keys(members: list[Any]) -> str:
    return "|".join(member.value for member in members)


@dataclass(frozen=True)
class OpenDataField:
    """A published field; ``codes`` are the values it may take (a code is stable,
    for machines; its French meaning is documented beside it)."""

    name: str
    description: str
    value: Callable[[Structure, HttpRequest], Any]
    codes: Any = ()

    def code_list(self) -> list[tuple[str, str]]:
        return [(str(code), str(meaning)) for code, meaning in self.codes]


BOOLEAN_CODES = (("true", _("oui")), ("false", _("non")))


FIELDS: list[OpenDataField] = [
    OpenDataField(
        "identifiant",
        _("Identifiant stable de la structure (identique dans l'adresse de sa fiche)."),
        lambda s, r: s.organisation.slug,
    ),
    OpenDataField("nom", _("Nom de la structure."), lambda s, r: s.name),
    OpenDataField(
        "type",
        _("Type de structure."),
        lambda s, r: s.structure_type,
        StructureType.choices,
    ),
    OpenDataField(
        "reseau",
        _("Sigle du réseau régional de la structure (vide si aucun)."),
        lambda s, r: s.network.short_name if s.network else "",
    ),
    OpenDataField(
        "territoire", _("Territoire local du SPRO."), lambda s, r: s.territory.name
    ),
    OpenDataField(
        "departement",
        _("Code du département (22, 29, 35 ou 56)."),
        lambda s, r: s.territory.departement,
    ),
    OpenDataField(
        "statut",
        _("Statut de la structure dans le SPRO."),
        lambda s, r: s.membership_status,
        MembershipStatus.choices,
    ),
    OpenDataField("adresse", _("Adresse postale."), lambda s, r: s.address_line),
    OpenDataField(
        "complement_adresse",
        _("Complément d'adresse."),
        lambda s, r: s.address_complement,
    ),
    OpenDataField("code_postal", _("Code postal."), lambda s, r: s.postcode),
    OpenDataField("commune", _("Commune."), lambda s, r: s.city),
    OpenDataField(
        "latitude",
        _("Latitude (WGS 84, degrés décimaux) ; vide si inconnue."),
        lambda s, r: _decimal(s.latitude),
    ),
    OpenDataField(
        "longitude",
        _("Longitude (WGS 84, degrés décimaux) ; vide si inconnue."),
        lambda s, r: _decimal(s.longitude),
    ),
    OpenDataField(
        "horaires",
        _(
            "Horaires d'ouverture au format OpenStreetMap (opening_hours), "
            "fermetures et horaires exceptionnels à venir compris ; vide si non "
            "communiqués."
        ),
        lambda s, r: s.osm_opening_hours() or "",
    ),
    OpenDataField(
        "precisions_horaires",
        _("Précisions sur les horaires, en texte libre."),
        lambda s, r: s.hours_note,
    ),
    OpenDataField(
        "rendez_vous",
        _("Comment prendre rendez-vous, en texte libre."),
        lambda s, r: s.appointment_info,
    ),
    OpenDataField("telephone", _("Numéro de téléphone."), lambda s, r: s.phone),
    OpenDataField("courriel", _("Adresse de courriel."), lambda s, r: s.email),
    OpenDataField("site_web", _("Site internet."), lambda s, r: s.website),
    OpenDataField(
        "messagerie",
        _("Adresse de la messagerie instantanée."),
        lambda s, r: s.chat_url,
    ),
    OpenDataField(
        "visio",
        _("Adresse de prise de rendez-vous en visioconférence."),
        lambda s, r: s.visio_url,
    ),
    OpenDataField(
        "modes_contact",
        _("Modes de contact proposés, séparés par « | »."),
        lambda s, r: _keys(s.offered_channels()),
        Channel.choices,
    ),
    OpenDataField(
        "services",
        _("Services délivrés, séparés par « | »."),
        lambda s, r: _keys(s.delivered_services()),
        Service.choices,
    ),
    OpenDataField(
        "accessible_fauteuil",
        _("Accessible en fauteuil roulant."),
        lambda s, r: s.wheelchair_accessible,
        BOOLEAN_CODES,
    ),
    OpenDataField(
        "accessibilite",
        _("Précisions sur l'accessibilité, en texte libre."),
        lambda s, r: s.accessibility_notes,
    ),
    OpenDataField(
        "acceslibre",
        _("Adresse de la fiche du lieu sur acceslibre ; vide si inconnue."),
        lambda s, r: s.acceslibre_url,
    ),
    OpenDataField(
        "fiche_verifiee_le",
        _("Date de dernière vérification de la fiche par la structure (AAAA-MM-JJ)."),
        lambda s, r: (
            timezone.localdate(s.card_checked_at).isoformat()
            if s.card_checked_at
            else ""
        ),
    ),
    OpenDataField(
        "url", _("Adresse de la fiche publique."), lambda s, r: _public_url(r, s)
    ),
]


def records(request: HttpRequest) -> list[dict[str, Any]]:
    """One dict per published structure, keyed by the documented field names."""
    return [
        {f.name: f.value(s, request) for f in FIELDS} for s in directory_structures()
    ]


_FORMULA_START = ("=", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-][0-9 .]+$")


def _csv_safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas (CSV injection), keeping phone numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value:
        if value.startswith(_FORMULA_START) or (
            value[0] in "+-" and not _NUMBER.match(value)
        ):
            return "'" + value
    return value


def write_csv(out: Any, rows: Iterable[dict[str, Any]]) -> None:
    writer = csv.writer(out)
    writer.writerow([f.name for f in FIELDS])
    for row in rows:
        writer.writerow([_csv_safe(row[f.name]) for f in FIELDS])


def json_document(request: HttpRequest) -> dict[str, Any]:
    return {
        "source": SOURCE,
        "licence": {"nom": LICENCE_NAME, "url": LICENCE_URL},
        "documentation": request.build_absolute_uri(reverse("directory:open_data")),
        "genere_le": timezone.now().isoformat(timespec="seconds"),
        "champs": [
            {
                "nom": f.name,
                "description": str(f.description),
                **({"valeurs": dict(f.code_list())} if f.codes else {}),
            }
            for f in FIELDS
        ],
        "structures": records(request),
    }


def geojson(structures: Iterable[Structure]) -> dict[str, Any]:
    """A FeatureCollection of the structures that have coordinates."""
    features = []
    for s in structures:
        if s.latitude is None or s.longitude is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(s.longitude), float(s.latitude)],
                },
                "properties": {
                    "name": s.name,
                    "url": reverse("directory:detail", args=[s.organisation.slug]),
                    "city": s.city,
                    "services": [v.value for v in s.delivered_services()],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


# data·inclusion -----------------------------------------------------------------

RESEAUX_PORTEURS: dict[str, set[di.ReseauPorteur]] = {
    StructureType.MISSION_LOCALE: {di.ReseauPorteur.MISSION_LOCALE},
    StructureType.FRANCE_TRAVAIL: {di.ReseauPorteur.FRANCE_TRAVAIL},
    StructureType.CAP_EMPLOI: {di.ReseauPorteur.CAP_EMPLOI_RESEAU_CHEOPS},
    StructureType.INFO_JEUNESSE: {di.ReseauPorteur.RESEAU_INFORMATION_JEUNESSE},
    StructureType.CCI: {di.ReseauPorteur.CHAMBRES_CONSULAIRES},
    StructureType.CMA: {di.ReseauPorteur.CHAMBRES_CONSULAIRES},
    StructureType.AGRICULTURE: {di.ReseauPorteur.CHAMBRES_CONSULAIRES},
}

T = di.Thematique


@dataclass(frozen=True)
class ServiceMapping:
    type: di.TypeService
    thematiques: frozenset[di.Thematique]
    publics: frozenset[di.Public]
    description: str


SERVICES: dict[str, ServiceMapping] = {
    Service.API: ServiceMapping(
        di.TypeService.INFORMATION,
        frozenset(
            {
                T.CHOISIR_UN_METIER__DECOUVRIR_UN_METIER_OU_UN_SECTEUR_DACTIVITE,
                T.CHOISIR_UN_METIER__CONNAITRE_LES_OPPORTUNITES_DEMPLOI,
                T.SE_FORMER__TROUVER_SA_FORMATION,
            }
        ),
        frozenset({di.Public.TOUS_PUBLICS}),
        "Premier accueil, gratuit et sans condition, de toute personne qui se pose "
        "une question sur son orientation, sa formation ou son métier : "
        "information sur les métiers, les formations et l'emploi, et orientation "
        "vers le bon interlocuteur du service public régional de l'orientation.",
    ),
    Service.CEP: ServiceMapping(
        di.TypeService.ACCOMPAGNEMENT,
        frozenset(
            {
                T.CHOISIR_UN_METIER__IDENTIFIER_SES_POINTS_FORTS_ET_SES_COMPETENCES,
                T.CHOISIR_UN_METIER__CONFIRMER_SON_CHOIX_DE_METIER,
                T.SE_FORMER__MONTER_SON_DOSSIER_DE_FORMATION,
            }
        ),
        frozenset({di.Public.ACTIFS, di.Public.DEMANDEURS_EMPLOI}),
        "Conseil en évolution professionnelle : un accompagnement gratuit et "
        "personnalisé pour faire le point sur sa situation professionnelle, "
        "construire un projet d'évolution et le mettre en œuvre.",
    ),
    Service.VAE: ServiceMapping(
        di.TypeService.ACCOMPAGNEMENT,
        frozenset(
            {
                T.PREPARER_SA_CANDIDATURE__VALORISER_SES_COMPETENCES,
                T.SE_FORMER__MONTER_SON_DOSSIER_DE_FORMATION,
            }
        ),
        frozenset({di.Public.ACTIFS, di.Public.DEMANDEURS_EMPLOI}),
        "Conseil en validation des acquis de l'expérience : information sur la "
        "démarche de VAE, choix de la certification visée et aide pour engager "
        "son parcours.",
    ),
    Service.ORIENTATION: ServiceMapping(
        di.TypeService.ACCOMPAGNEMENT,
        frozenset(
            {
                T.CHOISIR_UN_METIER__DECOUVRIR_UN_METIER_OU_UN_SECTEUR_DACTIVITE,
                T.CHOISIR_UN_METIER__IDENTIFIER_SES_POINTS_FORTS_ET_SES_COMPETENCES,
                T.SE_FORMER__TROUVER_SA_FORMATION,
            }
        ),
        frozenset({di.Public.TOUS_PUBLICS}),
        "Conseil en orientation scolaire et professionnelle : entretiens avec un "
        "conseiller pour choisir une formation, une filière ou un métier.",
    ),
    Service.ENTREPRENEURSHIP: ServiceMapping(
        di.TypeService.ACCOMPAGNEMENT,
        frozenset(
            {
                T.CREER_UNE_ENTREPRISE__DEFINIR_SON_PROJET_DE_CREATION_DENTREPRISE,
                T.CREER_UNE_ENTREPRISE__STRUCTURER_SON_PROJET_DE_CREATION_DENTREPRISE,
            }
        ),
        frozenset({di.Public.TOUS_PUBLICS}),
        "Conseil en entrepreneuriat : information et premier accompagnement pour "
        "définir et structurer un projet de création ou de reprise d'entreprise.",
    ),
}

# The SPRO welcomes everyone in the region, wherever they live in it.
ZONE_BRETAGNE = [d.value for d in Departement]


def data_inclusion_id(structure: Structure) -> str:
    return f"{SOURCE}--{structure.organisation.slug}"


def _date_maj(structure: Structure) -> date:
    moment = structure.card_checked_at or structure.updated_at
    # Never "in the future" for a validator that uses the server's local date.
    return min(timezone.localdate(moment), date.today())


def _common(structure: Structure) -> dict[str, Any]:
    return {
        "source": SOURCE,
        "commune": structure.city,
        "code_postal": structure.postcode,
        "code_insee": insee_code(structure.city, structure.postcode),
        "adresse": structure.address_line,
        "complement_adresse": structure.address_complement or None,
        "latitude": _decimal(structure.latitude),
        "longitude": _decimal(structure.longitude),
        "telephone": phone_e164(structure.phone) or None,
        "courriel": structure.email or None,
        "date_maj": _date_maj(structure),
        "horaires_accueil": structure.osm_opening_hours(),
    }


def _di_structure(structure: Structure, request: HttpRequest) -> dict[str, Any]:
    return {
        **_common(structure),
        "id": data_inclusion_id(structure),
        "nom": structure.name[:150],
        "description": (
            structure.description if len(structure.description) >= 5 else None
        ),
        "lien_source": _public_url(request, structure),
        "site_web": structure.website or None,
        "accessibilite_lieu": structure.acceslibre_url or None,
        "reseaux_porteurs": RESEAUX_PORTEURS.get(structure.structure_type),
    }


def _di_services(structure: Structure, request: HttpRequest) -> list[dict[str, Any]]:
    modes_accueil = set()
    if structure.channel_face_to_face:
        modes_accueil.add(di.ModeAccueil.EN_PRESENTIEL)
    if any(
        getattr(structure, f"channel_{c}") for c in ("phone", "chat", "visio", "mail")
    ):
        modes_accueil.add(di.ModeAccueil.A_DISTANCE)
    mobilisation = set()
    if structure.channel_face_to_face:
        mobilisation.add(di.ModeMobilisation.SE_PRESENTER)
    if structure.phone:
        mobilisation.add(di.ModeMobilisation.TELEPHONER)
    if structure.email:
        mobilisation.add(di.ModeMobilisation.ENVOYER_UN_COURRIEL)
    if structure.visio_url:
        mobilisation.add(di.ModeMobilisation.UTILISER_LIEN_MOBILISATION)
    services = []
    common = _common(structure)
    for service in structure.delivered_services():
        mapping = SERVICES[service]
        services.append(
            {
                **common,
                "id": f"{data_inclusion_id(structure)}--{service.value}",
                "structure_id": data_inclusion_id(structure),
                "nom": str(service.label)[:150],
                "description": mapping.description,
                "lien_source": _public_url(request, structure),
                "type": mapping.type,
                "thematiques": set(mapping.thematiques),
                "frais": di.Frais.GRATUIT,
                "publics": set(mapping.publics),
                "modes_accueil": modes_accueil or None,
                "zone_eligibilite": ZONE_BRETAGNE,
                "lien_mobilisation": structure.visio_url or None,
                "modes_mobilisation": mobilisation or None,
                "mobilisable_par": {di.PersonneMobilisatrice.USAGERS},
                "mobilisation_precisions": structure.appointment_info or None,
            }
        )
    return services


def _validated(model: type[pydantic.BaseModel], raw: list[dict]) -> list[dict]:
    out = []
    for record in raw:
        try:
            obj = model.model_validate(record)
        except pydantic.ValidationError:
            logger.warning(
                "data·inclusion: %s %s refused", model.__name__, record["id"]
            )
            continue
        out.append(obj.model_dump(mode="json", exclude_none=True))
    return out


def _di_app_service(
    structure: Structure, service: registry.PublicService, request: HttpRequest
) -> dict[str, Any]:
    """A service another app publishes for ``structure`` (the service map),
    completed with what the structure's card says."""
    modes_accueil = set()
    if service.on_site:
        modes_accueil.add(di.ModeAccueil.EN_PRESENTIEL)
    if service.remote:
        modes_accueil.add(di.ModeAccueil.A_DISTANCE)
    mobilisation = set()
    if service.on_site:
        mobilisation.add(di.ModeMobilisation.SE_PRESENTER)
    if service.phone or structure.phone:
        mobilisation.add(di.ModeMobilisation.TELEPHONER)
    if service.email or structure.email:
        mobilisation.add(di.ModeMobilisation.ENVOYER_UN_COURRIEL)
    common = _common(structure)
    return {
        **common,
        "telephone": phone_e164(service.phone) or common["telephone"],
        "courriel": service.email or common["courriel"],
        "date_maj": min(service.updated_on, date.today()),
        "id": f"{data_inclusion_id(structure)}--{service.key}",
        "structure_id": data_inclusion_id(structure),
        "nom": service.name[:150],
        "description": service.description,
        "lien_source": _public_url(request, structure),
        "type": service.type,
        "thematiques": set(service.thematiques) or None,
        "frais": di.Frais.GRATUIT,
        "publics": set(service.publics) or {di.Public.TOUS_PUBLICS},
        "conditions_acces": service.conditions or None,
        "modes_accueil": modes_accueil or None,
        "zone_eligibilite": list(service.zone) or ZONE_BRETAGNE,
        "modes_mobilisation": mobilisation or None,
        "mobilisable_par": {
            di.PersonneMobilisatrice.USAGERS,
            di.PersonneMobilisatrice.PROFESSIONNELS,
        },
        "mobilisation_precisions": service.how_to or None,
    }


def data_inclusion_structures_raw(request: HttpRequest) -> list[dict[str, Any]]:
    return [_di_structure(s, request) for s in directory_structures()]


def data_inclusion_services_raw(request: HttpRequest) -> list[dict[str, Any]]:
    """The services of section 1.3 each structure's card declares, then those
    other apps publish for it (the service map's public entries: one read)."""
    structures = list(directory_structures())
    published = registry.public_services([s.pk for s in structures])
    return [svc for s in structures for svc in _di_services(s, request)] + [
        _di_app_service(s, service, request)
        for s in structures
        for service in published.get(s.pk, [])
    ]


def data_inclusion_structures(request: HttpRequest) -> list[dict[str, Any]]:
    return _validated(di.Structure, data_inclusion_structures_raw(request))


def data_inclusion_services(request: HttpRequest) -> list[dict[str, Any]]:
    return _validated(di.Service, data_inclusion_services_raw(request))
