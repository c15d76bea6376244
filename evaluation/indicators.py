"""The indicators of the five evaluation dimensions of section VI of the
framework, as a small registry of data.

Each indicator says what it measures (label), how it is computed (definition,
in French, printed beside the value everywhere it appears) and from which
records (source); ``compute(year, territory_id, network_id)`` counts it in the
database: one aggregate query (two for the cross-network sessions), whatever
the number of rows. The territory and the network filter on the structure the
record belongs to (the one that received, referred, enrolled its staff, piloted
or joined an action, published or reused a practice).

Where the product holds no record to count, the indicator is declared with
``compute=None``: pages and files say "source non disponible", never a number.
Where a filter does not apply (a local plan belongs to a territory, not a
network), ``compute`` returns ``NOT_APPLICABLE``.

Figures already computed by a capability are reused rather than rewritten: the
year bounds, the small-cell rule and the referral states of
``reception.figures``, the attendance states and the cross-network sessions of
``training.figures``, the plan states of ``coordination.plans.definitions``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
)
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from collaboration.models import Practice, PracticeReuse
from collaboration.practices.definitions import ARCHIVED as PRACTICE_ARCHIVED
from collaboration.practices.definitions import PUBLISHED as PRACTICE_PUBLISHED
from conventions.definitions import EXPIRED as CONVENTION_EXPIRED
from conventions.definitions import IN_FORCE as CONVENTION_IN_FORCE
from conventions.models import Convention, ConventionKind
from coordination.models import ActionOutcome, ActionPartner, LocalAction, LocalPlan
from coordination.plans.definitions import REVIEWED_STATES, RUNNING_STATES
from extranet.models import Structure
from reception.definitions import ACCEPTED
from reception.figures import (
    DECIDED_STATES,
    SMALL_CELL,
    Period,
    receptions_in,
    referrals_in,
    share,
)
from reception.models import Reception, Referral
from surveys import figures as survey_figures
from surveys.models import DEFAULT_THRESHOLD as SURVEY_THRESHOLD
from training.definitions import ABSENT, EXCUSED
from training.figures import TRAINED_STATES, cross_network_sessions
from training.models import Enrolment

Number = int | float | None
Compute = Callable[[int, int | None, int | None], Number]

# A filter the indicator cannot honour (a local plan has no network).
NOT_APPLICABLE = "not_applicable"

# A convention "in force during the year": it entered into force and has not
# been abandoned since (at year end it becomes "échue", having been in force).
CONVENTION_WAS_IN_FORCE = (CONVENTION_IN_FORCE, CONVENTION_EXPIRED)
# A local plan the Région validated (running, under review or reviewed).
PLAN_VALIDATED_STATES = frozenset(RUNNING_STATES) | frozenset(REVIEWED_STATES)
PRACTICE_WAS_PUBLISHED = (PRACTICE_PUBLISHED, PRACTICE_ARCHIVED)


@dataclass(frozen=True)
class Dimension:
    """One of the five dimensions of section VI."""

    key: str
    label: Any
    framework: Any  # the framework's own words


@dataclass(frozen=True)
class Indicator:
    """One figure of a dimension: what, how, from where, and how to count it
    (``compute`` None: the product holds no source for it yet)."""

    key: str
    dimension: str
    label: Any
    definition: Any
    source: Any
    compute: Compute | None
    unit: Any = ""
    note: Any = ""  # said after the definition (the small-cell rule)
    public: bool = True

    @property
    def full_definition(self) -> Any:
        if not self.note:
            return self.definition
        return format_lazy("{} {}", self.definition, self.note)

    @property
    def available(self) -> bool:
        return self.compute is not None


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "api",
        _("Mise en œuvre de l'accueil personnalisé et individualisé"),
        _("la mise en œuvre de l'accueil personnalisé et individualisé"),
    ),
    Dimension(
        "continuity",
        _("Continuité des parcours"),
        _(
            "la continuité des parcours (articulation entre l'accueil personnalisé "
            "et individualisé et les conseils)"
        ),
    ),
    Dimension(
        "professionalisation",
        _("Implication dans le plan de professionnalisation et les actions locales"),
        _(
            "l'implication des structures dans le plan de professionnalisation et "
            "dans les actions conduites localement"
        ),
    ),
    Dimension(
        "local_partnership",
        _("Dynamiques partenariales locales"),
        _("les dynamiques partenariales locales"),
    ),
    Dimension(
        "networks",
        _("Dynamiques inter-réseaux"),
        _("les dynamiques inter réseaux au niveau régional"),
    ),
)
DIMENSION_KEYS = frozenset(d.key for d in DIMENSIONS)


# Helpers ------------------------------------------------------------------------


def _bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The year as aware datetimes, its end excluded (``reception.figures``)."""
    return Period.of_year(year).bounds()


