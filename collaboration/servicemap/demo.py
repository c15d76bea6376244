"""The demo service map: what each member structure offers, matching its
network (a CIO's orientation interviews, a Mission locale's youth schemes,
Cap emploi's support for people with disabilities…), and the local actors the
territorial officers list (mobility, housing, health, social emergency,
employers' branches) in every territory.

Deterministic (entries chosen by the structure's rank, no randomness; dates
relative to today), fast (one ``bulk_create``, then one UPDATE for the search
vectors: a generator may skip the history, as the other demos do), and
idempotent: nothing is done once an entry exists. A few entries are dated
thirteen months back, so that the review reminder has something to recall.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from extranet.models import Departement, Structure, StructureType, Territory
from extranet.places import insee_code

from ..models import ActorDomain, Coverage, ServiceEntry, ServiceKind
from ..models.servicemap import join_codes
from .policy import MAPPED_STATUSES
from .search import refresh_entry_vectors


@dataclass(frozen=True)
class Offer:
    title: str
    kind: str
    description: str
    audiences: tuple[str, ...]
    channels: tuple[str, ...]
    coverage: str
    how_to_refer: str
    conditions: str = ""
    public: bool = True


T, D, R, C = (
    Coverage.TERRITORY,
    Coverage.DEPARTEMENTS,
    Coverage.REGION,
    Coverage.COMMUNES,
)
ON_SITE, PHONE, MAIL, VISIO, CHAT = "face_to_face", "phone", "mail", "visio", "chat"

OFFERS: dict[str, list[Offer]] = {
    StructureType.CIO: [
        Offer(
            "Entretien d'orientation scolaire",
            ServiceKind.ADVICE,
            "Un psychologue de l'Éducation nationale aide l'élève et sa famille à "
            "choisir une voie, une filière ou une formation.",
            ("pupils", "students"),
            (ON_SITE, PHONE),
            T,
            "Proposer à la famille d'appeler le CIO pour un rendez-vous.",
            "Gratuit ; sur rendez-vous pendant les vacances scolaires.",
        ),
        Offer(
            "Accompagnement des jeunes sans solution (MLDS)",
            ServiceKind.SCHEME,
            "Repérage et accompagnement des jeunes de plus de 16 ans sortis du "
            "système scolaire sans diplôme vers un retour en formation.",
            ("young",),
            (ON_SITE, PHONE, MAIL),
            T,
            "Adresser un courriel au CIO avec l'accord du jeune.",
            "Jeunes de 16 à 18 ans sortis du système scolaire sans diplôme.",
            public=False,
        ),
    ],
    StructureType.SUIO: [
        Offer(
            "Conseil en réorientation étudiante",
            ServiceKind.ADVICE,
            "Entretiens pour les étudiants qui doutent de leur filière : "
            "passerelles, réorientation, insertion professionnelle.",
            ("students",),
            (ON_SITE, VISIO),
            D,
            "L'étudiant prend rendez-vous sur l'espace numérique de l'université.",
        ),
    ],
    StructureType.MISSION_LOCALE: [
        Offer(
            "Contrat d'engagement jeune",
            ServiceKind.SCHEME,
            "Un accompagnement intensif de 6 à 12 mois, 15 à 20 heures par "
            "semaine, avec une allocation, vers l'emploi ou la formation.",
            ("young", "job_seekers"),
            (ON_SITE, PHONE),
            T,
            "Prendre contact avec l'accueil de la Mission locale ; le jeune vient "
            "avec une pièce d'identité.",
            "Jeunes de 16 à 25 ans (29 ans en situation de handicap).",
        ),
        Offer(
            "Atelier CV et lettre de motivation",
            ServiceKind.WORKSHOP,
            "Un atelier collectif chaque semaine pour rédiger son CV et préparer "
            "ses candidatures.",
            ("young",),
            (ON_SITE,),
            T,
            "Inscription à l'accueil ou par téléphone.",
        ),
        Offer(
            "Aide au logement des jeunes",
            ServiceKind.INFORMATION,
            "Information sur les aides au logement, les foyers de jeunes "
            "travailleurs et la garantie Visale.",
            ("young",),
            (ON_SITE, PHONE, MAIL),
            T,
            "Orienter vers le conseiller référent logement de la Mission locale.",
            public=False,
        ),
    ],
    StructureType.FRANCE_TRAVAIL: [
        Offer(
            "Inscription et accompagnement des demandeurs d'emploi",
            ServiceKind.SUPPORT,
            "Inscription, indemnisation et accompagnement personnalisé vers l'emploi.",
            ("job_seekers", "adults"),
            (ON_SITE, PHONE, VISIO),
            C,
            "La personne s'inscrit sur francetravail.fr ou à l'agence.",
        ),
        Offer(
            "Prestation d'orientation « Activ'Projet »",
            ServiceKind.SCHEME,
            "Un accompagnement de quelques semaines pour construire un projet "
            "professionnel réaliste.",
            ("job_seekers",),
            (ON_SITE, VISIO),
            C,
            "Prescription par le conseiller France Travail de la personne.",
            "Demandeurs d'emploi inscrits.",
            public=False,
        ),
    ],
    StructureType.CAP_EMPLOI: [
        Offer(
            "Accompagnement vers l'emploi des personnes handicapées",
            ServiceKind.SUPPORT,
            "Conseil, accompagnement vers l'emploi et maintien dans l'emploi "
            "des personnes en situation de handicap.",
            ("disabled", "job_seekers", "employees"),
            (ON_SITE, PHONE, MAIL),
            D,
            "Orienter par courriel avec l'accord de la personne ; joindre la "
            "notification RQTH si elle existe.",
            "Reconnaissance de la qualité de travailleur handicapé (ou en cours).",
        ),
        Offer(
            "Maintien dans l'emploi",
            ServiceKind.SCHEME,
            "Aménagement de poste et reclassement pour les salariés dont la "
            "santé menace l'emploi.",
            ("disabled", "employees", "employers"),
            (PHONE, MAIL),
            D,
            "Le salarié, l'employeur ou le médecin du travail contacte Cap emploi.",
        ),
    ],
    StructureType.APEC: [
        Offer(
            "Conseil en évolution professionnelle des cadres",
            ServiceKind.ADVICE,
            "Des entretiens pour faire le point sur sa carrière et préparer une "
            "mobilité ou une reconversion.",
            ("executives", "employees"),
            (VISIO, PHONE, ON_SITE),
            R,
            "La personne prend rendez-vous sur apec.fr.",
            "Cadres et jeunes diplômés (bac+3 et plus).",
        ),
    ],
    StructureType.TRANSITIONS_PRO: [
        Offer(
            "Projet de transition professionnelle",
            ServiceKind.SCHEME,
            "Financement d'une formation certifiante pour changer de métier, "
            "avec maintien de la rémunération.",
            ("employees",),
            (PHONE, MAIL, VISIO),
            R,
            "Orienter d'abord vers un conseil en évolution professionnelle.",
            "Salariés justifiant d'une ancienneté suffisante.",
        ),
    ],
    StructureType.INFO_JEUNESSE: [
        Offer(
            "Information jeunesse : métiers, jobs, mobilité internationale",
            ServiceKind.INFORMATION,
            "Un accueil anonyme et gratuit sur les métiers, les formations, les "
            "jobs d'été et les séjours à l'étranger.",
            ("young", "students"),
            (ON_SITE, CHAT, MAIL),
            T,
            "Le jeune vient sans rendez-vous aux heures d'ouverture.",
        ),
        Offer(
            "Atelier jobs d'été",
            ServiceKind.WORKSHOP,
            "Préparer sa candidature et rencontrer des employeurs saisonniers.",
            ("young",),
            (ON_SITE,),
            T,
            "Inscription sur place.",
        ),
    ],
    StructureType.PAE: [
        Offer(
            "Point accueil emploi de proximité",
            ServiceKind.INFORMATION,
            "Offres d'emploi locales, aide aux démarches en ligne, accès à un "
            "poste informatique.",
            ("job_seekers", "adults"),
            (ON_SITE, PHONE),
            C,
            "Sans rendez-vous aux heures d'ouverture.",
        ),
    ],
    StructureType.CCI: [
        Offer(
            "Conseil en création et reprise d'entreprise",
            ServiceKind.ADVICE,
            "Premier entretien, ateliers « 5 jours pour entreprendre » et "
            "formalités de création.",
            ("entrepreneurs",),
            (ON_SITE, VISIO, PHONE),
            D,
            "Inscription à une réunion d'information sur le site de la CCI.",
        ),
        Offer(
            "Point A : apprentissage",
            ServiceKind.INFORMATION,
            "Information sur l'apprentissage et mise en relation avec des "
            "entreprises qui recrutent des apprentis.",
            ("young", "employers"),
            (ON_SITE, PHONE, MAIL),
            D,
            "Appeler le Point A de la CCI.",
        ),
    ],
    StructureType.CMA: [
        Offer(
            "Découverte des métiers de l'artisanat",
            ServiceKind.WORKSHOP,
            "Stages de découverte et information sur les CAP et l'apprentissage "
            "dans l'artisanat.",
            ("pupils", "young"),
            (ON_SITE, PHONE),
            D,
            "Contacter le service apprentissage de la chambre.",
        ),
    ],
    StructureType.AGRICULTURE: [
        Offer(
            "Point accueil installation en agriculture",
            ServiceKind.ADVICE,
            "Information et conseil pour s'installer en agriculture : "
            "formation, aides, parcours.",
            ("entrepreneurs", "adults"),
            (ON_SITE, PHONE),
            D,
            "Prendre rendez-vous au Point accueil installation.",
        ),
    ],
    StructureType.OTHER: [
        Offer(
            "Accueil et information sur l'orientation",
            ServiceKind.INFORMATION,
            "Premier accueil et information sur les métiers et les formations.",
            ("everyone",),
            (ON_SITE, PHONE),
            T,
            "Appeler l'accueil de la structure.",
        ),
    ],
}

# The local actors a territorial officer lists in each territory (the town is
# the territory's name).
LOCAL_ACTORS: list[tuple[str, str, str, str, tuple[str, ...], str]] = [
    (
        ActorDomain.MOBILITY,
        "Plateforme mobilité de {name}",
        "Aide au permis, location de scooters et de voitures à petit prix",
        "Diagnostic mobilité, location solidaire de deux-roues et aide au "
        "financement du permis de conduire.",
        ("young", "job_seekers"),
        "Fiche de liaison envoyée par le conseiller.",
    ),
    (
        ActorDomain.HOUSING,
        "Foyer de jeunes travailleurs de {name}",
        "Logement temporaire pour jeunes en formation ou en emploi",
        "Chambres et studios meublés, accompagnement à l'autonomie.",
        ("young",),
        "Dossier de demande à retirer auprès du foyer.",
    ),
    (
        ActorDomain.HEALTH,
        "Point accueil écoute jeunes de {name}",
        "Écoute et soutien psychologique gratuit",
        "Des professionnels écoutent les jeunes et leurs familles, sans "
        "rendez-vous, anonymement.",
        ("young",),
        "Donner le numéro au jeune ; il appelle lui-même.",
    ),
    (
        ActorDomain.SOCIAL_EMERGENCY,
        "Centre communal d'action sociale de {name}",
        "Aide sociale d'urgence et domiciliation",
        "Aides alimentaires et financières d'urgence, domiciliation, accès aux droits.",
        ("everyone",),
        "Appeler le CCAS ; en urgence, le 115.",
    ),
    (
        ActorDomain.EMPLOYERS,
        "Groupement d'employeurs du pays de {name}",
        "Découverte des métiers qui recrutent et immersions en entreprise",
        "Le groupement organise des visites d'entreprises et des périodes "
        "d'immersion dans l'industrie et le bâtiment.",
        ("job_seekers", "young", "adults"),
        "Proposer une période de mise en situation en milieu professionnel.",
    ),
]


def _coverage(offer: Offer, structure: Structure) -> dict:
    if offer.coverage == Coverage.COMMUNES:
        code = insee_code(structure.city, structure.postcode)
        if code:
            return {"coverage": C, "coverage_communes": join_codes([code])}
        return {"coverage": T, "coverage_territory_id": structure.territory_id}
    if offer.coverage == Coverage.TERRITORY:
        return {"coverage": T, "coverage_territory_id": structure.territory_id}
    if offer.coverage == Coverage.DEPARTEMENTS:
        return {
            "coverage": D,
            "coverage_departements": join_codes([structure.territory.departement]),
        }
    return {"coverage": R}


def _structure_entries(now: datetime.datetime) -> list[ServiceEntry]:
    structures = (
        Structure.objects.filter(
            membership_status__in=MAPPED_STATUSES, organisation__is_active=True
        )
        .select_related("organisation", "territory")
        .order_by("organisation__slug")
    )
    rows = []
    for rank, structure in enumerate(structures):
        offers = OFFERS.get(structure.structure_type) or OFFERS[StructureType.OTHER]
        for index, offer in enumerate(offers):
            # One entry in seven left unreviewed for thirteen months.
            stale = (rank + index) % 7 == 3
            rows.append(
                ServiceEntry(
                    structure=structure,
                    title=offer.title,
                    kind=offer.kind,
                    description=offer.description,
                    audiences=join_codes(offer.audiences),
                    conditions=offer.conditions,
                    channels=join_codes(offer.channels),
                    how_to_refer=offer.how_to_refer,
                    contact_name=str(structure.name)[:200],
                    contact_phone=structure.phone,
                    contact_email=structure.email,
                    is_public=offer.public,
                    reviewed_at=now
                    - datetime.timedelta(days=395 if stale else 20 + rank % 200),
                    **_coverage(offer, structure),
                )
            )
    return rows


def _local_actors(now: datetime.datetime) -> list[ServiceEntry]:
    rows = []
    for rank, territory in enumerate(Territory.objects.order_by("slug")):
        if territory.departement not in Departement.values:
            continue
        for index, (domain, actor, title, text, audiences, how) in enumerate(
            LOCAL_ACTORS
        ):
            if (rank + index) % 5 == 4:
                continue  # not every territory has every kind of actor listed
            rows.append(
                ServiceEntry(
                    territory=territory,
                    actor_name=actor.format(name=territory.name),
                    actor_domain=domain,
                    title=title,
                    kind=ServiceKind.SUPPORT,
                    description=text,
                    audiences=join_codes(audiences),
                    channels=join_codes(("face_to_face", "phone")),
                    how_to_refer=how,
                    coverage=Coverage.TERRITORY,
                    coverage_territory=territory,
                    is_public=False,
                    reviewed_at=now - datetime.timedelta(days=30 + 40 * index),
                )
            )
    return rows


def load_service_map() -> int:
    """The demo map (called by ``collaboration.demo.load_collaboration``);
    returns how many entries it made, 0 if there already are some."""
    if ServiceEntry.objects.exists():
        return 0
    now = timezone.now()
    rows = _structure_entries(now) + _local_actors(now)
    made = ServiceEntry.objects.bulk_create(rows, batch_size=500)
    refresh_entry_vectors(ServiceEntry.objects.all())
    return len(made)
