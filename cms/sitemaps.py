"""The sitemap: every published page of the tree, the directory and every
published structure page, each at the site's real address (``SPRO_SITE_URL``),
never at the host name a Wagtail ``Site`` row happens to hold ("localhost" in the
demo)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from .directory.selectors import directory_structures


def site_address() -> tuple[str, str]:
    """The scheme and host of the public site, from ``SPRO_SITE_URL``."""
    parts = urlsplit(settings.SPRO_SITE_URL)
    return parts.scheme or "https", parts.netloc


class _OnTheRealHost:
    """Django's sitemap joins the scheme, the host and each location."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return site_address()[0]

    def get_domain(self, site: Any = None) -> str:
        return site_address()[1]


class PagesSitemap(WagtailSitemap):
    """Wagtail's pages, live and public, moved to the real host."""

    def _urls(self, page: int, protocol: str, domain: str) -> list[dict]:
        scheme, host = site_address()
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            parts = urlsplit(url["location"])
            url["location"] = urlunsplit((scheme, host, *parts[2:]))
        return urls


class DirectorySitemap(_OnTheRealHost, DjangoSitemap):
    """The directory's own page, then each published structure's page."""

    def items(self) -> list[Any]:
        return ["directory", *directory_structures().order_by("organisation__slug")]

    def location(self, item: Any) -> str:
        if item == "directory":
            return reverse("directory:list")
        return reverse("directory:detail", args=[item.organisation.slug])

    def lastmod(self, item: Any) -> Any:
        return None if item == "directory" else item.updated_at


def sitemaps() -> dict[str, Any]:
    return {"pages": PagesSitemap, "directory": DirectorySitemap}
