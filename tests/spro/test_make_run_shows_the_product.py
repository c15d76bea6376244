"""``make run`` serves the product as users meet it: French error pages, never
Django's technical 404 that lists every route; static files and public images
served; documents only through Wagtail's view (which checks their privacy)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from django.conf import settings
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
client = Client(HTTP_HOST="127.0.0.1")
missing = client.get("/page-qui-n-existe-pas/")
body = missing.content.decode()
print(json.dumps({
    "debug": settings.DEBUG,
    "missing": missing.status_code,
    "french": "Page introuvable" in body,
    "technical": "URLconf" in body or "Using the URLconf" in body,
    "static": client.get("/static/css/spro.css").status_code,
    "document": client.get("/media/documents/convention.pdf").status_code,
}))
"""


def test_the_embedded_server_shows_french_error_pages_and_no_debug_page():
    with tempfile.TemporaryDirectory() as folder:
        environment = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "REDIS_URL")
        }
        environment.update(
            SPRO_EMBEDDED="true", DATABASE_URL=f"sqlite:///{folder}/run.sqlite3"
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", PROBE],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "debug": False,
        "missing": 404,
        "french": True,
        "technical": False,
        "static": 200,
        "document": 404,
    }


def test_make_run_starts_the_embedded_server_and_make_dev_the_debug_one():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    dev = makefile.split("\ndev:", 1)[1].split("\n\n", 1)[0]
    assert "SPRO_EMBEDDED=true" in run and "DEBUG=true" not in run
    assert "DEBUG=true" in dev
