"""Static demo data for Bretagne: who is who, where, and with which postcode.

Everything here is plain data; ``loader.py`` turns it into rows. Every town named
below must appear, spelt the same way, in ``communes.csv`` (GeoNames, CC BY 4.0) and
in ``POSTCODES``; the loader checks both before writing anything.

Slugs are the stable keys of the demo rows: never change one, or a second run would
create a new row instead of finding the old one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

# Seed of every random choice, so that two runs build the same data.
DEMO_SEED = 2026

# Password of every demo account (documented in README.md).
DEMO_PASSWORD = "Bretagne-Orientation-2026"  # noqa: S105 - public demo password

# Second factor of the demo accounts that need one: the hex of the 20 ASCII bytes
# "spro-demo-totp-key!!". Its base32 form is given by
# ``loader.demo_totp_key_base32()``.
DEMO_TOTP_KEY_HEX = b"spro-demo-totp-key!!".hex()
DEMO_TOTP_DEVICE_NAME = "Application d'authentification (démo)"

# Domain of the demo accounts' e-mail addresses.
ACCOUNT_DOMAIN = "spro-demo.bzh"


# Organisations ------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationSpec:
    """An organisation that is not a structure: Région, State, GREF."""

    slug: str
    name: str
    kind: str  # an OrganisationKind value


REGIONAL_ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec("region-bretagne", "Région Bretagne", "region"),
    OrganisationSpec("gref-bretagne", "GREF Bretagne", "gref"),
    OrganisationSpec("dreets-bretagne", "DREETS Bretagne", "state"),
    OrganisationSpec(
        "prefecture-region-bretagne", "Préfecture de région Bretagne", "state"
    ),
)


# Territories --------------------------------------------------------------------


@dataclass(frozen=True)
class TerritorySpec:
    """A local area of coordination, drawn around the town at its centre."""

    slug: str
    name: str
    departement: str
    centre: str  # a commune of communes.csv, in the same département


TERRITORIES: tuple[TerritorySpec, ...] = (
    # Côtes-d'Armor
    TerritorySpec("pays-de-saint-brieuc", "Pays de Saint-Brieuc", "22", "Saint-Brieuc"),
    TerritorySpec("pays-de-guingamp", "Pays de Guingamp", "22", "Guingamp"),
    TerritorySpec("pays-du-tregor-goelo", "Pays du Trégor-Goëlo", "22", "Lannion"),
    TerritorySpec("pays-de-dinan", "Pays de Dinan", "22", "Dinan"),
    TerritorySpec(
        "pays-du-centre-bretagne", "Pays du Centre-Bretagne", "22", "Loudéac"
    ),
    # Finistère
    TerritorySpec("pays-de-brest", "Pays de Brest", "29", "Brest"),
    TerritorySpec("pays-de-morlaix", "Pays de Morlaix", "29", "Morlaix"),
    TerritorySpec("pays-de-cornouaille", "Pays de Cornouaille", "29", "Quimper"),
    TerritorySpec("pays-de-quimperle", "Pays de Quimperlé", "29", "Quimperlé"),
    TerritorySpec(
        "pays-du-centre-ouest-bretagne",
        "Pays du Centre-Ouest Bretagne",
        "29",
        "Carhaix-Plouguer",
    ),
    # Ille-et-Vilaine
    TerritorySpec("pays-de-rennes", "Pays de Rennes", "35", "Rennes"),
    TerritorySpec("pays-de-saint-malo", "Pays de Saint-Malo", "35", "Saint-Malo"),
    TerritorySpec("pays-de-fougeres", "Pays de Fougères", "35", "Fougères"),
    TerritorySpec("pays-de-vitre", "Pays de Vitré", "35", "Vitré"),
    TerritorySpec("pays-de-redon", "Pays de Redon", "35", "Redon"),
    TerritorySpec(
        "pays-de-broceliande", "Pays de Brocéliande", "35", "Montfort-sur-Meu"
    ),
    TerritorySpec(
        "pays-des-vallons-de-vilaine",
        "Pays des Vallons de Vilaine",
        "35",
        "Bain-de-Bretagne",
    ),
    # Morbihan
    TerritorySpec("pays-de-lorient", "Pays de Lorient", "56", "Lorient"),
    TerritorySpec("pays-d-auray", "Pays d'Auray", "56", "Auray"),
    TerritorySpec("pays-de-vannes", "Pays de Vannes", "56", "Vannes"),
    TerritorySpec("pays-de-pontivy", "Pays de Pontivy", "56", "Pontivy"),
    TerritorySpec(
        "pays-de-ploermel", "Pays de Ploërmel — Cœur de Bretagne", "56", "Ploërmel"
    ),
)


# Networks -----------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkSpec:
    """A regional network (section II of the framework) and its head."""

    slug: str
    name: str
    short_name: str
    head_slug: str
    head_name: str
    is_partner: bool
    description: str


NETWORKS: tuple[NetworkSpec, ...] = (
    NetworkSpec(
        "cio",
        "Centres d'information et d'orientation (CIO)",
        "CIO",
        "rectorat-academie-de-rennes",
        "Rectorat de l'académie de Rennes",
        True,
        "Les CIO de l'académie de Rennes accueillent élèves, étudiant·es, familles et "
        "adultes pour l'information et le conseil en orientation scolaire et "
        "professionnelle.",
    ),
    NetworkSpec(
        "suio-ip",
        "Services universitaires d'information, d'orientation et d'insertion "
        "professionnelle (SUIO-IP)",
        "SUIO-IP",
        "reseau-suio-ip-bretagne",
        "Réseau régional des SUIO-IP de Bretagne",
        True,
        "Les services communs des universités bretonnes accompagnent les étudiant·es "
        "dans leur orientation, leurs réorientations et leur insertion "
        "professionnelle.",
    ),
    NetworkSpec(
        "missions-locales",
        "Réseau des Missions locales de Bretagne",
        "Missions locales",
        "arml-bretagne",
        "ARML Bretagne",
        True,
        "Les Missions locales accompagnent les jeunes de 16 à 25 ans dans leur "
        "insertion sociale et professionnelle : emploi, formation, logement, santé, "
        "mobilité.",
    ),
    NetworkSpec(
        "france-travail",
        "Réseau des agences France Travail de Bretagne",
        "France Travail",
        "direction-regionale-france-travail-bretagne",
        "Direction régionale France Travail Bretagne",
        True,
        "Les agences France Travail accompagnent les demandeur·ses d'emploi et les "
        "actifs dans leur recherche d'emploi et leur évolution professionnelle.",
    ),
    NetworkSpec(
        "cap-emploi",
        "Réseau des Cap emploi de Bretagne",
        "Cap emploi",
        "cheops-bretagne",
        "CHEOPS Bretagne",
        True,
        "Les Cap emploi accompagnent vers l'emploi et dans leur parcours "
        "professionnel les personnes en situation de handicap, et conseillent les "
        "employeurs.",
    ),
    NetworkSpec(
        "apec",
        "Association pour l'emploi des cadres (APEC)",
        "APEC",
        "apec-bretagne",
        "APEC Bretagne",
        True,
        "L'APEC conseille les cadres et les jeunes diplômé·es dans leur évolution "
        "professionnelle et leur recherche d'emploi.",
    ),
    NetworkSpec(
        "transitions-pro",
        "Réseau Transitions Pro de Bretagne",
        "Transitions Pro",
        "transitions-pro-bretagne",
        "Transitions Pro Bretagne",
        True,
        "Successeur du FONGECIF, Transitions Pro délivre le conseil en évolution "
        "professionnelle aux salarié·es et finance les projets de transition "
        "professionnelle.",
    ),
    NetworkSpec(
        "information-jeunesse",
        "Réseau Information Jeunesse de Bretagne",
        "Information Jeunesse",
        "crij-bretagne",
        "CRIJ Bretagne",
        True,
        "Bureaux et points Information Jeunesse : une information gratuite, anonyme "
        "et sans rendez-vous sur les études, les métiers, l'emploi, la mobilité et la "
        "vie quotidienne.",
    ),
    NetworkSpec(
        "pae",
        "Réseau des points accueil emploi (PAE)",
        "PAE",
        "spef-reseau-des-pae",
        "SPEF — réseau des PAE",
        True,
        "Les points accueil emploi offrent, au plus près des communes rurales, un "
        "premier accueil sur l'emploi, la formation et l'orientation.",
    ),
    NetworkSpec(
        "cci",
        "Chambres de commerce et d'industrie de Bretagne",
        "CCI",
        "cci-bretagne",
        "CCI Bretagne",
        False,
        "Les CCI délivrent, comme membres associés du SPRO, le conseil en "
        "entrepreneuriat et en création-reprise d'entreprise.",
    ),
    NetworkSpec(
        "cma",
        "Chambres de métiers et de l'artisanat de Bretagne",
        "CMA",
        "cma-bretagne",
        "Chambre de métiers et de l'artisanat de Bretagne",
        False,
        "La chambre de métiers et de l'artisanat conseille les futur·es artisan·es "
        "dans la création ou la reprise d'une entreprise artisanale.",
    ),
    NetworkSpec(
        "chambre-agriculture",
        "Chambres d'agriculture de Bretagne",
        "Chambre d'agriculture",
        "chambre-regionale-agriculture-bretagne",
        "Chambre régionale d'agriculture de Bretagne",
        False,
        "Les chambres d'agriculture conseillent les porteur·ses de projet "
        "d'installation ou de reprise d'une exploitation agricole.",
    ),
)


# Structures ---------------------------------------------------------------------


@dataclass(frozen=True)
class StructureSpec:
    """A structure that receives the public, in one town of ``communes.csv``."""

    slug: str
    name: str
    commune: str
    structure_type: str  # a StructureType value
    network: str | None  # a NetworkSpec slug, or None for a point de contact


def of_town(town: str) -> str:
    """French "de <town>" with its elisions: d'Auray, du Faouët, de la Gacilly."""
    if town.startswith("Le "):
        return "du " + town[3:]
    if town.startswith("Les "):
        return "des " + town[4:]
    if town.startswith("La "):
        return "de la " + town[3:]
    if town[0] in "AEÉÈIOUYaeéèiouy":
        return "d'" + town
    return "de " + town


