"""The form renderer of every form: Django's, with its most used widget templates
written in Python.

Django renders each widget, and each option of a select, through a template
include: a filter form with a few selects of territories and networks cost
several milliseconds a page. The templates below are rendered here to the very
same HTML (a test compares both, byte for byte); any other template, and any
template a project would override, goes through Django's engine as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

_PREFIX = "django/forms/widgets/"


def _attrs(attrs: dict[str, Any]) -> str:
    """attrs.html: `` name="value"``, a bare name for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(
                f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
            )
    return "".join(out)


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = f' value="{conditional_escape(str(value))}"' if value is not None else ""
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _option(option: dict[str, Any]) -> str:
    return (
        f'<option value="{conditional_escape(str(option["value"]))}"'
        f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>"
    )


def _select(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"']
    parts.append(f"{_attrs(widget['attrs'])}>")
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != _PREFIX + "select_option.html":
                return ""  # an option of its own: leave the whole to the engine
            # The option's template ends with a new line: so does its HTML.
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"'
        f"{_attrs(widget['attrs'])}>\n"
        f"{conditional_escape(value) if value else ''}</textarea>"
    )


_INPUTS = (
    "input",
    "text",
    "email",
    "url",
    "number",
    "password",
    "search",
    "tel",
    "hidden",
    "date",
    "datetime",
    "time",
    "checkbox",
    "color",
)
PYTHON_TEMPLATES: dict[str, Callable[[dict[str, Any]], str]] = {
    **{f"{_PREFIX}{name}.html": _input for name in _INPUTS},
    _PREFIX + "select.html": _select,
    _PREFIX + "textarea.html": _textarea,
}


class FormRenderer(DjangoTemplates):
    """Django's renderer, with ``PYTHON_TEMPLATES`` rendered in Python."""

    def render(
        self, template_name: str, context: dict[str, Any], request: Any = None
    ) -> SafeString:
        python = PYTHON_TEMPLATES.get(template_name)
        if python is not None and "widget" in context:
            html = python(context["widget"])
            if html:
                return mark_safe(html)  # noqa: S308 - every value above is escaped
        return super().render(template_name, context, request=request)
