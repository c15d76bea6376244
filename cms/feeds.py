"""Feeds of the public site: RSS for news, iCalendar for the agenda.

Both are built from the published pages only, through the index page that
serves them, so a feed never shows a draft or a page of another section.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from extranet.calendars import calendar_new, ics_response

# An event without an end is shown as lasting this long in calendars.
DEFAULT_EVENT_LENGTH = timedelta(hours=2)
FEED_ITEMS = 20


class NewsFeed(Feed):
    """RSS 2.0 feed of the latest news of one news index."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return _("SPRO Bretagne — %(title)s") % {"title": self.index_page.title}

    def link(self):
        return self.index_page.url

    def description(self):
        return self.index_page.summary or _(
            "Les actualités du service public régional de l'orientation en Bretagne."
        )

    def items(self):
        return self.index_page.news()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


def _entry(event, request: HttpRequest) -> Event:
    """One event as an iCalendar entry; its UID is stable, so adding it twice
    updates the calendar rather than doubling it."""
    entry = Event()
    entry.add("uid", f"event-{event.pk}@{request.get_host()}")
    entry.add("summary", event.title)
    entry.add("dtstart", event.start)
    entry.add("dtend", event.end or event.start + DEFAULT_EVENT_LENGTH)
    entry.add("dtstamp", event.last_published_at or timezone.now())
    entry.add("location", f"{event.place}, {event.town}")
    entry.add("url", request.build_absolute_uri(event.url))
    if event.summary:
        entry.add("description", event.summary)
    return entry


def event_calendar(index_page, request: HttpRequest) -> Calendar:
    """The upcoming events of an agenda as an iCalendar (RFC 5545) calendar."""
    calendar = calendar_new(f"SPRO Bretagne — {index_page.title}")
    for event in index_page.events().upcoming(timezone.now()):
        calendar.add_component(_entry(event, request))
    return calendar


def event_calendar_response(index_page, request: HttpRequest) -> HttpResponse:
    # Inline: calendar applications subscribe to the agenda at this address.
    return ics_response(
        event_calendar(index_page, request), "agenda-spro-bretagne.ics", "inline"
    )


def single_event_response(event, request: HttpRequest) -> HttpResponse:
    """One event, to add to one's own calendar ("ajouter à mon agenda")."""
    calendar = calendar_new(f"SPRO Bretagne — {event.title}")
    calendar.add_component(_entry(event, request))
    return ics_response(calendar, f"{event.slug}.ics")
