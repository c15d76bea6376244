"""Surveys that keep their promise of anonymity (section VI of the framework).

Definitions
    ``Survey`` (a kind, a version), its ``Section`` s and ``Question`` s of the
    usual types, with an optional simple condition (show B if A = x). A survey
    with answers is never changed under them: a change makes version n+1
    (``services.survey_new_version``).

Campaigns
    ``Campaign``: a survey, a period, a target and a mode (public
    satisfaction, peer survey, session evaluation). What a response may carry
    (its structure or nothing) and the threshold under which results are
    hidden are fixed when the campaign opens and can only get stricter.
    ``PublicLink``: one link per structure of a public campaign.
    ``Invitation``: one single-use link per person of a peer survey or a
    session evaluation; only a hash of its token is kept.

Answers
    ``Response`` and ``Answer`` hold what was answered and nothing that could
    say who answered: random identifiers (no sequence that orders them), no
    user, no invitation, no address, no browser, no session, and a date
    coarsened to the Monday of its week. They keep no history (a history row
    would carry the exact time). A response waits in ``PendingResponse``
    until a batch of them is written in a random order. Invitations record
    that their person answered, not what nor when: the two tables share no column.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from extranet.models import Structure
from extranet.validators import validate_no_html

# The threshold the French tax administration applies to data about people;
# a campaign may raise it, never put it under MIN_THRESHOLD.
DEFAULT_THRESHOLD = 11
# Invitations name a person: erased this long after their campaign closed.
INVITATION_RETENTION_DAYS = 30
MIN_THRESHOLD = 5
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 3000


class SurveyKind(models.TextChoices):
    PUBLIC = "public", _("Satisfaction du public")
    PEER = "peer", _("Enquête auprès des professionnels")
    GRID = "grid", _("Grille d'analyse partagée")
    SESSION = "session", _("Évaluation d'une session de formation")


class Survey(models.Model):
    """A questionnaire, in one version. ``national`` marks the public
    satisfaction survey whose questions are the State's, kept unchanged so
    that results compare with its barometers."""

    kind = models.CharField(_("nature"), max_length=20, choices=SurveyKind.choices)
    title = models.CharField(_("titre"), max_length=200, validators=[validate_no_html])
    introduction = models.TextField(
        _("introduction"),
        max_length=2000,
        blank=True,
        validators=[validate_no_html, MaxLengthValidator(2000)],
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        verbose_name=_("version précédente"),
    )
    national = models.BooleanField(
        _("questions nationales"),
        default=False,
        help_text=_(
            "Le libellé des questions du baromètre national ne se modifie pas."
        ),
    )
    archived = models.BooleanField(_("archivée"), default=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["title", "-version"]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey", args=[self.pk])

    @property
    def has_answers(self) -> bool:
        return Response.objects.filter(campaign__survey=self).exists()


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    title = models.CharField(_("titre"), max_length=200, validators=[validate_no_html])
    description = models.TextField(
        _("présentation"),
        max_length=1000,
        blank=True,
        validators=[validate_no_html, MaxLengthValidator(1000)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partie")
        verbose_name_plural = _("parties")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Choix unique")
    MULTIPLE = "multiple", _("Choix multiple")
    SCALE = "scale", _("Échelle")
    YES_NO = "yes_no", _("Oui / non")
    SHORT_TEXT = "short_text", _("Texte court")
    LONG_TEXT = "long_text", _("Texte long")
    MATRIX = "matrix", _("Tableau (plusieurs lignes, mêmes choix)")


CHOICE_TYPES = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.MATRIX)
TEXT_TYPES = (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT)


class Question(models.Model):
    """One question. ``choices`` (and a matrix's ``rows``) are lists of
    ``{"value": ..., "label": ...}``: the value is what answers store, so a
    label's wording can be corrected without touching them."""

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Identifiant stable de la question dans les exports."),
    )
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    label = models.CharField(
        _("libellé"), max_length=300, validators=[validate_no_html]
    )
    help_text = models.CharField(
        _("aide"), max_length=300, blank=True, validators=[validate_no_html]
    )
    required = models.BooleanField(_("obligatoire"), default=False)
    choices = models.JSONField(_("choix"), default=list, blank=True)
    rows = models.JSONField(_("lignes du tableau"), default=list, blank=True)
    scale_min = models.SmallIntegerField(_("minimum de l'échelle"), default=1)
    scale_max = models.SmallIntegerField(_("maximum de l'échelle"), default=5)
    scale_min_label = models.CharField(
        _("libellé du minimum"), max_length=60, blank=True
    )
    scale_max_label = models.CharField(
        _("libellé du maximum"), max_length=60, blank=True
    )
    condition_question = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dependants",
        verbose_name=_("afficher seulement si la question"),
    )
    condition_value = models.CharField(_("a pour réponse"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "code"], name="surveys_question_code_per_section"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"

    def choice_values(self) -> list[str]:
        if self.type == QuestionType.YES_NO:
            return ["oui", "non"]
        if self.type == QuestionType.SCALE:
            return [str(v) for v in range(self.scale_min, self.scale_max + 1)]
        return [str(c["value"]) for c in self.choices]

    def choice_labels(self) -> list[tuple[str, str]]:
        if self.type == QuestionType.YES_NO:
            return [("oui", str(_("Oui"))), ("non", str(_("Non")))]
        if self.type == QuestionType.SCALE:
            labels = []
            for v in range(self.scale_min, self.scale_max + 1):
                text = str(v)
                if v == self.scale_min and self.scale_min_label:
                    text = f"{v} – {self.scale_min_label}"
                if v == self.scale_max and self.scale_max_label:
                    text = f"{v} – {self.scale_max_label}"
                labels.append((str(v), text))
            return labels
        return [(str(c["value"]), str(c["label"])) for c in self.choices]

    def row_labels(self) -> list[tuple[str, str]]:
        return [(str(r["value"]), str(r["label"])) for r in self.rows]


class CampaignMode(models.TextChoices):
    PUBLIC = "public", _("Satisfaction du public")
    PEER = "peer", _("Enquête entre pairs / grille d'analyse")
    SESSION = "session", _("Évaluation de session")


class CampaignState(models.TextChoices):
    DRAFT = "draft", _("En préparation")
    OPEN = "open", _("Ouverte")
    CLOSED = "closed", _("Close")


class Attribution(models.TextChoices):
    """What a response carries besides the campaign: from the strictest."""

    NONE = "none", _("Aucune : seule la campagne est connue")
    STRUCTURE = "structure", _("La structure concernée")


ATTRIBUTION_STRICTNESS = {Attribution.NONE: 1, Attribution.STRUCTURE: 0}


class PeerTarget(models.TextChoices):
    STAFF = "staff", _("Les professionnels et référents des structures")
    REFERENTS = "referents", _("Les référents des structures")


class Campaign(models.Model):
    """A survey sent out over a period to a target, in one mode."""

    survey = models.ForeignKey(
        Survey,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("questionnaire"),
    )
    title = models.CharField(_("titre"), max_length=200, validators=[validate_no_html])
    mode = models.CharField(_("mode"), max_length=20, choices=CampaignMode.choices)
    state = models.CharField(
        _("état"),
        max_length=20,
        choices=CampaignState.choices,
        default=CampaignState.DRAFT,
    )
    opens_on = models.DateField(_("ouverture le"))
    closes_on = models.DateField(_("clôture le"))
    attribution = models.CharField(
        _("rattachement des réponses"),
        max_length=20,
        choices=Attribution.choices,
        default=Attribution.STRUCTURE,
    )
    threshold = models.PositiveSmallIntegerField(
        _("seuil de diffusion"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(MIN_THRESHOLD)],
        help_text=_(
            "En dessous de ce nombre de réponses, un résultat n'est pas affiché "
            "(jamais moins de 5)."
        ),
    )
    release_after = models.PositiveIntegerField(
        _("résultats visibles à partir de"),
        null=True,
        blank=True,
        help_text=_(
            "Nombre de réponses à partir duquel les résultats sont visibles avant "
            "la clôture ; vide : à la clôture seulement."
        ),
    )
    structures = models.ManyToManyField(
        Structure,
        blank=True,
        related_name="survey_campaigns",
        verbose_name=_("structures concernées"),
    )
    peer_target = models.CharField(
        _("personnes invitées"),
        max_length=20,
        choices=PeerTarget.choices,
        default=PeerTarget.STAFF,
    )
    session = models.OneToOneField(
        "training.TrainingSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluation_campaign",
        verbose_name=_("session évaluée"),
    )
    published = models.BooleanField(_("résultats publiés sur le site"), default=False)
    # Once the invitations are erased (``INVITATION_RETENTION_DAYS`` after the
    # close), what is left of them: how many were sent and how many served.
    invited_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    answered_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold__gte=MIN_THRESHOLD),
                name="surveys_campaign_threshold_min",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="surveys_campaign_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:campaign", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == CampaignState.OPEN

    def accepts_answers(self, today: datetime.date) -> bool:
        return self.is_open and self.opens_on <= today <= self.closes_on


