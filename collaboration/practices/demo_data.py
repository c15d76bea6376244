"""The demo's good practices: forty practices of Breton orientation
professionals, across networks, themes and publics (title, theme, audience,
the problem, what they do, what came of it). Fictional, but the kind the
framework's section 3 asks the regional level to spread."""

from __future__ import annotations

PRACTICES: list[tuple[str, str, str, str, str, str]] = [
    (
        "Un café métiers mensuel avec les entreprises du bassin",
        "employers",
        "young",
        "Les jeunes connaissent peu les métiers qui recrutent près de chez eux.",
        "Chaque mois, une entreprise locale présente ses métiers autour d'un café, "
        "puis accueille une visite la semaine suivante.",
        "Trente jeunes par édition en moyenne ; une dizaine de stages obtenus.",
    ),
    (
        "Accueil sans rendez-vous le samedi matin",
        "reception",
        "employees",
        "Les salariés ne peuvent pas venir aux heures d'ouverture habituelles.",
        "Une permanence sans rendez-vous le samedi de 9 h à 12 h, tenue à tour de "
        "rôle par deux conseillers, avec une orientation vers un CEP si besoin.",
        "Un tiers des personnes reçues le samedi n'étaient jamais venues.",
    ),
    (
        "Le point de situation remis sur papier et par courriel",
        "reception",
        "all",
        "Les personnes oublient ce qui a été dit lors du premier accueil.",
        "À la fin de chaque accueil, le conseiller remet un point de situation "
        "écrit : la demande, les pistes, la prochaine étape et le bon contact.",
        "Moins de rendez-vous manqués ensuite, selon l'enquête de satisfaction.",
    ),
    (
        "Des binômes CIO et mission locale pour les décrocheurs",
        "partnership",
        "young",
        "Les jeunes sortis du lycée sans diplôme passent d'une structure à l'autre.",
        "Un binôme CIO–mission locale reçoit ensemble chaque jeune repéré par la "
        "plateforme de suivi, et se partage le suivi avec l'accord du jeune.",
        "Délai de prise en charge passé de six à deux semaines.",
    ),
    (
        "Visio d'information collective sur la VAE à l'heure du déjeuner",
        "digital",
        "employees",
        "Les réunions d'information VAE en soirée attirent peu de salariés.",
        "Une réunion en visioconférence de 12 h 30 à 13 h 15, chaque premier mardi, "
        "avec une inscription en ligne et un support envoyé après.",
        "Participation multipliée par trois en un an.",
    ),
    (
        "Une carte partagée des permanences du territoire",
        "partnership",
        "professionals",
        "Les professionnels ne savent pas qui tient une permanence où et quand.",
        "Un tableau partagé, mis à jour par chaque structure, liste les "
        "permanences du territoire ; il est relu à chaque comité local.",
        "Les réorientations vers la bonne permanence se font le jour même.",
    ),
    (
        "Forum « Les métiers n'ont pas de genre »",
        "equality",
        "pupils",
        "Les choix de filière restent très marqués selon le genre.",
        "Des professionnelles et professionnels exerçant un métier où leur genre "
        "est minoritaire témoignent devant des classes de troisième.",
        "Un questionnaire avant et après montre des représentations qui bougent.",
    ),
    (
        "Aller vers les jeunes dans les bourgs sans structure",
        "outreach",
        "young",
        "Les jeunes des communes rurales ne viennent pas jusqu'à la ville.",
        "Un conseiller tient une permanence mensuelle à la médiathèque de chaque "
        "bourg, annoncée par la mairie et les réseaux sociaux.",
        "Cent vingt jeunes rencontrés en un an, dont la moitié inconnus jusque-là.",
    ),
    (
        "Un atelier « Mon CV en 1 heure » avec un recruteur",
        "employers",
        "jobseekers",
        "Les CV ne correspondent pas à ce que lisent les recruteurs locaux.",
        "Un recruteur bénévole relit les CV en direct avec les participants, "
        "en petit groupe de six.",
        "Huit participants sur dix disent avoir modifié leur CV le jour même.",
    ),
    (
        "L'accueil en langue des signes sur rendez-vous",
        "reception",
        "disabled",
        "Les personnes sourdes renoncent faute d'interprète.",
        "Un rendez-vous avec interprète LSF se réserve en ligne ; la structure "
        "mutualise l'interprète avec deux partenaires voisins.",
        "Douze personnes accompagnées la première année.",
    ),
    (
        "Une matinée d'accueil des nouveaux professionnels du territoire",
        "training",
        "professionals",
        "Les nouveaux arrivants ne connaissent pas les partenaires.",
        "Deux fois par an, les structures du territoire accueillent ensemble "
        "leurs nouveaux collègues : tour des structures, cas pratiques.",
        "Les nouveaux orientent plus vite et mieux, disent leurs référents.",
    ),
    (
        "Le stage de découverte en entreprise préparé en trois étapes",
        "guidance",
        "pupils",
        "Le stage de troisième est souvent subi et trouvé au dernier moment.",
        "Une séance pour choisir, une pour contacter, une pour préparer les "
        "questions ; les entreprises partenaires réservent des places.",
        "Presque tous les élèves trouvent un stage lié à un intérêt exprimé.",
    ),
    (
        "Le suivi par SMS après le premier accueil",
        "digital",
        "young",
        "Les jeunes ne reviennent pas après le premier rendez-vous.",
        "Avec leur accord, un SMS à J+7 rappelle l'étape prévue et propose un "
        "créneau ; la réponse se fait par un simple « oui ».",
        "Deux fois plus de seconds rendez-vous honorés.",
    ),
    (
        "Une journée immersion dans les lycées professionnels",
        "guidance",
        "pupils",
        "Les collégiens choisissent la voie professionnelle sans la connaître.",
        "Les collégiens passent une journée dans un atelier de lycée professionnel, "
        "guidés par des élèves de première.",
        "Moins de réorientations en fin de seconde professionnelle.",
    ),
    (
        "Le conseil en évolution professionnelle dans l'entreprise",
        "employers",
        "employees",
        "Les salariés des PME ignorent qu'ils ont droit au CEP.",
        "Un conseiller CEP tient une permanence dans les locaux des entreprises "
        "volontaires, en accord avec la direction et le CSE.",
        "Quarante salariés accompagnés dans six PME.",
    ),
    (
        "Un guide commun des sigles de l'orientation",
        "partnership",
        "all",
        "Le public se perd dans les sigles (CEP, VAE, API, CPF…).",
        "Les structures du territoire ont écrit ensemble un guide d'une page, "
        "en langage simple, remis à chaque premier accueil.",
        "Repris par trois autres territoires.",
    ),
    (
        "Les ateliers « Parents, parlons orientation »",
        "guidance",
        "pupils",
        "Les parents se sentent démunis face à Parcoursup et à l'affectation.",
        "Des soirées pour les parents, animées par un psychologue de l'Éducation "
        "nationale et un conseiller de l'Information Jeunesse.",
        "Deux cents parents accueillis sur l'année.",
    ),
    (
        "Un entretien de bilan à six mois pour chaque personne accompagnée",
        "guidance",
        "jobseekers",
        "On ne sait pas ce que deviennent les personnes après l'accompagnement.",
        "Un appel à six mois fait le point avec la personne et propose une suite "
        "si le projet a calé.",
        "Un quart des personnes rappelées reprennent un accompagnement.",
    ),
    (
        "Des fiches métiers en facile à lire et à comprendre",
        "reception",
        "disabled",
        "Les fiches métiers sont trop longues pour une partie du public.",
        "Des fiches métiers réécrites en FALC avec un ESAT partenaire, relues par "
        "des personnes concernées.",
        "Utilisées aussi avec les personnes allophones.",
    ),
    (
        "La tournée du bus de l'orientation dans les zones d'activité",
        "outreach",
        "employees",
        "Les salariés des zones d'activité n'ont pas le temps de se déplacer.",
        "Un bus aménagé stationne à l'heure du déjeuner dans les zones "
        "d'activité ; un conseiller y reçoit sans rendez-vous.",
        "Trois cents contacts en une saison.",
    ),
    (
        "Une revue de cas entre conseillers de réseaux différents",
        "training",
        "professionals",
        "Les situations complexes restent portées par un seul conseiller.",
        "Une fois par mois, des conseillers de quatre réseaux étudient ensemble "
        "deux situations anonymisées.",
        "Des solutions trouvées pour des personnes en impasse.",
    ),
    (
        "Le salon des métiers de la mer en format inversé",
        "employers",
        "young",
        "Les jeunes passent devant les stands sans s'arrêter.",
        "Ce sont les jeunes qui tiennent des stands sur les métiers qu'ils ont "
        "enquêtés ; les professionnels de la mer viennent les écouter.",
        "Des échanges plus longs et des contacts de stage noués.",
    ),
    (
        "L'orientation des réfugiés avec un interprète en visio",
        "reception",
        "all",
        "La langue bloque le premier accueil des personnes réfugiées.",
        "Un service d'interprétariat par téléphone ou visio est réservé "
        "à l'avance ; le conseiller prépare des supports visuels.",
        "Un premier accueil complet dans plus de vingt langues.",
    ),
    (
        "Le parrainage de demandeurs d'emploi seniors par des cadres",
        "guidance",
        "jobseekers",
        "Les demandeurs d'emploi de plus de cinquante ans manquent de réseau.",
        "Des cadres en activité parrainent un senior pendant six mois, avec une "
        "rencontre mensuelle et un accès à leur réseau.",
        "Plus de la moitié des filleuls en emploi ou en formation à six mois.",
    ),
    (
        "Un espace numérique accompagné pour les démarches en ligne",
        "digital",
        "all",
        "Une partie du public ne peut pas faire seule ses démarches en ligne.",
        "Un poste en libre accès avec un médiateur numérique deux demi-journées "
        "par semaine, et des tutoriels imprimés.",
        "Des rendez-vous d'orientation moins encombrés par les démarches.",
    ),
    (
        "Des mini-stages en centre de formation pour tester un métier",
        "guidance",
        "employees",
        "Les personnes en reconversion hésitent à s'engager dans une formation longue.",
        "Une convention avec trois centres de formation permet deux jours "
        "d'immersion dans une formation avant de s'y inscrire.",
        "Moins d'abandons en cours de formation.",
    ),
    (
        "Les jeudis de l'apprentissage",
        "employers",
        "young",
        "Les jeunes et les employeurs ne se rencontrent pas.",
        "Chaque jeudi de mars à juin, un speed-meeting entre jeunes et "
        "employeurs qui cherchent un apprenti.",
        "Cent contrats signés en trois saisons.",
    ),
    (
        "Un questionnaire de satisfaction en trois questions",
        "reception",
        "all",
        "Les questionnaires longs ne sont jamais remplis.",
        "Trois questions sur une tablette en sortie d'accueil, anonymes, "
        "analysées chaque trimestre en équipe.",
        "Un taux de réponse de 40 % et des améliorations concrètes.",
    ),
    (
        "La sensibilisation des élus locaux au SPRO",
        "partnership",
        "professionals",
        "Les élus orientent leurs administrés au hasard.",
        "Une réunion annuelle par communauté de communes présente le SPRO et "
        "remet aux mairies une affiche des lieux d'accueil.",
        "Des orientations mieux ciblées depuis les mairies.",
    ),
    (
        "L'accompagnement des étudiants en réorientation dès novembre",
        "guidance",
        "students",
        "Les étudiants de première année décrochent sans en parler.",
        "Un message de l'université invite dès novembre les étudiants qui doutent "
        "à un entretien avec le service d'orientation.",
        "Des réorientations préparées au lieu d'abandons secs.",
    ),
    (
        "La valorisation des compétences des bénévoles associatifs",
        "guidance",
        "jobseekers",
        "Les compétences acquises en bénévolat ne sont pas reconnues.",
        "Un atelier aide à décrire ces compétences et à les inscrire dans le "
        "CV, avec une piste VAE quand c'est possible.",
        "Plusieurs parcours VAE engagés.",
    ),
    (
        "Un podcast de témoignages de reconversions bretonnes",
        "digital",
        "employees",
        "Les personnes n'osent pas imaginer une reconversion.",
        "Un épisode par mois : une personne raconte sa reconversion, un "
        "conseiller explique les dispositifs mobilisés.",
        "Des personnes viennent au CEP en citant un épisode.",
    ),
    (
        "La journée portes ouvertes commune de toutes les structures",
        "partnership",
        "all",
        "Le public ne sait pas quelle structure pousser.",
        "Le même jour, toutes les structures du territoire ouvrent leurs portes "
        "avec un parcours fléché de l'une à l'autre.",
        "Une visibilité accrue du SPRO dans la presse locale.",
    ),
    (
        "Les filles et le numérique : ateliers de code au collège",
        "equality",
        "pupils",
        "Très peu de filles s'orientent vers les métiers du numérique.",
        "Des ateliers de programmation en non-mixité, animés par des "
        "développeuses, puis un atelier mixte de restitution.",
        "Une hausse des vœux vers les options numériques.",
    ),
    (
        "Un référent handicap dans chaque structure du territoire",
        "training",
        "disabled",
        "L'accueil des personnes handicapées dépend de qui est présent.",
        "Chaque structure désigne un référent, formé par Cap emploi, qui "
        "appuie ses collègues et connaît les relais.",
        "Des orientations vers Cap emploi plus justes.",
    ),
    (
        "La découverte des métiers agricoles en ferme ouverte",
        "employers",
        "jobseekers",
        "Les métiers agricoles peinent à recruter et sont mal connus.",
        "Des fermes accueillent une demi-journée des demandeurs d'emploi avec "
        "un conseiller de la chambre d'agriculture.",
        "Des entrées en formation agricole après la visite.",
    ),
    (
        "Un agenda partagé des informations collectives",
        "digital",
        "professionals",
        "Les informations collectives se chevauchent entre structures.",
        "Un agenda en ligne commun où chaque structure publie ses réunions, "
        "consultable par le public.",
        "Moins de doublons, des salles mieux remplies.",
    ),
    (
        "L'accompagnement des créateurs d'entreprise en milieu rural",
        "guidance",
        "jobseekers",
        "Les porteurs de projet ruraux sont loin des réseaux d'appui.",
        "Une permanence itinérante réunit CCI, CMA et BGE une fois par mois "
        "dans les communautés de communes.",
        "Une trentaine de projets accompagnés par an.",
    ),
    (
        "Des entretiens d'orientation en marchant",
        "guidance",
        "young",
        "Certains jeunes se ferment dans un bureau.",
        "L'entretien se fait en marchant, en ville ou sur le littoral, pour "
        "les jeunes qui le souhaitent.",
        "Des jeunes qui reviennent et se confient davantage.",
    ),
    (
        "Une lettre d'information trimestrielle pour les partenaires",
        "partnership",
        "professionals",
        "Les partenaires ignorent les nouveautés des autres structures.",
        "Une lettre courte, trois nouvelles par structure, envoyée chaque "
        "trimestre à tous les professionnels du territoire.",
        "Plus d'orientations croisées entre structures.",
    ),
]
