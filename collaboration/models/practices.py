"""Good practices shared between member structures (sections 3 and 4.1).

A practice belongs to the structure that wrote it; its workflow
(``collaboration.practices.definitions``) decides who edits and who sees it.
Marks ("utile", "reprise") are rows with a database unique constraint, never
counters, so that two clicks at once cannot count twice.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from extranet.models import Network, Structure, Territory
from extranet.models.search import SearchVectorIndex
from extranet.storage import private_storage
from extranet.validators import validate_no_html
from workflows.models import WorkflowObject


class PracticeTheme(models.TextChoices):
    RECEPTION = "reception", _("Accueil et premier niveau d'information")
    GUIDANCE = "guidance", _("Accompagnement et conseil en orientation")
    PARTNERSHIP = "partnership", _("Travail en réseau et partenariats locaux")
    DIGITAL = "digital", _("Outils et services numériques")
    EMPLOYERS = "employers", _("Relations avec les entreprises et les métiers")
    TRAINING = "training", _("Professionnalisation des équipes")
    EQUALITY = "equality", _("Égalité, mixité, lutte contre les stéréotypes")
    OUTREACH = "outreach", _("Aller vers les publics éloignés")


class PracticeAudience(models.TextChoices):
    PUPILS = "pupils", _("Collégien·nes et lycéen·nes")
    STUDENTS = "students", _("Étudiant·es")
    YOUNG = "young", _("Jeunes de 16 à 25 ans")
    JOBSEEKERS = "jobseekers", _("Demandeur·ses d'emploi")
    EMPLOYEES = "employees", _("Salarié·es en reconversion")
    DISABLED = "disabled", _("Personnes en situation de handicap")
    ALL = "all", _("Tous publics")
    PROFESSIONALS = "professionals", _("Professionnel·les de l'orientation")


TEXT_FIELDS = (
    "context",
    "problem",
    "description",
    "results",
    "conditions",
    "contacts",
)


def _text(label, max_length: int, *, blank: bool = False, help_text=""):
    return models.TextField(
        label,
        max_length=max_length,
        blank=blank,
        help_text=help_text,
        validators=[validate_no_html, MaxLengthValidator(max_length)],
    )


class PracticeQuerySet(models.QuerySet):
    def published(self) -> PracticeQuerySet:
        from collaboration.practices.definitions import PUBLISHED

        return self.filter(state=PUBLISHED)

    def with_marks(self) -> PracticeQuerySet:
        """Each practice with how many people found it useful and how many
        structures reused it (subqueries: one query for a whole list)."""
        useful = (
            PracticeUseful.objects.filter(practice=models.OuterRef("pk"))
            .values("practice")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        reused = (
            PracticeReuse.objects.filter(practice=models.OuterRef("pk"))
            .values("practice")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            useful_count=models.functions.Coalesce(models.Subquery(useful), 0),
            reuse_count=models.functions.Coalesce(models.Subquery(reused), 0),
        )


class Practice(WorkflowObject):
    """A good practice, as the structure that runs it describes it.

    Plain text with line breaks only (markup refused by ``validate_no_html``,
    shown escaped): a practice is read by every member of SPRO, so nothing in
    it may run in their browser. The tags (theme, audience, territory,
    network) are what the list filters on; territory and network default to
    the structure's.
    """

    structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("structure"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("rédigée par"),
    )
    title = models.CharField(_("titre"), max_length=160, validators=[validate_no_html])
    context = _text(_("contexte"), 3000)
    problem = _text(_("problème traité"), 3000)
    description = _text(_("la pratique"), 8000)
    results = _text(_("résultats obtenus"), 3000, blank=True)
    conditions = _text(_("conditions pour la reproduire"), 3000, blank=True)
    contacts = _text(
        _("contacts"),
        1000,
        blank=True,
        help_text=_("Qui joindre pour en savoir plus (fonction, courriel, téléphone)."),
    )
    theme = models.CharField(_("thème"), max_length=20, choices=PracticeTheme.choices)
    audience = models.CharField(
        _("public"), max_length=20, choices=PracticeAudience.choices
    )
    territory = models.ForeignKey(
        Territory,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("territoire"),
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("réseau"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    # Freshness: confirmed still true on this date (publication counts as
    # one); the referent is reminded once a year after it, the marker set
    # under the row's lock with the mail.
    checked_at = models.DateTimeField(_("vérifiée le"), null=True, blank=True)
    freshness_reminded_at = models.DateTimeField(
        _("rappel de mise à jour envoyé le"), null=True, blank=True
    )
    featured = models.BooleanField(_("à la une"), default=False)
    featured_at = models.DateTimeField(_("mise à la une le"), null=True, blank=True)
    # Title (A); context, problem and the practice itself (B); results and
    # conditions (C): kept by ``collaboration.practices.search.
    # refresh_practice_vectors`` after every write of the content (PostgreSQL
    # only; empty on SQLite, which searches by containment).
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("bonne pratique")
        verbose_name_plural = _("bonnes pratiques")
        ordering = ["-published_at", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "featured"]),
            SearchVectorIndex(fields=["search_vector"], name="practice_search_gin"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.pk])

    @property
    def state_label(self) -> str:
        from collaboration.practices.definitions import PRACTICE

        return str(PRACTICE.state_label(self.state))


class AttachmentKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Document Word")
    XLSX = "xlsx", _("Classeur Excel")
    PPTX = "pptx", _("Présentation PowerPoint")
    ODT = "odt", _("Texte OpenDocument")
    ODS = "ods", _("Classeur OpenDocument")
    ODP = "odp", _("Présentation OpenDocument")


def attachment_path(instance: PracticeAttachment, filename: str) -> str:
    return f"practices/{instance.practice_id}/{filename}"


class PracticeAttachment(models.Model):
    """A document joined to a practice (a tool, a leaflet, an evaluation),
    checked on its content, kept in private storage, downloaded only through
    a view that asks the practice's policy. The same file twice on one
    practice is refused (its fingerprint is unique there)."""

    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("bonne pratique"),
    )
    file = models.FileField(
        _("fichier"), upload_to=attachment_path, storage=private_storage
    )
    original_name = models.CharField(_("nom du fichier"), max_length=150)
    kind = models.CharField(_("type"), max_length=8, choices=AttachmentKind.choices)
    sha256 = models.CharField(_("empreinte"), max_length=64)
    size = models.PositiveIntegerField(_("taille (octets)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("déposé par"),
    )
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "sha256"], name="practice_attachment_once"
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class PracticeUseful(models.Model):
    """ "Utile": one person found this practice useful, once."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="useful_marks"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mention « utile »")
        verbose_name_plural = _("mentions « utile »")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "user"], name="practice_useful_once_per_person"
            )
        ]


class PracticeReuse(models.Model):
    """ "Nous l'avons reprise": one structure reused this practice, once."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="reuses"
    )
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="+")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reprise")
        verbose_name_plural = _("reprises")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "structure"],
                name="practice_reuse_once_per_structure",
            )
        ]


class PracticeDigestPreference(models.Model):
    """Whether a member receives the monthly digest of practices; set to
    false by the signed link of the mail, without logging in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="practice_digest_preference",
    )
    subscribed = models.BooleanField(_("reçoit la lettre des pratiques"), default=True)
    changed_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("abonnement à la lettre des pratiques")
        verbose_name_plural = _("abonnements à la lettre des pratiques")


class PracticeDigestSent(models.Model):
    """The digest of ``month`` was queued for ``user``: the unique pair makes
    the monthly task idempotent (a second run sends nothing)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    month = models.CharField(max_length=7)  # "2026-12"
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lettre des pratiques envoyée")
        verbose_name_plural = _("lettres des pratiques envoyées")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "month"], name="practice_digest_once_a_month"
            )
        ]
