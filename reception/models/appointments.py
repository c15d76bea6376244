"""Bookable slots a structure publishes, and the appointments booked in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from extranet.models import Service, Structure
from extranet.validators import validate_no_html

from .personal import PersonalRecord
from .receptions import Reception
from .referrals import Referral


class SlotChannel(models.TextChoices):
    PLACE = "place", _("Sur place")
    PHONE = "phone", _("Par téléphone")
    VISIO = "visio", _("En visioconférence")


class BookableBy(models.TextChoices):
    """Who may book a slot (each level includes the ones before)."""

    STAFF = "staff", _("L'équipe de la structure")
    REFERRERS = "referrers", _("Les professionnel·les du SPRO qui orientent")
    PUBLIC = "public", _("Le public, en ligne")


BOOKERS_ORDER = {BookableBy.STAFF: 0, BookableBy.REFERRERS: 1, BookableBy.PUBLIC: 2}


class SlotQuerySet(models.QuerySet):
    def open_for_booking(self, at=None) -> SlotQuerySet:
        """Slots not cancelled, in their booking window, not taken."""
        at = at or timezone.now()
        return self.filter(
            cancelled_at__isnull=True,
            books_from__lte=at,
            books_until__gt=at,
            starts_at__gt=at,
        ).exclude(appointments__status__in=TAKING_STATUSES)


class Slot(models.Model):
    """One bookable time of a structure, for one service and one channel."""

    structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="slots",
        verbose_name=_("structure"),
    )
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    channel = models.CharField(
        _("modalité"), max_length=10, choices=SlotChannel.choices
    )
    starts_at = models.DateTimeField(_("début"), db_index=True)
    ends_at = models.DateTimeField(_("fin"))
    place = models.CharField(
        _("lieu ou précisions"),
        max_length=200,
        blank=True,
        validators=[validate_no_html],
    )
    bookable_by = models.CharField(
        _("qui peut réserver"), max_length=10, choices=BookableBy.choices
    )
    books_from = models.DateTimeField(_("réservable à partir du"))
    books_until = models.DateTimeField(_("réservable jusqu'au"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)

    history = HistoricalRecords()

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("créneau de rendez-vous")
        verbose_name_plural = _("créneaux de rendez-vous")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["structure", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="slot_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(books_until__lte=models.F("starts_at")),
                name="slot_booking_closes_before_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return _("Créneau du %(when)s") % {"when": self.when}

    @property
    def when(self) -> str:
        """ "mardi 8 décembre 2026 à 10 h 00"."""
        from notifications.formats import long_date, time_of_day

        local = timezone.localtime(self.starts_at)
        return _("%(date)s à %(time)s") % {
            "date": long_date(local.date(), weekday=True),
            "time": time_of_day(local.time()),
        }

    @property
    def label(self) -> str:
        """What a choice of slot reads: when, which service, how."""
        return (
            f"{self.when} — {self.get_service_display()} ({self.get_channel_display()})"
        )


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Réservé")
    CANCELLED = "cancelled", _("Annulé par la personne")
    CANCELLED_BY_STRUCTURE = "cancelled_by_structure", _("Annulé par la structure")
    SEEN = "seen", _("Reçue")
    NO_SHOW = "no_show", _("Absente sans prévenir")
    EXCUSED = "excused", _("Absente excusée")


# These hold the slot: a cancelled appointment frees it.
TAKING_STATUSES = (
    AppointmentStatus.BOOKED,
    AppointmentStatus.SEEN,
    AppointmentStatus.NO_SHOW,
    AppointmentStatus.EXCUSED,
)
OUTCOME_STATUSES = (
    AppointmentStatus.SEEN,
    AppointmentStatus.NO_SHOW,
    AppointmentStatus.EXCUSED,
    AppointmentStatus.CANCELLED_BY_STRUCTURE,
)


class BookedVia(models.TextChoices):
    STAFF = "staff", _("Par la structure")
    REFERRAL = "referral", _("Par un·e professionnel·le qui oriente")
    PUBLIC = "public", _("En ligne par la personne")


class Appointment(PersonalRecord):
    """One booking of one slot. At most one live booking per slot (a partial
    unique constraint), taken under the slot's row lock."""

    PERSONAL_FIELDS = ("person_label", "contact", "note")

    slot = models.ForeignKey(
        Slot,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("créneau"),
    )
    status = models.CharField(
        _("état"),
        max_length=30,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    booked_via = models.CharField(
        _("réservé"), max_length=10, choices=BookedVia.choices
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("réservé par"),
    )
    referral = models.ForeignKey(
        Referral,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("mise en relation"),
    )
    reception = models.ForeignKey(
        Reception,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("accueil"),
    )
    # The secret of the cancel link, hashed (the link is the only copy).
    cancel_key_hash = models.CharField(max_length=64, blank=True, editable=False)
    booked_at = models.DateTimeField(_("réservé le"), auto_now_add=True)
    reminder_sent_at = models.DateTimeField(
        _("rappel envoyé le"), null=True, blank=True
    )
    outcome_at = models.DateTimeField(_("issue notée le"), null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issue notée par"),
    )

    # Personal fields (with those of PersonalRecord) -------------------------
    note = models.CharField(
        _("précision"), max_length=300, blank=True, validators=[validate_no_html]
    )
    # ------------------------------------------------------------------------

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rendez-vous")
        verbose_name_plural = _("rendez-vous")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(status__in=[s.value for s in TAKING_STATUSES]),
                name="appointment_one_live_booking_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return _("Rendez-vous : %(slot)s") % {"slot": self.slot}

    def get_absolute_url(self) -> str:
        return reverse("reception:appointment", args=[self.pk])