def _scoped(
    queryset: QuerySet,
    path: str,
    territory_id: int | None,
    network_id: int | None,
) -> QuerySet:
    """``queryset`` narrowed to the structures (reached by ``path``) of the
    territory and the network asked."""
    if territory_id is not None:
        queryset = queryset.filter(**{f"{path}__territory_id": territory_id})
    if network_id is not None:
        queryset = queryset.filter(**{f"{path}__network_id": network_id})
    return queryset


def _number(value: Any) -> Number:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


# API ----------------------------------------------------------------------------


def api_structures(year: int, territory_id: int | None, network_id: int | None):
    """Structures whose card offers the API and whose structure convention of
    ``year`` was in force."""
    structures = Structure.objects.filter(
        service_api=True,
        conventions__kind=ConventionKind.STRUCTURE,
        conventions__year=year,
        conventions__state__in=CONVENTION_WAS_IN_FORCE,
    )
    if territory_id is not None:
        structures = structures.filter(territory_id=territory_id)
    if network_id is not None:
        structures = structures.filter(network_id=network_id)
    return structures.aggregate(n=Count("pk", distinct=True))["n"]


def conventions_in_force(year: int, territory_id: int | None, network_id: int | None):
    """Conventions of ``year`` (every kind) that entered into force."""
    conventions = Convention.objects.filter(
        year=year, state__in=CONVENTION_WAS_IN_FORCE
    )
    if territory_id is not None:
        conventions = conventions.filter(structure__territory_id=territory_id)
    if network_id is not None:
        conventions = conventions.filter(network_id=network_id)
    return conventions.count()


# Continuity ---------------------------------------------------------------------


def people_received(year: int, territory_id: int | None, network_id: int | None):
    """People received in ``year`` (a tally row may count several people)."""
    receptions = receptions_in(
        _scoped(Reception.objects.all(), "structure", territory_id, network_id),
        Period.of_year(year),
    )
    return receptions.aggregate(n=Sum("people"))["n"] or 0


def _referrals(year: int, territory_id: int | None, network_id: int | None):
    """Referrals sent in ``year`` by the structures asked (their first
    reception)."""
    return referrals_in(
        _scoped(Referral.objects.all(), "from_structure", territory_id, network_id),
        Period.of_year(year),
    )


def referrals_sent(year: int, territory_id: int | None, network_id: int | None):
    return _referrals(year, territory_id, network_id).count()


def referrals_accepted_rate(
    year: int, territory_id: int | None, network_id: int | None
):
    """Accepted over those accepted, declined or expired; hidden under the
    small-cell threshold (``reception.figures.share``)."""
    counts = _referrals(year, territory_id, network_id).aggregate(
        decided=Count("pk", filter=Q(state__in=DECIDED_STATES)),
        accepted=Count("pk", filter=Q(state=ACCEPTED)),
    )
    return _number(share(counts["accepted"], counts["decided"])["rate"])


def days_to_acceptance(year: int, territory_id: int | None, network_id: int | None):
    """The average delay from sending to acceptance, in days (one decimal),
    hidden under the small-cell threshold."""
    delay = ExpressionWrapper(
        F("decided_at") - F("sent_at"), output_field=DurationField()
    )
    found = (
        _referrals(year, territory_id, network_id)
        .filter(state=ACCEPTED, decided_at__gte=F("sent_at"))
        .aggregate(n=Count("pk"), average=Avg(delay))
    )
    if found["n"] < SMALL_CELL or found["average"] is None:
        return None
    return round(found["average"].total_seconds() / 86400, 1)


# Professionalisation -----------------------------------------------------------


def _enrolments(year: int, territory_id: int | None, network_id: int | None):
    """Enrolments in the sessions starting in ``year`` (as
    ``training.figures``), of the structures asked."""
    start, end = _bounds(year)
    return _scoped(
        Enrolment.objects.filter(
            session__starts_at__gte=start, session__starts_at__lt=end
        ),
        "structure",
        territory_id,
        network_id,
    )