def _key(town: str) -> str:
    """A slug fragment for a town name (ASCII, lower case, hyphens)."""
    return slugify(town)


_CIO: tuple[tuple[str, str, str], ...] = (
    ("cio-rennes-nord", "CIO Rennes Nord", "Rennes"),
    ("cio-rennes-sud", "CIO Rennes Sud", "Rennes"),
    *(
        (f"cio-{_key(t)}", f"CIO {of_town(t)}", t)
        for t in (
            "Saint-Malo",
            "Fougères",
            "Vitré",
            "Redon",
            "Brest",
            "Morlaix",
            "Quimper",
            "Quimperlé",
            "Carhaix-Plouguer",
            "Lorient",
            "Vannes",
            "Auray",
            "Pontivy",
            "Ploërmel",
            "Saint-Brieuc",
            "Guingamp",
            "Lannion",
            "Dinan",
            "Loudéac",
        )
    ),
)

_MISSIONS_LOCALES: tuple[tuple[str, str, str], ...] = (
    ("ml-pays-de-rennes", "Mission locale du Pays de Rennes", "Rennes"),
    ("ml-pays-de-saint-malo", "Mission locale du Pays de Saint-Malo", "Saint-Malo"),
    ("ml-pays-de-fougeres", "Mission locale du Pays de Fougères", "Fougères"),
    ("ml-pays-de-vitre", "Mission locale du Pays de Vitré", "Vitré"),
    ("ml-pays-de-redon", "Mission locale du Pays de Redon et de Vilaine", "Redon"),
    (
        "ml-pays-de-broceliande",
        "Mission locale du Pays de Brocéliande",
        "Montfort-sur-Meu",
    ),
    ("ml-pays-de-brest", "Mission locale du Pays de Brest", "Brest"),
    ("ml-pays-de-morlaix", "Mission locale du Pays de Morlaix", "Morlaix"),
    ("ml-pays-de-cornouaille", "Mission locale du Pays de Cornouaille", "Quimper"),
    (
        "ml-centre-ouest-bretagne",
        "Mission locale du Centre-Ouest Bretagne",
        "Carhaix-Plouguer",
    ),
    ("ml-pays-de-lorient", "Mission locale du Pays de Lorient", "Lorient"),
    ("ml-pays-d-auray", "Mission locale du Pays d'Auray", "Auray"),
    ("ml-pays-de-vannes", "Mission locale du Pays de Vannes", "Vannes"),
    ("ml-centre-bretagne", "Mission locale Centre Bretagne", "Pontivy"),
    (
        "ml-centre-bretagne-loudeac",
        "Mission locale Centre Bretagne — antenne de Loudéac",
        "Loudéac",
    ),
    ("ml-pays-de-ploermel", "Mission locale du Pays de Ploërmel", "Ploërmel"),
    (
        "ml-pays-de-saint-brieuc",
        "Mission locale du Pays de Saint-Brieuc",
        "Saint-Brieuc",
    ),
    ("ml-ouest-cotes-d-armor", "Mission locale Ouest Côtes-d'Armor", "Lannion"),
    (
        "ml-ouest-cotes-d-armor-guingamp",
        "Mission locale Ouest Côtes-d'Armor — antenne de Guingamp",
        "Guingamp",
    ),
    ("ml-pays-de-dinan", "Mission locale du Pays de Dinan", "Dinan"),
)

