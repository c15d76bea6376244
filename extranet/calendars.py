"""iCalendar (RFC 5545) files, for every app that offers dates to add to one's
own calendar: the public agenda (``cms.feeds``), training sessions and one's
personal training feed (``training.calendars``)."""

from __future__ import annotations

from django.http import HttpResponse
from icalendar import Calendar


def calendar_new(name: str) -> Calendar:
    """An empty calendar of SPRO Bretagne called ``name``, in Paris time."""
    calendar = Calendar()
    calendar.add("prodid", "-//SPRO Bretagne//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    return calendar


def ics_response(
    calendar: Calendar, filename: str, disposition: str = "attachment"
) -> HttpResponse:
    """The calendar as a file (``attachment``) or a feed calendar applications
    subscribe to (``inline``)."""
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
