"""The regional professionalisation plan (section IV of the framework).

* ``NeedsCampaign`` and ``Need``: the yearly census of training needs that GREF
  opens; each network head and territorial officer says their scope's needs.
* ``Plan``: one per year, moved by the plan workflow (``training.definitions``:
  drafted, submitted, validated or sent back); a later version amends a
  validated one, never in place. Its ``PlanAction`` rows say what the plan
  offers: theme, objectives, audience, format, regional or local reach, who
  offers it, and the needs each answers.
* ``TrainingSession``: a dated occurrence of an action, published by GREF (or the
  Région), made of one or more half-days (``SessionSlot``), with a capacity, an
  enrolment window, a cancellation cut-off and an optional cap per structure.
* ``SessionDocument``: a PDF GREF or the Région attach to a session (its
  programme, a preparation sheet), read by everyone who may see the session.
* ``Enrolment``: one person's place in one session, moved by the enrolment
  workflow (``training.definitions``): approved by their referent before it
  takes a place in the queue, then confirmed, waitlisted, offered a freed seat…
  Seats are never a counter: they are counted under the session's row lock.
* ``QueueMove``: a change GREF made to the waiting-list order, with its reason.
* ``Attendance``: one confirmed participant present or absent at one half-day,
  recorded by GREF, the Région or the session's trainer (who and when kept).
* ``Certificate``: the attestation of attendance of one enrolment, with the
  hours actually attended and a short code anyone may check publicly.

Every model keeps its history (who, when, what) with django-simple-history.
"""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from extranet.storage import private_storage
from extranet.validators import validate_no_html
from workflows.models import WorkflowObject


class Format(models.TextChoices):
    ONSITE = "onsite", _("Présentiel")
    REMOTE = "remote", _("Distanciel")
    HYBRID = "hybrid", _("Hybride")


class Reach(models.TextChoices):
    REGIONAL = "regional", _("Régionale")
    LOCAL = "local", _("Locale (un territoire)")


class Priority(models.TextChoices):
    HIGH = "high", _("Haute")
    MEDIUM = "medium", _("Moyenne")
    LOW = "low", _("Basse")