_FRANCE_TRAVAIL: tuple[tuple[str, str, str], ...] = (
    ("ft-rennes-nord", "France Travail Rennes Nord", "Rennes"),
    ("ft-rennes-sud", "France Travail Rennes Sud", "Rennes"),
    ("ft-rennes-est", "France Travail Rennes Est", "Rennes"),
    ("ft-brest-nord", "France Travail Brest Nord", "Brest"),
    ("ft-brest-centre", "France Travail Brest Centre", "Brest"),
    *(
        (f"ft-{_key(t)}", f"France Travail {t}", t)
        for t in (
            "Cesson-Sévigné",
            "Saint-Malo",
            "Fougères",
            "Vitré",
            "Redon",
            "Montfort-sur-Meu",
            "Dol-de-Bretagne",
            "Landerneau",
            "Morlaix",
            "Quimper",
            "Quimperlé",
            "Concarneau",
            "Douarnenez",
            "Carhaix-Plouguer",
            "Lorient",
            "Lanester",
            "Vannes",
            "Auray",
            "Pontivy",
            "Ploërmel",
            "Questembert",
            "Saint-Brieuc",
            "Lannion",
            "Guingamp",
            "Dinan",
            "Loudéac",
            "Lamballe",
            "Paimpol",
        )
    ),
)

_CAP_EMPLOI: tuple[tuple[str, str, str], ...] = (
    ("cap-emploi-22", "Cap emploi Côtes-d'Armor", "Saint-Brieuc"),
    ("cap-emploi-29", "Cap emploi Finistère", "Quimper"),
    ("cap-emploi-35", "Cap emploi Ille-et-Vilaine", "Rennes"),
    ("cap-emploi-56", "Cap emploi Morbihan", "Vannes"),
)

