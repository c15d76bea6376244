"""Training dates in one's own calendar: a session's ``.ics`` file, and a
personal feed (a secret, revocable address) of the sessions one holds a seat in.

Each half-day is one calendar entry with a stable UID, so a calendar that
imports a session twice, or polls the feed, updates entries rather than
doubling them; a seat given up or a session cancelled leaves the feed, and the
calendar application removes it. The visio link is written only for those the
session's page shows it to.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Event

from extranet.calendars import calendar_new, ics_response

from . import services
from .definitions import CONFIRMED, OFFERED, SEAT_STATES
from .models import CalendarFeed, Enrolment, SessionSlot, TrainingSession
from .selectors import session_page
from .views import get_session

# The feed keeps the sessions of the last months too, as calendars do.
FEED_PAST_DAYS = 365
# An offered seat is not yet taken by its person: not in their calendar.
IN_CALENDAR = SEAT_STATES - {OFFERED}


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def session_entries(
    session: TrainingSession, *, site: str, host: str, with_visio: bool
) -> Iterable[Event]:
    """One calendar entry per half-day of ``session`` (slots prefetched)."""
    url = site + session.get_absolute_url()
    place = session.place or _("À distance")
    details = [session.action.theme, url]
    if with_visio and session.visio_url:
        details.append(_("Visioconférence : %(url)s") % {"url": session.visio_url})
    stamp = session.updated_at or timezone.now()
    for slot in session.slots.all():
        entry = Event()
        entry.add("uid", f"training-slot-{slot.pk}@{host}")
        entry.add("summary", session.title)
        entry.add("dtstart", slot.starts_at())
        entry.add("dtend", slot.ends_at())
        entry.add("dtstamp", stamp)
        entry.add("location", place)
        entry.add("url", url)
        entry.add("description", "\n".join(details))
        if session.is_cancelled:
            entry.add("status", "CANCELLED")
        yield entry


@login_required
@require_GET
def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The session's half-days, to add to one's calendar (whoever may see the
    session; the visio link only for whom its page shows it)."""
    session = get_session(request, pk)
    calendar = calendar_new(_("SPRO Bretagne — %(title)s") % {"title": session.title})
    for entry in session_entries(
        session,
        site=_site(request),
        host=request.get_host(),
        with_visio=session_page(request.user, session).show_visio,
    ):
        calendar.add_component(entry)
    return ics_response(calendar, f"formation-{session.pk}.ics")


def calendar_sessions(user: Any) -> list[TrainingSession]:
    """The sessions ``user`` holds a seat in, from a year ago on (two queries)."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    return list(
        TrainingSession.objects.filter(
            enrolments__person=user,
            enrolments__state__in=IN_CALENDAR,
            ends_at__gte=since,
        )
        .select_related("action")
        .prefetch_related(
            Prefetch("slots", queryset=SessionSlot.objects.order_by("date", "start"))
        )
        .distinct()
        .order_by("starts_at", "pk")
    )


@require_GET
def calendar_feed(request: HttpRequest, key: str) -> HttpResponse:
    """One person's training calendar, at its secret address (no login: the
    calendar application asks for it). An unknown or renewed key: 404."""
    feed = CalendarFeed.objects.select_related("user").filter(key=key).first()
    if feed is None or not feed.user.is_active:
        raise Http404(_("Cet agenda n'existe pas ou son adresse a été renouvelée."))
    calendar = calendar_new(_("SPRO Bretagne — mes formations"))
    site, host = _site(request), request.get_host()
    for session in calendar_sessions(feed.user):
        # Every session here holds the person's seat: the visio link is theirs.
        for entry in session_entries(session, site=site, host=host, with_visio=True):
            calendar.add_component(entry)
    response = ics_response(calendar, "mes-formations.ics", "inline")
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar_page(request: HttpRequest) -> HttpResponse:
    """Create, renew or stop one's calendar address."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "renew":
            services.calendar_feed_renew(user=request.user)
            messages.success(
                request,
                _(
                    "Votre adresse d'agenda est prête ; toute adresse précédente "
                    "ne fonctionne plus."
                ),
            )
        elif action == "stop":
            if services.calendar_feed_stop(user=request.user):
                messages.success(request, _("Votre adresse d'agenda est supprimée."))
        else:
            messages.error(request, _("Cette action n'existe pas ; rien n'a changé."))
        return redirect("training:calendar")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = (
        request.build_absolute_uri(reverse("training:calendar_feed", args=[feed.key]))
        if feed
        else ""
    )
    upcoming = Enrolment.objects.filter(
        person=request.user, state=CONFIRMED, session__ends_at__gte=timezone.now()
    ).count()
    return render(
        request,
        "training/calendar.html",
        {"feed": feed, "feed_url": feed_url, "upcoming": upcoming},
    )
