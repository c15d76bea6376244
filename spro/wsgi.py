"""WSGI entry point (gunicorn spro.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro.settings.production")

application = get_wsgi_application()


def _freeze_start_up() -> None:
    """Load the URLs (and with them every view module) now, then move all that
    start-up made out of the garbage collector's sight: it lives as long as the
    process, and a full collection walking it (about 140 ms with Wagtail loaded)
    would otherwise stall one request every few thousand, which is what p99
    latency shows."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imported for its side effect
    gc.collect()
    gc.freeze()


_freeze_start_up()