_APEC: tuple[tuple[str, str, str], ...] = tuple(
    (f"apec-{_key(t)}", f"Centre APEC {of_town(t)}", t)
    for t in ("Rennes", "Brest", "Lorient", "Saint-Brieuc")
)

_TRANSITIONS_PRO: tuple[tuple[str, str, str], ...] = (
    ("transitions-pro-rennes", "Transitions Pro Bretagne — siège de Rennes", "Rennes"),
    *(
        (
            f"transitions-pro-{_key(t)}",
            f"Transitions Pro Bretagne — antenne {of_town(t)}",
            t,
        )
        for t in ("Brest", "Quimper", "Lorient", "Saint-Brieuc")
    ),
)

_INFO_JEUNESSE: tuple[tuple[str, str, str], ...] = (
    *(
        (f"bij-{_key(t)}", f"Bureau Information Jeunesse {of_town(t)}", t)
        for t in (
            "Rennes",
            "Brest",
            "Quimper",
            "Lorient",
            "Vannes",
            "Saint-Brieuc",
            "Saint-Malo",
            "Lannion",
            "Morlaix",
            "Fougères",
            "Vitré",
            "Pontivy",
        )
    ),
    *(
        (f"pij-{_key(t)}", f"Point Information Jeunesse {of_town(t)}", t)
        for t in (
            "Concarneau",
            "Douarnenez",
            "Landerneau",
            "Quimperlé",
            "Carhaix-Plouguer",
            "Crozon",
            "Lesneven",
            "Hennebont",
            "Lanester",
            "Ploemeur",
            "Auray",
            "Ploërmel",
            "Questembert",
            "Guer",
            "Guingamp",
            "Dinan",
            "Lamballe",
            "Loudéac",
            "Paimpol",
            "Plérin",
            "Cesson-Sévigné",
            "Redon",
            "Liffré",
        )
    ),
)

_PAE: tuple[tuple[str, str, str], ...] = tuple(
    (f"pae-{_key(t)}", f"Point accueil emploi {of_town(t)}", t)
    for t in (
        "Saint-Méen-le-Grand",
        "Montauban-de-Bretagne",
        "Tinténiac",
        "Saint-Aubin-du-Cormier",
        "Retiers",
        "Plélan-le-Grand",
        "Pipriac",
        "Louvigné-du-Désert",
        "Lannilis",
        "Ploudalmézeau",
        "Pleyben",
        "Rosporden",
        "Mauron",
        "Callac",
    )
)

_SUIO: tuple[tuple[str, str, str], ...] = (
    (
        "suio-univ-rennes-beaulieu",
        "SUIO-IP Université de Rennes — campus de Beaulieu",
        "Rennes",
    ),
    (
        "suio-univ-rennes-2-villejean",
        "SUIO-IP Université Rennes 2 — campus Villejean",
        "Rennes",
    ),
    (
        "suio-univ-rennes-saint-brieuc",
        "SUIO-IP Université de Rennes — campus Mazier de Saint-Brieuc",
        "Saint-Brieuc",
    ),
    ("suio-ubo-brest", "SUIO-IP Université de Bretagne Occidentale — Brest", "Brest"),
    ("suio-ubo-quimper", "SUIO-IP UBO — pôle universitaire de Quimper", "Quimper"),
    ("suio-ubs-lorient", "SUIO-IP Université Bretagne Sud — Lorient", "Lorient"),
    ("suio-ubs-vannes", "SUIO-IP Université Bretagne Sud — Vannes", "Vannes"),
)

_CCI: tuple[tuple[str, str, str], ...] = (
    ("cci-rennes", "CCI Ille-et-Vilaine — Rennes", "Rennes"),
    ("cci-saint-malo", "CCI Ille-et-Vilaine — Saint-Malo", "Saint-Malo"),
    ("cci-brest", "CCI métropolitaine Bretagne Ouest — Brest", "Brest"),
    ("cci-quimper", "CCI métropolitaine Bretagne Ouest — Quimper", "Quimper"),
    ("cci-lorient", "CCI du Morbihan — Lorient", "Lorient"),
    ("cci-saint-brieuc", "CCI des Côtes-d'Armor — Saint-Brieuc", "Saint-Brieuc"),
)

_CMA: tuple[tuple[str, str, str], ...] = (
    ("cma-22", "CMA Bretagne — Côtes-d'Armor", "Ploufragan"),
    ("cma-29", "CMA Bretagne — Finistère", "Quimper"),
    ("cma-35", "CMA Bretagne — Ille-et-Vilaine", "Rennes"),
    ("cma-56", "CMA Bretagne — Morbihan", "Vannes"),
)

_AGRICULTURE: tuple[tuple[str, str, str], ...] = tuple(
    (
        f"agriculture-{_key(t)}",
        f"Chambre d'agriculture de Bretagne — site {of_town(t)}",
        t,
    )
    for t in ("Plérin", "Quimper", "Rennes", "Vannes")
)

