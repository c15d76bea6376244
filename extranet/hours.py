"""Opening hours as data: a week of slots, dated exceptions, public holidays.

A structure's week is a list of ``[weekday, "HH:MM", "HH:MM"]`` (Monday is 0),
at most ``SLOTS_PER_DAY`` per day, in order and apart. Exceptions are dated
(``OpeningException``): closed for a span of days, or open other hours. Public
holidays come from the ``holidays`` library (France's national calendar).

What a day holds is decided in one place (``day_plan``): an exception first,
then a public holiday if the structure closes on them, then the week. The same
rule writes the OpenStreetMap ``opening_hours`` text (later rules override
earlier ones there), so the page, the status and the export never disagree.

Nothing here reads the database: callers pass what they have fetched.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import holidays
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.formats import long_date, time_of_day

SLOTS_PER_DAY = 2  # the form and its messages say "deux"
# How far ahead the status looks for the next opening.
LOOKAHEAD_DAYS = 62
OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
OSM_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
WEEKDAY_NAMES = (
    gettext_lazy("lundi"),
    gettext_lazy("mardi"),
    gettext_lazy("mercredi"),
    gettext_lazy("jeudi"),
    gettext_lazy("vendredi"),
    gettext_lazy("samedi"),
    gettext_lazy("dimanche"),
)

Slot = tuple[datetime.time, datetime.time]


class ExceptionLike(Protocol):
    starts: datetime.date
    ends: datetime.date
    opens: datetime.time | None
    closes: datetime.time | None
    label: str


# The week ------------------------------------------------------------------


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def week_slots(value: Any) -> dict[int, tuple[Slot, ...]]:
    """The stored week as {weekday: ((opens, closes), …)}, every day present."""
    days: dict[int, list[Slot]] = {day: [] for day in range(7)}
    for weekday, opens, closes in value or ():
        days[int(weekday)].append((_time(opens), _time(closes)))
    return {day: tuple(sorted(slots)) for day, slots in days.items()}


def week_value(days: dict[int, Sequence[Slot]]) -> list[list[Any]]:
    """The inverse of ``week_slots``: what the model stores."""
    return [
        [day, opens.strftime("%H:%M"), closes.strftime("%H:%M")]
        for day in sorted(days)
        for opens, closes in sorted(days[day])
    ]


def validate_week(value: Any) -> None:
    """The model's rule for a stored week (the form says the same, per field)."""
    if not isinstance(value, list):
        raise ValidationError(_("Les horaires de la semaine sont mal formés."))
    try:
        for item in value:
            if not (isinstance(item, list | tuple) and len(item) == 3):
                raise ValueError
            if not (isinstance(item[0], int) and 0 <= item[0] <= 6):
                raise ValueError
            for text in item[1:]:
                _time(text)
        days = week_slots(value)
    except (TypeError, ValueError) as error:
        raise ValidationError(
            _("Les horaires de la semaine sont mal formés.")
        ) from error
    for day, slots in days.items():
        problem = slots_problem(slots)
        if problem:
            raise ValidationError(
                f"{WEEKDAY_NAMES[day].capitalize()} : {problem[0].lower()}{problem[1:]}"
            )


def slots_problem(slots: Sequence[Slot]) -> str:
    """Why a day's slots cannot be, in French, or ""."""
    if len(slots) > SLOTS_PER_DAY:
        return _("Deux plages au plus par jour.")
    for opens, closes in slots:
        if closes <= opens:
            return _("L'heure de fermeture doit suivre l'heure d'ouverture.")
    for (_o1, first_closes), (second_opens, _c2) in zip(slots, slots[1:], strict=False):
        if second_opens <= first_closes:
            return _("La réouverture doit suivre la fermeture qui la précède.")
    return ""


def slots_text(slots: Sequence[Slot]) -> str:
    """ "9 h – 12 h 30 et 13 h 30 – 17 h", or "Fermé"."""
    if not slots:
        return _("Fermé")
    return _(" et ").join(
        f"{time_of_day(opens)} – {time_of_day(closes)}" for opens, closes in slots
    )


@dataclass(frozen=True)
class WeekRow:
    name: str
    text: str
    is_today: bool


