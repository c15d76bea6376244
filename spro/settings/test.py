"""Test profile: the same settings, faster hashing, mails kept in memory.

The database comes from ``DATABASE_URL`` (PostgreSQL in CI, SQLite otherwise).
"""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
# Tests in parallel (pytest-xdist, PYTEST_XDIST_WORKER = "gw0", "gw1"…): each process
# has its own Redis database and its own queue, so that the Celery worker a test
# starts never takes a task sent by another process (nor one left by another run).
# Serially (no PYTEST_XDIST_WORKER) the broker is REDIS_URL as it is.
import os as _os  # noqa: E402
from urllib.parse import urlsplit as _urlsplit  # noqa: E402

_XDIST_WORKER = _os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER:  # noqa: F405
    _number = int(_XDIST_WORKER.removeprefix("gw"))
    # Database 0 is the serial run's; Redis has 16 (0-15) unless configured otherwise.
    REDIS_URL = (  # noqa: F405
        _urlsplit(REDIS_URL)._replace(path=f"/{1 + _number % 15}").geturl()  # noqa: F405
    )
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_DEFAULT_QUEUE = f"celery-{_XDIST_WORKER}"
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
