"""Conventions (section V of the framework): who commits to what, for one year.

A convention has a kind (State–Région, Région–network, Région–network–structure),
a year, its parties, the engagements of each, a document and the signatures on
it. It follows one of the workflows of ``workflows.definitions.conventions``; the
engine alone writes its state.

Proof is kept: each version of the document is frozen with its SHA-256 hash once
produced, a signature points to the exact version it signed and repeats its hash,
and nothing here is ever deleted.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from extranet.storage import private_storage
from extranet.validators import validate_no_html
from workflows.models import AppendOnlyModel, WorkflowObject

from .definitions import (
    ABANDONED,
    CLOSED_STATES,
    GOVERNMENT_CONVENTION,
    IN_FORCE,
    NETWORK_CONVENTION,
    STRUCTURE_CONVENTION,
)


class ConventionKind(models.TextChoices):
    GOVERNMENT_REGION = "government_region", _("Convention État – Région")
    REGION_NETWORK = "region_network", _("Convention Région – réseau régional")
    STRUCTURE = "structure", _("Convention Région – réseau – structure")


class PartyKind(models.TextChoices):
    GOVERNMENT = "government", _("État")
    REGION = "region", _("Région Bretagne")
    NETWORK = "network", _("Réseau régional")
    STRUCTURE = "structure", _("Structure")


# The most a content field holds: about a page and a half of the document each,
# so that the whole convention stays a document of a few pages that renders in
# well under a second (``bench/convention_document.py``).
CONTENT_MAX_LENGTH = 5000
CONTENT_VALIDATORS = [validate_no_html, MaxLengthValidator(CONTENT_MAX_LENGTH)]

# Which workflow each kind follows.
KIND_WORKFLOW = {
    ConventionKind.STRUCTURE: STRUCTURE_CONVENTION.name,
    ConventionKind.REGION_NETWORK: NETWORK_CONVENTION.name,
    ConventionKind.GOVERNMENT_REGION: GOVERNMENT_CONVENTION.name,
}


class ConventionQuerySet(models.QuerySet):
    def for_year(self, year: int) -> ConventionQuerySet:
        return self.filter(year=year)

    def of_kind(self, kind: str) -> ConventionQuerySet:
        return self.filter(kind=kind)

    def in_force(self) -> ConventionQuerySet:
        return self.filter(state=IN_FORCE)

    def current(self) -> ConventionQuerySet:
        """Not abandoned: at most one per party and year."""
        return self.exclude(state__in=CLOSED_STATES)


class Convention(WorkflowObject):
    """A yearly convention between the Région and its partners (section V)."""

    kind = models.CharField(_("type"), max_length=20, choices=ConventionKind.choices)
    year = models.PositiveSmallIntegerField(
        _("année"), validators=[MinValueValidator(2014), MaxValueValidator(2100)]
    )
    structure = models.ForeignKey(
        "extranet.Structure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conventions",
        verbose_name=_("structure"),
    )
    network = models.ForeignKey(
        "extranet.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conventions",
        verbose_name=_("réseau"),
    )
    objectives = models.TextField(
        _("valeurs et objectifs partagés"),
        max_length=CONTENT_MAX_LENGTH,
        validators=CONTENT_VALIDATORS,
    )
    region_engagements = models.TextField(
        _("engagements de la Région"),
        max_length=CONTENT_MAX_LENGTH,
        blank=True,
        validators=CONTENT_VALIDATORS,
    )
    network_engagements = models.TextField(
        _("engagements du réseau"),
        max_length=CONTENT_MAX_LENGTH,
        blank=True,
        validators=CONTENT_VALIDATORS,
    )
    structure_engagements = models.TextField(
        _("engagements de la structure"),
        max_length=CONTENT_MAX_LENGTH,
        blank=True,
        validators=CONTENT_VALIDATORS,
    )
    government_engagements = models.TextField(
        _("engagements de l'État"),
        max_length=CONTENT_MAX_LENGTH,
        blank=True,
        validators=CONTENT_VALIDATORS,
    )
    specific_terms = models.TextField(
        _("modalités spécifiques de mise en œuvre"),
        max_length=CONTENT_MAX_LENGTH,
        blank=True,
        validators=CONTENT_VALIDATORS,
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("renouvelle la convention"),
    )
    renewal_reminded_at = models.DateTimeField(
        _("rappel de renouvellement envoyé le"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créée par"),
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords()

    objects = ConventionQuerySet.as_manager()

    class Meta:
        verbose_name = _("convention")
        verbose_name_plural = _("conventions")
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "structure"],
                condition=models.Q(kind="structure") & ~models.Q(state=ABANDONED),
                name="convention_one_per_structure_and_year",
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "network"],
                condition=models.Q(kind="region_network") & ~models.Q(state=ABANDONED),
                name="convention_one_per_network_and_year",
            ),
            models.UniqueConstraint(
                fields=["kind", "year"],
                condition=models.Q(kind="government_region")
                & ~models.Q(state=ABANDONED),
                name="convention_one_government_region_per_year",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind="structure",
                        structure__isnull=False,
                        network__isnull=False,
                    )
                    | models.Q(
                        kind="region_network",
                        structure__isnull=True,
                        network__isnull=False,
                    )
                    | models.Q(
                        kind="government_region",
                        structure__isnull=True,
                        network__isnull=True,
                    )
                ),
                name="convention_parties_match_kind",
            ),
        ]
        indexes = [models.Index(fields=["year", "kind", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} — {self.subject_name}"

    @property
    def subject_name(self) -> str:
        if self.kind == ConventionKind.STRUCTURE and self.structure_id:
            return self.structure.organisation.name
        if self.kind == ConventionKind.REGION_NETWORK and self.network_id:
            return self.network.name
        return _("État et Région Bretagne")

    @property
    def workflow_name(self) -> str:
        return KIND_WORKFLOW[self.kind]

    def get_absolute_url(self) -> str:
        return reverse("conventions:detail", args=[self.pk])

    @property
    def end_date(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    def clean(self) -> None:
        super().clean()
        if self.kind == ConventionKind.STRUCTURE and self.structure_id:
            if self.network_id and self.structure.network_id != self.network_id:
                raise ValidationError(
                    {"network": _("Le réseau doit être celui de la structure.")}
                )

    def engagement_fields(self) -> list[tuple[str, str]]:
        """(field name, label) of the engagements this kind of convention holds."""
        names = {
            ConventionKind.STRUCTURE: [
                "region_engagements",
                "network_engagements",
                "structure_engagements",
            ],
            ConventionKind.REGION_NETWORK: [
                "region_engagements",
                "network_engagements",
                "government_engagements",
            ],
            ConventionKind.GOVERNMENT_REGION: [
                "government_engagements",
                "region_engagements",
            ],
        }[self.kind]
        return [(n, str(self._meta.get_field(n).verbose_name)) for n in names]


class ConventionParty(models.Model):
    """One party to a convention, fixed when the convention is created."""

    convention = models.ForeignKey(
        Convention,
        on_delete=models.PROTECT,
        related_name="parties",
        verbose_name=_("convention"),
    )
    kind = models.CharField(_("qualité"), max_length=20, choices=PartyKind.choices)
    organisation = models.ForeignKey(
        "extranet.Organisation",
        on_delete=models.PROTECT,
        related_name="convention_parties",
        verbose_name=_("organisation"),
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partie")
        verbose_name_plural = _("parties")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "kind"], name="convention_party_unique_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} : {self.organisation}"


class ConventionDocument(AppendOnlyModel):
    """One version of a convention's document, frozen when it was produced.

    Its SHA-256 hash is computed from the stored bytes; a row is never changed nor
    deleted, so a signature always points at exactly what was signed.
    """

    convention = models.ForeignKey(
        Convention,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("convention"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(
        _("fichier"), storage=private_storage, upload_to="conventions/documents/"
    )
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("taille (octets)"))
    created_at = models.DateTimeField(_("produit le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("produit par"),
    )

    refusal = ValidationError
    never_changed = _(
        "Un document de convention produit ne peut plus changer : "
        "produisez une nouvelle version."
    )
    never_deleted = _("Un document de convention n'est jamais supprimé.")

    class Meta:
        verbose_name = _("document de convention")
        verbose_name_plural = _("documents de convention")
        ordering = ["convention", "-version"]
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "version"], name="convention_document_version"
            )
        ]

    def __str__(self) -> str:
        return _("Version %(version)s") % {"version": self.version}


class Signature(AppendOnlyModel):
    """A party's signature on one version of the document: who, when, which bytes."""

    party = models.ForeignKey(
        ConventionParty,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("partie"),
    )
    document = models.ForeignKey(
        ConventionDocument,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("document signé"),
    )
    sha256 = models.CharField(_("empreinte SHA-256 du document signé"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signataire"),
    )
    signer_name = models.CharField(_("nom du ou de la signataire"), max_length=200)
    signed_at = models.DateTimeField(_("signée le"))

    refusal = ValidationError
    never_changed = _("Une signature ne peut pas être modifiée.")
    never_deleted = _("Une signature n'est jamais supprimée.")

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "document"], name="signature_once_per_party"
            )
        ]

    def __str__(self) -> str:
        return f"{self.signer_name} — {self.party}"


