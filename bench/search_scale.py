"""Time the site search on PostgreSQL with the demo's 164 structures, then with
many more (issue 10): the stored, GIN-indexed vector should keep it flat.

Needs DATABASE_URL to a PostgreSQL server; creates a throw-away database next to
the one named there (dropped at the end), migrates it, loads the demo, times the
searches, then adds structures made from the demo's own words (bulk_create, their
vectors filled in one UPDATE) and times them again.

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/spro \\
        .venv/bin/python bench/search_scale.py [--structures 10000] [--runs 200]

Prints, per query: structures found; p50 and p99 in ms of ``search_site`` (pages
and structures) and of its structures part alone; the queries ``search_site``
runs (all / on the structures); whether the planner reads the GIN index (it
rightly reads the whole table for a word most rows hold); with
``--legacy-runs`` > 0, the former structures search (vector computed over every
row, a second query to count) for comparison.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = [
    "Rennes",
    "29200",
    "mission locale",
    "Brest metropole",
    "orientations",
    "creation entreprise",
    "conseil en VAE Lorient",
]


def throwaway_database(url: str) -> tuple[str, str]:
    """Create an empty database on the server of ``url``; return its URL and
    name."""
    import psycopg

    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        sys.exit("bench/search_scale.py needs DATABASE_URL to a PostgreSQL database")
    name = f"spro_bench_search_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def add_structures(count: int) -> float:
    """``count`` more published structures, each a demo structure's place and
    network under another's name and presentation; return the seconds the
    vectors' UPDATE took."""
    from extranet.models import Organisation, OrganisationKind, Structure
    from extranet.search import refresh_search_vectors

    rng = random.Random(10)  # noqa: S311 (reproducible data, no secret)
    demo = list(
        Structure.objects.select_related("organisation", "network", "territory")
    )
    start = Structure.objects.count()
    organisations = Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"{rng.choice(demo).organisation.name} — site {start + i}",
                slug=f"bench-structure-{start + i}",
                kind=OrganisationKind.STRUCTURE,
            )
            for i in range(count)
        ),
        batch_size=2000,
    )
    structures = []
    for organisation in organisations:
        model = rng.choice(demo)
        structures.append(
            Structure(
                organisation=organisation,
                structure_type=model.structure_type,
                network=model.network,
                territory=model.territory,
                address_line=model.address_line,
                postcode=model.postcode,
                city=model.city,
                description=rng.choice(demo).description,
                weekly_hours=model.weekly_hours,
            )
        )
    Structure.objects.bulk_create(structures, batch_size=2000)
    began = time.perf_counter()
    refresh_search_vectors(Structure.objects.filter(search_vector__isnull=True))
    took = time.perf_counter() - began
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("organisation", "structure", "network", "territory"):
            cursor.execute(f"ANALYZE extranet_{table}")
    return took


def legacy_search(query: str) -> tuple[list, int]:
    """The search before issue 10: the vector computed for every published
    structure, then counted by a second query."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    from cms.directory.selectors import directory_structures

    vector = (
        SearchVector("organisation__name", weight="A", config="french")
        + SearchVector("city", "postcode", weight="A", config="french")
        + SearchVector("network__name", "territory__name", weight="B", config="french")
        + SearchVector("description", weight="C", config="french")
    )
    search = SearchQuery(query, config="french", search_type="websearch")
    qs = (
        directory_structures()
        .prefetch_related(None)
        .annotate(rank=SearchRank(vector, search))
        .filter(rank__gt=0)
        .order_by("-rank", "organisation__name")
    )
    rows = list(qs[:20])
    return rows, len(rows) if len(rows) < 20 else qs.count()


def timed(runs: int, search) -> tuple[float, float]:
    """p50 and p99 of ``search()`` in ms (after one call to warm up)."""
    search()
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        search()
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings), percentile(timings, 0.99)


def measure(runs: int, legacy_runs: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.search.selectors import (
        counted,
        first_structures,
        search_site,
        search_structures,
    )
    from extranet.models import Structure

    print(f"\n{Structure.objects.published().count()} published structures")
    header = (
        f"{'requête':24} {'trouvées':>8} {'site p50':>8} {'p99':>6} "
        f"{'struct. p50':>11} {'p99':>6} {'requêtes':>8} {'dont str.':>9} "
        f"{'index':>5}"
    )
    if legacy_runs:
        header += f" {'avant p50':>9} {'p99':>6}"
    print(header)
    for query in QUERIES:
        site = timed(runs, lambda q=query: search_site(q))
        structures = timed(
            runs, lambda q=query: first_structures(search_structures(q), 20)
        )
        with CaptureQueriesContext(connection) as ctx:
            results = search_site(query)
        on_structures = [q for q in ctx.captured_queries if "extranet_" in q["sql"]]
        plan = counted(search_structures(query))[:20].explain()
        line = (
            f"{query:24} {results.structure_count:>8} "
            f"{site[0]:>8.2f} {site[1]:>6.2f} "
            f"{structures[0]:>11.2f} {structures[1]:>6.2f} "
            f"{len(ctx.captured_queries):>8} {len(on_structures):>9} "
            f"{'GIN' if 'structure_search_vector_gin' in plan else 'non':>5}"
        )
        if legacy_runs:
            old = timed(legacy_runs, lambda q=query: legacy_search(q))
            line += f" {old[0]:>9.2f} {old[1]:>6.2f}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--structures", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument(
        "--legacy-runs",
        type=int,
        default=20,
        help="runs of the former search per query (0: skip it)",
    )
    args = parser.parse_args()
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/search_scale.py needs DATABASE_URL to a PostgreSQL database")
    url, name = throwaway_database(given)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro.settings.test")
    try:
        import logging

        import django

        django.setup()
        logging.disable(logging.WARNING)

        from django.core.management import call_command
        from django.db import connection, transaction

        from extranet.demo.loader import load_demo
        from extranet.models import Structure

        call_command("migrate", verbosity=0)
        with transaction.atomic():
            load_demo()
        measure(args.runs, args.legacy_runs)
        extra = max(0, args.structures - Structure.objects.count())
        took = add_structures(extra)
        print(f"\n+{extra} structures: vectors filled in one UPDATE in {took:.2f} s")
        measure(args.runs, args.legacy_runs)
        connection.close()
    finally:
        drop_database(given, name)


if __name__ == "__main__":
    main()
