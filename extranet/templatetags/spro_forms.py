"""Template helpers for accessible forms."""

from django import template

register = template.Library()


@register.filter
def error_count(form) -> int:
    """The number of error messages of a form (not the number of fields in error)."""
    return sum(len(errors) for errors in form.errors.values())
