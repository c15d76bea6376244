"""The fields every record of the accueil that may name a person shares."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from extranet.validators import validate_no_html


class PersonalRecord(models.Model):
    """A first name or pseudonym and one contact, both optional, and the
    retention bookkeeping: the day the personal fields go
    (``personal_until``) and the moment they went (``erased_at``). Each model
    lists in ``PERSONAL_FIELDS`` these two and its own free texts: the
    retention task (``reception.retention``) erases exactly those."""

    PERSONAL_FIELDS: tuple[str, ...] = ("person_label", "contact")

    person_label = models.CharField(
        _("prénom ou pseudonyme"),
        max_length=60,
        blank=True,
        validators=[validate_no_html],
    )
    contact = models.CharField(
        _("contact (courriel ou téléphone)"),
        max_length=120,
        blank=True,
        validators=[validate_no_html],
    )
    personal_until = models.DateField(
        _("données personnelles conservées jusqu'au"), null=True, blank=True
    )
    erased_at = models.DateTimeField(
        _("données personnelles effacées le"), null=True, blank=True
    )

    class Meta:
        abstract = True