def week_rows(value: Any, today: datetime.date | None = None) -> list[WeekRow]:
    """The week as people read it, Monday first, one row per day."""
    days = week_slots(value)
    weekday = today.weekday() if today else None
    return [
        WeekRow(
            name=str(WEEKDAY_NAMES[day]).capitalize(),
            text=slots_text(days[day]),
            is_today=day == weekday,
        )
        for day in range(7)
    ]


# One day -------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _holidays(year: int) -> dict[datetime.date, str]:
    return dict(holidays.France(years=year, language="fr"))


def public_holiday(day: datetime.date) -> str:
    """The name of the public holiday on ``day`` ("Armistice"), or ""."""
    return _holidays(day.year).get(day, "")


@dataclass(frozen=True)
class DayPlan:
    day: datetime.date
    slots: tuple[Slot, ...]
    # Why the day is not an ordinary one: an exception's label, a holiday.
    reason: str = ""
    exceptional: bool = False


def day_plan(
    day: datetime.date,
    days: dict[int, tuple[Slot, ...]],
    exceptions: Iterable[ExceptionLike],
    closed_on_holidays: bool,
) -> DayPlan:
    """What ``day`` holds: the latest-starting exception covering it (the
    last given, among equal spans), else a
    public holiday (if the structure closes on them), else the week."""
    covering = [e for e in exceptions if e.starts <= day <= e.ends]
    if covering:
        # The last in ``_in_order``, as OpenStreetMap's last rule wins.
        exception = _in_order(covering)[-1]
        slots = exception_slots(exception)
        reason = exception.label or (
            _("horaires exceptionnels") if slots else _("fermeture exceptionnelle")
        )
        return DayPlan(day, slots, reason, exceptional=True)
    holiday = public_holiday(day)
    if holiday and closed_on_holidays:
        return DayPlan(day, (), _("jour férié : %(name)s") % {"name": holiday})
    return DayPlan(day, days[day.weekday()])


def _in_order(exceptions: Iterable[ExceptionLike]) -> list[ExceptionLike]:
    """By start, then end; ties keep the order given (a stable sort), so the
    status and the OpenStreetMap text pick the same exception."""
    return sorted(exceptions, key=lambda e: (e.starts, e.ends))


def exception_slots(exception: ExceptionLike) -> tuple[Slot, ...]:
    if exception.opens and exception.closes:
        return ((exception.opens, exception.closes),)
    return ()


# Now -----------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """Open or closed at a moment, and until when (``changes_at``)."""

    is_open: bool
    changes_at: datetime.datetime | None
    text: str
    # Today's reason for unusual hours, if any ("Fermeture de fin d'année").
    reason: str = ""
    # The status's words hold until then: its change, or midnight ("demain").
    true_until: datetime.datetime | None = None


def _aware(day: datetime.date, moment: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, moment))


def _when(moment: datetime.datetime, today: datetime.date) -> str:
    day = timezone.localdate(moment)
    time = time_of_day(moment)
    if day == today:
        return _("à %(time)s") % {"time": time}
    if day == today + datetime.timedelta(days=1):
        return _("demain à %(time)s") % {"time": time}
    if day < today + datetime.timedelta(days=7):
        return _("%(weekday)s à %(time)s") % {
            "weekday": WEEKDAY_NAMES[day.weekday()],
            "time": time,
        }
    return _("le %(date)s à %(time)s") % {
        "date": long_date(day, weekday=True),
        "time": time,
    }


def opening_status(
    value: Any,
    exceptions: Iterable[ExceptionLike],
    closed_on_holidays: bool,
    at: datetime.datetime | None = None,
) -> Status | None:
    """Open or closed at ``at`` (now by default), or None when the week is not
    given (then nothing is claimed)."""
    if not value:
        return None
    at = timezone.localtime(at or timezone.now())
    today = at.date()
    midnight = _aware(today + datetime.timedelta(days=1), datetime.time(0))
    days = week_slots(value)
    exceptions = list(exceptions)
    reason = ""
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = today + datetime.timedelta(days=offset)
        plan = day_plan(day, days, exceptions, closed_on_holidays)
        if offset == 0:
            reason = plan.reason
        for opens, closes in plan.slots:
            start, end = _aware(day, opens), _aware(day, closes)
            if at < end:
                is_open = start <= at
                change = end if is_open else start
                text = (
                    _("Ouvert maintenant · ferme %(when)s")
                    if is_open
                    else _("Fermé maintenant · ouvre %(when)s")
                )
                when = _when(change, today)
                return Status(
                    is_open,
                    change,
                    text % {"when": when},
                    reason,
                    min(change, midnight),
                )
    return Status(False, None, _("Fermé maintenant"), reason, midnight)