def people_trained(year: int, territory_id: int | None, network_id: int | None):
    return (
        _enrolments(year, territory_id, network_id)
        .filter(state__in=TRAINED_STATES, session__completed_at__isnull=False)
        .aggregate(n=Count("person", distinct=True))["n"]
    )


def training_hours(year: int, territory_id: int | None, network_id: int | None):
    hours = (
        _enrolments(year, territory_id, network_id)
        .filter(certificate__revoked_at__isnull=True)
        .aggregate(n=Sum("certificate__hours"))["n"]
    )
    return _number(hours or Decimal("0"))


def attendance_rate(year: int, territory_id: int | None, network_id: int | None):
    counts = _enrolments(year, territory_id, network_id).aggregate(
        present=Count("pk", filter=Q(state__in=TRAINED_STATES)),
        outcomes=Count("pk", filter=Q(state__in=(*TRAINED_STATES, ABSENT, EXCUSED))),
    )
    if not counts["outcomes"]:
        return None
    return round(counts["present"] * 100 / counts["outcomes"], 1)


def cross_network_session_count(
    year: int, territory_id: int | None, network_id: int | None
):
    return len(cross_network_sessions(_enrolments(year, territory_id, network_id)))


def _actions(
    year: int,
    territory_id: int | None,
    network_id: int | None,
    states: frozenset[str] | tuple[str, ...],
):
    """Actions of the local plans of ``year`` in ``states``; the network is
    the pilot structure's."""
    actions = LocalAction.objects.filter(plan__year=year, plan__state__in=states)
    if territory_id is not None:
        actions = actions.filter(plan__territory_id=territory_id)
    if network_id is not None:
        actions = actions.filter(pilot__network_id=network_id)
    return actions


def local_actions_done(year: int, territory_id: int | None, network_id: int | None):
    return (
        _actions(year, territory_id, network_id, tuple(REVIEWED_STATES))
        .filter(outcome=ActionOutcome.DONE)
        .count()
    )


# Local partnership ------------------------------------------------------------


def _partners(year: int, territory_id: int | None, network_id: int | None):
    """Partners of the actions of the validated plans of ``year``; the network
    is the partner structure's."""
    partners = ActionPartner.objects.filter(
        action__plan__year=year, action__plan__state__in=PLAN_VALIDATED_STATES
    )
    if territory_id is not None:
        partners = partners.filter(action__plan__territory_id=territory_id)
    if network_id is not None:
        partners = partners.filter(organisation__structure__network_id=network_id)
    return partners


def actions_with_partners(year: int, territory_id: int | None, network_id: int | None):
    return _partners(year, territory_id, network_id).aggregate(
        n=Count("action", distinct=True)
    )["n"]


def partner_structures(year: int, territory_id: int | None, network_id: int | None):
    return (
        _partners(year, territory_id, network_id)
        .filter(organisation__structure__isnull=False)
        .aggregate(n=Count("organisation", distinct=True))["n"]
    )


def plans_validated(year: int, territory_id: int | None, network_id: int | None):
    if network_id is not None:
        return NOT_APPLICABLE
    plans = LocalPlan.objects.filter(year=year, state__in=PLAN_VALIDATED_STATES)
    if territory_id is not None:
        plans = plans.filter(territory_id=territory_id)
    return plans.count()


# Networks ---------------------------------------------------------------------


def practices_published(year: int, territory_id: int | None, network_id: int | None):
    start, end = _bounds(year)
    practices = _scoped(
        Practice.objects.filter(
            state__in=PRACTICE_WAS_PUBLISHED,
            published_at__gte=start,
            published_at__lt=end,
        ),
        "structure",
        territory_id,
        network_id,
    )
    return practices.count()


def practices_reused_across_networks(
    year: int, territory_id: int | None, network_id: int | None
):
    """Reuses marked in ``year`` by a structure of another network than the
    practice's author (the reusing structure's territory and network)."""
    start, end = _bounds(year)
    reuses = _scoped(
        PracticeReuse.objects.filter(
            marked_at__gte=start,
            marked_at__lt=end,
            structure__network__isnull=False,
            practice__structure__network__isnull=False,
        ).exclude(structure__network=F("practice__structure__network")),
        "structure",
        territory_id,
        network_id,
    )
    return reuses.count()


