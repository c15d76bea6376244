"""Addresses the person carries away (in a mail, on the point de situation),
and how their secrets are made and compared. Kept apart so that services,
views and tasks can all build them without importing each other."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.urls import reverse


def site_url() -> str:
    return getattr(settings, "SPRO_SITE_URL", "").rstrip("/")


def new_cancel_key() -> tuple[str, str]:
    """A cancel link's secret and its hash (only the hash is stored)."""
    key = secrets.token_urlsafe(24)
    return key, key_hash(key)


def key_hash(key: str) -> str:
    return hashlib.sha256((key or "").encode()).hexdigest()


def cancel_key_matches(stored_hash: str, key: str) -> bool:
    return bool(stored_hash and key) and hmac.compare_digest(stored_hash, key_hash(key))


def cancel_url(appointment_pk: int, key: str) -> str:
    return site_url() + reverse(
        "reception_public:appointment_cancel", args=[appointment_pk, key]
    )


def status_url() -> str:
    """The public page where the person follows their request with their code
    (the code is typed there, never carried in an address)."""
    return site_url() + reverse("reception_public:status")


def public_card_url(structure) -> str:
    """The structure's card in the public directory."""
    return site_url() + reverse("directory:detail", args=[structure.organisation.slug])
