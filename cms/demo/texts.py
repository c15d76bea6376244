"""The French texts of the demo public site: plain data, no database access.

Kept apart from ``loader.py`` so that the words (written from the SPRO Bretagne
framework, sections I, 1.3 and 1.4) can be read and corrected without scrolling
through Wagtail calls, and the building logic read without the texts, as
``extranet/demo`` keeps its tables apart from its loader.

Each ``*_PAGE`` dict holds the fields of one page (its ``slug`` included), given
as keywords to the page model. Bodies are StreamField data: lists of
``{"type": <block name>, "value": ...}``. ``EVENT_BODY`` and ``RESOURCE_BODY``
are ``str.format`` templates filled in by the loader.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import (
    EventKind,
    ServiceKey,
)

# Home page and site ----------------------------------------------------------------

HOME_TITLE = "Service public régional de l'orientation en Bretagne"
HOME_SLUG = "accueil"
HOME_INTRO = (
    "Où que vous habitiez en Bretagne, quels que soient votre âge et votre "
    "situation, des professionnel·les vous accueillent gratuitement pour vous "
    "informer et vous conseiller sur les métiers, les formations et l'emploi."
)
HOME_BODY = """\
<h2>Un service public pour s'orienter tout au long de la vie</h2>
<p>Le service public régional de l'orientation (SPRO) réunit, sous la coordination \
de la Région Bretagne, les structures qui accueillent le public pour parler \
d'orientation, de formation et d'emploi : centres d'information et d'orientation, \
Missions locales, agences France Travail, Cap emploi, APEC, Transitions Pro, \
structures Information Jeunesse, points accueil emploi, services universitaires \
d'orientation et chambres consulaires.</p>
<p>Ses services sont gratuits, libres et faciles d'accès, organisés en proximité \
dans chaque territoire. Ils respectent l'anonymat, le caractère volontaire de la \
démarche et la liberté de choix de chaque personne.</p>
<h2>Ce que le SPRO vous propose</h2>
<ul>
<li><b>Un accueil personnalisé et individualisé</b> : une réponse adaptée à votre \
question du moment, et si besoin un point de situation et un rendez-vous avec la \
structure la mieux à même de vous aider.</li>
<li><b>Le conseil en orientation scolaire et professionnelle</b>, pour construire \
un projet d'études, de formation ou de métier.</li>
<li><b>Le conseil en évolution professionnelle</b>, pour les actifs qui souhaitent \
évoluer, se reconvertir ou se former.</li>
<li><b>Le conseil en validation des acquis de l'expérience (VAE)</b>, pour faire \
reconnaître votre expérience par un diplôme ou un titre.</li>
<li><b>Le conseil en entrepreneuriat</b>, pour créer ou reprendre une \
entreprise.</li>
</ul>
<h2>Sur place ou à distance</h2>
<p>Selon les structures, vous pouvez être reçu·e sur place, appeler, écrire un \
courriel, échanger par messagerie instantanée ou en visioconférence. \
L'annuaire des structures vous indique les horaires, les services et les moyens \
de contact de chacune.</p>
"""

SITE_NAME = "SPRO Bretagne"


# Pages under the home page ---------------------------------------------------------

ABOUT_BODY = [
    {
        "type": "text",
        "value": (
            "<h2>Des valeurs partagées</h2>"
            "<p>Les structures du SPRO s'engagent sur des valeurs qui fondent la "
            "déontologie de leurs professionnels et s'appliquent à toutes leurs "
            "missions : accueil, information, conseil et accompagnement.</p>"
            "<h3>Universalité, égalité et proximité d'accès</h3>"
            "<ul><li>Des services gratuits, libres et faciles d'accès, notamment pour "
            "les personnes en situation de handicap, organisés en proximité dans "
            "chaque territoire ;</li>"
            "<li>une continuité de service adaptée aux besoins des publics ;</li>"
            "<li>le respect de l'égalité entre les femmes et les hommes, de la "
            "non-discrimination et de la diversité des personnes.</li></ul>"
            "<h3>Neutralité, objectivité et respect de la personne</h3>"
            "<ul><li>Le respect du droit à l'anonymat, du caractère volontaire de la "
            "démarche et de la liberté de choix de la personne ;</li>"
            "<li>la prise en compte de la situation globale de la personne ;</li>"
            "<li>la confidentialité des échanges ;</li>"
            "<li>la neutralité de l'accueil, de l'information, du conseil et de "
            "l'accompagnement, sans publicité en faveur d'un opérateur ou d'une "
            "entreprise.</li></ul>"
        ),
    },
    {
        "type": "text",
        "value": (
            "<h2>Sur place, à distance ou en ligne</h2>"
            "<p>Certaines personnes tiennent au face à face, d'autres préfèrent le "
            "téléphone, le courriel, le tchat ou la visioconférence. Le SPRO propose "
            "donc un service sur place, un service à distance et une offre en ligne : "
            "information, agenda des manifestations et annuaire géolocalisé des "
            "structures.</p>"
            "<p>Quand votre question relève d'une autre structure, le professionnel "
            "qui vous accueille organise avec votre accord le passage de relais, pour "
            "que vous n'ayez pas à tout réexpliquer.</p>"
        ),
    },
    {
        "type": "accordion",
        "value": {
            "title": "Questions fréquentes",
            "items": [
                {
                    "question": "Le SPRO est-il payant ?",
                    "answer": "<p>Non. Les services du SPRO sont gratuits, pour "
                    "tous les publics.</p>",
                },
                {
                    "question": "Dois-je prendre rendez-vous ?",
                    "answer": "<p>Pas forcément : de nombreuses structures vous "
                    "accueillent sans rendez-vous aux heures d'ouverture. "
                    "L'annuaire indique les horaires et les moyens de contact de "
                    "chacune.</p>",
                },
                {
                    "question": "Je suis salarié·e : puis-je être conseillé·e ?",
                    "answer": "<p>Oui. Le conseil en évolution professionnelle est "
                    "ouvert à tous les actifs, en poste ou non, gratuitement et "
                    "en toute confidentialité vis-à-vis de votre employeur.</p>",
                },
            ],
        },
    },
    {
        "type": "call_to_action",
        "value": {
            "title": "Une structure près de chez vous",
            "text": "Plus de cent lieux d'accueil en Bretagne, sur place ou à "
            "distance.",
            "link_label": "Trouver une structure",
            "page": None,
            "url": "/structures/",
        },
    },
    {
        "type": "embed",
        "value": {
            "url": "https://www.youtube.com/@RegionBretagne",
            "title": "Le SPRO expliqué en deux minutes",
            "provider": "YouTube",
            "description": "Une présentation du service public régional de "
            "l'orientation par la Région Bretagne (vidéo sous-titrée).",
        },
    },
]

ABOUT_PAGE = {
    "slug": "le-spro",
    "title": "Le SPRO en Bretagne",
    "intro": "Un service public pour s'informer et être conseillé sur son "
    "orientation, sa formation et son métier, tout au long de la vie.",
    "body": ABOUT_BODY,
}

SERVICE_INDEX_PAGE = {
    "slug": "nos-services",
    "title": "Nos services",
    "intro": "Un accueil pour tous, puis des conseils spécialisés selon votre "
    "projet : tous gratuits.",
    "body": [
        {
            "type": "text",
            "value": "<p>Le SPRO repose sur un accueil personnalisé et "
            "individualisé, proposé par toutes ses structures, qui s'articule avec "
            "quatre offres de conseil spécialisées.</p>",
        }
    ],
}

# Where each service is given (the same text on every service page).
SERVICE_WHERE = (
    "<p>Dans les structures du SPRO qui proposent ce service, sur place ou à "
    "distance.</p>"
)

# One service page each: (service, slug, title, intro, what, audience).
SERVICES = [
    (
        ServiceKey.API,
        "accueil-personnalise-et-individualise",
        "L'accueil personnalisé et individualisé",
        "Une première réponse à votre question, et le bon interlocuteur si besoin.",
        "<p>L'accueil personnalisé et individualisé est la porte d'entrée du SPRO. "
        "Un professionnel écoute votre demande, s'informe de votre situation et "
        "vous donne les premières informations utiles sur les métiers, les "
        "formations, l'emploi et les dispositifs existants.</p>"
        "<p>Il peut aller d'une simple information à un point de situation partagé "
        "avec vous, qui récapitule vos démarches et vos contacts. Si une autre "
        "structure est mieux placée pour vous aider, il organise avec votre accord "
        "un rendez-vous avec elle.</p>",
        "<p>Tout le monde : collégiens, lycéens, étudiants, jeunes sortis du "
        "système scolaire, demandeurs d'emploi, salariés, indépendants, personnes "
        "en situation de handicap, quels que soient votre âge et votre "
        "situation.</p>",
    ),
    (
        ServiceKey.ORIENTATION,
        "conseil-en-orientation",
        "Le conseil en orientation scolaire et professionnelle",
        "Construire un projet d'études, de formation ou de métier.",
        "<p>Le conseil en orientation scolaire et professionnelle vous aide à "
        "formuler vos projets de vie, personnels, de formation et professionnels, "
        "et à vous engager activement dans leur réalisation. Il part d'un besoin "
        "identifié avec vous pour définir pas à pas un plan d'actions.</p>"
        "<p>Il favorise votre autonomie et le développement de vos compétences à "
        "vous orienter tout au long de la vie.</p>",
        "<p>Les élèves, les étudiants, les jeunes et les adultes qui s'interrogent "
        "sur leur orientation, ainsi que leurs parents.</p>",
    ),
    (
        ServiceKey.CEP,
        "conseil-en-evolution-professionnelle",
        "Le conseil en évolution professionnelle",
        "Évoluer, se reconvertir ou se former quand on est actif.",
        "<p>Le conseil en évolution professionnelle (CEP) vous appuie pour élaborer "
        "et concrétiser un projet d'évolution professionnelle et, le cas échéant, "
        "le projet de formation qui l'accompagne, en tenant compte des besoins "
        "économiques de votre territoire.</p>"
        "<p>Il est gratuit, personnalisé et confidentiel.</p>",
        "<p>Tous les actifs qui en expriment le besoin : salariés du privé, "
        "indépendants, demandeurs d'emploi, jeunes de moins de 26 ans, cadres, "
        "personnes en situation de handicap.</p>",
    ),
    (
        ServiceKey.VAE,
        "conseil-en-vae",
        "Le conseil en validation des acquis de l'expérience",
        "Faire reconnaître son expérience par un diplôme ou un titre.",
        "<p>Quand la validation des acquis de l'expérience (VAE) paraît adaptée à "
        "votre projet, un conseiller identifie avec vous vos champs d'activité, "
        "vous propose les certifications que vous pourriez viser et vous donne "
        "les informations nécessaires pour choisir.</p>"
        "<p>L'accompagnement à la constitution du dossier relève ensuite d'un "
        "autre service.</p>",
        "<p>Toute personne ayant au moins un an d'expérience, salariée, non "
        "salariée ou bénévole, en lien avec la certification visée.</p>",
    ),
    (
        ServiceKey.ENTREPRENEURSHIP,
        "conseil-en-entrepreneuriat",
        "Le conseil en entrepreneuriat et création-reprise d'entreprise",
        "Vérifier son envie d'entreprendre et préparer la suite.",
        "<p>Ce conseil, personnalisé et confidentiel, vous aide à confirmer votre "
        "intérêt pour la création ou la reprise d'une entreprise. À son issue, un "
        "accompagnement dans la construction et la mise en œuvre de votre projet "
        "peut vous être proposé.</p>",
        "<p>Toute personne qui envisage de créer ou de reprendre une entreprise, "
        "quel que soit son statut actuel.</p>",
    ),
]


AGENDA_PAGE = {
    "slug": "agenda",
    "title": "Agenda",
    "intro": "Salons, réunions d'information et espaces Orientation tout au long "
    "de la vie, partout en Bretagne.",
}

# Body of every event page; ``registration`` is EVENT_REGISTRATION or empty.
EVENT_BODY = (
    "<p>{intro}</p><p>Entrée libre et gratuite{registration}. "
    "Le lieu est accessible aux personnes à mobilité réduite.</p>"
)
EVENT_REGISTRATION = ", sur inscription"


@dataclass(frozen=True)
class DemoEvent:
    """An event of the agenda, dated relative to the day the demo is built, so
    that a fresh demo always has past and coming events; ``territory`` is part of
    a territory's name."""

    slug: str
    title: str
    kind: str
    days_from_today: int
    start_hour: int
    duration_hours: int
    place: str
    town: str
    territory: str
    audience: str
    intro: str
    registration_url: str = ""
    span_days: int = 0


