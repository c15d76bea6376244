"""One way to write a date, everywhere the product writes one (pages, mails,
notices, documents): "1er janvier 2027", "mardi 3 décembre 2026",
"3 décembre 2026 à 14 h 05". French typography puts "er" after the first day of
a month, which Django's date formats cannot say.

It lives here because every app writes dates to people and this app, which
sends every mail, depends on no other.
"""

from __future__ import annotations

import datetime

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _


def _local(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def long_date(
    value: datetime.date | datetime.datetime | None, weekday: bool = False
) -> str:
    """ "1er janvier 2027"; with ``weekday``, "vendredi 1er janvier 2027"."""
    if value is None or value == "":
        return ""
    value = _local(value)
    day = _("1er") if value.day == 1 else str(value.day)
    text = f"{day} {dateformat.format(value, 'F Y')}"
    return f"{dateformat.format(value, 'l')} {text}" if weekday else text


def time_of_day(value: datetime.datetime | datetime.time | None) -> str:
    """ "14 h 05"; "9 h" on the hour."""
    if value is None or value == "":
        return ""
    value = _local(value) if isinstance(value, datetime.datetime) else value
    if value.minute:
        return _("%(hour)s h %(minute)02d") % {
            "hour": value.hour,
            "minute": value.minute,
        }
    return _("%(hour)s h") % {"hour": value.hour}


def long_datetime(value: datetime.datetime | None) -> str:
    """ "3 décembre 2026 à 14 h 05"."""
    if value is None or value == "":
        return ""
    return _("%(date)s à %(time)s") % {
        "date": long_date(value),
        "time": time_of_day(value),
    }
