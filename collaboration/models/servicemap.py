"""The service map (cartographie des prestations et dispositifs, framework
sections 1.3, 1.4.1 and 3; the cahier's "Qui ? quoi ? Comment ? Où ?").

Professionals of one network rarely know what the others offer, so people are
sent from door to door. Each member structure describes here what it offers
(what, for whom, under which conditions, where, how to refer someone), and the
territorial officer adds the local actors outside SPRO that professionals need
to know (mobility, housing, health, social emergency, employers' branches).

One model, ``ServiceEntry``, holds both. An entry belongs either to a structure
(``structure`` set) or, for a local actor, to a territory (``territory`` and
``actor_name`` set): a database constraint enforces that it is exactly one of
the two. Why not a sibling model: professionals search both in one list, export
both in one CSV and print both in one booklet, with the same fields (what, for
whom, conditions, coverage, how to refer, contact); two models would double the
search, its full-text vector, the exports, the reminders and the forms, for
two fields of difference. The policy tells the two owners apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from extranet.models import Channel, Departement, Structure, Territory
from extranet.models.organisations import phone_validator
from extranet.models.search import SearchVectorIndex
from extranet.validators import validate_no_html

# Entries not reviewed for this long are recalled to their owners.
REVIEW_MONTHS = 12
REVIEW_DAYS = 365


class ServiceKind(models.TextChoices):
    """What kind of help it is: the framework's services (1.3) and schemes."""

    INFORMATION = "information", _("Information")
    API = "api", _("Accueil personnalisé et individualisé")
    ADVICE = "advice", _("Conseil")
    SUPPORT = "support", _("Accompagnement")
    WORKSHOP = "workshop", _("Atelier")
    SCHEME = "scheme", _("Dispositif")


class Audience(models.TextChoices):
    """Who it is for (several per entry)."""

    EVERYONE = "everyone", _("Tous publics")
    PUPILS = "pupils", _("Élèves et leurs familles")
    STUDENTS = "students", _("Étudiant·es")
    YOUNG = "young", _("Jeunes de 16 à 25 ans")
    ADULTS = "adults", _("Adultes")
    JOB_SEEKERS = "job_seekers", _("Demandeur·euses d'emploi")
    EMPLOYEES = "employees", _("Salarié·es")
    DISABLED = "disabled", _("Personnes en situation de handicap")
    EXECUTIVES = "executives", _("Cadres")
    ENTREPRENEURS = "entrepreneurs", _("Créateur·rices et repreneur·euses d'entreprise")
    EMPLOYERS = "employers", _("Employeurs")


class Coverage(models.TextChoices):
    """Where the people it serves live: from a few communes to the region."""

    COMMUNES = "communes", _("Des communes")
    TERRITORY = "territory", _("Un territoire local du SPRO (EPCI, pays)")
    DEPARTEMENTS = "departements", _("Un ou plusieurs départements")
    REGION = "region", _("Toute la Bretagne")


class ActorDomain(models.TextChoices):
    """The field of a local actor listed by the territorial officer."""

    MOBILITY = "mobility", _("Mobilité")
    HOUSING = "housing", _("Logement")
    HEALTH = "health", _("Santé")
    SOCIAL_EMERGENCY = "social_emergency", _("Urgence sociale")
    EMPLOYERS = "employers", _("Branches professionnelles et employeurs")
    OTHER = "other", _("Autre")


def join_codes(codes: Iterable[str]) -> str:
    """ "|young|adults|": a list of codes in one column, each between bars.

    Why not a JSON list: ``JSONField`` containment (``__contains``) does not
    exist on SQLite, the embedded default; a bar-delimited text filters the
    same way on both databases (``audiences__contains="|young|"``), keeps the
    value whole in the history, and needs no join table for fixed choices.
    """
    codes = sorted({str(c) for c in codes if c})
    return f"|{'|'.join(codes)}|" if codes else ""


def split_codes(value: str) -> list[str]:
    return [code for code in (value or "").split("|") if code]


def code_filter(field: str, code: str) -> models.Q:
    """Rows whose bar-delimited ``field`` holds ``code``."""
    return models.Q(**{f"{field}__contains": f"|{code}|"})