EVENTS = [
    DemoEvent(
        "salon-formation-emploi-rennes",
        "Salon de l'orientation, de la formation et de l'emploi",
        EventKind.SALON,
        -40,
        9,
        8,
        "Parc des expositions Rennes Aéroport, La Haie Gautrais",
        "Bruz",
        "Rennes",
        "Lycéens, étudiants, parents, adultes en reconversion",
        "Trois cents exposants, des conférences sur les métiers qui recrutent et "
        "un espace conseil animé par les structures du SPRO.",
        span_days=2,
    ),
    DemoEvent(
        "reunion-vae-brest",
        "Réunion d'information sur la VAE",
        EventKind.INFORMATION_SESSION,
        -12,
        14,
        2,
        "Maison de l'emploi, 8 rue de Siam",
        "Brest",
        "Brest",
        "Salariés, demandeurs d'emploi, bénévoles",
        "Comprendre la validation des acquis de l'expérience, ses étapes et ses "
        "financements, puis poser vos questions à un conseiller.",
    ),
    DemoEvent(
        "espace-otlv-quimper",
        "Espace Orientation tout au long de la vie",
        EventKind.LIFELONG_SPACE,
        9,
        10,
        6,
        "Médiathèque Alain-Gérard, esplanade Julien-Gracq",
        "Quimper",
        "Cornouaille",
        "Tout public",
        "Sans rendez-vous, des conseillers de plusieurs structures vous reçoivent "
        "pour parler métier, formation, reconversion ou création d'entreprise.",
    ),
    DemoEvent(
        "atelier-reconversion-vannes",
        "Atelier « Se reconvertir à 40 ans et plus »",
        EventKind.WORKSHOP,
        16,
        9,
        3,
        "Espace Transitions Pro, 12 rue Thiers",
        "Vannes",
        "Vannes",
        "Salariés et demandeurs d'emploi",
        "Faire le point sur ses compétences et découvrir le conseil en évolution "
        "professionnelle et les formations financées.",
        registration_url="https://www.transitionspro-bretagne.fr/",
    ),
    DemoEvent(
        "forum-jobs-saint-brieuc",
        "Forum jobs d'été et alternance",
        EventKind.SALON,
        30,
        13,
        5,
        "Salle Hermione, rue du 71e Régiment d'Infanterie",
        "Saint-Brieuc",
        "Saint-Brieuc",
        "Jeunes de 16 à 25 ans",
        "Des employeurs du territoire, des offres d'alternance et des conseils "
        "pour rédiger son CV, avec le réseau Information Jeunesse.",
    ),
    DemoEvent(
        "reunion-creation-lorient",
        "Créer ou reprendre une entreprise : par où commencer ?",
        EventKind.INFORMATION_SESSION,
        45,
        18,
        2,
        "Chambre de commerce et d'industrie, 21 quai des Indes",
        "Lorient",
        "Lorient",
        "Porteurs de projet",
        "Une soirée pour vérifier son envie d'entreprendre et connaître les "
        "interlocuteurs du conseil en entrepreneuriat.",
        registration_url="https://www.bretagne.cci.fr/",
    ),
]

