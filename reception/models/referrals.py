"""A referral ("mise en relation") and the consent it rests on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from extranet.models import Service, Structure
from extranet.validators import validate_no_html
from workflows.models import WorkflowObject

from .personal import PersonalRecord
from .receptions import Reception, Urgency


class ContactChannel(models.TextChoices):
    """How the person wishes the receiving structure to reach them."""

    PHONE = "phone", _("Par téléphone")
    MAIL = "mail", _("Par courriel")
    FACE_TO_FACE = "face_to_face", _("La personne se présente à la structure")
    APPOINTMENT = "appointment", _("Au rendez-vous pris pour elle")


class DeclineReason(models.TextChoices):
    FULL = "full", _("Service ou session complet")
    NOT_OFFERED = "not_offered", _("Ce service n'est pas proposé ici")
    OUT_OF_AREA = "out_of_area", _("Hors de notre territoire")
    NOT_ELIGIBLE = "not_eligible", _("La personne ne relève pas de notre public")
    ALREADY_FOLLOWED = "already_followed", _("Déjà accompagnée par une autre structure")
    UNREACHABLE = "unreachable", _("La personne n'a pas pu être jointe")
    OTHER = "other", _("Autre motif (précisé)")


class Referral(PersonalRecord, WorkflowObject):
    """One person's request passed from a structure to another, with consent.

    The receiving structure reads only what the person agreed to share
    (``share_situation``, ``share_summary``) and what its service needs: the
    request, the urgency and the contact channel chosen (with the contact, if
    the person gave one). The ``PERSONAL_FIELDS`` are erased when the consent is
    withdrawn or the retention period ends.
    """

    PERSONAL_FIELDS = ("person_label", "contact", "request", "decline_note")

    reception = models.ForeignKey(
        Reception,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("accueil"),
    )
    from_structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("structure qui oriente"),
    )
    to_structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("structure destinataire"),
    )
    service = models.CharField(
        _("service demandé"), max_length=20, choices=Service.choices
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("envoyée par"),
    )
    sent_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    urgency = models.CharField(
        _("urgence"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    contact_channel = models.CharField(
        _("être recontacté·e"), max_length=20, choices=ContactChannel.choices
    )
    share_situation = models.BooleanField(
        _("partager la tranche d'âge et la situation"), default=False
    )
    share_summary = models.BooleanField(
        _("partager le point de situation"), default=False
    )

    # Personal fields (with those of PersonalRecord) -------------------------
    request = models.TextField(
        _("la demande"), max_length=2000, blank=True, validators=[validate_no_html]
    )
    decline_note = models.TextField(
        _("précision sur le refus"),
        max_length=1000,
        blank=True,
        validators=[validate_no_html],
    )
    # ------------------------------------------------------------------------

    decline_reason = models.CharField(
        _("motif du refus"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    proposed_structure = models.ForeignKey(
        Structure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("autre structure proposée"),
    )
    proposed_date = models.DateField(_("autre date proposée"), null=True, blank=True)
    decided_at = models.DateTimeField(_("réponse le"), null=True, blank=True)
    # Reminders of an unanswered referral (``reception.reminders``): how many
    # were sent, and when the territorial officer was told it is overdue.
    reminders_sent = models.PositiveSmallIntegerField(_("relances envoyées"), default=0)
    escalated_at = models.DateTimeField(
        _("signalée à la mission territoriale le"), null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mise en relation")
        verbose_name_plural = _("mises en relation")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["to_structure", "state"]),
            models.Index(fields=["from_structure", "state"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="declined") | ~models.Q(decline_reason=""),
                name="referral_decline_has_a_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_structure=models.F("to_structure")),
                name="referral_to_another_structure",
            ),
        ]

    def __str__(self) -> str:
        return _("Mise en relation n° %(pk)s vers %(to)s") % {
            "pk": self.pk,
            "to": self.to_structure.name if self.to_structure_id else "",
        }

    def get_absolute_url(self) -> str:
        return reverse("reception:referral", args=[self.pk])

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def state_label(self) -> str:
        from ..definitions import REFERRAL

        return str(REFERRAL.state_label(self.state))


class ConsentMethod(models.TextChoices):
    ORAL = "oral", _("Oral, recueilli par le ou la professionnel·le")
    WRITTEN = "written", _("Écrit, signé par la personne")
    ONLINE = "online", _("En ligne, par la personne")


class Consent(models.Model):
    """The person's consent to one referral: for this recipient and purpose,
    how it was given, when, recorded by whom, and the very text shown. Never
    changed, except once: its withdrawal (when, by whom), which stops the
    referral and erases its personal data.

    At the end of retention only its free text goes (``PERSONAL_FIELDS``: the
    purpose and the text shown may name the person's situation); the record
    itself (recipient, how, when, by whom, withdrawn) stays as proof.
    """

    PERSONAL_FIELDS = ("purpose", "text_shown")

    referral = models.OneToOneField(
        Referral,
        on_delete=models.PROTECT,
        related_name="consent",
        verbose_name=_("mise en relation"),
    )
    recipient = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("destinataire"),
    )
    purpose = models.CharField(_("finalité"), max_length=300)
    method = models.CharField(
        _("recueilli"), max_length=10, choices=ConsentMethod.choices
    )
    text_shown = models.TextField(_("texte présenté à la personne"))
    given_at = models.DateTimeField(_("donné le"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recueilli par"),
    )
    withdrawn_at = models.DateTimeField(_("retiré le"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("retrait enregistré par"),
        help_text=_("Vide quand la personne l'a retiré elle-même en ligne."),
    )
    erased_at = models.DateTimeField(_("texte effacé le"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("consentements")

    def __str__(self) -> str:
        return _("Consentement à la mise en relation n° %(pk)s") % {
            "pk": self.referral_id
        }

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
