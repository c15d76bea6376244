"""Addresses of training that a mail or a QR code carries, and how their
secrets are compared. Kept apart so that the services, the attendance and the
reminders can all build them without importing each other."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac

from .models import Enrolment


def site_url() -> str:
    """The site's public address, for links in mails."""
    return getattr(settings, "SPRO_SITE_URL", "").rstrip("/")


def same_secret(a: str, b: str) -> bool:
    """Compare two secrets in constant time."""
    return hmac.compare_digest(a.encode(), b.encode())


def arrival_key(enrolment: Enrolment) -> str:
    """The secret of the participant's QR code: derived from the server's key
    and the enrolment, so nothing guessable and nothing stored."""
    return salted_hmac(
        "training.arrival", f"enrolment:{enrolment.pk}", algorithm="sha256"
    ).hexdigest()[:32]


def arrival_key_matches(enrolment: Enrolment, key: str) -> bool:
    return bool(key) and same_secret(key, arrival_key(enrolment))


def arrival_url(enrolment: Enrolment) -> str:
    """The address behind the participant's QR code (for the trainer)."""
    return site_url() + reverse(
        "training:arrival", args=[enrolment.pk, arrival_key(enrolment)]
    )