NEWS_INDEX_PAGE = {
    "slug": "actualites",
    "title": "Actualités",
    "intro": "Les nouvelles du service public régional de l'orientation.",
}

# One news page each: (slug, title, days before the build, intro, body).
NEWS = [
    (
        "nouvel-annuaire-des-structures",
        "Un nouvel annuaire pour trouver une structure près de chez vous",
        5,
        "L'annuaire en ligne du SPRO présente les lieux d'accueil de Bretagne, "
        "leurs services et leurs moyens de contact.",
        "<p>Où être accueilli pour parler orientation, formation ou emploi ? "
        "L'annuaire des structures du SPRO répond à cette question : cherchez par "
        "commune, par service ou par public, et retrouvez pour chaque lieu ses "
        "horaires, son adresse et les moyens de le joindre à distance.</p>"
        "<p>Les fiches sont mises à jour par les structures elles-mêmes, depuis "
        "l'espace partenaires.</p>",
    ),
    (
        "espaces-orientation-tout-au-long-de-la-vie",
        "Les espaces Orientation tout au long de la vie reviennent",
        20,
        "Des journées sans rendez-vous où plusieurs structures vous reçoivent au "
        "même endroit.",
        "<p>Dans les médiathèques et les maisons de services, les espaces "
        "Orientation tout au long de la vie réunissent conseillers en orientation, "
        "en évolution professionnelle, en VAE et en création d'entreprise. Venez "
        "avec votre question : un professionnel vous écoute et vous oriente vers "
        "le bon interlocuteur.</p>"
        "<p>Les dates sont publiées dans l'agenda.</p>",
    ),
    (
        "perspectives-metiers-2025",
        "Fiches Perspectives : les métiers qui recrutent en Bretagne",
        48,
        "Les nouvelles fiches Perspectives du GREF Bretagne sont disponibles dans "
        "les ressources.",
        "<p>Chaque fiche présente un secteur : ses métiers, ses besoins de "
        "recrutement, les formations qui y mènent en Bretagne. Les professionnels "
        "du SPRO s'en servent en entretien ; elles sont aussi à votre disposition "
        "en téléchargement.</p>",
    ),
]

