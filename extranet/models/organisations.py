"""The organisations of SPRO (section II of the framework).

The Région, the State services, GREF, the heads of the regional networks and the
structures that receive the public are all ``Organisation`` rows; a structure adds
its public card (``Structure``). Scopes are drawn from them: a structure, the
structures of a network, those of a territory, or the whole region.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from notifications.formats import long_date, time_of_day

from .. import hours
from ..hours import validate_week
from ..validators import validate_no_html
from .search import SearchVectorIndex

# Bretagne's bounding box, with a small margin (islands included: Ouessant, Sein,
# Belle-Île).
BRETAGNE_LAT = (Decimal("47.20"), Decimal("48.95"))
BRETAGNE_LON = (Decimal("-5.20"), Decimal("-0.95"))

# [0-9], not \d: \d would accept Arabic-Indic and other non-Latin digits.
POSTCODE_REGEX = r"^(22|29|35|56)[0-9]{3}$"
postcode_pattern = re.compile(POSTCODE_REGEX)
postcode_validator = RegexValidator(
    POSTCODE_REGEX,
    _("Saisissez un code postal breton à 5 chiffres (22, 29, 35 ou 56)."),
)
phone_validator = RegexValidator(
    r"^(?:(?:\+33|0) ?[1-9])(?:[ .-]?[0-9]{2}){4}$",
    _("Saisissez un numéro de téléphone français, par exemple 02 99 00 00 00."),
)


ACCESLIBRE_HOST = "acceslibre.beta.gouv.fr"


def validate_acceslibre_url(value: str) -> None:
    """Only a page of acceslibre, the national register of accessibility."""
    parts = urlsplit(value or "")
    if parts.scheme != "https" or parts.hostname != ACCESLIBRE_HOST:
        raise ValidationError(
            _("Saisissez l'adresse d'une fiche acceslibre (https://%(host)s/…).")
            % {"host": ACCESLIBRE_HOST},
            code="invalid",
        )


def phone_e164(phone: str) -> str:
    """'02 99 00 00 00' -> '+33299000000' (for tel: links and data·inclusion)."""
    digits = re.sub(r"[^0-9+]", "", phone or "")
    if digits.startswith("0") and len(digits) == 10:
        return "+33" + digits[1:]
    return digits


class Departement(models.TextChoices):
    COTES_D_ARMOR = "22", _("Côtes-d'Armor")
    FINISTERE = "29", _("Finistère")
    ILLE_ET_VILAINE = "35", _("Ille-et-Vilaine")
    MORBIHAN = "56", _("Morbihan")


class Territory(models.Model):
    """A local area of coordination (the framework's "niveau local", section 4.2).

    Each has its annual action plan, led by a territorial officer of the Région.
    """

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    departement = models.CharField(
        _("département"), max_length=2, choices=Departement.choices
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    REGION = "region", _("Région")
    GOVERNMENT = "government", _("Service de l'État")
    GREF = "gref", _("GREF Bretagne")
    NETWORK_HEAD = "network_head", _("Tête de réseau")
    STRUCTURE = "structure", _("Structure")
    PSAD = "psad", _("Plate-forme de suivi et d'appui aux décrocheurs (PSAD)")


class OrganisationQuerySet(models.QuerySet):
    def structures(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.STRUCTURE)


class Organisation(models.Model):
    """Any party of SPRO: Région, State service, GREF, network head or structure."""

    name = models.CharField(_("nom"), max_length=200, validators=[validate_no_html])
    slug = models.SlugField(_("identifiant"), max_length=220, unique=True)
    kind = models.CharField(
        _("nature"), max_length=20, choices=OrganisationKind.choices
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            base = slugify(self.name)[:200] or "organisation"
            slug, n = base, 1
            while Organisation.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                n += 1
                slug = f"{base}-{n}"
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        if self.kind == OrganisationKind.STRUCTURE:
            return reverse("extranet:structure_detail", args=[self.pk])
        return reverse("extranet:organisation_members", args=[self.pk])


class Network(models.Model):
    """A regional network of structures, led by its head organisation (2.2)."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    short_name = models.CharField(_("sigle"), max_length=40)
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    head = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="headed_network",
        limit_choices_to={"kind": OrganisationKind.NETWORK_HEAD},
        verbose_name=_("tête de réseau"),
    )
    description = models.TextField(
        _("description"),
        max_length=2000,
        blank=True,
        validators=[validate_no_html, MaxLengthValidator(2000)],
    )
    is_partner = models.BooleanField(
        _("réseau partenaire"),
        default=True,
        help_text=_(
            "Les structures d'un réseau partenaire peuvent délivrer l'accueil "
            "personnalisé et individualisé (2.2)."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réseau")
        verbose_name_plural = _("réseaux")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class StructureType(models.TextChoices):
    CIO = "cio", _("Centre d'information et d'orientation (CIO)")
    SUIO = "suio", _("Service universitaire d'orientation (SUIO-IP)")
    MISSION_LOCALE = "mission_locale", _("Mission locale")
    FRANCE_TRAVAIL = "france_travail", _("Agence France Travail")
    CAP_EMPLOI = "cap_emploi", _("Cap emploi")
    APEC = "apec", _("Centre APEC")
    TRANSITIONS_PRO = "transitions_pro", _("Transitions Pro")
    INFO_JEUNESSE = "info_jeunesse", _("Structure Information Jeunesse")
    PAE = "pae", _("Point accueil emploi (PAE)")
    CCI = "cci", _("Chambre de commerce et d'industrie")
    CMA = "cma", _("Chambre de métiers et de l'artisanat")
    AGRICULTURE = "agriculture", _("Chambre d'agriculture")
    OTHER = "other", _("Autre structure")


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Membre")
    ASSOCIATED = "associated", _("Membre associé")
    CONTACT_POINT = "contact_point", _("Point de contact")


class Service(models.TextChoices):
    """The services of section 1.3; field names on ``Structure`` follow these keys."""

    API = "api", _("Accueil personnalisé et individualisé")
    CEP = "cep", _("Conseil en évolution professionnelle (CEP)")
    VAE = "vae", _("Conseil en validation des acquis de l'expérience (VAE)")
    ORIENTATION = "orientation", _("Conseil en orientation scolaire et professionnelle")
    ENTREPRENEURSHIP = "entrepreneurship", _("Conseil en entrepreneuriat")


class Channel(models.TextChoices):
    """How the public can reach a structure (section 1.2)."""

    FACE_TO_FACE = "face_to_face", _("Sur place")
    PHONE = "phone", _("Téléphone")
    CHAT = "chat", _("Messagerie instantanée")
    VISIO = "visio", _("Visioconférence")
    MAIL = "mail", _("Courriel")


class StructureQuerySet(models.QuerySet):
    def published(self) -> StructureQuerySet:
        return self.filter(is_published=True, organisation__is_active=True)

    def for_network(self, network: Network) -> StructureQuerySet:
        return self.filter(network=network)

    def for_territory(self, territory: Territory) -> StructureQuerySet:
        return self.filter(territory=territory)

    def delivering_api(self) -> StructureQuerySet:
        """Members committed by a convention in force to the accueil personnalisé
        et individualisé (section 2.2)."""
        return self.filter(
            service_api=True,
            membership_status=MembershipStatus.MEMBER,
            convention_valid_until__gte=timezone.localdate(),
        )

    def with_upcoming_exceptions(self) -> StructureQuerySet:
        """Fetch the exceptions to the hours not over yet, for every row in one
        query (read by ``Structure.current_exceptions``)."""
        return self.prefetch_related(
            models.Prefetch(
                "opening_exceptions",
                queryset=OpeningException.objects.filter(
                    ends__gte=timezone.localdate()
                ).order_by("starts", "ends", "pk"),
                to_attr="upcoming_exceptions",
            )
        )

    def card_review_due(self, days: int) -> StructureQuerySet:
        limit = timezone.now() - timezone.timedelta(days=days)
        return self.filter(
            models.Q(card_checked_at__isnull=True) | models.Q(card_checked_at__lt=limit)
        )


class Structure(models.Model):
    """A structure that receives the public: its public card and its place in SPRO.

    The card (address, hours, channels, services, accessibility) is what the public
    directory shows; the structure referent keeps it true, and ``card_checked_at``
    says when they last confirmed it.
    """

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="structure",
        limit_choices_to={"kind": OrganisationKind.STRUCTURE},
        verbose_name=_("organisation"),
    )
    structure_type = models.CharField(
        _("type de structure"), max_length=32, choices=StructureType.choices
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="structures",
        verbose_name=_("réseau"),
    )
    territory = models.ForeignKey(
        Territory,
        on_delete=models.PROTECT,
        related_name="structures",
        verbose_name=_("territoire"),
    )
    membership_status = models.CharField(
        _("statut dans le SPRO"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.MEMBER,
    )
    description = models.TextField(
        _("présentation"),
        max_length=1500,
        blank=True,
        validators=[validate_no_html, MaxLengthValidator(1500)],
        help_text=_("Quelques phrases pour le public : qui vous recevez, pour quoi."),
    )

    address_line = models.CharField(
        _("adresse"), max_length=200, validators=[validate_no_html]
    )
    address_complement = models.CharField(
        _("complément d'adresse"),
        max_length=200,
        blank=True,
        validators=[validate_no_html],
    )
    postcode = models.CharField(
        _("code postal"), max_length=5, validators=[postcode_validator]
    )
    city = models.CharField(_("commune"), max_length=120, validators=[validate_no_html])
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    weekly_hours = models.JSONField(
        _("horaires de la semaine"),
        default=list,
        blank=True,
        validators=[validate_week],
        help_text=_("Les plages d'ouverture de chaque jour de la semaine."),
    )
    closed_on_public_holidays = models.BooleanField(
        _("fermée les jours fériés"), default=True
    )
    hours_note = models.TextField(
        _("précisions sur les horaires"),
        max_length=1000,
        blank=True,
        validators=[validate_no_html, MaxLengthValidator(1000)],
        help_text=_(
            "Par exemple : l'après-midi sur rendez-vous uniquement ; horaires "
            "réduits pendant les vacances scolaires."
        ),
    )
    appointment_info = models.TextField(
        _("prendre rendez-vous"),
        max_length=1000,
        blank=True,
        validators=[validate_no_html, MaxLengthValidator(1000)],
    )
    phone = models.CharField(
        _("numéro de téléphone"),
        max_length=20,
        blank=True,
        validators=[phone_validator],
    )
    email = models.EmailField(_("adresse de courriel"), blank=True)
    website = models.URLField(_("site internet"), blank=True)
    chat_url = models.URLField(_("adresse de la messagerie instantanée"), blank=True)
    visio_url = models.URLField(
        _("adresse de prise de rendez-vous en visio"), blank=True
    )

    channel_face_to_face = models.BooleanField(_("accueil sur place"), default=True)
    channel_phone = models.BooleanField(_("accueil par téléphone"), default=True)
    channel_chat = models.BooleanField(
        _("accueil par messagerie instantanée"), default=False
    )
    channel_visio = models.BooleanField(_("accueil en visioconférence"), default=False)
    channel_mail = models.BooleanField(_("accueil par courriel"), default=False)

    service_api = models.BooleanField(
        _("accueil personnalisé et individualisé"), default=False
    )
    service_cep = models.BooleanField(
        _("conseil en évolution professionnelle (CEP)"), default=False
    )
    service_vae = models.BooleanField(_("conseil en VAE"), default=False)
    service_orientation = models.BooleanField(
        _("conseil en orientation scolaire et professionnelle"), default=False
    )
    service_entrepreneurship = models.BooleanField(
        _("conseil en entrepreneuriat"), default=False
    )

    wheelchair_accessible = models.BooleanField(
        _("accessible en fauteuil roulant"), default=False
    )
    accessibility_notes = models.TextField(
        _("accessibilité"),
        max_length=1000,
        blank=True,
        validators=[validate_no_html, MaxLengthValidator(1000)],
        help_text=_(
            "Accès, stationnement, boucle magnétique, accueil en langue des signes…"
        ),
    )

    acceslibre_url = models.URLField(
        _("fiche acceslibre"),
        blank=True,
        validators=[validate_acceslibre_url],
        help_text=_(
            "L'adresse de la fiche du lieu sur acceslibre.beta.gouv.fr, si elle "
            "existe : le public y trouve le détail de l'accessibilité."
        ),
    )

    is_published = models.BooleanField(
        _("visible dans l'annuaire public"), default=True
    )
    card_checked_at = models.DateTimeField(
        _("fiche vérifiée le"), null=True, blank=True
    )
    card_reminder_sent_at = models.DateTimeField(
        _("dernier rappel de vérification envoyé le"),
        null=True,
        blank=True,
        editable=False,
    )
    convention_valid_until = models.DateField(
        _("convention SPRO en vigueur jusqu'au"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Tenue à jour par le circuit des conventions : la structure délivre "
            "l'accueil personnalisé et individualisé tant que sa convention est en "
            "vigueur (2.2)."
        ),
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # What the site search matches, weighted: name, town and postcode (A), network
    # and territory (B), presentation (C). Derived from this row and three others,
    # it is kept by ``extranet.search.refresh_search_vectors`` (PostgreSQL only).
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = StructureQuerySet.as_manager()

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["organisation__name"]
        permissions = [
            ("view_structure_members", _("Voir les membres de la structure")),
            ("manage_structure_members", _("Gérer les membres de la structure")),
        ]
        indexes = [
            SearchVectorIndex(
                fields=["search_vector"], name="structure_search_vector_gin"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(latitude__isnull=True)
                    | models.Q(
                        latitude__gte=BRETAGNE_LAT[0], latitude__lte=BRETAGNE_LAT[1]
                    )
                ),
                name="structure_latitude_in_bretagne",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(longitude__isnull=True)
                    | models.Q(
                        longitude__gte=BRETAGNE_LON[0], longitude__lte=BRETAGNE_LON[1]
                    )
                ),
                name="structure_longitude_in_bretagne",
            ),
        ]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return reverse("extranet:structure_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.latitude is not None and not (
            BRETAGNE_LAT[0] <= self.latitude <= BRETAGNE_LAT[1]
        ):
            errors["latitude"] = _("Cette latitude est hors de Bretagne.")
        if self.longitude is not None and not (
            BRETAGNE_LON[0] <= self.longitude <= BRETAGNE_LON[1]
        ):
            errors["longitude"] = _("Cette longitude est hors de Bretagne.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Indiquez la latitude et la longitude, ou aucune.")
        if self.channel_chat and not self.chat_url:
            errors["chat_url"] = _(
                "Indiquez l'adresse de la messagerie si ce canal est proposé."
            )
        if self.channel_phone and not self.phone:
            errors["phone"] = _(
                "Indiquez un numéro si l'accueil par téléphone est proposé."
            )
        if self.channel_mail and not self.email:
            errors["email"] = _("Indiquez un courriel si ce canal est proposé.")
        if (
            self.postcode
            and self.territory_id
            and postcode_pattern.match(self.postcode)
        ):
            if not self.postcode.startswith(self.territory.departement):
                errors["postcode"] = _(
                    "Ce code postal n'est pas dans le département du territoire."
                )
        if errors:
            raise ValidationError(errors)

    def delivered_services(self) -> list[Service]:
        """The services delivered, in the framework's order (section 1.3).

        The accueil personnalisé et individualisé counts only while a convention
        is in force (section 2.2); declaring it on the card is not enough.
        """
        return [
            s
            for s in Service
            if getattr(self, f"service_{s.value}")
            and (s != Service.API or self.delivers_api)
        ]

    def offered_channels(self) -> list[Channel]:
        """The ways the public can reach the structure (section 1.2)."""
        return [c for c in Channel if getattr(self, f"channel_{c.value}")]

    @property
    def services(self) -> list[str]:
        """The labels of the services delivered, in the framework's order."""
        return [s.label for s in self.delivered_services()]

    @property
    def phone_uri(self) -> str:
        """The phone number for a ``tel:`` link: "02 99 00 00 00" → "+33299000000"."""
        return phone_e164(self.phone)

    # Opening hours (the rules live in ``extranet.hours``) ---------------------

    def current_exceptions(self) -> list[Any]:
        """The exceptions to the hours not over yet, soonest first. Lists fetch
        them for every row at once (``upcoming_exceptions``, see
        ``with_upcoming_exceptions``); otherwise one query, then kept."""
        cached = getattr(self, "upcoming_exceptions", None)
        if cached is None:
            cached = list(
                self.opening_exceptions.filter(ends__gte=timezone.localdate()).order_by(
                    "starts", "ends", "pk"
                )
            )
            self.upcoming_exceptions = cached
        return cached

    def opening_status(self, at: Any = None) -> hours.Status | None:
        """Open or closed now ("Ouvert maintenant · ferme à 17 h"), or None when
        the week's hours are not given."""
        return hours.opening_status(
            self.weekly_hours,
            self.current_exceptions(),
            self.closed_on_public_holidays,
            at,
        )

    def osm_opening_hours(self) -> str | None:
        """The hours in OpenStreetMap's format, for the open data."""
        return hours.osm_opening_hours(
            self.weekly_hours, self.current_exceptions(), self.closed_on_public_holidays
        )

    def week_rows(self) -> list[hours.WeekRow]:
        return hours.week_rows(self.weekly_hours, timezone.localdate())

    @property
    def channels(self) -> list[str]:
        return [c.label for c in self.offered_channels()]

    @property
    def convention_in_force(self) -> bool:
        """A convention of this year (or later) is signed by every party."""
        return (
            self.convention_valid_until is not None
            and self.convention_valid_until >= timezone.localdate()
        )

    @property
    def convention_lapsed(self) -> bool:
        """It had a convention, and that convention has expired with no successor."""
        return (
            self.convention_valid_until is not None
            and self.convention_valid_until < timezone.localdate()
        )

    @property
    def delivers_api(self) -> bool:
        """A member delivering the accueil personnalisé et individualisé: declared,
        and committed to it by a convention in force (section 2.2)."""
        return (
            self.service_api
            and self.membership_status == MembershipStatus.MEMBER
            and self.convention_in_force
        )

    def card_review_due(self, days: int) -> bool:
        if self.card_checked_at is None:
            return True
        return self.card_checked_at < timezone.now() - timezone.timedelta(days=days)


class OpeningException(models.Model):
    """A dated exception to a structure's week: closed (no hours), or open other
    hours (one slot), from ``starts`` to ``ends`` inclusive."""

    structure = models.ForeignKey(
        Structure,
        on_delete=models.CASCADE,
        related_name="opening_exceptions",
        verbose_name=_("structure"),
    )
    starts = models.DateField(_("premier jour"))
    ends = models.DateField(_("dernier jour"))
    opens = models.TimeField(_("ouvre à"), null=True, blank=True)
    closes = models.TimeField(_("ferme à"), null=True, blank=True)
    label = models.CharField(
        _("motif"),
        max_length=120,
        blank=True,
        validators=[validate_no_html],
        help_text=_("Affiché au public, par exemple : fermeture estivale."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exception aux horaires")
        verbose_name_plural = _("exceptions aux horaires")
        ordering = ["starts", "ends"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gte=models.F("starts")),
                name="opening_exception_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(opens__isnull=True, closes__isnull=True)
                    | models.Q(
                        opens__isnull=False,
                        closes__isnull=False,
                        closes__gt=models.F("opens"),
                    )
                ),
                name="opening_exception_hours_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.structure} : {self.starts} – {self.ends}"

    @property
    def is_closure(self) -> bool:
        return self.opens is None

    @property
    def period_text(self) -> str:
        """ "le 24 décembre 2026", "du 24 décembre 2026 au 1er janvier 2027"."""
        if self.starts == self.ends:
            return _("le %(date)s") % {"date": long_date(self.starts, weekday=True)}
        return _("du %(start)s au %(end)s") % {
            "start": long_date(self.starts, weekday=True),
            "end": long_date(self.ends, weekday=True),
        }

    @property
    def hours_text(self) -> str:
        """ "fermé", "ouvert de 9 h à 12 h"."""
        if self.is_closure:
            return _("fermé")
        return _("ouvert de %(opens)s à %(closes)s") % {
            "opens": time_of_day(self.opens),
            "closes": time_of_day(self.closes),
        }

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts and self.ends and self.ends < self.starts:
            errors["ends"] = _("La date de fin doit suivre la date de début.")
        if (self.opens is None) != (self.closes is None):
            errors["closes"] = _(
                "Indiquez l'heure d'ouverture et l'heure de fermeture, ou aucune "
                "pour une fermeture."
            )
        elif self.opens and self.closes and self.closes <= self.opens:
            errors["closes"] = _(
                "L'heure de fermeture doit suivre l'heure d'ouverture."
            )
        if errors:
            raise ValidationError(errors)