class NeedsCampaign(models.Model):
    """GREF's call for the training needs of one year, open until a deadline.

    The needs it gathers are what the year's plan is drafted from."""

    year = models.PositiveSmallIntegerField(_("année du plan"))
    title = models.CharField(_("intitulé"), max_length=200)
    deadline = models.DateTimeField(_("date limite de saisie"))
    is_open = models.BooleanField(_("ouvert"), default=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ouvert par"),
    )
    created_at = models.DateTimeField(_("ouvert le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recensement des besoins")
        verbose_name_plural = _("recensements des besoins")
        ordering = ["-year", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:campaign", args=[self.pk])

    def accepts_needs(self, at: datetime.datetime | None = None) -> bool:
        at = at or timezone.now()
        return self.is_open and at < self.deadline


class Need(models.Model):
    """A training need of one network (said by its head) or one territory (said
    by its territorial officer): exactly one of ``organisation`` and
    ``scope_territory`` says whose it is, and so who may see and change it."""

    campaign = models.ForeignKey(
        NeedsCampaign,
        on_delete=models.PROTECT,
        related_name="needs",
        verbose_name=_("recensement"),
    )
    organisation = models.ForeignKey(
        "extranet.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tête de réseau"),
    )
    scope_territory = models.ForeignKey(
        "extranet.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("territoire qui l'exprime"),
    )
    theme = models.CharField(_("thème"), max_length=200)
    audience = models.CharField(_("public concerné"), max_length=300)
    people = models.PositiveIntegerField(
        _("nombre de personnes"), validators=[MinValueValidator(1)]
    )
    priority = models.CharField(
        _("priorité"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    reach = models.CharField(
        _("portée"), max_length=10, choices=Reach.choices, default=Reach.REGIONAL
    )
    territory = models.ForeignKey(
        "extranet.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("territoire concerné"),
        help_text=_("Pour un besoin local seulement."),
    )
    comment = models.TextField(_("commentaire"), blank=True, max_length=2000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("saisi par"),
    )
    created_at = models.DateTimeField(_("saisi le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besoin de formation")
        verbose_name_plural = _("besoins de formation")
        ordering = ["campaign", "theme", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, scope_territory__isnull=True)
                    | models.Q(organisation__isnull=True, scope_territory__isnull=False)
                ),
                name="training_need_one_scope",
            )
        ]

    def __str__(self) -> str:
        return self.theme

    def get_absolute_url(self) -> str:
        return reverse("training:need", args=[self.pk])

    @property
    def expressed_by(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return str(self.scope_territory)

    def clean(self) -> None:
        if self.reach == Reach.LOCAL and not self.territory_id:
            raise ValidationError(
                {"territory": _("Un besoin local se rattache à un territoire.")}
            )
        if self.reach == Reach.REGIONAL and self.territory_id:
            raise ValidationError(
                {"territory": _("Un besoin régional n'a pas de territoire.")}
            )


class Plan(WorkflowObject):
    """The professionalisation plan of one year, in a numbered version.

    Its state is the plan workflow's (``training.definitions.PLAN``): its
    content changes only where that state names editors."""

    year = models.PositiveSmallIntegerField(_("année"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("intitulé"), max_length=200)
    summary = models.TextField(_("orientations"), blank=True)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amended_by",
        verbose_name=_("version amendée"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan de professionnalisation")
        verbose_name_plural = _("plans de professionnalisation")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "version"], name="training_plan_year_version"
            )
        ]

    def __str__(self) -> str:
        return _("Plan de professionnalisation %(year)s (version %(version)s)") % {
            "year": self.year,
            "version": self.version,
        }

    def get_absolute_url(self) -> str:
        return reverse("training:plan", args=[self.pk])


class PlanAction(models.Model):
    """One action of the plan: what is offered, to whom, how, by whom."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="actions", verbose_name=_("plan")
    )
    theme = models.CharField(_("thème"), max_length=200)
    objectives = models.TextField(_("objectifs"))
    audience = models.CharField(_("public visé"), max_length=300)
    format = models.CharField(
        _("modalité"), max_length=10, choices=Format.choices, default=Format.ONSITE
    )
    reach = models.CharField(
        _("portée"), max_length=10, choices=Reach.choices, default=Reach.REGIONAL
    )
    territory = models.ForeignKey(
        "extranet.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("territoire"),
        help_text=_("Pour une action locale seulement."),
    )
    offered_by = models.ForeignKey(
        "extranet.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposée par"),
        help_text=_("Le GREF, ou un réseau qui ouvre son offre aux autres (4.1)."),
    )
    planned_sessions = models.PositiveSmallIntegerField(
        _("sessions prévues"), default=1
    )
    planned_hours = models.DecimalField(
        _("heures prévues par session"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("7.0"),
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    needs = models.ManyToManyField(
        Need,
        blank=True,
        related_name="actions",
        verbose_name=_("besoins auxquels elle répond"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action du plan")
        verbose_name_plural = _("actions du plan")
        ordering = ["plan", "theme", "pk"]

    def __str__(self) -> str:
        return self.theme

    def clean(self) -> None:
        if self.reach == Reach.LOCAL and not self.territory_id:
            raise ValidationError(
                {"territory": _("Une action locale se rattache à un territoire.")}
            )
        if self.reach == Reach.REGIONAL and self.territory_id:
            raise ValidationError(
                {"territory": _("Une action régionale n'a pas de territoire.")}
            )


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("En préparation")
    PUBLISHED = "published", _("Publiée")
    CANCELLED = "cancelled", _("Annulée")


class TrainingSessionQuerySet(models.QuerySet):
    def published(self) -> TrainingSessionQuerySet:
        return self.filter(status=SessionStatus.PUBLISHED)

    def listed(self) -> TrainingSessionQuerySet:
        """What the catalogue shows: published or cancelled (said so), not drafts."""
        return self.exclude(status=SessionStatus.DRAFT)


class TrainingSession(models.Model):
    """A dated session of a plan action, published by GREF or the Région."""

    action = models.ForeignKey(
        PlanAction,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("action du plan"),
    )
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("présentation"), blank=True)
    territory = models.ForeignKey(
        "extranet.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("territoire"),
    )
    place = models.CharField(
        _("lieu"),
        max_length=300,
        blank=True,
        help_text=_("Adresse complète, pour une session en présentiel ou hybride."),
    )
    visio_url = models.URLField(
        _("lien de visioconférence"),
        blank=True,
        help_text=_("Montré aux seuls participant·es confirmé·es."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1)]
    )
    seats_per_structure = models.PositiveSmallIntegerField(
        _("places au plus par structure"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Laissez vide pour ne pas limiter."),
    )
    trainer_name = models.CharField(_("intervenant·e"), max_length=200, blank=True)
    enrolment_opens_at = models.DateTimeField(_("inscriptions ouvertes à partir du"))
    enrolment_closes_at = models.DateTimeField(_("inscriptions closes le"))
    cancellation_cutoff_hours = models.PositiveSmallIntegerField(
        _("délai d'annulation sans pénalité (heures avant le début)"), default=72
    )
    prerequisites = models.TextField(_("prérequis"), blank=True)
    status = models.CharField(
        _("statut"),
        max_length=12,
        choices=SessionStatus.choices,
        default=SessionStatus.DRAFT,
    )
    cancellation_reason = models.TextField(_("motif d'annulation"), blank=True)
    # The first and last moments of its half-days, kept by the services.
    starts_at = models.DateTimeField(_("début"), null=True, blank=True, db_index=True)
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    # Set once, when the attendance is complete and the outcomes are recorded:
    # ``training.signals.session_completed`` is sent at that moment only.
    completed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    # Set when GREF was told the session is under-filled near its enrolment
    # deadline (``training.reminders``): told once, whatever the task's runs.
    underfilled_alerted_at = models.DateTimeField(
        _("alerte de remplissage envoyée le"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créée par"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords()

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session de formation")
        verbose_name_plural = _("sessions de formation")
        ordering = ["starts_at", "pk"]
        permissions = [
            ("animate_trainingsession", _("Animer la session (intervenant·e)")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    enrolment_closes_at__gt=models.F("enrolment_opens_at")
                ),
                name="training_session_enrolment_window",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:session", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    def has_started(self, at: datetime.datetime | None = None) -> bool:
        at = at or timezone.now()
        return self.starts_at is not None and self.starts_at <= at

    def enrolment_open(self, at: datetime.datetime | None = None) -> bool:
        at = at or timezone.now()
        return (
            self.status == SessionStatus.PUBLISHED
            and self.enrolment_opens_at <= at < self.enrolment_closes_at
            and not self.has_started(at)
        )

    @property
    def total_hours(self) -> Decimal:
        return sum((slot.hours for slot in self.slots.all()), Decimal("0"))


class Period(models.TextChoices):
    MORNING = "am", _("matin")
    AFTERNOON = "pm", _("après-midi")


class SessionSlot(models.Model):
    """One half-day of a session."""

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="slots",
        verbose_name=_("session"),
    )
    date = models.DateField(_("date"))
    period = models.CharField(_("demi-journée"), max_length=2, choices=Period.choices)
    start = models.TimeField(_("de"))
    end = models.TimeField(_("à"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("demi-journée")
        verbose_name_plural = _("demi-journées")
        ordering = ["date", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "date", "period"], name="training_slot_half_day"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="training_slot_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_period_display()}"

    @property
    def hours(self) -> Decimal:
        start = datetime.datetime.combine(self.date, self.start)
        end = datetime.datetime.combine(self.date, self.end)
        return Decimal((end - start).total_seconds() / 3600).quantize(Decimal("0.1"))

    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start))

    def ends_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end))


def new_offer_key() -> str:
    return secrets.token_urlsafe(18)


class SessionDocument(models.Model):
    """A PDF attached to a session (its programme, a preparation sheet), kept on
    the private storage; its removal stays in the history, with who removed it."""

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("session"),
    )
    file = models.FileField(
        _("fichier"), storage=private_storage, upload_to="training/documents/"
    )
    original_name = models.CharField(_("nom du fichier"), max_length=200)
    title = models.CharField(_("titre"), max_length=200, validators=[validate_no_html])
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("taille (octets)"))
    uploaded_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ajouté par"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document de session")
        verbose_name_plural = _("documents de session")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "sha256"], name="session_document_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Enrolment(WorkflowObject):
    """One person's enrolment in one session (the enrolment workflow)."""

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("session"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("participant·e"),
    )
    structure = models.ForeignKey(
        "extranet.Structure",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("structure"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("demandée par"),
    )
    motivation = models.TextField(_("attentes"), blank=True, max_length=1000)
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    # The order of the waiting list: set when the request joins the queue (its
    # approval), first come first served; GREF may swap two places, with a reason.
    queue_key = models.BigIntegerField(_("rang d'arrivée"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(
        _("proposition valable jusqu'au"), null=True, blank=True
    )
    # A fresh secret with every offer: the accept and decline links carry it, so
    # a link of an earlier offer (or a forged one) is refused.
    offer_key = models.CharField(max_length=32, blank=True, editable=False)
    # Set when the reminder a few days before the session was sent: sent once,
    # whatever the task's runs (``training.reminders``).
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["session", "requested_at", "pk"]
        indexes = [models.Index(fields=["session", "state"])]

    def __str__(self) -> str:
        return _("Inscription de %(person)s à « %(session)s »") % {
            "person": self.person.get_full_name() or self.person.email,
            "session": self.session.title,
        }

    def get_absolute_url(self) -> str:
        return reverse("training:enrolment", args=[self.pk])


class QueueMove(models.Model):
    """GREF moved someone up or down the waiting list: who, when, why."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="queue_moves",
        verbose_name=_("inscription"),
    )
    direction = models.CharField(
        _("sens"),
        max_length=4,
        choices=[("up", _("avancée")), ("down", _("reculée"))],
    )
    reason = models.TextField(_("motif"), max_length=1000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("par"),
    )
    at = models.DateTimeField(_("le"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("changement de rang")
        verbose_name_plural = _("changements de rang")
        ordering = ["at", "pk"]


def new_calendar_key() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of one person's training calendar (the sessions they
    hold a seat in), for their calendar application to subscribe to.

    Renewing it voids the old address at once; stopping it removes it. Not kept
    in history: the key is a secret, and only its current value means anything.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_calendar",
        verbose_name=_("personne"),
    )
    key = models.CharField(max_length=64, unique=True, default=new_calendar_key)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("agenda de formation")
        verbose_name_plural = _("agendas de formation")

    def __str__(self) -> str:
        return _("Agenda de formation de %(person)s") % {"person": self.user}


class Attendance(models.Model):
    """Whether one confirmed participant was there for one half-day.

    One row per enrolment and half-day, written by the bulk sheet of the
    half-day or by the arrival scan (the personal QR code); who recorded it and
    when are kept, and every change is in the history.
    """

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("inscription"),
    )
    slot = models.ForeignKey(
        SessionSlot,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("demi-journée"),
    )
    present = models.BooleanField(_("présente"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("noté par"),
    )
    recorded_at = models.DateTimeField(_("noté le"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        ordering = ["slot", "enrolment"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "slot"], name="training_attendance_once"
            )
        ]


# No 0/O, 1/I/L: a code read aloud or copied from paper is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_certificate_code() -> str:
    """``SPRO-XXXX-XXXX``: 31**8 (about 8.5e11) codes, drawn at random."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))
    return f"SPRO-{chars[:4]}-{chars[4:]}"


class CertificateQuerySet(models.QuerySet):
    def valid(self) -> CertificateQuerySet:
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """The attestation of attendance of one enrolment (attended, fully or in
    part): the hours actually attended and a short verification code that
    anyone may check on ``/attestations/verifier/`` without logging in. Never
    deleted: a mistaken one is revoked, with a reason, and says so when checked.
    """

    enrolment = models.OneToOneField(
        Enrolment,
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("inscription"),
    )
    hours = models.DecimalField(_("heures suivies"), max_digits=5, decimal_places=1)
    code = models.CharField(
        _("code de vérification"), max_length=14, unique=True, editable=False
    )
    issuer = models.ForeignKey(
        "extranet.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("délivrée par"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("établie par"),
    )
    issued_at = models.DateTimeField(_("délivrée le"), default=timezone.now)
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("révoquée par"),
    )
    revocation_reason = models.TextField(
        _("motif de la révocation"), blank=True, max_length=1000
    )

    history = HistoricalRecords()

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("attestation de présence")
        verbose_name_plural = _("attestations de présence")
        ordering = ["-issued_at", "pk"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