RESOURCE_INDEX_PAGE = {
    "slug": "ressources",
    "title": "Ressources",
    "intro": "Fiches métiers, guides et documents à télécharger.",
}

# Body of every resource page.
RESOURCE_BODY = (
    "<p>{intro}</p><p>Document au format PDF, à consulter ou à imprimer. Une "
    "version adaptée peut être demandée à spro@bretagne.bzh.</p>"
)

# One resource page and its PDF each: (slug, title, intro, lines of the PDF).
RESOURCES = [
    (
        "perspectives-sanitaire-et-social",
        "Perspectives — Sanitaire et social",
        "Métiers, emplois et formations du secteur sanitaire et social en Bretagne.",
        [
            "Perspectives - Sanitaire et social",
            "Metiers, emplois et formations en Bretagne",
            "Aide-soignant, infirmier, educateur specialise, accompagnant educatif",
            "Besoins de recrutement importants dans les quatre departements.",
        ],
    ),
    (
        "perspectives-industrie-agroalimentaire",
        "Perspectives — Industrie agroalimentaire",
        "Le premier employeur industriel breton : métiers, formations, débouchés.",
        [
            "Perspectives - Industrie agroalimentaire",
            "Conducteur de ligne, technicien de maintenance, qualiticien",
            "Formations en apprentissage et en formation continue en Bretagne.",
        ],
    ),
    (
        "guide-des-services-du-spro",
        "Guide des services du SPRO",
        "Les cinq services du SPRO et les structures qui les proposent, en une page.",
        [
            "Guide des services du SPRO Bretagne",
            "Accueil personnalise et individualise",
            "Conseil en orientation, en evolution professionnelle, en VAE",
            "Conseil en entrepreneuriat et creation-reprise d'entreprise",
        ],
    ),
]

