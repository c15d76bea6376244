"""The governance bodies of SPRO (section III of the framework) and the PSAD.

A body (``Body``: the regional political group, the regional technical group,
the steering committee of the professionalisation plan, the CREFOP commission
"Orientation tout au long de la vie", the PSAD coordination committee) has
members (``BodyMember``: a person, the organisation they represent, their
quality), meetings (``Meeting``: date, agenda, documents, attendance, minutes)
and recorded decisions (``Decision``), which may be linked to what they decide
(``coordination.governance.links``).

The secretariat of every body is the Région's coordination; GREF is
co-secretariat of the steering committee (``Body.co_secretariat``). Members
read their bodies; nobody else does. Minutes go draft → approved → published,
and a member reads them only once published.

A PSAD (``Platform``) is an organisation of its own kind, run by a pilot
structure, over territories, with partner structures.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collaboration.models.practices import AttachmentKind
from extranet.models import Organisation, OrganisationKind, Structure, Territory
from extranet.storage import private_storage
from extranet.validators import validate_no_html


class BodyKind(models.TextChoices):
    GPR = "gpr", _("Groupe politique régional (GPR)")
    GTR = "gtr", _("Groupe technique régional (GTR)")
    STEERING = "steering", _("Comité de pilotage du plan de professionnalisation")
    CREFOP = "crefop", _("Commission « Orientation tout au long de la vie » du CREFOP")
    PSAD_COMMITTEE = "psad_committee", _("Comité de coordination des PSAD")


class Body(models.Model):
    """One governance body: its kind (one body per kind), its name and, for
    the steering committee, its co-secretariat (GREF)."""

    kind = models.CharField(
        _("nature"), max_length=20, choices=BodyKind.choices, unique=True
    )
    name = models.CharField(_("nom"), max_length=200)
    short_name = models.CharField(_("sigle"), max_length=30, blank=True)
    description = models.TextField(
        _("rôle"),
        max_length=2000,
        blank=True,
        validators=[validate_no_html, MaxLengthValidator(2000)],
    )
    co_secretariat = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_secretariat_of",
        verbose_name=_("co-secrétariat"),
        help_text=_(
            "Avec la coordination régionale, qui tient le secrétariat "
            "(le GREF pour le comité de pilotage du plan de professionnalisation)."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instance")
        verbose_name_plural = _("instances")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:body", args=[self.pk])


class BodyMemberQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> BodyMemberQuerySet:
        """Members on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(since__lte=on).filter(
            models.Q(until__isnull=True) | models.Q(until__gte=on)
        )


