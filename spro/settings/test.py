"""Test profile: the same settings, faster hashing, mails kept in memory.

The database comes from ``DATABASE_URL`` (PostgreSQL in CI, SQLite otherwise).
"""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Axes is switched on again by the test of the lock-out itself.
AXES_ENABLED = False
# Rates are counted in a process-wide cache: switched on by their own tests only.
RATELIMIT_ENABLE = False
ALLOWED_HOSTS = ["*"]
SPRO_SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
SPRO_PUBLIC_CACHE_SECONDS = 0  # switched on by the cache tests themselves
# Uploaded and produced files go to a throw-away folder, one per test run.
import tempfile as _tempfile  # noqa: E402

_FILES = Path(_tempfile.mkdtemp(prefix="spro-test-files-"))  # noqa: F405
MEDIA_ROOT = _FILES / "media"
PRIVATE_MEDIA_ROOT = _FILES / "private"