_CONTACT_POINTS: tuple[tuple[str, str, str], ...] = (
    ("pc-rostrenen", "France services de Rostrenen", "Rostrenen"),
    ("pc-gourin", "France services de Gourin", "Gourin"),
    ("pc-le-faouet", "France services du Faouët", "Le Faouët"),
    ("pc-bain-de-bretagne", "France services de Bain-de-Bretagne", "Bain-de-Bretagne"),
    ("pc-chateauneuf-du-faou", "Mairie de Châteauneuf-du-Faou", "Châteauneuf-du-Faou"),
    ("pc-plouha", "Mairie de Plouha", "Plouha"),
    ("pc-quiberon", "Mairie de Quiberon", "Quiberon"),
)

# (structure type, network slug, entries)
_GROUPS: tuple[tuple[str, str | None, tuple[tuple[str, str, str], ...]], ...] = (
    ("cio", "cio", _CIO),
    ("suio", "suio-ip", _SUIO),
    ("mission_locale", "missions-locales", _MISSIONS_LOCALES),
    ("france_travail", "france-travail", _FRANCE_TRAVAIL),
    ("cap_emploi", "cap-emploi", _CAP_EMPLOI),
    ("apec", "apec", _APEC),
    ("transitions_pro", "transitions-pro", _TRANSITIONS_PRO),
    ("info_jeunesse", "information-jeunesse", _INFO_JEUNESSE),
    ("pae", "pae", _PAE),
    ("cci", "cci", _CCI),
    ("cma", "cma", _CMA),
    ("agriculture", "chambre-agriculture", _AGRICULTURE),
    ("other", None, _CONTACT_POINTS),
)

STRUCTURES: tuple[StructureSpec, ...] = tuple(
    StructureSpec(slug, name, town, structure_type, network)
    for structure_type, network, entries in _GROUPS
    for slug, name, town in entries
)

# Domain of the public e-mail address and web site, per network. ``None``: the
# structure has its own domain (``<slug>.example``).
NETWORK_DOMAINS: dict[str | None, str | None] = {
    "cio": "ac-rennes.example",
    "suio-ip": None,
    "missions-locales": None,
    "france-travail": "francetravail.example",
    "cap-emploi": "capemploi-bretagne.example",
    "apec": "apec.example",
    "transitions-pro": "transitionspro-bretagne.example",
    "information-jeunesse": "ij-bretagne.example",
    "pae": "pae-bretagne.example",
    "cci": "cci-bretagne.example",
    "cma": "cma-bretagne.example",
    "chambre-agriculture": "chambres-agriculture-bretagne.example",
    None: None,
}

# Telephone prefixes by département (the first two pairs of digits).
PHONE_PREFIXES: dict[str, tuple[str, ...]] = {
    "22": ("02 96",),
    "29": ("02 98",),
    "35": ("02 99", "02 99", "02 23"),
    "56": ("02 97",),
}

# Postcodes of every town used above (main postcode of the commune).
POSTCODES: dict[str, str] = {
    # Côtes-d'Armor
    "Callac": "22160",
    "Dinan": "22100",
    "Guingamp": "22200",
    "Lamballe": "22400",
    "Lannion": "22300",
    "Loudéac": "22600",
    "Paimpol": "22500",
    "Plérin": "22190",
    "Ploufragan": "22440",
    "Plouha": "22580",
    "Rostrenen": "22110",
    "Saint-Brieuc": "22000",
    # Finistère
    "Brest": "29200",
    "Carhaix-Plouguer": "29270",
    "Châteauneuf-du-Faou": "29520",
    "Concarneau": "29900",
    "Crozon": "29160",
    "Douarnenez": "29100",
    "Landerneau": "29800",
    "Lannilis": "29870",
    "Lesneven": "29260",
    "Morlaix": "29600",
    "Pleyben": "29190",
    "Ploudalmézeau": "29830",
    "Quimper": "29000",
    "Quimperlé": "29300",
    "Rosporden": "29140",
    # Ille-et-Vilaine
    "Bain-de-Bretagne": "35470",
    "Cesson-Sévigné": "35510",
    "Dol-de-Bretagne": "35120",
    "Fougères": "35300",
    "Liffré": "35340",
    "Louvigné-du-Désert": "35420",
    "Montauban-de-Bretagne": "35360",
    "Montfort-sur-Meu": "35160",
    "Pipriac": "35550",
    "Plélan-le-Grand": "35380",
    "Redon": "35600",
    "Rennes": "35000",
    "Retiers": "35240",
    "Saint-Aubin-du-Cormier": "35140",
    "Saint-Malo": "35400",
    "Saint-Méen-le-Grand": "35290",
    "Tinténiac": "35190",
    "Vitré": "35500",
    # Morbihan
    "Auray": "56400",
    "Gourin": "56110",
    "Guer": "56380",
    "Hennebont": "56700",
    "Lanester": "56600",
    "Le Faouët": "56320",
    "Lorient": "56100",
    "Mauron": "56430",
    "Ploemeur": "56270",
    "Ploërmel": "56800",
    "Pontivy": "56300",
    "Questembert": "56230",
    "Quiberon": "56170",
    "Vannes": "56000",
}