def partnership_actions_across_networks(
    year: int, territory_id: int | None, network_id: int | None
):
    """Actions of validated plans whose partner structures belong to two
    networks or more."""
    actions = _actions(year, territory_id, None, PLAN_VALIDATED_STATES)
    if network_id is not None:
        actions = actions.filter(
            partners__organisation__structure__network_id=network_id
        )
    return (
        LocalAction.objects.filter(pk__in=actions.values("pk"))
        .annotate(
            networks=Count("partners__organisation__structure__network", distinct=True)
        )
        .filter(networks__gte=2)
        .count()
    )


# The registry -------------------------------------------------------------------

SURVEY_NOTE = format_lazy(
    _(
        "Non affiché quand il porte sur moins de {n} réponses, ni quand il "
        "permettrait d'en retrouver un tel par différence."
    ),
    n=SURVEY_THRESHOLD,
)


def _national(code: str, positive: str) -> Compute:
    def compute(year: int, territory_id: int | None, network_id: int | None):
        return survey_figures.national_share(
            year, code, positive, territory_id, network_id
        )

    compute.__doc__ = f"Share of {positive!r} to the national question {code!r}."
    return compute


def peer_survey_responses(year: int, territory_id: int | None, network_id: int | None):
    """Responses to the closed peer surveys of the year."""
    return survey_figures.peer_responses(year, territory_id, network_id)