CONTACT_BODY = [
    {
        "type": "text",
        "value": (
            "<p>Pour une question sur votre orientation, votre formation ou votre "
            "emploi, le plus simple est de vous adresser à une structure proche de "
            "chez vous : elle vous répond sur place, par téléphone ou à distance. "
            "Pour une question sur ce site ou sur le SPRO lui-même, écrivez à la "
            "Région.</p>"
        ),
    },
    {
        "type": "contact_channels",
        "value": {
            "title": "Joindre la coordination régionale du SPRO",
            "channels": [
                {
                    "kind": "address",
                    "label": "Région Bretagne — Direction de l'emploi et de la "
                    "formation tout au long de la vie",
                    "value": "283 avenue du Général Patton, CS 21101, "
                    "35711 Rennes Cedex 7",
                    "hours": "Du lundi au vendredi, de 9 h à 17 h",
                },
                {
                    "kind": "phone",
                    "label": "Standard de la Région",
                    "value": "02 99 27 10 10",
                    "hours": "Du lundi au vendredi, de 8 h 30 à 18 h",
                },
                {
                    "kind": "email",
                    "label": "Courriel de la coordination",
                    "value": "spro@bretagne.bzh",
                    "hours": "Réponse sous cinq jours ouvrés",
                },
            ],
        },
    },
    {
        "type": "contact_channels",
        "value": {
            "title": "Être conseillé·e près de chez vous",
            "channels": [
                {
                    "kind": "web",
                    "label": "Annuaire des structures du SPRO",
                    "value": "/structures/",
                    "hours": "Horaires et moyens de contact de chaque structure",
                },
                {
                    "kind": "chat",
                    "label": "Tchat et visioconférence",
                    "value": "Proposés par de nombreuses structures : voir leur "
                    "fiche dans l'annuaire",
                    "hours": "",
                },
            ],
        },
    },
]

