"""A whole-page cache for the public site, invalidated when content changes.

Anonymous GET requests for public pages are served from the cache. Any change
that the public can see (a page published or unpublished, a structure's card or
organisation saved or deleted) bumps one version number, which every cache key
includes: all cached pages are then stale at once, in every process sharing the
cache (Redis in production), without scanning or deleting keys.
"""

from __future__ import annotations

import datetime
import hashlib
import pickle
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode

VERSION_KEY = "public-pages:version"
EXPORT_PREFIX = "public-exports"
# An export is rebuilt at least this often (what it says depends on the day: a
# convention in force, an exception to the hours still to come).
EXPORT_SECONDS = 24 * 60 * 60
PRIVATE_PREFIXES = ("/extranet/", "/admin/", "/documents/", "/sante/", "/static/")

# The query parameters the public pages read (directory filters, search, pages).
# A request with any other parameter, or a position (every visitor's own), is
# served but not cached; the known ones are keyed normalised (sorted, trimmed,
# the page as a number), so the cache cannot be grown by varying a URL.
KNOWN_PARAMETERS = frozenset(
    {"q", "service", "territory", "departement", "network", "channel", "accessible"}
)
PAGE_PARAMETER = "page"
MAX_VALUE_LENGTH = 100
MAX_PAGE = 500


# The version a public request read first: it holds for the whole request (one
# read of the shared cache, not one per fragment).
_request_version: ContextVar[int | None] = ContextVar("public_version", default=None)


def current_version() -> int:
    version = _request_version.get()
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        # A number never used before (the cache may have been emptied): what a
        # process kept under an older version cannot be taken for current.
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


# What every page reads and only a new version changes (the site, the tree of
# pages, whether any page is private), kept in each process for its version:
# reading it costs no trip to the shared cache.
_process_memo: dict[str, Any] = {}
_process_memo_version: list[int | None] = [None]


def per_version(name: str, build: Callable[[], Any]) -> Any:
    """``build()``, once per process and version of the public content."""
    version = current_version()
    if _process_memo_version[0] != version:
        _process_memo.clear()
        _process_memo_version[0] = version
    try:
        return _process_memo[name]
    except KeyError:
        value = _process_memo[name] = build()
        return value


def invalidate_public_pages(**kwargs) -> None:
    """Make every cached public page stale (signal receiver friendly)."""
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:
        version = time.time_ns() // 1000
        cache.set(VERSION_KEY, version, timeout=None)
    if _request_version.get() is not None:  # the rest of this request sees it
        _request_version.set(version)


def cached_export(
    request: HttpRequest, name: str, build: Callable[[], bytes]
) -> tuple[bytes, str]:
    """The bytes of an open-data export and their ETag, built once per version of
    the public content, per day and per address of the site (records carry
    absolute links), then served from the shared cache to every visitor."""
    where = hashlib.sha256(f"{request.scheme}://{request.get_host()}".encode())
    key = ":".join(
        (
            EXPORT_PREFIX,
            str(current_version()),
            timezone.localdate().isoformat(),
            where.hexdigest()[:16],
            name,
        )
    )
    data = cache.get(key)
    if data is None:
        data = build()
        cache.set(key, data, EXPORT_SECONDS)
    return data, f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'


def any_view_restriction() -> bool:
    """Whether any page of the site is private (a Wagtail view restriction),
    read once per version of the public content."""
    from wagtail.models import PageViewRestriction

    return per_version("restrictions", PageViewRestriction.objects.exists)


class WagtailSiteMiddleware:
    """Find the Wagtail site of a request once per version of the public
    content, instead of one query per page (Wagtail's own lookup, cached on
    the request as Wagtail does)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(PRIVATE_PREFIXES):
            return self.get_response(request)
        token = _request_version.set(None)
        _request_version.set(current_version())
        try:
            host, port = request._get_raw_host(), request.get_port()

            def find() -> bytes:
                from wagtail.models import Site

                site = Site._find_for_request(request)
                if site is not None:
                    site.root_page.specific  # noqa: B018 - kept with the site
                return pickle.dumps(site)

            # Each request gets its own copy of the site and its home page.
            request._wagtail_site = pickle.loads(  # noqa: S301 - made just above
                per_version(f"site:{host}:{port}", find)
            )
            return self.get_response(request)
        finally:
            _request_version.reset(token)


def public_version(request: HttpRequest) -> dict:
    """Context processor: the version of the public content, for fragments
    cached with ``{% cache %}`` (read from the cache only if a template asks)."""
    return {"public_version": SimpleLazyObject(current_version)}


def true_until(request: HttpRequest, moment: datetime.datetime | None) -> None:
    """What this page says holds only until ``moment`` (a structure's "ouvert
    maintenant"): the cache keeps it no longer. The earliest moment wins."""
    if moment is None:
        return
    current = getattr(request, "_public_page_true_until", None)
    if current is None or moment < current:
        request._public_page_true_until = moment


def _timeout(request: HttpRequest) -> int:
    timeout = settings.SPRO_PUBLIC_CACHE_SECONDS
    until = getattr(request, "_public_page_true_until", None)
    if until is not None:
        timeout = min(timeout, int((until - timezone.now()).total_seconds()))
    return timeout


class PublicPageCacheMiddleware:
    """Serve anonymous public pages from the cache (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = normalised_query(request) if self._cacheable_request(request) else None
        if query is None:
            return self.get_response(request)
        key = self._key(request, query)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        timeout = _timeout(request)
        if self._cacheable_response(response) and timeout > 0:
            response["X-Cache"] = "MISS"
            cache.set(key, response, timeout)
        return response

    @staticmethod
    def _cacheable_request(request: HttpRequest) -> bool:
        return (
            settings.SPRO_PUBLIC_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(PRIVATE_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def _cacheable_response(response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _key(request: HttpRequest, query: str) -> str:
        raw = f"{request.get_host()}{request.path}?{query}".encode()
        digest = hashlib.sha256(raw).hexdigest()
        return f"public-pages:{current_version()}:{digest}"


def normalised_query(request: HttpRequest) -> str | None:
    """The cache's view of the query string, or None when it is not to be
    cached (an unknown parameter, a position, a value too long, a far page).

    Each parameter is read as the views read it (its last value); blanks are
    dropped; a page that is not a number is page 1, as the paginator says.
    """
    names = set(request.GET)
    if names - KNOWN_PARAMETERS - {PAGE_PARAMETER}:
        return None
    items = []
    for name in sorted(names):
        value = request.GET.get(name, "").strip()
        if not value:
            continue
        if len(value) > MAX_VALUE_LENGTH:
            return None
        if name == PAGE_PARAMETER:
            if not value.isdigit():
                continue
            if int(value) > MAX_PAGE:
                return None
            value = str(int(value))
        items.append((name, value))
    return urlencode(items)
