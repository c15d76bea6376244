"""Print how long the convention document takes to render, and its pages, for a
convention filled to every content limit (the worst a user can type) and for a
typical demo convention; and how long the row stays locked when the signature
opens (the document is rendered before the lock is taken).

Usage (a throw-away SQLite database unless DATABASE_URL is set):
    .venv/bin/python bench/convention_document.py
"""

from __future__ import annotations

import io
import os
import statistics
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
from pypdf import PdfReader  # noqa: E402

from conventions import services  # noqa: E402
from conventions.definitions import REVIEWED, VALIDATE  # noqa: E402
from conventions.document import render_convention_pdf  # noqa: E402
from conventions.models import CONTENT_MAX_LENGTH, Convention  # noqa: E402
from extranet.models import Role, User  # noqa: E402
from workflows import engine  # noqa: E402

RUNS = 5
# A realistic sentence, repeated up to the limit, one engagement per line.
LINE = (
    "La structure accueille toute personne, sans condition, et l'oriente vers le "
    "conseil adapté à sa situation, dans un délai de quinze jours au plus."
)


def filled(length: int) -> str:
    text, lines = "", []
    while len(text) + len(LINE) + 1 <= length:
        lines.append(LINE)
        text = "\n".join(lines)
    return text


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def report(name: str, convention: Convention) -> None:
    seconds, content = [], b""
    for _run in range(RUNS):
        elapsed, content = timed(lambda: render_convention_pdf(convention, version=1))
        seconds.append(elapsed)
    pages = len(PdfReader(io.BytesIO(content)).pages)
    characters = sum(
        len(getattr(convention, name) or "")
        for name in ("objectives", "specific_terms")
    ) + sum(
        len(getattr(convention, f) or "") for f, _l in convention.engagement_fields()
    )
    print(
        f"{name:<28} {characters:>7} characters  {pages:>3} pages  "
        f"render median {statistics.median(seconds) * 1000:>6.0f} ms  "
        f"max {max(seconds) * 1000:>6.0f} ms"
    )


def main() -> None:
    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    typical = (
        Convention.objects.filter(kind="structure").order_by("-objectives").first()
    )
    report("typical demo convention", typical)

    worst = Convention.objects.filter(kind="structure", state=REVIEWED).first()
    if worst is None:
        worst = typical
    text = filled(CONTENT_MAX_LENGTH)
    Convention.objects.filter(pk=worst.pk).update(
        objectives=text,
        region_engagements=text,
        network_engagements=text,
        structure_engagements=text,
        specific_terms=text,
    )
    worst.refresh_from_db()
    report("every field at its limit", worst)

    if worst.state == REVIEWED:
        coordinator = User.objects.filter(
            memberships__role=Role.REGIONAL_COORDINATOR
        ).first()
        locked_for: list[float] = []
        original = services.convention_document_produce

        def produce(**kwargs):
            elapsed, result = timed(lambda: original(**kwargs))
            locked_for.append(elapsed)
            return result

        services.convention_document_produce = produce
        total, _moved = timed(lambda: engine.fire(worst, VALIDATE, user=coordinator))
        print(
            f"open the signature at the limit: {total * 1000:.0f} ms in all, "
            f"of which {locked_for[0] * 1000:.0f} ms storing the document under "
            "the row lock (rendering ran before the lock)"
        )


if __name__ == "__main__":
    main()
