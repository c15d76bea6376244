"""Template tags of the public site."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url: str, label: str) -> str:
    """A main-menu entry, marked as the current page for its whole section.

    Fixed section URLs (the demo and the editors keep these slugs) cost no query
    on every page, the extranet's included.
    """
    request = context.get("request")
    path = getattr(request, "path", "")
    if path.startswith(url):
        return format_html(
            '<li><a href="{}" aria-current="page">{}</a></li>', url, label
        )
    return format_html('<li><a href="{}">{}</a></li>', url, label)


@register.simple_tag
def breadcrumb_ancestors(page) -> list:
    """The page's ancestors from the home page down, read from the tree's
    index (no query)."""
    from ..tree import ancestors

    return ancestors(page)
