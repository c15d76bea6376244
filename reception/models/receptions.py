"""A reception: one person heard by a member structure, and its point de situation."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from extranet.models import Channel, Structure
from extranet.validators import validate_no_html
from notifications.formats import long_date

from .personal import PersonalRecord

# The reference code's letters: no 0/O, 1/I/L, so that it reads aloud.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """A reference code "ACC-XXXX-XXXX" (about 40 bits of chance)."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"ACC-{chars[:4]}-{chars[4:]}"


def normalise_reference(code: str) -> str:
    """ "acc xxxx xxxx", "ACCXXXXXXXX", " acc-xxxx-xxxx " → "ACC-XXXX-XXXX"."""
    letters = "".join(c for c in (code or "").upper() if c.isalnum())
    if letters.startswith("ACC"):
        letters = letters[3:]
    if len(letters) != 8:
        return ""
    return f"ACC-{letters[:4]}-{letters[4:]}"


class ReceptionKind(models.TextChoices):
    FULL = "full", _("Accueil complet")
    TALLY = "tally", _("Comptage rapide")


class Mode(models.TextChoices):
    ON_THE_SPOT = "on_the_spot", _("Immédiat")
    DEFERRED = "deferred", _("Différé (rappel, rendez-vous)")


class Urgency(models.TextChoices):
    """Assessed at first contact; the inbox sorts by it (most urgent first)."""

    URGENT = "urgent", _("Urgent (sous 48 heures)")
    PRIORITY = "priority", _("Prioritaire (sous 8 jours)")
    NORMAL = "normal", _("Sans urgence")


URGENCY_ORDER = {Urgency.URGENT: 0, Urgency.PRIORITY: 1, Urgency.NORMAL: 2}


class AgeBand(models.TextChoices):
    UNKNOWN = "unknown", _("Non renseigné")
    UNDER_16 = "under_16", _("Moins de 16 ans")
    FROM_16_TO_25 = "16_25", _("16 à 25 ans")
    FROM_26_TO_44 = "26_44", _("26 à 44 ans")
    FROM_45_TO_54 = "45_54", _("45 à 54 ans")
    OVER_55 = "55_plus", _("55 ans et plus")


class PersonStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Non renseigné")
    PUPIL = "pupil", _("Élève")
    STUDENT = "student", _("Étudiant·e")
    JOB_SEEKER = "job_seeker", _("Demandeur·se d'emploi")
    EMPLOYEE = "employee", _("Salarié·e")
    OTHER = "other", _("Autre situation")


class Question(models.TextChoices):
    """The questions raised (field ``q_<value>`` on ``Reception``)."""

    ORIENTATION = "orientation", _("Orientation")
    TRAINING = "training", _("Formation")
    EMPLOYMENT = "employment", _("Emploi")
    VAE = "vae", _("Validation des acquis de l'expérience (VAE)")
    CREATION = "creation", _("Création ou reprise d'entreprise")
    MOBILITY = "mobility", _("Mobilité")
    HOUSING = "housing", _("Logement")
    HEALTH = "health", _("Santé")
    SOCIAL_EMERGENCY = "social_emergency", _("Urgence sociale")


# The "other needs" of the cahier des charges (the rest are the SPRO's own).
OTHER_NEEDS = frozenset(
    {Question.MOBILITY, Question.HOUSING, Question.HEALTH, Question.SOCIAL_EMERGENCY}
)


def question_field(question: str) -> str:
    return f"q_{question}"


class ReceptionQuerySet(models.QuerySet):
    def full(self) -> ReceptionQuerySet:
        return self.filter(kind=ReceptionKind.FULL)

    def with_personal_data(self) -> ReceptionQuerySet:
        return self.filter(erased_at__isnull=True)