CONTACT_PAGE = {
    "slug": "contact",
    "title": "Contact",
    "intro": "Tous les moyens de joindre le SPRO, sur place ou à distance.",
    "body": CONTACT_BODY,
}

# One legal page each: (slug, title, body).
LEGAL = [
    (
        "mentions-legales",
        "Mentions légales",
        "<h2>Éditeur</h2>"
        "<p>Région Bretagne, 283 avenue du Général Patton, CS 21101, 35711 Rennes "
        "Cedex 7. Téléphone : 02 99 27 10 10.</p>"
        "<p>Directeur de la publication : le président du Conseil régional de "
        "Bretagne.</p>"
        "<h2>Hébergement</h2>"
        "<p>Le site est hébergé en France, sur l'infrastructure de la Région "
        "Bretagne.</p>"
        "<h2>Propriété intellectuelle</h2>"
        "<p>Sauf mention contraire, les contenus de ce site sont publiés sous "
        "Licence ouverte 2.0 (Etalab). L'annuaire des structures repose sur des "
        "données communiquées par les structures elles-mêmes.</p>",
    ),
    (
        "accessibilite",
        "Déclaration d'accessibilité",
        "<p>La Région Bretagne s'engage à rendre ce site accessible conformément à "
        "l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>"
        "<h2>État de conformité</h2>"
        "<p>Le site est <b>partiellement conforme</b> avec le référentiel général "
        "d'amélioration de l'accessibilité (RGAA) version 4.1 : un audit complet "
        "reste à mener. Chaque gabarit de page est vérifié automatiquement à chaque "
        "évolution du site.</p>"
        "<h2>Retour d'information et contact</h2>"
        "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez "
        "à spro@bretagne.bzh : nous vous répondrons ou vous fournirons "
        "l'information sous une autre forme.</p>"
        "<h2>Voies de recours</h2>"
        "<p>Si vous n'obtenez pas de réponse satisfaisante, vous pouvez saisir le "
        "Défenseur des droits, par son formulaire en ligne ou par courrier "
        "gratuit : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX "
        "07.</p>",
    ),
    (
        "donnees-personnelles",
        "Données personnelles et cookies",
        "<h2>Aucun cookie de mesure d'audience</h2>"
        "<p>Ce site ne dépose aucun cookie publicitaire ni de mesure d'audience et "
        "n'utilise aucun traceur, aucun service tiers chargé depuis un autre site. "
        "C'est pourquoi aucun bandeau ne vous demande votre consentement.</p>"
        "<p>La fréquentation du site est estimée uniquement à partir des journaux "
        "du serveur, conservés au plus un an et jamais croisés avec d'autres "
        "données. Les vidéos sont présentées par un simple lien : la plateforme "
        "n'est contactée que si vous le suivez.</p>"
        "<h2>Espace partenaires</h2>"
        "<p>L'espace partenaires utilise un cookie de session, strictement "
        "nécessaire à la connexion des professionnels, supprimé à la fermeture "
        "du navigateur.</p>"
        "<h2>Vos droits</h2>"
        "<p>Vous disposez d'un droit d'accès, de rectification, d'opposition et "
        "d'effacement de vos données. Pour l'exercer, écrivez au délégué à la "
        "protection des données de la Région Bretagne : dpo@bretagne.bzh. Vous "
        "pouvez aussi adresser une réclamation à la CNIL.</p>",
    ),
]