SMALL_CELL_NOTE = format_lazy(
    _("Non affiché quand il est calculé sur moins de {n} mises en relation."),
    n=SMALL_CELL,
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        key="api_structures",
        dimension="api",
        label=_("Structures délivrant l'accueil personnalisé et individualisé"),
        definition=_(
            "Nombre de structures dont la fiche indique l'accueil personnalisé et "
            "individualisé et dont la convention Région – réseau – structure de "
            "l'année est entrée en vigueur (en vigueur ou échue)."
        ),
        source=_("Fiches des structures et conventions"),
        compute=api_structures,
    ),
    Indicator(
        key="conventions_in_force",
        dimension="api",
        label=_("Conventions en vigueur dans l'année"),
        definition=_(
            "Nombre de conventions de l'année (État – Région, Région – réseau, "
            "Région – réseau – structure) entrées en vigueur, qu'elles soient "
            "encore en vigueur ou échues. Filtrées par territoire, seules les "
            "conventions de structure sont comptées ; par réseau, celles du "
            "réseau et de ses structures."
        ),
        source=_("Conventions"),
        compute=conventions_in_force,
    ),
    Indicator(
        key="public_satisfaction",
        dimension="api",
        label=_("Personnes satisfaites de leur accueil"),
        definition=_(
            "Part des personnes ayant répondu « satisfait·e » à la question "
            "nationale de satisfaction globale, dans les campagnes de satisfaction "
            "du public closes, selon la semaine de leur réponse."
        ),
        source=_("Enquêtes de satisfaction du public (questions nationales)"),
        compute=_national("satisfaction", "satisfait"),
        unit="%",
        note=SURVEY_NOTE,
        # Published through the campaigns the Région publishes, not here.
        public=False,
    ),
    Indicator(
        key="public_ease",
        dimension="api",
        label=_("Personnes ayant trouvé l'accès au service facile"),
        definition=_(
            "Part des personnes ayant répondu « facile » à la question nationale "
            "sur la facilité d'accès, dans les campagnes closes."
        ),
        source=_("Enquêtes de satisfaction du public (questions nationales)"),
        compute=_national("facilite", "facile"),
        unit="%",
        note=SURVEY_NOTE,
        # Published through the campaigns the Région publishes, not here.
        public=False,
    ),
    Indicator(
        key="public_clarity",
        dimension="api",
        label=_("Personnes ayant reçu des informations claires"),
        definition=_(
            "Part des personnes ayant répondu « claires » à la question nationale "
            "sur la clarté des informations, dans les campagnes closes."
        ),
        source=_("Enquêtes de satisfaction du public (questions nationales)"),
        compute=_national("clarte", "clair"),
        unit="%",
        note=SURVEY_NOTE,
        # Published through the campaigns the Région publishes, not here.
        public=False,
    ),
    Indicator(
        key="public_no_repeat",
        dimension="continuity",
        label=_("Personnes n'ayant pas eu à répéter leur situation"),
        definition=_(
            "Part des personnes ayant répondu « non » à la question nationale "
            "« Avez-vous dû expliquer votre situation plusieurs fois ? », dans les "
            "campagnes closes : la continuité vue par le public."
        ),
        source=_("Enquêtes de satisfaction du public (questions nationales)"),
        compute=_national("repetition", "non"),
        unit="%",
        note=SURVEY_NOTE,
        # Published through the campaigns the Région publishes, not here.
        public=False,
    ),
    Indicator(
        key="people_received",
        dimension="continuity",
        label=_("Personnes accueillies"),
        definition=_(
            "Somme des personnes accueillies dans l'année par les structures "
            "(premier accueil), d'après les accueils enregistrés ; une ligne de "
            "comptage rapide peut compter plusieurs personnes."
        ),
        source=_("Accueils enregistrés"),
        compute=people_received,
    ),
    Indicator(
        key="referrals_sent",
        dimension="continuity",
        label=_("Mises en relation envoyées"),
        definition=_(
            "Nombre de mises en relation vers une autre structure envoyées dans "
            "l'année par les structures de premier accueil, avec le consentement "
            "de la personne."
        ),
        source=_("Mises en relation"),
        compute=referrals_sent,
    ),
    Indicator(
        key="referrals_accepted_rate",
        dimension="continuity",
        label=_("Mises en relation acceptées"),
        definition=_(
            "Part des mises en relation envoyées dans l'année acceptées par la "
            "structure qui les reçoit, parmi celles acceptées, refusées ou "
            "expirées."
        ),
        note=SMALL_CELL_NOTE,
        source=_("Mises en relation"),
        compute=referrals_accepted_rate,
        unit="%",
    ),
    Indicator(
        key="days_to_acceptance",
        dimension="continuity",
        label=_("Délai moyen jusqu'à l'acceptation"),
        definition=_(
            "Délai moyen, en jours, entre l'envoi d'une mise en relation et son "
            "acceptation, pour les mises en relation envoyées dans l'année."
        ),
        note=SMALL_CELL_NOTE,
        source=_("Mises en relation"),
        compute=days_to_acceptance,
        unit=_("jours"),
    ),
    Indicator(
        key="people_trained",
        dimension="professionalisation",
        label=_("Professionnel·les formé·es"),
        definition=_(
            "Nombre de personnes distinctes présentes, en tout ou en partie, à "
            "une session close du plan de professionnalisation commencée dans "
            "l'année."
        ),
        source=_("Plan de professionnalisation : inscriptions et présences"),
        compute=people_trained,
    ),
    Indicator(
        key="training_hours",
        dimension="professionalisation",
        label=_("Heures de formation suivies"),
        definition=_(
            "Somme des heures des attestations de formation valides des sessions "
            "commencées dans l'année (heures réellement suivies)."
        ),
        source=_("Plan de professionnalisation : attestations"),
        compute=training_hours,
        unit=_("heures"),
    ),
    Indicator(
        key="attendance_rate",
        dimension="professionalisation",
        label=_("Taux de présence aux sessions"),
        definition=_(
            "Part des inscrit·es présent·es (en tout ou en partie) parmi les "
            "issues notées (présent, en partie, absent, excusé) des sessions "
            "commencées dans l'année."
        ),
        source=_("Plan de professionnalisation : présences"),
        compute=attendance_rate,
        unit="%",
    ),
    Indicator(
        key="training_cross_network_sessions",
        dimension="professionalisation",
        label=_("Sessions inter-réseaux"),
        definition=_(
            "Nombre de sessions commencées dans l'année dont les participant·es "
            "viennent de structures d'au moins deux réseaux."
        ),
        source=_("Plan de professionnalisation : inscriptions"),
        compute=cross_network_session_count,
    ),
    Indicator(
        key="local_actions_done",
        dimension="professionalisation",
        label=_("Actions locales réalisées"),
        definition=_(
            "Nombre d'actions des plans d'action locaux de l'année dont le bilan "
            "est rendu et qui y sont déclarées réalisées ; le réseau est celui de "
            "la structure pilote."
        ),
        source=_("Plans d'action locaux et leurs bilans"),
        compute=local_actions_done,
    ),
    Indicator(
        key="actions_with_partners",
        dimension="local_partnership",
        label=_("Actions locales avec des partenaires"),
        definition=_(
            "Nombre d'actions des plans d'action locaux validés de l'année ayant "
            "au moins un partenaire ; filtré par réseau, celui du partenaire."
        ),
        source=_("Plans d'action locaux : partenaires des actions"),
        compute=actions_with_partners,
    ),
    Indicator(
        key="partner_structures",
        dimension="local_partnership",
        label=_("Structures partenaires d'actions locales"),
        definition=_(
            "Nombre de structures distinctes partenaires d'au moins une action "
            "des plans d'action locaux validés de l'année."
        ),
        source=_("Plans d'action locaux : partenaires des actions"),
        compute=partner_structures,
    ),
    Indicator(
        key="plans_validated",
        dimension="local_partnership",
        label=_("Plans d'action locaux validés"),
        definition=_(
            "Nombre de plans d'action locaux de l'année validés par la Région "
            "(validés, en cours, en bilan ou bilan rendu). Un plan est celui "
            "d'un territoire : sans objet pour un réseau."
        ),
        source=_("Plans d'action locaux"),
        compute=plans_validated,
    ),
    Indicator(
        key="practices_published",
        dimension="networks",
        label=_("Bonnes pratiques partagées"),
        definition=_(
            "Nombre de bonnes pratiques publiées dans l'année (encore publiées "
            "ou archivées depuis), selon la structure qui les partage."
        ),
        source=_("Bonnes pratiques"),
        compute=practices_published,
    ),
    Indicator(
        key="practices_reused_across_networks",
        dimension="networks",
        label=_("Reprises de pratiques d'un autre réseau"),
        definition=_(
            "Nombre de fois, dans l'année, qu'une structure a déclaré reprendre "
            "une bonne pratique partagée par une structure d'un autre réseau ; "
            "selon la structure qui la reprend."
        ),
        source=_("Bonnes pratiques : « Nous l'avons reprise »"),
        compute=practices_reused_across_networks,
    ),
    Indicator(
        key="partnership_actions_across_networks",
        dimension="networks",
        label=_("Actions locales réunissant plusieurs réseaux"),
        definition=_(
            "Nombre d'actions des plans d'action locaux validés de l'année dont "
            "les structures partenaires appartiennent à au moins deux réseaux."
        ),
        source=_("Plans d'action locaux : partenaires des actions"),
        compute=partnership_actions_across_networks,
    ),
    Indicator(
        key="networks_cross_network_sessions",
        dimension="networks",
        label=_("Sessions de formation inter-réseaux"),
        definition=_(
            "Nombre de sessions du plan de professionnalisation commencées dans "
            "l'année dont les participant·es viennent de structures d'au moins "
            "deux réseaux (le même chiffre que dans la dimension "
            "professionnalisation)."
        ),
        source=_("Plan de professionnalisation : inscriptions"),
        compute=cross_network_session_count,
    ),
    Indicator(
        key="peer_survey_responses",
        dimension="networks",
        label=_("Réponses des professionnels aux enquêtes entre pairs"),
        definition=_(
            "Nombre de réponses aux enquêtes entre pairs et grilles d'analyse "
            "closes de l'année ; par territoire ou par réseau, celles des "
            "campagnes qui rattachent les réponses à la structure de la personne "
            "invitée."
        ),
        source=_("Enquêtes entre pairs"),
        compute=peer_survey_responses,
        note=SURVEY_NOTE,
        # Published through the campaigns the Région publishes, not here.
        public=False,
    ),
)

INDICATORS_BY_KEY: dict[str, Indicator] = {i.key: i for i in INDICATORS}


def indicators_of(dimension: str) -> list[Indicator]:
    """The indicators of one dimension, in the registry's order."""
    return [i for i in INDICATORS if i.dimension == dimension]


def check_registry() -> None:
    """Every indicator belongs to a known dimension, under a unique key."""
    if len(INDICATORS_BY_KEY) != len(INDICATORS):
        raise ValueError("Two indicators share a key.")
    unknown = {i.dimension for i in INDICATORS} - DIMENSION_KEYS
    if unknown:
        raise ValueError(f"Unknown dimensions: {sorted(unknown)}")


check_registry()
