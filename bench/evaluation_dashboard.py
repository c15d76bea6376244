"""The evaluation dashboard over a year of public satisfaction surveys at
regional scale (issue 15): target 500 ms over 1,000,000 stored answers and
10,000 structures, on PostgreSQL.

Builds in a throw-away database on the PostgreSQL server of ``DATABASE_URL``
(``spro_bench_evaluation``, dropped and made again, dropped at the end):
22 territories and 12 networks when the migrations made none,
``--structures`` structures spread over them (one in twenty without a
network), one closed public campaign of the national survey over them all
(opened and closed through the services), and ``--responses`` responses of
five answers each (the five national questions), written with COPY: the week
spread over this year and the last, a random structure, values drawn from a
realistic distribution. Then VACUUM ANALYZE (as autovacuum would after such a
load) of the two tables, and ANALYZE.

Prints, for this year, the dashboard computed from scratch (the cache
emptied, then ``evaluation.selectors.dashboard(year, t, n, refresh=True)``: this year's
and last year's values of every indicator) for the region, a territory and a
network (min / median / max of ``--runs`` runs), the time of each indicator
in one cold computation, the warm (cached) read, and
``surveys.selectors.campaign_results`` over the campaign (min / median of 3).
Then EXPLAIN ANALYZE of the national share query (``surveys.figures``).

    DATABASE_URL=postgres://postgres@127.0.0.1:5434/spro \\
        .venv/bin/python bench/evaluation_dashboard.py [--structures 10000]
        [--responses 200000] [--runs 5] [--no-explain] [--keep]
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DATABASE = "spro_bench_evaluation"
TARGET_MS = 500
KEEP = False


def _admin_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server.")
    return urllib.parse.urlsplit(url)._replace(path="/postgres").geturl()


def _database() -> str:
    import psycopg

    admin = _admin_url()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    return urllib.parse.urlsplit(admin)._replace(path=f"/{BENCH_DATABASE}").geturl()


def _drop_database() -> None:
    import psycopg

    with psycopg.connect(_admin_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')


os.environ["DATABASE_URL"] = _database()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro.settings.test")

import logging  # noqa: E402

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from evaluation.indicators import DIMENSIONS, indicators_of  # noqa: E402
from evaluation.selectors import dashboard  # noqa: E402
from extranet.models import (  # noqa: E402
    Departement,
    Network,
    Organisation,
    OrganisationKind,
    Role,
    Structure,
    StructureType,
    Territory,
)
from surveys import national, selectors, services  # noqa: E402
from surveys.figures import national_share  # noqa: E402
from surveys.models import Campaign, CampaignState, Question, Survey  # noqa: E402
from surveys.policy import Reach  # noqa: E402
from tests.factories import member, region  # noqa: E402

BATCH = 2000
# Values of the national questions and their weights (mostly satisfied).
DRAWS = {
    national.SATISFACTION: (["satisfait", "neutre", "insatisfait"], [72, 18, 10]),
    national.EASE: (["facile", "neutre", "difficile"], [65, 23, 12]),
    national.CLARITY: (["clair", "neutre", "confus"], [70, 20, 10]),
    national.REPEAT: (["non", "oui"], [74, 26]),
    national.RECOMMENDATION: (
        [str(v) for v in range(11)],
        [1, 1, 1, 2, 2, 4, 6, 10, 16, 14, 12],
    ),
}
DEPARTEMENTS = list(Departement.values)


def world(structure_count: int, rng: random.Random) -> list[tuple[int, int, int]]:
    """Territories, networks and structures, in bulk: the structures as
    (id, territory id, network id or 0)."""
    if not Territory.objects.exists():
        Territory.objects.bulk_create(
            Territory(
                name=f"Territoire {i + 1}",
                slug=f"territoire-{i + 1}",
                departement=DEPARTEMENTS[i % len(DEPARTEMENTS)],
            )
            for i in range(22)
        )
    if not Network.objects.exists():
        heads = Organisation.objects.bulk_create(
            Organisation(
                name=f"Tête du réseau {i + 1}",
                slug=f"tete-reseau-{i + 1}",
                kind=OrganisationKind.NETWORK_HEAD,
            )
            for i in range(12)
        )
        Network.objects.bulk_create(
            Network(
                name=f"Réseau {i + 1}",
                short_name=f"R{i + 1}",
                slug=f"reseau-{i + 1}",
                head=head,
            )
            for i, head in enumerate(heads)
        )
    territories = list(Territory.objects.values_list("pk", flat=True))
    networks = list(Network.objects.values_list("pk", flat=True))
    types = list(StructureType.values)
    for start in range(0, structure_count, BATCH):
        size = min(BATCH, structure_count - start)
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Structure de banc {start + i + 1}",
                slug=f"structure-banc-{start + i + 1}",
                kind=OrganisationKind.STRUCTURE,
            )
            for i in range(size)
        )
        Structure.objects.bulk_create(
            Structure(
                organisation=organisation,
                structure_type=rng.choice(types),
                territory_id=rng.choice(territories),
                network_id=None if rng.random() < 0.05 else rng.choice(networks),
                address_line="1 place de la Mairie",
                postcode="35000",
                city="Rennes",
                weekly_hours=[[day, "09:00", "17:00"] for day in range(5)],
                service_api=True,
            )
            for organisation in organisations
        )
    return [
        (pk, t, n or 0)
        for pk, t, n in Structure.objects.values_list(
            "pk", "territory_id", "network_id"
        )
    ]


def campaign_of(today: datetime.date) -> Campaign:
    """The national survey's public campaign over every structure, from
    1 January of last year to today, opened then closed by the services."""
    coordinator = member(Role.REGIONAL_COORDINATOR, region())
    survey = Survey.objects.get(national=True, previous__isnull=True)
    campaign = services.campaign_save(
        user=coordinator,
        data={
            "survey": survey,
            "title": "Satisfaction du public (banc)",
            "mode": "public",
            "opens_on": datetime.date(today.year - 1, 1, 1),
            "closes_on": today,
        },
        structures=Structure.objects.all(),
    )
    campaign = services.campaign_open(user=coordinator, campaign=campaign, today=today)
    return services.campaign_close(user=coordinator, campaign=campaign)


def responses(
    campaign: Campaign,
    structures: list[tuple[int, int, int]],
    count: int,
    today: datetime.date,
    rng: random.Random,
) -> int:
    """``count`` responses of five answers each, with COPY; the answers."""
    questions = dict(
        Question.objects.filter(section__survey=campaign.survey_id).values_list(
            "code", "pk"
        )
    )
    first = datetime.date(today.year - 1, 1, 1)
    days = (today - first).days + 1
    # Some structures receive many more people than others.
    weights = [rng.paretovariate(1.5) for _ in structures]
    chosen = rng.choices([pk for pk, _t, _n in structures], weights, k=count)
    draws = {
        code: rng.choices(values, weights, k=count)
        for code, (values, weights) in DRAWS.items()
    }
    ids = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(count)]
    raw = connection.connection
    answers = 0
    with raw.cursor() as cursor:
        with cursor.copy(
            "COPY surveys_response (id, campaign_id, structure_id, week, on_behalf) "
            "FROM STDIN"
        ) as copy:
            for n in range(count):
                day = first + datetime.timedelta(days=rng.randrange(days))
                copy.write_row(
                    (
                        ids[n],
                        campaign.pk,
                        chosen[n],
                        services.week_of(day),
                        rng.random() < 0.05,
                    )
                )
        with cursor.copy(
            "COPY surveys_answer (id, response_id, question_id, row, value, text, "
            "moderation) FROM STDIN"
        ) as copy:
            for n in range(count):
                for code, values in draws.items():
                    copy.write_row(
                        (
                            uuid.UUID(int=rng.getrandbits(128), version=4),
                            ids[n],
                            questions[code],
                            "",
                            values[n],
                            "",
                            "",
                        )
                    )
                    answers += 1
    raw.commit()
    return answers


def timed(call, runs: int, *, cold: bool = False) -> list[float]:
    """``runs`` timings of ``call`` in ms; ``cold``: the cache emptied before
    each (nothing computed earlier is reused)."""
    seconds = []
    for _ in range(runs):
        if cold:
            cache.clear()
        start = time.perf_counter()
        call()
        seconds.append((time.perf_counter() - start) * 1000)
    return seconds


def line(name: str, ms: list[float], *, target: bool = False) -> str:
    text = (
        f"  {name:<44} min {min(ms):>7.0f}  median {statistics.median(ms):>7.0f}  "
        f"max {max(ms):>7.0f} ms"
    )
    if target:
        verdict = "within" if statistics.median(ms) <= TARGET_MS else "MISSES"
        text += f"  ({verdict} {TARGET_MS} ms)"
    return text


def per_indicator(year: int) -> None:
    """Each indicator's time and queries in one cold computation of both
    years, slowest first."""
    found = []
    cache.clear()
    for dimension in DIMENSIONS:
        for indicator in indicators_of(dimension.key):
            if indicator.compute is None:
                continue
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                indicator.compute(year, None, None)
                indicator.compute(year - 1, None, None)
                ms = (time.perf_counter() - start) * 1000
            found.append((ms, indicator.key, len(queries)))
    found.sort(reverse=True)
    total = sum(ms for ms, _k, _q in found)
    print(f"  per indicator (both years, region), {total:.0f} ms in all:")
    for ms, key, queries in found[:8]:
        print(f"    {key:<40} {ms:>7.1f} ms  {queries} queries")


def explain(year: int) -> None:
    """EXPLAIN ANALYZE of the national share query (satisfaction, region)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        national_share(year, national.SATISFACTION, "satisfait", None, None)
    sql = queries.captured_queries[-1]["sql"]
    print("  national_share query:")
    print(f"    {sql}")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        for (row,) in cursor.fetchall():
            print(f"    {row}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--structures", type=int, default=10_000)
    parser.add_argument("--responses", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument(
        "--keep", action="store_true", help="keep the database (to investigate)"
    )
    args = parser.parse_args()
    global KEEP
    KEEP = args.keep
    logging.disable(logging.WARNING)
    rng = random.Random(15)  # noqa: S311 - reproducible data, not a secret
    today = timezone.localdate()
    year = today.year
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    structures = world(args.structures, rng)
    campaign = campaign_of(today)
    answers = responses(campaign, structures, args.responses, today, rng)
    # Loaded with COPY, not through ``responses_flush``: count the tallies
    # the flush would have kept.
    tally_started = time.perf_counter()
    tallies = services.tallies_rebuild(campaign=campaign)
    print(
        f"tallies counted again from the answers: {tallies} rows in "
        f"{time.perf_counter() - tally_started:.1f} s"
    )
    with connection.cursor() as cursor:
        # As autovacuum would after such a load (visibility map, hint bits).
        cursor.execute("VACUUM ANALYZE surveys_response")
        cursor.execute("VACUUM ANALYZE surveys_answer")
        cursor.execute("VACUUM ANALYZE surveys_tally")
        cursor.execute("ANALYZE")
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.CLOSED
    print(
        f"{connection.vendor}: {len(structures)} structures over "
        f"{Territory.objects.count()} territories and {Network.objects.count()} "
        f"networks; one closed public campaign, {args.responses} responses, "
        f"{answers} answers ({year - 1}-{year}); built in "
        f"{time.perf_counter() - started:.0f} s"
    )
    territory = Territory.objects.order_by("pk").values_list("pk", flat=True)[0]
    network = Network.objects.order_by("pk").values_list("pk", flat=True)[0]

    print(f"dashboard({year}) computed from scratch ({args.runs} runs):")
    for name, t, n in (
        ("region", None, None),
        (f"territory {territory}", territory, None),
        (f"network {network}", None, network),
    ):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            dashboard(year, t, n, refresh=True)
        ms = timed(
            lambda t=t, n=n: dashboard(year, t, n, refresh=True), args.runs, cold=True
        )
        print(line(f"{name} ({len(queries)} queries)", ms, target=True))
    dashboard(year)
    ms = timed(lambda: dashboard(year), args.runs)
    print(line("warm read (cached)", ms))
    per_indicator(year)

    ms = timed(lambda: selectors.campaign_results(campaign, Reach(everything=True)), 3)
    print(
        f"campaign_results(campaign, everything): min {min(ms):.0f} ms, "
        f"median {statistics.median(ms):.0f} ms"
    )
    if not args.no_explain:
        explain(year)


if __name__ == "__main__":
    try:
        main()
    finally:
        cache.clear()
        connection.close()
        if not KEEP:
            _drop_database()