class PublicLink(models.Model):
    """The link (and QR-code poster) of one structure in a public campaign."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="public_links"
    )
    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="survey_links"
    )
    token = models.CharField(max_length=32, unique=True)

    class Meta:
        verbose_name = _("lien public")
        verbose_name_plural = _("liens publics")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "structure"], name="surveys_one_link_per_structure"
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("surveys_public:answer", args=[self.token])


class Invitation(models.Model):
    """One person's single-use link. Only the SHA-256 of its token is kept;
    ``answered`` says that it served, never what nor when."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    structure = models.ForeignKey(
        Structure, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    answered = models.BooleanField(default=False)
    reminders = models.PositiveSmallIntegerField(default=0)
    last_reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user"], name="surveys_one_invitation_per_person"
            )
        ]


class Response(models.Model):
    """One anonymous response: see the module's docstring for what it may not
    hold. ``week`` is the Monday of the week it came in; ``on_behalf`` says a
    professional entered it for a person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="responses"
    )
    structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    week = models.DateField(_("semaine"))
    on_behalf = models.BooleanField(_("saisie pour la personne"), default=False)

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        indexes = [models.Index(fields=["campaign", "structure"])]


class PendingResponse(models.Model):
    """A response handed in and not yet stored among the others.

    Responses are written to ``Response`` in batches, in a random order, once
    a campaign has enough of them waiting (its threshold) or when it closes
    (``services.responses_flush``): the order and the transaction of the
    writes in the database then say nothing of who answered when, even next
    to the server's logs or an invitation's change. ``payload`` holds the
    answers exactly as the response will; nothing else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="pending_responses"
    )
    payload = models.JSONField()

    class Meta:
        verbose_name = _("réponse en attente")
        verbose_name_plural = _("réponses en attente")


