"""Reminders of unanswered referrals, and their escalation.

A referral left unanswered (sent or under review) is recalled to the receiving
structure's staff on the days of ``SPRO_REFERRAL_REMINDER_DAYS`` after it was
sent (10 and 20 by default); on the last of them, the territorial officer(s)
of the receiving structure's territory are told too, to chase it. On day
``SPRO_REFERRAL_EXPIRY_DAYS`` (30) the engine's ``deadlines_pass`` expires it
and the sender is told (the ``tell_sender`` effect): not here.

Each referral is judged under its row lock, and counts the reminders it was
sent (``reminders_sent``): a run repeated, or two workers at once, send each
reminder once. A run that comes late (the worker was down on day 10 and 20)
sends one reminder, the latest due, not a burst.
"""

from __future__ import annotations

import datetime
import math

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from extranet.models import Role, User
from workflows import engine

from .definitions import OPEN_STATES, RECEIVER
from .models import Referral


def reminder_days() -> tuple[int, ...]:
    return tuple(sorted(settings.SPRO_REFERRAL_REMINDER_DAYS))


def reminders_due(referral: Referral, now: datetime.datetime) -> int:
    """How many reminders ``referral`` should have had by ``now``."""
    if referral.sent_at is None:
        return 0
    return sum(
        1
        for days in reminder_days()
        if now >= referral.sent_at + datetime.timedelta(days=days)
    )


def territorial_officers(referral: Referral) -> list[User]:
    """The active territorial officers of the receiving structure's territory."""
    territory_id = referral.to_structure.territory_id
    if territory_id is None:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.TERRITORIAL_OFFICER,
            memberships__territory_id=territory_id,
            memberships__organisation__is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def _days_left(referral: Referral, now: datetime.datetime) -> int:
    if referral.state_deadline is None:
        return 0
    return max(0, math.ceil((referral.state_deadline - now).total_seconds() / 86400))


def _remind(referral: Referral, due: int, now: datetime.datetime) -> None:
    """Send reminder number ``due`` (and the escalation, if it is the last)."""
    waited = (now - referral.sent_at).days
    left = _days_left(referral, now)
    left_text = ngettext(
        "il reste %(days)d jour avant son expiration",
        "il reste %(days)d jours avant son expiration",
        left,
    ) % {"days": left}
    engine.notify(
        referral,
        engine.holders(referral, [RECEIVER]),
        subject=_("Relance : mise en relation sans réponse (%(left)s)")
        % {"left": left_text},
        intro=_(
            "Cette demande de %(from)s attend votre réponse depuis %(days)s jours : "
            "acceptez-la ou refusez-la en disant pourquoi ; %(left)s."
        )
        % {"from": referral.from_structure.name, "days": waited, "left": left_text},
    )
    if due < len(reminder_days()):
        return
    engine.notify(
        referral,
        territorial_officers(referral),
        subject=_("Mise en relation sans réponse à %(to)s depuis %(days)s jours")
        % {"to": referral.to_structure.name, "days": waited},
        intro=_(
            "%(to)s n'a pas répondu à une mise en relation envoyée par %(from)s "
            "il y a %(days)s jours, malgré les relances ; %(left)s. Vous pouvez "
            "relancer la structure."
        )
        % {
            "to": referral.to_structure.name,
            "from": referral.from_structure.name,
            "days": waited,
            "left": left_text,
        },
    )
    referral.escalated_at = now


def referral_reminders_send(now: datetime.datetime | None = None) -> int:
    """Remind the receivers of the unanswered referrals whose reminder day has
    come, and tell the territorial officers of the overdue ones. Returns how
    many referrals were reminded."""
    now = now or engine.now()
    days = reminder_days()
    if not days:
        return 0
    candidates = Referral.objects.filter(
        state__in=OPEN_STATES,
        reminders_sent__lt=len(days),
        sent_at__lte=now - datetime.timedelta(days=days[0]),
    ).values_list("pk", flat=True)
    reminded = 0
    for pk in list(candidates):
        with transaction.atomic():
            locked = (
                Referral.objects.select_for_update()
                .filter(pk=pk, state__in=OPEN_STATES)
                .first()
            )
            if locked is None:
                continue
            due = reminders_due(locked, now)
            if locked.reminders_sent >= due:
                continue  # another run sent it
            _remind(locked, due, now)
            locked.reminders_sent = due
            locked._history_user = None
            locked._change_reason = "reminder"
            locked.save(update_fields=["reminders_sent", "escalated_at"])
            reminded += 1
    return reminded
