"""Print the number of SQL queries of each extranet page, per demo role.

Usage (loads the demo data into a throw-away SQLite database unless DATABASE_URL
is set):  .venv/bin/python bench/extranet_queries.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro.settings.test")

import logging  # noqa: E402

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from conventions.models import Convention  # noqa: E402
from conventions.policy import convention_policy  # noqa: E402
from extranet.models import Structure, User  # noqa: E402
from extranet.permissions import structure_policy  # noqa: E402

ACCOUNTS = [
    "referent@spro-demo.bzh",
    "professionnel@spro-demo.bzh",
    "tete-de-reseau@spro-demo.bzh",
    "territoire@spro-demo.bzh",
    "coordination@spro-demo.bzh",
    "etat@spro-demo.bzh",
]


def login(client: Client, user: User) -> None:
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def measure(client: Client, url: str) -> tuple[int, int, float]:
    client.get(url)  # warm caches
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, len(ctx.captured_queries), time.perf_counter() - start


def main() -> None:
    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--if-empty", verbosity=0)
    print(
        f"{Structure.objects.count()} structures, "
        f"{Convention.objects.count()} conventions, base {connection.vendor}"
    )
    print(f"{'compte':32} {'page':24} {'statut':>6} {'requêtes':>9} {'ms':>7}")
    for email in ACCOUNTS:
        user = User.objects.get(email=email)
        # A structure in the user's own scope, as they would open it.
        structure = structure_policy.visible(user, "view").order_by("pk").first()
        pages = {
            "dashboard": reverse("extranet:dashboard"),
            "structure_list": reverse("extranet:structure_list"),
            "structure_detail": reverse(
                "extranet:structure_detail", args=[structure.pk]
            ),
            "structure_edit": reverse("extranet:structure_edit", args=[structure.pk]),
            "organisation_list": reverse("extranet:organisation_list"),
            "organisation_members": reverse(
                "extranet:organisation_members", args=[structure.organisation_id]
            ),
        }
        pages["convention_list"] = reverse("conventions:list")
        # The convention the user may see that moved last.
        convention = (
            convention_policy.visible(user, "view")
            .order_by("-state_entered_at")
            .first()
        )
        if convention is not None:
            pages["convention_detail"] = reverse(
                "conventions:detail", args=[convention.pk]
            )
        if convention_policy.grants_anywhere(user, "overview"):
            pages["convention_overview"] = reverse("conventions:overview")
        pages["notification_list"] = reverse("notifications:list")
        client = Client()
        login(client, user)
        if not structure_policy.can(user, "change", structure):
            del pages["structure_edit"]
        for name, url in pages.items():
            status, queries, seconds = measure(client, url)
            print(
                f"{email:32} {name:24} {status:>6} {queries:>9} {seconds * 1000:>7.1f}"
            )


if __name__ == "__main__":
    main()