class ConventionAttachment(models.Model):
    """A PDF added to a convention (the signed paper copy, an annex). Never deleted."""

    convention = models.ForeignKey(
        Convention,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("convention"),
    )
    file = models.FileField(
        _("fichier"), storage=private_storage, upload_to="conventions/pieces/"
    )
    original_name = models.CharField(_("nom du fichier"), max_length=200)
    description = models.CharField(
        _("description"), max_length=200, validators=[validate_no_html]
    )
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("taille (octets)"))
    uploaded_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ajoutée par"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "sha256"], name="attachment_once_per_convention"
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class SignatureCampaign(models.Model):
    """The Région's date by which the structures of a year should have signed:
    the regional follow-up measures lateness against it (section V)."""

    year = models.PositiveSmallIntegerField(
        _("année"),
        unique=True,
        validators=[MinValueValidator(2014), MaxValueValidator(2100)],
    )
    due_date = models.DateField(_("date limite de signature"))
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modifiée par"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campagne de signature")
        verbose_name_plural = _("campagnes de signature")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(_("Campagne %(year)s") % {"year": self.year})

    def clean(self) -> None:
        if (
            self.due_date
            and self.year
            and not (self.year - 1 <= self.due_date.year <= self.year)
        ):
            raise ValidationError(
                {
                    "due_date": _(
                        "La date limite doit tomber dans l'année %(year)s ou à la "
                        "fin de la précédente."
                    )
                    % {"year": self.year}
                }
            )


# Without a campaign date set by the Région, a year's signatures are due by the
# end of its first quarter.
DEFAULT_CAMPAIGN_DUE = (3, 31)


def campaign_due_date(year: int) -> tuple[datetime.date, bool]:
    """The signature deadline of ``year``, and whether the Région set it."""
    campaign = SignatureCampaign.objects.filter(year=year).first()
    if campaign is not None:
        return campaign.due_date, True
    return datetime.date(year, *DEFAULT_CAMPAIGN_DUE), False
