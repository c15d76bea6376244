"""The WSGI process loads its URLs at start-up and freezes what start-up made,
so that full garbage collections do not walk it during requests (p99)."""

from __future__ import annotations

import gc
import importlib
import sys


def test_the_wsgi_module_freezes_its_start_up():
    gc.unfreeze()
    sys.modules.pop("spro.wsgi", None)
    try:
        wsgi = importlib.import_module("spro.wsgi")
        frozen = gc.get_freeze_count()
        assert callable(wsgi.application)
        # Every view module (and Wagtail's) is loaded and frozen with it.
        assert "conventions.views" in sys.modules
        assert frozen > 50_000
    finally:
        gc.unfreeze()