STREETS: tuple[str, ...] = (
    "rue de la République",
    "place de la Mairie",
    "avenue Jean Jaurès",
    "rue Victor Hugo",
    "boulevard de la Liberté",
    "rue du Général de Gaulle",
    "rue Pasteur",
    "rue de la Gare",
    "place de l'Église",
    "rue Jules Ferry",
    "avenue de la Libération",
    "rue des Écoles",
    "rue Jean Moulin",
    "boulevard Gambetta",
    "rue du Port",
    "rue Saint-Michel",
    "place du Champ de Foire",
    "rue Aristide Briand",
    "rue de la Poste",
    "allée des Tilleuls",
    "rue du Stade",
    "place du Marché",
    "rue Anatole Le Braz",
    "rue Théodore Botrel",
    "quai de l'Odet",
    "rue de Brest",
    "rue de Nantes",
    "avenue du Maréchal Foch",
)

ADDRESS_COMPLEMENTS: tuple[str, ...] = (
    "Rez-de-chaussée",
    "1er étage",
    "Bâtiment A",
    "Espace emploi-formation",
    "Maison de l'emploi et de la formation",
    "Entrée par la cour",
)


# Texts of the public cards ------------------------------------------------------

OPENING_HOURS: dict[str, tuple[str, ...]] = {
    "default": (
        "Du lundi au vendredi, de 9 h à 12 h 30 et de 13 h 30 à 17 h 30.",
        "Lundi, mardi, jeudi et vendredi de 8 h 30 à 12 h et de 13 h 30 à 17 h ; "
        "mercredi de 8 h 30 à 12 h.",
        "Du lundi au jeudi de 8 h 30 à 12 h 30 et de 13 h 30 à 17 h 30 ; vendredi "
        "de 8 h 30 à 12 h 30 et de 13 h 30 à 16 h 30.",
    ),
    "cio": (
        "Du lundi au vendredi, de 9 h à 12 h 30 et de 13 h 30 à 17 h 30. Ouvert "
        "pendant une partie des vacances scolaires.",
        "Lundi, mardi, jeudi, vendredi de 9 h à 17 h ; mercredi de 9 h à 12 h 30. "
        "Fermé les trois premières semaines d'août.",
    ),
    "france_travail": (
        "Du lundi au vendredi de 8 h 30 à 12 h 30 sans rendez-vous ; l'après-midi "
        "sur rendez-vous uniquement.",
        "Du lundi au mercredi de 8 h 30 à 16 h 30, le jeudi de 8 h 30 à 12 h 30, le "
        "vendredi de 8 h 30 à 15 h 30.",
    ),
    "info_jeunesse": (
        "Du mardi au vendredi de 13 h 30 à 18 h, le mercredi de 10 h à 18 h et le "
        "samedi de 10 h à 12 h 30.",
        "Lundi de 14 h à 18 h, du mardi au vendredi de 10 h à 12 h et de 14 h à 18 h.",
    ),
    "pae": (
        "Lundi, mardi et jeudi de 9 h à 12 h ; permanence le mercredi de 14 h à 17 h.",
        "Du lundi au vendredi de 9 h à 12 h ; l'après-midi sur rendez-vous.",
    ),
    "suio": (
        "Du lundi au vendredi de 9 h à 17 h pendant l'année universitaire ; "
        "horaires réduits en juillet et fermeture en août.",
    ),
    "other": (
        "Du lundi au vendredi de 8 h 30 à 12 h et de 13 h 30 à 17 h ; le samedi "
        "matin de 9 h à 12 h.",
        "Du lundi au vendredi de 9 h à 12 h 30 et de 14 h à 17 h 30.",
    ),
}

APPOINTMENT_INFO: dict[str, str] = {
    "cio": "Entretien avec un·e psychologue de l'Éducation nationale sur rendez-vous, "
    "par téléphone ou à l'accueil. Première information sans rendez-vous aux heures "
    "d'ouverture.",
    "suio": "Entretiens individuels sur rendez-vous, à réserver depuis l'espace "
    "numérique de l'université ; permanences sans rendez-vous le midi.",
    "mission_locale": "Premier accueil sans rendez-vous pour les 16-25 ans aux "
    "heures d'ouverture ; les entretiens avec un·e conseiller·ère se font sur "
    "rendez-vous.",
    "france_travail": "Sur rendez-vous, à prendre depuis votre espace personnel en "
    "ligne, par téléphone ou à l'accueil de l'agence.",
    "cap_emploi": "Sur rendez-vous, pour les personnes en situation de handicap et "
    "les employeurs ; entretien possible à domicile si nécessaire.",
    "apec": "Entretiens de conseil en évolution professionnelle sur rendez-vous, sur "
    "place, par téléphone ou en visioconférence.",
    "transitions_pro": "Conseil en évolution professionnelle sur rendez-vous pour "
    "les salarié·es ; réunions d'information collectives chaque mois.",
    "info_jeunesse": "Accès libre, gratuit et anonyme, sans rendez-vous ; entretien "
    "individuel possible sur rendez-vous.",
    "pae": "Accueil sans rendez-vous aux heures de permanence ; rendez-vous possible "
    "avec la conseillère emploi.",
    "cci": "Rendez-vous individuel avec un·e conseiller·ère création-reprise ; "
    "réunion d'information « Créer ou reprendre une entreprise » chaque mois.",
    "cma": "Rendez-vous avec un·e conseiller·ère création ; atelier « Devenir "
    "artisan » deux fois par mois.",
    "agriculture": "Rendez-vous au point accueil installation ; réunions collectives "
    "d'information sur l'installation en agriculture.",
    "other": "Accueil aux heures d'ouverture ; l'agent·e d'accueil vous oriente vers "
    "la structure du SPRO la plus proche et peut prendre rendez-vous pour vous.",
}