# OpenStreetMap ---------------------------------------------------------------


def _day_ranges(weekdays: list[int]) -> str:
    """[0, 1, 2, 4] -> "Mo-We,Fr"."""
    parts, run = [], [weekdays[0]]
    for day in weekdays[1:]:
        if day == run[-1] + 1:
            run.append(day)
            continue
        parts.append(run)
        run = [day]
    parts.append(run)
    return ",".join(
        OSM_DAYS[r[0]] if len(r) == 1 else f"{OSM_DAYS[r[0]]}-{OSM_DAYS[r[-1]]}"
        for r in parts
    )


def _osm_times(slots: Sequence[Slot]) -> str:
    return ",".join(f"{o.strftime('%H:%M')}-{c.strftime('%H:%M')}" for o, c in slots)


def _osm_date(day: datetime.date) -> str:
    return f"{day.year} {OSM_MONTHS[day.month - 1]} {day.day:02d}"


def osm_opening_hours(
    value: Any,
    exceptions: Iterable[ExceptionLike],
    closed_on_holidays: bool,
    today: datetime.date | None = None,
) -> str | None:
    """The OpenStreetMap ``opening_hours`` text ("Mo-Fr 09:00-17:00; PH off;
    2026 Dec 24-2027 Jan 01 off"), with the exceptions not yet over; None when
    the week is not given."""
    if not value:
        return None
    today = today or timezone.localdate()
    days = week_slots(value)
    groups: dict[tuple[Slot, ...], list[int]] = {}
    for day in range(7):
        if days[day]:
            groups.setdefault(days[day], []).append(day)
    rules = [f"{_day_ranges(d)} {_osm_times(slots)}" for slots, d in groups.items()]
    if closed_on_holidays:
        rules.append("PH off")
    for exception in _in_order(e for e in exceptions if e.ends >= today):
        span = _osm_date(exception.starts)
        if exception.ends != exception.starts:
            span += f"-{_osm_date(exception.ends)}"
        slots = exception_slots(exception)
        rules.append(f"{span} {_osm_times(slots) if slots else 'off'}")
    return "; ".join(rules)


_OSM_RULE = re.compile(
    r"^(?P<days>[A-Z][a-z](?:-[A-Z][a-z])?(?:,[A-Z][a-z](?:-[A-Z][a-z])?)*)\s+"
    r"(?P<times>\d\d:\d\d-\d\d:\d\d(?:,\d\d:\d\d-\d\d:\d\d)*)$"
)


def parse_osm_week(text: str) -> list[list[Any]]:
    """Read the weekly part of an OpenStreetMap text ("Mo-Fr 09:00-12:00,
    14:00-17:00; Sa 09:00-12:00") into the stored week; "PH off" is skipped.
    Anything else is refused (ValueError): this reads simple weeks only."""
    days: dict[int, list[Slot]] = {day: [] for day in range(7)}
    for rule in (r.strip() for r in text.split(";")):
        if not rule or rule == "PH off":
            continue
        match = _OSM_RULE.match(rule)
        if not match:
            raise ValueError(f"unsupported opening_hours rule: {rule!r}")
        weekdays: list[int] = []
        for part in match["days"].split(","):
            first, _sep, last = part.partition("-")
            start = OSM_DAYS.index(first)
            weekdays.extend(range(start, OSM_DAYS.index(last or first) + 1))
        slots = [
            (_time(t.split("-")[0]), _time(t.split("-")[1]))
            for t in match["times"].split(",")
        ]
        for day in weekdays:
            days[day] = list(slots)
    return week_value(days)