class ServiceEntryQuerySet(models.QuerySet):
    def of_structures(self) -> ServiceEntryQuerySet:
        return self.filter(structure__isnull=False)

    def local_actors(self) -> ServiceEntryQuerySet:
        return self.filter(structure__isnull=True)

    def public(self) -> ServiceEntryQuerySet:
        """What the public may see: structures' entries marked public, of a
        structure the directory shows."""
        return self.filter(
            is_public=True,
            structure__isnull=False,
            structure__is_published=True,
            structure__organisation__is_active=True,
        )

    def review_due(self, now=None) -> ServiceEntryQuerySet:
        now = now or timezone.now()
        return self.filter(reviewed_at__lt=now - timezone.timedelta(days=REVIEW_DAYS))


class ServiceEntry(models.Model):
    """One service or scheme, or one local actor: who, what, how, where.

    ``reviewed_at`` is the owner's last confirmation that the entry is true;
    after twelve months without one the owner is reminded once
    (``review_reminder_sent_at``, set under the row lock), until they review it.
    """

    structure = models.ForeignKey(
        Structure,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="service_entries",
        verbose_name=_("structure"),
    )
    territory = models.ForeignKey(
        Territory,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="local_actor_entries",
        verbose_name=_("territoire de l'acteur local"),
    )
    actor_name = models.CharField(
        _("nom de l'acteur local"),
        max_length=200,
        blank=True,
        validators=[validate_no_html],
    )
    actor_domain = models.CharField(
        _("domaine de l'acteur local"),
        max_length=20,
        choices=ActorDomain.choices,
        blank=True,
    )

    title = models.CharField(
        _("intitulé"), max_length=200, validators=[validate_no_html]
    )
    kind = models.CharField(_("nature"), max_length=20, choices=ServiceKind.choices)
    description = models.TextField(
        _("ce qui est proposé"),
        max_length=2000,
        validators=[validate_no_html, MaxLengthValidator(2000)],
    )
    audiences = models.CharField(_("publics"), max_length=300)
    conditions = models.TextField(
        _("conditions d'accès"),
        max_length=1000,
        blank=True,
        validators=[validate_no_html, MaxLengthValidator(1000)],
    )
    coverage = models.CharField(
        _("zone couverte"), max_length=20, choices=Coverage.choices
    )
    coverage_territory = models.ForeignKey(
        Territory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("territoire couvert"),
    )
    coverage_departements = models.CharField(
        _("départements couverts"), max_length=20, blank=True
    )
    coverage_communes = models.CharField(
        _("communes couvertes (codes INSEE)"), max_length=2000, blank=True
    )
    channels = models.CharField(_("modes de contact"), max_length=100)
    how_to_refer = models.TextField(
        _("comment orienter une personne"),
        max_length=1000,
        validators=[validate_no_html, MaxLengthValidator(1000)],
    )
    contact_name = models.CharField(
        _("contact"), max_length=200, blank=True, validators=[validate_no_html]
    )
    contact_phone = models.CharField(
        _("téléphone"), max_length=20, blank=True, validators=[phone_validator]
    )
    contact_email = models.EmailField(_("courriel"), blank=True)
    is_public = models.BooleanField(
        _("visible du public"),
        default=False,
        help_text=_(
            "Affichée sur la fiche publique de la structure et dans les données "
            "ouvertes. Les acteurs locaux restent dans l'extranet."
        ),
    )
    reviewed_at = models.DateTimeField(_("vérifiée le"), default=timezone.now)
    review_reminder_sent_at = models.DateTimeField(
        _("rappel de vérification envoyé le"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # Title and actor (A), what is offered and conditions (B), how to refer (C):
    # kept by ``collaboration.servicemap.search.refresh_entry_vectors``
    # (PostgreSQL only; empty on SQLite, which searches by containment).
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = ServiceEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("prestation ou dispositif")
        verbose_name_plural = _("prestations et dispositifs")
        ordering = ["title", "pk"]
        indexes = [
            SearchVectorIndex(fields=["search_vector"], name="serviceentry_search_gin"),
            models.Index(fields=["reviewed_at"], name="serviceentry_reviewed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(structure__isnull=False, territory__isnull=True)
                    | models.Q(structure__isnull=True, territory__isnull=False)
                ),
                name="serviceentry_structure_or_local_actor",
            ),
            models.CheckConstraint(
                condition=models.Q(structure__isnull=False) | models.Q(is_public=False),
                name="serviceentry_local_actor_not_public",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.provider_name}"

    def get_absolute_url(self) -> str:
        return reverse("servicemap:entry", args=[self.pk])

    @property
    def is_local_actor(self) -> bool:
        return self.structure_id is None

    @property
    def provider_name(self) -> str:
        """Who: the structure, or the local actor."""
        return self.structure.name if self.structure_id else self.actor_name

    @property
    def audience_list(self) -> list[Audience]:
        return [Audience(c) for c in split_codes(self.audiences) if c in Audience]

    @property
    def channel_list(self) -> list[Channel]:
        return [Channel(c) for c in split_codes(self.channels) if c in Channel]

    @property
    def departement_list(self) -> list[str]:
        return split_codes(self.coverage_departements)

    @property
    def commune_codes(self) -> list[str]:
        return split_codes(self.coverage_communes)

    @property
    def coverage_text(self) -> str:
        """Où : "Toute la Bretagne", "Finistère, Morbihan", "Brest, Morlaix"."""
        from extranet.places import town_of_insee

        if self.coverage == Coverage.REGION:
            return str(_("Toute la Bretagne"))
        if self.coverage == Coverage.DEPARTEMENTS:
            return ", ".join(
                str(Departement(c).label)
                for c in self.departement_list
                if c in Departement
            )
        if self.coverage == Coverage.TERRITORY and self.coverage_territory_id:
            return str(self.coverage_territory)
        names = [town_of_insee(code) for code in self.commune_codes]
        return ", ".join(t.name for t in names if t)

    def review_due(self, now=None) -> bool:
        now = now or timezone.now()
        return self.reviewed_at < now - timezone.timedelta(days=REVIEW_DAYS)

    def clean(self) -> None:
        """Each coverage names its places, all of them in Bretagne."""
        from extranet.places import town_of_insee

        super().clean()
        errors: dict[str, str] = {}
        if (self.structure_id is None) == (self.territory_id is None):
            errors["__all__"] = _(
                "Une fiche décrit soit une prestation d'une structure, soit un "
                "acteur local d'un territoire."
            )
        if self.territory_id and not self.actor_name:
            errors["actor_name"] = _("Indiquez le nom de l'acteur local.")
        if self.structure_id is None and self.is_public:
            errors["is_public"] = _("Les acteurs locaux ne sont pas publiés.")
        if not split_codes(self.audiences):
            errors["audiences"] = _("Choisissez au moins un public.")
        if not split_codes(self.channels):
            errors["channels"] = _("Choisissez au moins un mode de contact.")
        wrong_channels = [c for c in split_codes(self.channels) if c not in Channel]
        if wrong_channels:
            errors["channels"] = _("Mode de contact inconnu.")
        if self.coverage == Coverage.TERRITORY and not self.coverage_territory_id:
            errors["coverage_territory"] = _("Choisissez le territoire couvert.")
        if self.coverage == Coverage.DEPARTEMENTS:
            codes = self.departement_list
            if not codes:
                errors["coverage_departements"] = _(
                    "Choisissez au moins un département."
                )
            elif any(code not in Departement for code in codes):
                errors["coverage_departements"] = _(
                    "La zone couverte doit être en Bretagne (Côtes-d'Armor, "
                    "Finistère, Ille-et-Vilaine ou Morbihan)."
                )
        if self.coverage == Coverage.COMMUNES:
            codes = self.commune_codes
            if not codes:
                errors["coverage_communes"] = _("Indiquez au moins une commune.")
            elif any(town_of_insee(code) is None for code in codes):
                errors["coverage_communes"] = _(
                    "La zone couverte doit être en Bretagne : une commune "
                    "indiquée n'est pas une commune bretonne connue."
                )
        if errors:
            raise ValidationError(errors)