class Reception(PersonalRecord):
    """One person received by a structure (or a quick tally of one contact).

    The statistics fields (structure, date, channel, mode, urgency, age band,
    status, questions) hold nothing that identifies the person and stay for
    ever; the ``PERSONAL_FIELDS`` (a first name or pseudonym, a contact, the
    point de situation's free text, the reference code) are optional and erased
    when the Région's retention period ends, here and in the history rows.
    An anonymous reception has them all empty, enforced by the database.
    """

    PERSONAL_FIELDS = (
        "person_label",
        "contact",
        "summary",
        "information_given",
        "resources",
        "next_steps",
        "reference",
    )

    structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="receptions",
        verbose_name=_("structure"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("enregistré par"),
    )
    kind = models.CharField(
        _("nature"), max_length=10, choices=ReceptionKind.choices, default="full"
    )
    received_on = models.DateField(_("date de l'accueil"), db_index=True)
    channel = models.CharField(_("canal"), max_length=20, choices=Channel.choices)
    mode = models.CharField(
        _("mode"), max_length=20, choices=Mode.choices, default=Mode.ON_THE_SPOT
    )
    urgency = models.CharField(
        _("urgence"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    age_band = models.CharField(
        _("tranche d'âge"), max_length=10, choices=AgeBand.choices, default="unknown"
    )
    person_status = models.CharField(
        _("situation"), max_length=20, choices=PersonStatus.choices, default="unknown"
    )
    people = models.PositiveSmallIntegerField(
        _("nombre de personnes"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Pour un comptage rapide de plusieurs contacts semblables."),
    )
    anonymous = models.BooleanField(
        _("la personne souhaite rester anonyme"), default=False
    )
    share_summary = models.BooleanField(
        _(
            "la personne accepte que les structures du SPRO lisent son point de "
            "situation avec son code"
        ),
        default=False,
    )
    recommended = models.ManyToManyField(
        Structure,
        blank=True,
        related_name="+",
        verbose_name=_("structures conseillées"),
    )

    # Personal fields (with those of PersonalRecord) -------------------------
    summary = models.TextField(
        _("ce qui a été dit"),
        max_length=3000,
        blank=True,
        validators=[validate_no_html],
    )
    information_given = models.TextField(
        _("informations données"),
        max_length=3000,
        blank=True,
        validators=[validate_no_html],
    )
    resources = models.TextField(
        _("ressources conseillées"),
        max_length=3000,
        blank=True,
        validators=[validate_no_html],
        help_text=_("Sites, documents, lieux ; une ressource par ligne."),
    )
    next_steps = models.TextField(
        _("prochaines étapes"),
        max_length=3000,
        blank=True,
        validators=[validate_no_html],
        help_text=_("Qui, quoi, comment, où : une étape par ligne."),
    )
    reference = models.CharField(
        _("code de suivi"), max_length=13, null=True, blank=True, unique=True
    )
    # ------------------------------------------------------------------------

    created_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    # The questions raised (``Question``), one column each: counted in one query.
    q_orientation = models.BooleanField(Question.ORIENTATION.label, default=False)
    q_training = models.BooleanField(Question.TRAINING.label, default=False)
    q_employment = models.BooleanField(Question.EMPLOYMENT.label, default=False)
    q_vae = models.BooleanField(Question.VAE.label, default=False)
    q_creation = models.BooleanField(Question.CREATION.label, default=False)
    q_mobility = models.BooleanField(Question.MOBILITY.label, default=False)
    q_housing = models.BooleanField(Question.HOUSING.label, default=False)
    q_health = models.BooleanField(Question.HEALTH.label, default=False)
    q_social_emergency = models.BooleanField(
        Question.SOCIAL_EMERGENCY.label, default=False
    )

    history = HistoricalRecords()

    objects = ReceptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("accueil")
        verbose_name_plural = _("accueils")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["structure", "received_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(anonymous=True)
                | (models.Q(person_label="", contact="")),
                name="reception_anonymous_has_no_identity",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="tally")
                | models.Q(
                    person_label="",
                    contact="",
                    summary="",
                    information_given="",
                    resources="",
                    next_steps="",
                    reference__isnull=True,
                ),
                name="reception_tally_holds_no_text",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="tally") | models.Q(people=1),
                name="reception_full_is_one_person",
            ),
        ]

    def __str__(self) -> str:
        return _("Accueil du %(date)s") % {"date": long_date(self.received_on)}

    def get_absolute_url(self) -> str:
        return reverse("reception:reception", args=[self.pk])

    def questions(self) -> list[Question]:
        return [q for q in Question if getattr(self, question_field(q.value))]

    @property
    def question_labels(self) -> list[str]:
        return [q.label for q in self.questions()]

    @property
    def has_point(self) -> bool:
        """A point de situation was written (and not erased yet)."""
        return bool(self.summary or self.resources or self.next_steps)

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def resource_lines(self) -> list[str]:
        return [line.strip() for line in self.resources.splitlines() if line.strip()]

    def next_step_lines(self) -> list[str]:
        return [line.strip() for line in self.next_steps.splitlines() if line.strip()]


class ReceptionSettings(models.Model):
    """What the Région sets for the accueil: one row (pk 1), with history."""

    retention_months = models.PositiveSmallIntegerField(
        _("durée de conservation des données personnelles (mois)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_(
            "Prénoms, contacts, points de situation, demandes et contacts des "
            "rendez-vous sont effacés partout au terme de cette durée ; les "
            "statistiques anonymes restent."
        ),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modifié par"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réglages de l'accueil")
        verbose_name_plural = _("réglages de l'accueil")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> ReceptionSettings:
        found, _created = cls.objects.get_or_create(pk=1)
        return found