DESCRIPTIONS: dict[str, str] = {
    "cio": "Le centre d'information et d'orientation {of_city} accueille "
    "gratuitement collégien·nes, lycéen·nes, étudiant·es, parents et adultes pour "
    "s'informer sur les études, les formations et les métiers, et construire un "
    "projet d'orientation avec un·e psychologue de l'Éducation nationale.",
    "suio": "Le service d'orientation et d'insertion professionnelle accompagne les "
    "étudiant·es et futur·es étudiant·es : choix de parcours, réorientation, "
    "recherche de stage, préparation à l'insertion professionnelle.",
    "mission_locale": "La Mission locale accueille les jeunes de 16 à 25 ans sortis "
    "du système scolaire et les accompagne dans leurs démarches : orientation, "
    "formation, emploi, mais aussi logement, santé et mobilité.",
    "france_travail": "L'agence France Travail {of_city} accompagne les personnes en "
    "recherche d'emploi et les actifs qui souhaitent évoluer : conseil en évolution "
    "professionnelle, accès à la formation, mise en relation avec les employeurs du "
    "territoire.",
    "cap_emploi": "Cap emploi accompagne les personnes en situation de handicap "
    "dans leur projet professionnel, leur recherche d'emploi et le maintien dans "
    "l'emploi, et conseille les employeurs.",
    "apec": "Le centre APEC {of_city} conseille les cadres, les agents de maîtrise "
    "et les jeunes diplômé·es à partir de bac+3 dans leur évolution professionnelle "
    "et leur recherche d'emploi.",
    "transitions_pro": "Transitions Pro Bretagne conseille les salarié·es qui "
    "envisagent une reconversion ou une évolution professionnelle, et finance les "
    "projets de transition professionnelle.",
    "info_jeunesse": "La structure Information Jeunesse {of_city} informe les "
    "jeunes et leurs familles sur les études, les métiers, les jobs, la mobilité "
    "internationale, le logement et la vie quotidienne. Documentation en accès "
    "libre et ordinateurs à disposition.",
    "pae": "Le point accueil emploi {of_city} offre un premier accueil de proximité "
    "sur l'emploi et la formation : consultation des offres, aide aux candidatures, "
    "orientation vers les partenaires du SPRO.",
    "cci": "La CCI conseille les porteur·ses de projet de création ou de reprise "
    "d'entreprise dans le commerce, l'industrie et les services : étude du projet, "
    "formalités, financement.",
    "cma": "La chambre de métiers et de l'artisanat conseille les futur·es "
    "artisan·es : validation du projet, formation à la gestion, immatriculation et "
    "reprise d'entreprises artisanales.",
    "agriculture": "Le point accueil installation renseigne les personnes qui "
    "souhaitent s'installer en agriculture ou reprendre une exploitation, et les "
    "oriente vers les formations et les aides.",
    "other": "Point de contact du SPRO : l'accueil {of_city} informe sur "
    "l'existence du service public régional de l'orientation et oriente vers la "
    "structure la plus proche pour un accueil personnalisé.",
}

ACCESSIBILITY_NOTES: tuple[str, ...] = (
    "Accès de plain-pied, places de stationnement réservées devant le bâtiment.",
    "Ascenseur et boucle magnétique à l'accueil.",
    "Bâtiment accessible ; accueil en langue des signes sur rendez-vous.",
    "Arrêt de bus à proximité ; toilettes adaptées.",
    "Rampe d'accès à l'entrée ; documentation disponible en gros caractères.",
)

ACCESSIBILITY_NOTES_NOT_ACCESSIBLE = (
    "Bureaux à l'étage sans ascenseur : un rendez-vous au rez-de-chaussée ou à "
    "distance est proposé sur demande."
)


# Accounts -----------------------------------------------------------------------


@dataclass(frozen=True)
class AccountSpec:
    """A demo account and its role (``role`` None: no membership)."""

    email: str
    first_name: str
    last_name: str
    job_title: str
    role: str | None  # a Role value
    organisation: str | None  # an organisation slug
    territory: str | None = None  # a territory slug, for territorial officers
    is_staff: bool = False
    groups: tuple[str, ...] = ()


