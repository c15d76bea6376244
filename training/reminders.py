"""The notices the clock sends (two periodic tasks, ``training.tasks``):

* a **reminder** to each confirmed participant a few days before their session
  (``SPRO_TRAINING_REMINDER_DAYS``, 3 by default), with the dates, the place
  and the link that marks their arrival (their personal QR code's address);
* an **alert to GREF** when a published session's enrolment closes within a
  few days (``SPRO_TRAINING_UNDERFILLED_DAYS``, 7 by default) and fewer than
  half of its seats are taken.

Each is sent once: a marker column (``Enrolment.reminded_at``,
``TrainingSession.underfilled_alerted_at``) is set under the row's lock in the
transaction that queues the notice, so a second run, or two runs at once, send
nothing more.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from extranet.models import Role
from notifications.formats import long_datetime
from notifications.services import users_notify
from workflows import engine

from .definitions import CONFIRMED, SEAT_STATES
from .models import Enrolment, SessionStatus, TrainingSession
from .services import _site, session_dates


def reminder_days() -> int:
    return int(getattr(settings, "SPRO_TRAINING_REMINDER_DAYS", 3))


def underfilled_days() -> int:
    return int(getattr(settings, "SPRO_TRAINING_UNDERFILLED_DAYS", 7))


def reminders_send(*, at: datetime.datetime | None = None) -> int:
    """Remind each confirmed participant whose session starts within the
    reminder's days and who has not been reminded. Returns how many were."""
    at = at or engine.now()
    due = Enrolment.objects.filter(
        state=CONFIRMED,
        reminded_at__isnull=True,
        session__status=SessionStatus.PUBLISHED,
        session__starts_at__gt=at,
        session__starts_at__lte=at + datetime.timedelta(days=reminder_days()),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            enrolment = (
                Enrolment.objects.select_for_update()
                .filter(pk=pk, state=CONFIRMED, reminded_at__isnull=True)
                .first()
            )
            if enrolment is None:
                continue
            enrolment.reminded_at = at
            enrolment._change_reason = "reminder"
            enrolment.save(update_fields=["reminded_at", "updated_at"])
            _remind(enrolment)
            sent += 1
    return sent


def _remind(enrolment: Enrolment) -> None:
    from .links import arrival_url

    session = enrolment.session
    where = (
        _("Lieu : %(place)s.") % {"place": session.place}
        if session.place
        else _("Le lien de connexion est sur la page de votre inscription.")
    )
    body = _(
        "Rappel : vous participez à « %(session)s », %(dates)s. %(where)s\n\n"
        "À votre arrivée, montrez à l'intervenant·e le code QR de votre "
        "inscription, ou ce lien : %(arrival)s\n\n"
        "Si vous ne pouvez plus venir, annulez depuis votre inscription pour "
        "libérer la place."
    ) % {
        "session": session.title,
        "dates": session_dates(session),
        "where": where,
        "arrival": arrival_url(enrolment),
    }
    users_notify(
        users=[enrolment.person],
        subject=_("Rappel : %(session)s") % {"session": session.title},
        body=body,
        url=enrolment.get_absolute_url(),
        site_url=_site(),
    )


def underfilled(session: TrainingSession, taken: int) -> bool:
    """Fewer than half of the seats are taken (half exactly is not alarming)."""
    return taken * 2 < session.capacity


def underfilled_alerts_send(*, at: datetime.datetime | None = None) -> int:
    """Tell GREF about each published session whose enrolment closes within
    the alert's days with fewer than half of its seats taken, once per
    session. Returns how many sessions were signalled."""
    at = at or engine.now()
    candidates = (
        TrainingSession.objects.filter(
            status=SessionStatus.PUBLISHED,
            underfilled_alerted_at__isnull=True,
            enrolment_closes_at__gt=at,
            enrolment_closes_at__lte=at + datetime.timedelta(days=underfilled_days()),
        )
        .annotate(
            taken=Count("enrolments", filter=Q(enrolments__state__in=SEAT_STATES))
        )
        .order_by("enrolment_closes_at", "pk")
    )
    due = [s.pk for s in candidates if underfilled(s, s.taken)]
    if not due:
        return 0
    gref = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=Role.GREF,
            memberships__organisation__is_active=True,
        )
        .distinct()
        .order_by("pk")
    )
    sent = 0
    for pk in due:
        with transaction.atomic():
            session = (
                TrainingSession.objects.select_for_update()
                .filter(pk=pk, underfilled_alerted_at__isnull=True)
                .first()
            )
            if session is None:
                continue
            taken = session.enrolments.filter(state__in=SEAT_STATES).count()
            if not underfilled(session, taken):
                continue
            session.underfilled_alerted_at = at
            session._change_reason = "underfilled_alert"
            session.save(update_fields=["underfilled_alerted_at", "updated_at"])
            users_notify(
                users=gref,
                subject=_("Session peu remplie : %(session)s")
                % {"session": session.title},
                body=_(
                    "Les inscriptions à « %(session)s » (%(dates)s) ferment le "
                    "%(closes)s et %(taken)s places sur %(capacity)s seulement "
                    "sont prises. Relancer les réseaux, regrouper ou reporter la "
                    "session ?"
                )
                % {
                    "session": session.title,
                    "dates": session_dates(session),
                    "closes": long_datetime(session.enrolment_closes_at),
                    "taken": taken,
                    "capacity": session.capacity,
                },
                url=session.get_absolute_url(),
                site_url=_site(),
            )
            sent += 1
    return sent
