"""The resources for professionals (section 4.1): a library that GREF and the
Région curate (fiches métiers, financing of training, socio-economic data of
a territory, tools), read by every member of SPRO.

A resource is a document or a link. A document keeps every version ever
uploaded (``ResourceVersion``, numbered from 1, never changed or removed): the
current one is the highest number, and the earlier ones stay downloadable, with
who uploaded them, when and what changed. Files sit in private storage and
leave it only through a view that asks the resource's policy.

A resource is prepared (``draft``), published, and may be withdrawn and
published again; the history of the record says who did what and when.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from extranet.models import Territory
from extranet.storage import private_storage
from extranet.validators import validate_no_html

from .practices import AttachmentKind


class ResourceTheme(models.TextChoices):
    JOBS = "jobs", _("Métiers (fiches « Perspectives »)")
    FINANCING = "financing", _("Financement de la formation")
    TERRITORY_DATA = "territory_data", _("Données socio-économiques d'un territoire")
    TRAINING_OFFER = "training_offer", _("Offre de formation")
    TOOLS = "tools", _("Outils et méthodes d'orientation")
    FRAMEWORK = "framework", _("Textes et cadre du SPRO")


class ResourceStatus(models.TextChoices):
    DRAFT = "draft", _("En préparation")
    PUBLISHED = "published", _("Publiée")
    WITHDRAWN = "withdrawn", _("Retirée")


class ResourceQuerySet(models.QuerySet):
    def published(self) -> ResourceQuerySet:
        return self.filter(status=ResourceStatus.PUBLISHED)

    def with_current_version(self) -> ResourceQuerySet:
        """Each resource with its current version's number, kind, size and
        date (subqueries: one query for a whole list)."""
        latest = ResourceVersion.objects.filter(
            resource=models.OuterRef("pk")
        ).order_by("-number")
        return self.annotate(
            version_number=models.Subquery(latest.values("number")[:1]),
            version_kind=models.Subquery(latest.values("kind")[:1]),
            version_size=models.Subquery(latest.values("size")[:1]),
            version_at=models.Subquery(latest.values("uploaded_at")[:1]),
        )


class Resource(models.Model):
    """A document or a link of the professionals' library."""

    title = models.CharField(_("titre"), max_length=200)
    summary = models.TextField(
        _("présentation"),
        max_length=2000,
        help_text=_(
            "Ce que la ressource apporte, pour qui, d'où viennent les données."
        ),
        validators=[validate_no_html, MaxLengthValidator(2000)],
    )
    theme = models.CharField(_("thème"), max_length=20, choices=ResourceTheme.choices)
    territory = models.ForeignKey(
        Territory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("territoire"),
        help_text=_("Laisser vide pour une ressource qui vaut pour toute la Bretagne."),
    )
    url = models.URLField(
        _("adresse du lien"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text=_("Pour une ressource en ligne ; laisser vide pour un document."),
    )
    source = models.CharField(
        _("source"),
        max_length=150,
        blank=True,
        help_text=_("Qui produit la ressource (GREF Bretagne, Insee, Région…)."),
    )
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=ResourceStatus.choices,
        default=ResourceStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("créée par"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["status", "theme"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", args=[self.pk])

    @property
    def is_link(self) -> bool:
        return bool(self.url)

    @property
    def is_published(self) -> bool:
        return self.status == ResourceStatus.PUBLISHED

    @property
    def territory_text(self) -> str:
        return self.territory.name if self.territory_id else str(_("Toute la Bretagne"))


def version_path(instance: ResourceVersion, filename: str) -> str:
    return f"resources/{instance.resource_id}/v{instance.number}/{filename}"


class ResourceVersion(models.Model):
    """One uploaded version of a document resource, kept for good: checked on
    its content, numbered, with what changed."""

    resource = models.ForeignKey(
        Resource,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("ressource"),
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(
        _("fichier"), upload_to=version_path, storage=private_storage
    )
    original_name = models.CharField(_("nom du fichier"), max_length=150)
    kind = models.CharField(_("type"), max_length=8, choices=AttachmentKind.choices)
    sha256 = models.CharField(_("empreinte"), max_length=64)
    size = models.PositiveIntegerField(_("taille (octets)"))
    note = models.CharField(
        _("ce qui change"),
        max_length=300,
        blank=True,
        validators=[validate_no_html],
        help_text=_("Par exemple : « données 2026 », « nouvelle grille des aides »."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("déposée par"),
    )
    uploaded_at = models.DateTimeField(_("déposée le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("version d'une ressource")
        verbose_name_plural = _("versions des ressources")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "number"], name="resource_version_number_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} — v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("resources:download", args=[self.resource_id, self.number])
