"""The extranet menu: the shell's own pages, then what capability apps register."""

from __future__ import annotations

from django import template

from ..permissions import user_memberships
from ..registry import Link, menu_links

register = template.Library()


@register.simple_tag(takes_context=True)
def extranet_menu_links(context: template.Context) -> list[Link]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return menu_links(user_memberships(user))