def _email(local: str) -> str:
    return f"{local}@{ACCOUNT_DOMAIN}"


# One account per role, documented in README.md.
MAIN_ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec(
        _email("coordination"),
        "Maëlle",
        "Le Goff",
        "Coordinatrice régionale du SPRO",
        "regional_coordinator",
        "region-bretagne",
    ),
    AccountSpec(
        _email("territoire"),
        "Yannick",
        "Le Bihan",
        "Chargé de mission territorial — Pays de Rennes",
        "territorial_officer",
        "region-bretagne",
        territory="pays-de-rennes",
    ),
    AccountSpec(
        _email("tete-de-reseau"),
        "Soizic",
        "Guillou",
        "Chargée de mission SPRO",
        "network_head",
        "arml-bretagne",
    ),
    AccountSpec(
        _email("gref"),
        "Erwan",
        "Le Corre",
        "Chargé d'études emploi-formation",
        "gref",
        "gref-bretagne",
    ),
    AccountSpec(
        _email("etat"),
        "Nolwenn",
        "Kerhervé",
        "Chargée de mission orientation et formation",
        "state",
        "dreets-bretagne",
    ),
    AccountSpec(
        _email("referent"),
        "Gwenaëlle",
        "Le Roux",
        "Directrice adjointe",
        "referent",
        "ml-pays-de-rennes",
    ),
    AccountSpec(
        _email("professionnel"),
        "Tanguy",
        "Morvan",
        "Conseiller en insertion professionnelle",
        "professional",
        "ml-pays-de-rennes",
    ),
    AccountSpec(
        _email("referent.brest"),
        "Loïc",
        "Tanguy",
        "Responsable d'antenne",
        "referent",
        "ml-pays-de-brest",
    ),
    AccountSpec(
        _email("redaction"),
        "Katell",
        "Le Gall",
        "Chargée de communication",
        None,
        None,
        is_staff=True,
        groups=("Editors", "Moderators"),
    ),
)

# Colleagues at other structures, so that member lists are not empty.
# (first name, last name, job title, role, structure slug)
_COLLEAGUES: tuple[tuple[str, str, str, str, str], ...] = (
    ("Anaïs", "Riou", "Conseillère en insertion", "professional", "ml-pays-de-rennes"),
    ("Ronan", "Cadiou", "Chargé d'accueil", "professional", "ml-pays-de-rennes"),
    ("Servane", "Le Meur", "Conseillère emploi", "professional", "ml-pays-de-brest"),
    ("Mikaël", "Jaouen", "Conseiller en insertion", "professional", "ml-pays-de-brest"),
    ("Goulven", "Le Floch", "Directeur du CIO", "referent", "cio-rennes-nord"),
    (
        "Enora",
        "Quéré",
        "Psychologue de l'Éducation nationale",
        "professional",
        "cio-rennes-nord",
    ),
    ("Tristan", "Le Borgne", "Directeur du CIO", "referent", "cio-brest"),
    ("Solenn", "Caradec", "Responsable d'équipe", "referent", "ft-quimper"),
    ("Brieuc", "Le Du", "Conseiller emploi", "professional", "ft-quimper"),
    ("Morgane", "Pichon", "Responsable d'équipe", "referent", "ft-rennes-nord"),
    ("Armelle", "Guéguen", "Informatrice jeunesse", "referent", "bij-lorient"),
    ("Pierrick", "Le Bras", "Chargé de mission", "referent", "cap-emploi-56"),
    ("Rozenn", "Bourhis", "Consultante", "professional", "apec-rennes"),
    (
        "Yann",
        "Cozic",
        "Conseiller en évolution professionnelle",
        "referent",
        "transitions-pro-rennes",
    ),
    (
        "Aziliz",
        "Le Moal",
        "Chargée d'orientation",
        "referent",
        "suio-univ-rennes-2-villejean",
    ),
    (
        "Gildas",
        "Rolland",
        "Conseiller d'orientation",
        "professional",
        "suio-univ-rennes-2-villejean",
    ),
    ("Anne-Laure", "Le Saux", "Animatrice emploi", "referent", "pae-tinteniac"),
    ("Killian", "Le Hir", "Conseiller création d'entreprise", "referent", "cci-brest"),
    ("Lénaïg", "Derrien", "Conseillère création", "referent", "cma-22"),
    (
        "Corentin",
        "Gourvès",
        "Conseiller en insertion",
        "referent",
        "ml-pays-de-saint-brieuc",
    ),
    (
        "Mathilde",
        "Kervella",
        "Conseillère en insertion",
        "referent",
        "ml-pays-de-vannes",
    ),
)


def _colleague_email(first_name: str, last_name: str) -> str:
    return _email(f"{slugify(first_name)}.{slugify(last_name)}")


COLLEAGUE_ACCOUNTS: tuple[AccountSpec, ...] = tuple(
    AccountSpec(_colleague_email(first, last), first, last, job, role, structure)
    for first, last, job, role, structure in _COLLEAGUES
)

ACCOUNTS: tuple[AccountSpec, ...] = MAIN_ACCOUNTS + COLLEAGUE_ACCOUNTS
