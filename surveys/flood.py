"""Limiting floods on public survey links without identifying anyone.

The address of a request is never stored: a counter is kept under a keyed
hash (HMAC-SHA256) of it, with a key drawn at random for the day and kept in
the cache only, which forgets it within a day. Once the key is gone, nobody,
even with the cache's contents, can tell whose address a counter was. This
limits abuse; it does not prove that each answer comes from a different
person, and the page says so.

django-ratelimit, used for the other anonymous forms, keys its counters on
an unkeyed hash of the address, which anyone can reverse by trying every
IPv4 address: hence this module, for the one form that promises anonymity.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

DAY = 24 * 60 * 60


def _day_key(today: datetime.date) -> bytes:
    name = f"surveys:floodkey:{today.isoformat()}"
    key = cache.get(name)
    if key is None:
        cache.add(name, secrets.token_hex(32), timeout=DAY)
        key = cache.get(name)
    return bytes.fromhex(key)


def _address(request: HttpRequest) -> str:
    """The client's address as the lock-out reads it (proxies included)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "-"


def allow(request: HttpRequest, scope: str) -> bool:
    """Count one submission from this request's address on ``scope`` (a
    campaign link); False once the address is over the limit this hour."""
    limit = getattr(settings, "SPRO_SURVEY_SUBMISSIONS_PER_HOUR", 30)
    now = timezone.now()
    digest = hmac.new(
        _day_key(now.date()), f"{scope}|{_address(request)}".encode(), hashlib.sha256
    ).hexdigest()
    name = f"surveys:flood:{now:%Y%m%d%H}:{digest}"
    cache.add(name, 0, timeout=60 * 60)
    try:
        count = cache.incr(name)
    except ValueError:
        cache.set(name, 1, timeout=60 * 60)
        count = 1
    return count <= limit
