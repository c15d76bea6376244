"""Production profile: everything from the environment, secure by default.

``SECRET_KEY`` must be set (no default here); passes ``check --deploy`` with no
warning when served over HTTPS behind a proxy that sets ``X-Forwarded-Proto``.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEV_SECRET_KEY, env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")


def weak_secret_key(key: str) -> bool:
    """Django's own test (``security.W009``), run at start-up rather than only by
    ``check --deploy``, and the development key or its look-alikes."""
    lowered = key.lower()
    return (
        len(key) < 50
        or len(set(key)) < 5
        or key.startswith("django-insecure")
        or key == DEV_SECRET_KEY
        or any(word in lowered for word in ("dev-only", "change-me", "changeme"))
    )


if weak_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY is weak or a development key: set a random value of at least "
        "50 characters (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# The public address (mails, sitemap): the first allowed host over HTTPS, unless
# set; never the development default.
SPRO_SITE_URL = env.str("SPRO_SITE_URL", default=f"https://{ALLOWED_HOSTS[0]}").rstrip(
    "/"
)
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=SPRO_SITE_URL)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