class Moderation(models.TextChoices):
    PENDING = "pending", _("À modérer")
    APPROVED = "approved", _("Publiable")
    REJECTED = "rejected", _("Écartée")


class Answer(models.Model):
    """One answer of a response to one question (for a multiple choice, one
    row per ticked choice; for a matrix, one per line). Free text waits for
    moderation before anyone reads it in the results."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers"
    )
    row = models.CharField(max_length=60, blank=True)
    value = models.CharField(max_length=60, blank=True)
    text = models.TextField(blank=True, max_length=LONG_TEXT_MAX)
    moderation = models.CharField(max_length=10, choices=Moderation.choices, blank=True)

    class Meta:
        verbose_name = _("réponse à une question")
        verbose_name_plural = _("réponses aux questions")
        indexes = [models.Index(fields=["question", "value"])]


class Tally(models.Model):
    """How many answers a campaign's structure got, per year, question, line
    and value: kept by ``services.responses_flush`` as it writes the answers,
    so that the evaluation reads a few thousand counts instead of a million
    answers. It holds nothing the results do not show (before their
    suppression), and nothing about a person."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="tallies"
    )
    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="tallies"
    )
    row = models.CharField(max_length=60, blank=True)
    value = models.CharField(max_length=60, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("décompte de réponses")
        verbose_name_plural = _("décomptes de réponses")
        indexes = [models.Index(fields=["year", "question"])]
