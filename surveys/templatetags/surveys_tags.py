"""Template helpers of the survey results."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]``, or an empty list when there is none."""
    try:
        return mapping.get(key, [])
    except AttributeError:
        return []


@register.filter
def bar_width(percent: float) -> str:
    """A percentage as an SVG width ("42.5%"), the style sheet not being
    allowed inline."""
    return f"{max(0.0, min(100.0, float(percent))):.1f}%"
