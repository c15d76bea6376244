"""The regional synthesis over many territories (issue 14): how many queries
and how long its figures take, and how long its PDF report takes to render,
with ``--territories`` reviewed plans (100 by default), each with a
partnership action (pilot, partners, milestones), a professionalisation
action with a session, a local need and a written review.

Builds the plans in bulk in a throw-away database: on the PostgreSQL server of
``DATABASE_URL`` when it names one (database ``spro_bench_synthesis``, dropped
and made again), else in a temporary SQLite file. Prints the figures' query
count and time, the page's and the PDF's timings (median and max of
``--runs`` runs) and the PDF's size and pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5434/spro \\
        .venv/bin/python bench/synthesis_pdf.py [--territories 100] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DATABASE = "spro_bench_synthesis"


def _database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    import psycopg

    parts = urllib.parse.urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    return parts._replace(path=f"/{BENCH_DATABASE}").geturl()


os.environ["DATABASE_URL"] = _database()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro.settings.test")

import logging  # noqa: E402

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from coordination.models import (  # noqa: E402
    ActionKind,
    ActionPartner,
    LocalAction,
    LocalPlan,
    Milestone,
    PartnershipTheme,
)
from coordination.plans import services  # noqa: E402
from coordination.plans.documents import synthesis_pdf_bytes  # noqa: E402
from coordination.plans.selectors import (  # noqa: E402
    figures_of,
    reviewed_plans,
    synthesis_figures,
)
from extranet.models import Role, Structure, Territory, User  # noqa: E402
from workflows import engine  # noqa: E402

REVIEW = (
    "Les structures du territoire se sont réunies quatre fois. Les permanences "
    "partagées ont été tenues dans les communes rurales ; le relais entre le "
    "premier accueil et le conseil s'est amélioré, mais l'été reste difficile. "
)


def build(territories: int, year: int) -> None:
    """``territories`` reviewed plans of ``year``, in bulk."""
    structures = list(Structure.objects.select_related("organisation")[:40])
    known = list(Territory.objects.order_by("pk"))
    extra = Territory.objects.bulk_create(
        Territory(name=f"Territoire de banc {i}", slug=f"banc-{i}", departement="35")
        for i in range(max(0, territories - len(known)))
    )
    chosen = (known + extra)[:territories]
    plans = LocalPlan.objects.bulk_create(
        LocalPlan(
            territory=t,
            year=year,
            title=f"Plan d'action local {year} — {t.name}",
            diagnosis=REVIEW,
            state="reviewed",
            review_summary=REVIEW * 3,
            review_difficulties=REVIEW,
            review_participation=REVIEW,
        )
        for t in chosen
    )
    themes = PartnershipTheme.values
    actions = []
    for i, plan in enumerate(plans):
        actions.append(
            LocalAction(
                plan=plan,
                kind=ActionKind.PARTNERSHIP,
                title="Des permanences partagées",
                theme=themes[i % len(themes)],
                problem=REVIEW,
                objectives=REVIEW,
                indicators="Permanences tenues : 12\nPersonnes reçues : 150",
                pilot=structures[i % len(structures)],
                outcome="done" if i % 4 else "partly",
                review_done=REVIEW,
                review_participants=20 + i % 30,
                review_results=REVIEW,
            )
        )
        actions.append(
            LocalAction(
                plan=plan,
                kind=ActionKind.LOCAL_NEED,
                title="Accueillir les publics allophones",
                audience="Chargé·es d'accueil",
                people=10,
                outcome="done",
            )
        )
    actions = LocalAction.objects.bulk_create(actions)
    partnerships = [a for a in actions if a.kind == ActionKind.PARTNERSHIP]
    ActionPartner.objects.bulk_create(
        ActionPartner(
            action=a, organisation=structures[(i + 1) % len(structures)].organisation
        )
        for i, a in enumerate(partnerships)
    )
    Milestone.objects.bulk_create(
        Milestone(
            action=a,
            title=f"Étape {m}",
            due_on=f"{year}-0{m + 2}-15",
            status="done",
            progress=100,
        )
        for a in partnerships
        for m in range(3)
    )


def timed(call, runs: int) -> tuple[list[float], object]:
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        seconds.append(time.perf_counter() - start)
    return seconds, result


def line(name: str, seconds: list[float]) -> str:
    return (
        f"{name:<38} median {statistics.median(seconds) * 1000:>7.0f} ms  "
        f"max {max(seconds) * 1000:>7.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--territories", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    year = engine.today().year - 3
    build(args.territories, year)
    coordinator = User.objects.filter(
        memberships__role=Role.REGIONAL_COORDINATOR
    ).first()
    synthesis = services.synthesis_create(
        user=coordinator,
        year=year,
        data={
            "title": "Synthèse de banc",
            "narrative": REVIEW * 10,
            "recommendations": REVIEW,
        },
    )

    print(
        f"{connection.vendor}, {args.territories} territories' reviewed plans of {year}"
    )
    with CaptureQueriesContext(connection) as queries:
        synthesis_figures(year)
    print(f"figures: {len(queries)} queries")
    seconds, figures = timed(lambda: synthesis_figures(year), args.runs)
    print(line("figures from the records", seconds))

    def render() -> bytes:
        return synthesis_pdf_bytes(
            synthesis, figures_of(synthesis), list(reviewed_plans(year))
        )

    seconds, content = timed(render, args.runs)
    pages = len(PdfReader(io.BytesIO(content)).pages)
    print(line("PDF report (figures + plans + render)", seconds))
    print(f"PDF: {len(content) / 1024:.0f} KiB, {pages} pages")


if __name__ == "__main__":
    main()