class BodyMember(models.Model):
    """A person sitting in a body, for the organisation they represent."""

    body = models.ForeignKey(
        Body,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("instance"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="body_seats",
        verbose_name=_("personne"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body_seats",
        verbose_name=_("organisation représentée"),
    )
    quality = models.CharField(
        _("qualité"),
        max_length=80,
        default="membre",
        validators=[validate_no_html],
        help_text=_("Par exemple « président·e », « membre », « suppléant·e »."),
    )
    is_chair = models.BooleanField(
        _("préside l'instance"),
        default=False,
        help_text=_("La présidence approuve les comptes rendus."),
    )
    since = models.DateField(_("membre depuis le"), default=timezone.localdate)
    until = models.DateField(_("membre jusqu'au"), null=True, blank=True)

    history = HistoricalRecords()
    objects = BodyMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("membre d'une instance")
        verbose_name_plural = _("membres des instances")
        ordering = ["-is_chair", "user__last_name", "user__first_name", "pk"]

    def __str__(self) -> str:
        return f"{self.user.get_full_name()} ({self.quality})"


class MinutesStatus(models.TextChoices):
    NONE = "none", _("Pas encore rédigé")
    DRAFT = "draft", _("Projet de compte rendu")
    APPROVED = "approved", _("Approuvé")
    PUBLISHED = "published", _("Publié aux membres")


class Meeting(models.Model):
    """A meeting of a body: its agenda, documents, attendance and minutes."""

    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("instance"),
    )
    held_on = models.DateTimeField(_("date et heure"))
    place = models.CharField(
        _("lieu"), max_length=200, blank=True, validators=[validate_no_html]
    )
    agenda = models.TextField(
        _("ordre du jour"),
        max_length=5000,
        validators=[validate_no_html, MaxLengthValidator(5000)],
    )
    minutes = models.TextField(
        _("compte rendu"),
        max_length=20000,
        blank=True,
        validators=[validate_no_html, MaxLengthValidator(20000)],
    )
    minutes_status = models.CharField(
        _("état du compte rendu"),
        max_length=10,
        choices=MinutesStatus.choices,
        default=MinutesStatus.NONE,
    )
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("compte rendu approuvé par"),
    )
    minutes_approved_at = models.DateTimeField(
        _("compte rendu approuvé le"), null=True, blank=True
    )
    minutes_published_at = models.DateTimeField(
        _("compte rendu publié le"), null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réunion")
        verbose_name_plural = _("réunions")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.body} — {timezone.localtime(self.held_on):%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", args=[self.pk])

    @property
    def minutes_published(self) -> bool:
        return self.minutes_status == MinutesStatus.PUBLISHED


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Présent·e")
    EXCUSED = "excused", _("Excusé·e")
    ABSENT = "absent", _("Absent·e")


class Attendance(models.Model):
    """Whether a member attended a meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        BodyMember, on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(
        _("présence"), max_length=10, choices=AttendanceStatus.choices
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="coordination_attendance_once"
            )
        ]


def meeting_document_path(instance: MeetingDocument, filename: str) -> str:
    return f"governance/{instance.meeting_id}/{filename}"


class MeetingDocument(models.Model):
    """A document of a meeting (agenda, slides, report), checked on its
    content, kept in private storage and served only to the body's readers."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("réunion"),
    )
    title = models.CharField(_("titre"), max_length=200, validators=[validate_no_html])
    file = models.FileField(
        _("fichier"), storage=private_storage, upload_to=meeting_document_path
    )
    original_name = models.CharField(_("nom du fichier"), max_length=150)
    kind = models.CharField(_("format"), max_length=10, choices=AttachmentKind.choices)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("taille"))
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
        verbose_name = _("document de réunion")
        verbose_name_plural = _("documents de réunion")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:document", args=[self.pk])


class Decision(models.Model):
    """A decision recorded by a body at a meeting, optionally linked to what
    it decides (``subject_key`` names a ``DecisionSubject`` of
    ``coordination.governance.links``; the object is content type + id)."""

    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("instance"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("réunion"),
    )
    number = models.CharField(_("numéro"), max_length=30, validators=[validate_no_html])
    decided_on = models.DateField(_("date"))
    text = models.TextField(
        _("texte de la décision"),
        max_length=5000,
        validators=[validate_no_html, MaxLengthValidator(5000)],
    )
    subject_key = models.CharField(_("objet"), max_length=50, blank=True)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveIntegerField(null=True, blank=True)
    subject_label = models.CharField(_("ce qui est décidé"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("enregistrée par"),
    )
    recorded_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("décision")
        verbose_name_plural = _("décisions")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"], name="coordination_decision_number"
            )
        ]

    def __str__(self) -> str:
        return _("Décision n° %(number)s") % {"number": self.number}


class Platform(models.Model):
    """A PSAD (plate-forme de suivi et d'appui aux décrocheurs): its own kind
    of organisation, run by a pilot structure whose referents act for it, over
    territories, with partner structures. It contributes to local plans like
    any structure."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="platform",
        limit_choices_to={"kind": OrganisationKind.PSAD},
        verbose_name=_("organisation"),
    )
    pilot = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="piloted_platforms",
        verbose_name=_("structure pilote"),
    )
    territories = models.ManyToManyField(
        Territory, related_name="platforms", verbose_name=_("territoires")
    )
    partners = models.ManyToManyField(
        Structure,
        related_name="platforms",
        blank=True,
        verbose_name=_("structures partenaires"),
    )
    contact_name = models.CharField(
        _("contact"), max_length=150, blank=True, validators=[validate_no_html]
    )
    contact_email = models.EmailField(_("courriel"), blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    # Territories and partners are what an edit of a PSAD changes most: their
    # history is kept too (one row per change, with the acting user).
    history = HistoricalRecords(m2m_fields=[territories, partners])

    class Meta:
        verbose_name = _("PSAD")
        verbose_name_plural = _("PSAD")
        ordering = ["organisation__name", "pk"]

    def __str__(self) -> str:
        return self.organisation.name
