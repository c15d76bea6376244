"""Retention by design: the accueil's personal data is erased everywhere once
the Région's retention period (``ReceptionSettings.retention_months``) is over;
the statistics stay.

``retention_run()`` (the daily task ``reception.tasks.reception_retention``)
erases, for every row whose ``personal_until`` is past:

* the **receptions**' personal fields (first name or pseudonym, contact, the
  point de situation's text, the reference code), in the row and in every
  history row of it (simple-history keeps copies);
* their **referrals**' personal fields, row and history, and the free text of
  their transition log (the engine's ``redact_comments``, which leaves a trace
  of when and why on each log row), and their **consent**'s free text (the
  purpose and the text shown; the record of the consent stays as proof);
* the **appointments**' contacts (name, contact, note), row and history;
* the **mails to the public** still in the outbox (a sent one forgets its
  address and text as it leaves: ``notifications.tasks.outbox_send``).

What is not here, on purpose:

* in-app notices and staff mails never copy a referral's transition comment
  (the binding declares ``comments_hold_personal_data``: the engine's
  ``comment_told`` only says that a comment is to be read on the page), nor
  any personal field (their subjects and texts name the service, the urgency,
  the structures and the decline reason from the list);
* generated files: the point de situation's PDF and the appointment's ``.ics``
  are generated on demand for the request that asks for them and never
  stored, so no private file holds personal data of the accueil.

The statistics fields (structure, date, channel, mode, urgency, age band,
situation, questions, ``people``; a referral's structures, service, states and
dates; an appointment's slot and outcome) are never touched: the figures
(``reception.figures``) read the same after erasure.

Idempotent: a row erased has its ``erased_at`` set and is not selected again;
the run works in batches (``BATCH``), one transaction each, two updates per
batch and model (the row, its history), plus one redaction per referral.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import personal_mails_erase
from workflows import engine

from .models import Appointment, Consent, Reception, ReceptionSettings, Referral
from .services import add_months

BATCH = 500


def _blank(model: type[models.Model]) -> dict[str, Any]:
    """Each personal field of ``model`` as it reads once erased."""
    blank: dict[str, Any] = {}
    for name in model.PERSONAL_FIELDS:
        field = model._meta.get_field(name)
        blank[name] = None if field.null else ""
    return blank


def personal_rows_erase(model: type[models.Model], pks: Iterable[int]) -> int:
    """Blank the personal fields of ``model``'s rows ``pks`` and of every
    history row of them, and say when (two updates, whatever the count).
    Rows already erased are left as they are. Returns how many were erased."""
    pks = list(pks)
    if not pks:
        return 0
    blank = _blank(model)
    erased = model._default_manager.filter(pk__in=pks, erased_at__isnull=True).update(
        erased_at=timezone.now(), **blank
    )
    model.history.filter(id__in=pks).update(**blank)
    return erased


def _batches(queryset: models.QuerySet) -> Iterable[list[int]]:
    """The primary keys of ``queryset``, a batch at a time, read afresh each
    time (the rows erased by a batch leave the queryset)."""
    while True:
        pks = list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not pks:
            return
        yield pks


def retention_cutoff(today: datetime.date) -> datetime.datetime:
    """The moment before which what was written is past retention (for rows
    that keep no ``personal_until``, such as the mails of the outbox)."""
    months = ReceptionSettings.current().retention_months
    start = add_months(today, -months)
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))


def retention_run(today: datetime.date | None = None) -> dict[str, int]:
    """Erase the accueil's personal data past retention, everywhere; returns
    how many of each kind were erased (receptions, referrals, comments,
    consents, appointments, mails). Running it again erases nothing more."""
    today = today or timezone.localdate()
    reason = str(_("durée de conservation écoulée"))
    counts = dict.fromkeys(
        ("receptions", "referrals", "comments", "consents", "appointments", "mails"),
        0,
    )

    due_receptions = Reception.objects.filter(
        personal_until__lt=today, erased_at__isnull=True
    )
    for pks in _batches(due_receptions):
        with transaction.atomic():
            counts["receptions"] += personal_rows_erase(Reception, pks)

    # A referral goes with its reception, or at its own term.
    due_referrals = Referral.objects.filter(erased_at__isnull=True).filter(
        models.Q(personal_until__lt=today)
        | models.Q(reception__erased_at__isnull=False)
    )
    for pks in _batches(due_referrals):
        with transaction.atomic():
            counts["referrals"] += personal_rows_erase(Referral, pks)
            for referral in Referral.objects.filter(pk__in=pks).only("pk"):
                counts["comments"] += engine.redact_comments(referral, reason=reason)

    # The consent's free text goes with its referral's personal data (also
    # when the referral was erased earlier, on withdrawal of the consent).
    due_consents = Consent.objects.filter(
        erased_at__isnull=True, referral__erased_at__isnull=False
    )
    for pks in _batches(due_consents):
        with transaction.atomic():
            counts["consents"] += personal_rows_erase(Consent, pks)

    # At their own term, counted from the appointment's day (not from the
    # reception's: an appointment weeks ahead keeps its contact until then).
    due_appointments = Appointment.objects.filter(
        personal_until__lt=today, erased_at__isnull=True
    )
    for pks in _batches(due_appointments):
        with transaction.atomic():
            counts["appointments"] += personal_rows_erase(Appointment, pks)

    counts["mails"] = personal_mails_erase(created_before=retention_cutoff(today))
    return counts
