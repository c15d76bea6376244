"""Local action plans, their annual review and the regional synthesis
(sections III, 4.1 and 4.2 of the framework).

One plan per territory and year, led by the territorial officer, follows the
workflow ``coordination.plans.definitions.LOCAL_PLAN``. Its actions are of three
kinds: professionalisation actions declined from the regional plan (linked to
its actions and sessions), local needs reported upward (each becomes a need of
GREF's census) and one or two partnership actions, each piloted by a member
structure of the territory, with partners, milestones and indicators. Once the
year is over, the plan's review (bilan) says what each action did; the
coordinator compiles the reviewed plans of a year into the regional synthesis
for the CREFOP commission, frozen in a numbered version once presented.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from extranet.validators import validate_no_html
from workflows.models import WorkflowObject


def _text(label, max_length: int = 4000, *, blank: bool = True, help_text=""):
    return models.TextField(
        label,
        max_length=max_length,
        blank=blank,
        help_text=help_text,
        validators=[validate_no_html, MaxLengthValidator(max_length)],
    )


class LocalPlan(WorkflowObject):
    """The action plan of one territory for one year."""

    territory = models.ForeignKey(
        "extranet.Territory",
        on_delete=models.PROTECT,
        related_name="local_plans",
        verbose_name=_("territoire"),
    )
    year = models.PositiveSmallIntegerField(_("année"))
    title = models.CharField(
        _("intitulé"), max_length=200, validators=[validate_no_html]
    )
    diagnosis = _text(
        _("diagnostic du territoire"),
        help_text=_("Ce que l'on sait des besoins, des publics et de l'offre locale."),
    )
    # The annual review (bilan), written once the plan is under review.
    review_summary = _text(_("bilan d'ensemble"))
    review_difficulties = _text(_("difficultés rencontrées"))
    review_participation = _text(_("participation des structures"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan d'action local")
        verbose_name_plural = _("plans d'action locaux")
        ordering = ["-year", "territory__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year"],
                name="coordination_one_plan_a_year",
                violation_error_message=_(
                    "Le plan de ce territoire pour cette année existe déjà."
                ),
            )
        ]

    def __str__(self) -> str:
        return _("Plan d'action %(year)s – %(territory)s") % {
            "year": self.year,
            "territory": self.territory.name,
        }

    def get_absolute_url(self) -> str:
        return reverse("localplans:detail", args=[self.pk])

    @property
    def state_label(self) -> str:
        from coordination.plans.definitions import LOCAL_PLAN

        return str(LOCAL_PLAN.state_label(self.state))


class ActionKind(models.TextChoices):
    PROFESSIONALISATION = (
        "professionalisation",
        _("Action de professionnalisation déclinée du plan régional"),
    )
    LOCAL_NEED = "local_need", _("Besoin local remonté au niveau régional")
    PARTNERSHIP = "partnership", _("Action partenariale")


class PartnershipTheme(models.TextChoices):
    COVERAGE = "coverage", _("Couverture territoriale des services")
    VULNERABLE = "vulnerable", _("Publics en difficulté")
    RECEPTION_TO_ADVICE = "reception_to_advice", _("Du premier accueil au conseil")
    PEAKS = "peaks", _("Pics de demande")
    OTHER = "other", _("Autre problématique du territoire")


class ActionOutcome(models.TextChoices):
    DONE = "done", _("Réalisée")
    PARTLY = "partly", _("Réalisée en partie")
    NOT_DONE = "not_done", _("Non réalisée")
    POSTPONED = "postponed", _("Reportée à l'an prochain")


class LocalAction(models.Model):
    """One action of a local plan. The fields a kind does not use stay empty."""

    plan = models.ForeignKey(
        LocalPlan,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("plan"),
    )
    kind = models.CharField(_("type d'action"), max_length=24, choices=ActionKind)
    title = models.CharField(
        _("intitulé"), max_length=200, validators=[validate_no_html]
    )
    description = _text(_("description"))
    # Professionalisation: declined from the regional plan.
    plan_action = models.ForeignKey(
        "training.PlanAction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_actions",
        verbose_name=_("action du plan régional"),
    )
    sessions = models.ManyToManyField(
        "training.TrainingSession",
        blank=True,
        related_name="local_actions",
        verbose_name=_("sessions organisées sur le territoire"),
    )
    # Local need: reported to GREF's census.
    audience = models.CharField(_("public concerné"), max_length=300, blank=True)
    people = models.PositiveIntegerField(
        _("nombre de personnes"), null=True, blank=True
    )
    need = models.OneToOneField(
        "training.Need",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="local_action",
        verbose_name=_("besoin transmis au recensement"),
    )
    # Partnership: a problem of the territory, piloted by a member structure.
    theme = models.CharField(
        _("problématique"),
        max_length=24,
        choices=PartnershipTheme,
        blank=True,
    )
    problem = _text(_("problème traité"))
    objectives = _text(_("objectifs"))
    indicators = _text(
        _("indicateurs"),
        max_length=2000,
        help_text=_("Un indicateur par ligne, avec sa cible."),
    )
    pilot = models.ForeignKey(
        "extranet.Structure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="piloted_local_actions",
        verbose_name=_("structure pilote"),
    )
    # The review of this action (bilan).
    outcome = models.CharField(
        _("réalisation"), max_length=12, choices=ActionOutcome, blank=True
    )
    review_done = _text(_("ce qui a été fait"))
    review_participants = models.PositiveIntegerField(
        _("participant·es"), null=True, blank=True
    )
    review_results = _text(_("résultats au regard des indicateurs"))
    practices = models.ManyToManyField(
        "collaboration.Practice",
        blank=True,
        related_name="local_actions",
        verbose_name=_("bonnes pratiques issues de l'action"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[sessions, practices])

    class Meta:
        verbose_name = _("action locale")
        verbose_name_plural = _("actions locales")
        ordering = ["plan", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="partnership") | models.Q(pilot__isnull=False),
                name="coordination_partnership_has_pilot",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#action-{self.pk}"

    @property
    def is_partnership(self) -> bool:
        return self.kind == ActionKind.PARTNERSHIP

    def indicator_lines(self) -> list[str]:
        return [line.strip() for line in self.indicators.splitlines() if line.strip()]


class ActionPartner(models.Model):
    """An organisation of the region that joined a partnership action."""

    action = models.ForeignKey(
        LocalAction,
        on_delete=models.CASCADE,
        related_name="partners",
        verbose_name=_("action"),
    )
    organisation = models.ForeignKey(
        "extranet.Organisation",
        on_delete=models.PROTECT,
        related_name="local_partnerships",
        verbose_name=_("partenaire"),
    )
    role = models.CharField(
        _("contribution"), max_length=300, blank=True, validators=[validate_no_html]
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ajouté par"),
    )
    added_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partenaire d'une action")
        verbose_name_plural = _("partenaires d'une action")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "organisation"],
                name="coordination_partner_once",
                violation_error_message=_(
                    "Cette structure est déjà partenaire de l'action."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.organisation.name


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Prévu")
    STARTED = "started", _("En cours")
    DONE = "done", _("Atteint")
    LATE = "late", _("En retard")
    DROPPED = "dropped", _("Abandonné")


class Milestone(models.Model):
    """A dated step of a partnership action; its pilot keeps it up to date."""

    action = models.ForeignKey(
        LocalAction,
        on_delete=models.PROTECT,
        related_name="milestones",
        verbose_name=_("action"),
    )
    title = models.CharField(_("jalon"), max_length=200, validators=[validate_no_html])
    due_on = models.DateField(_("échéance"))
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=MilestoneStatus,
        default=MilestoneStatus.PLANNED,
    )
    progress = models.PositiveSmallIntegerField(
        _("avancement (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    note = _text(_("commentaire"), max_length=1000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("mis à jour par"),
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="coordination_milestone_progress_percent",
                violation_error_message=_("L'avancement va de 0 à 100 %."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class PlanComment(models.Model):
    """A contribution of a structure of the territory to the plan."""

    plan = models.ForeignKey(
        LocalPlan,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("plan"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur·e"),
    )
    organisation = models.ForeignKey(
        "extranet.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pour"),
    )
    text = _text(_("contribution"), max_length=2000, blank=False)
    created_at = models.DateTimeField(_("écrite le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution au plan")
        verbose_name_plural = _("contributions au plan")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.created_at:%d/%m/%Y}"


class RegionalSynthesis(models.Model):
    """The regional synthesis of one year's reviewed plans, for the CREFOP
    commission. A draft is recomputed from the records each time it is read;
    presenting it freezes its figures in ``figures`` and its text: a later
    change makes a new version."""

    year = models.PositiveSmallIntegerField(_("année"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(
        _("intitulé"), max_length=200, validators=[validate_no_html]
    )
    narrative = _text(_("analyse"), max_length=20000)
    recommendations = _text(_("préconisations"), max_length=10000)
    figures = models.JSONField(_("chiffres figés"), null=True, blank=True)
    presented_at = models.DateField(_("présentée le"), null=True, blank=True)
    presented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("présentée par"),
    )
    received_on = models.DateField(
        _("reçue par la commission le"), null=True, blank=True
    )
    received_reference = models.CharField(
        _("référence de la réception"), max_length=300, blank=True
    )
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        verbose_name=_("version précédente"),
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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("synthèse régionale")
        verbose_name_plural = _("synthèses régionales")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "version"],
                name="coordination_synthesis_version",
                violation_error_message=_(
                    "Cette version de la synthèse de l'année existe déjà."
                ),
            )
        ]

    def __str__(self) -> str:
        return _("Synthèse régionale %(year)s (version %(version)s)") % {
            "year": self.year,
            "version": self.version,
        }

    def get_absolute_url(self) -> str:
        return reverse("localplans:synthesis", args=[self.pk])

    @property
    def is_presented(self) -> bool:
        return self.presented_at is not None
