"""Template filters for the one date format of the product (``notifications.formats``):
``{{ d|long_date }}``, ``{{ d|long_date:"jour" }}`` (with the weekday),
``{{ dt|long_datetime }}``, ``{{ dt|time_of_day }}``."""

from __future__ import annotations

from typing import Any

from django import template

from .. import formats

register = template.Library()


@register.filter
def long_date(value: Any, weekday: str = "") -> str:
    return formats.long_date(value, weekday=bool(weekday))


@register.filter
def long_datetime(value: Any) -> str:
    return formats.long_datetime(value)


@register.filter
def time_of_day(value: Any) -> str:
    return formats.time_of_day(value)
