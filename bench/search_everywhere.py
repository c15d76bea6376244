"""The extranet's one search and the practices' search under load on
PostgreSQL (issue 13, part 4): 5,000 service entries, 2,000 published good
practices, 32 concurrent professionals.

Builds, in a throw-away database on the PostgreSQL server of ``DATABASE_URL``,
what ``servicemap_search.py`` builds (the demo, then service entries up to
``--entries``), then adds published practices up to ``--practices``
(``bulk_create`` from the demo's own practices, reworded, their full-text
vectors filled in one UPDATE). Starts gunicorn (``--workers`` sync workers,
DEBUG off) on 127.0.0.1; ``--clients`` concurrent clients, each signed in as a
professional of a different structure, run ``--requests`` requests through
the real HTTP stack, cycling through: the search everywhere
(``/extranet/recherche/``: counts and first results of every kind), the search
restricted to one kind (paginated), and the practices' list searched by
keywords (``/extranet/pratiques/?q=``). Prints requests per second and
p50/p95/p99 latencies, overall and per kind of request, and checks that every
answer was 200 (exits non-zero otherwise); gunicorn is stopped in any case.

    DATABASE_URL=postgres://postgres@127.0.0.1:5434/spro \\
        .venv/bin/python bench/search_everywhere.py [--entries 5000]
        [--practices 2000] [--requests 960] [--clients 32] [--workers 4]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import os
import statistics
import sys
import time
from collections import Counter, defaultdict

import servicemap_search
from enrolment_load import ROOT, environment, manage, start_gunicorn
from servicemap_search import percentile

servicemap_search.BENCH_DATABASE = "spro_bench_search_everywhere"

EVERYWHERE = "/extranet/recherche/"
PRACTICES = "/extranet/pratiques/"

# (label, path, query string, what a page with results shows).
REQUESTS = [
    ("partout", EVERYWHERE, {"q": "accompagnement emploi"}, 'class="search-results"'),
    ("partout rare", EVERYWHERE, {"q": "scooters"}, 'class="search-results"'),
    ("partout large", EVERYWHERE, {"q": "jeunes"}, 'class="search-results"'),
    (
        "un type, page 2",
        EVERYWHERE,
        {"q": "jeunes", "type": "pratiques", "page": "2"},
        'class="search-results"',
    ),
    (
        "cartographie seule",
        EVERYWHERE,
        {"q": "formation", "type": "cartographie"},
        'class="search-results"',
    ),
    ("pratiques q", PRACTICES, {"q": "entreprises"}, "<tbody"),
    ("pratiques q rare", PRACTICES, {"q": "podcast"}, "<tbody"),
    ("pratiques q+thème", PRACTICES, {"q": "jeunes", "theme": "employers"}, "<tbody"),
]


def add_practices(target: int) -> int:
    """Published practices up to ``target``, reworded from the demo's, their
    vectors refreshed in one UPDATE; how many there are."""
    from django.utils import timezone

    from collaboration.models import Practice
    from collaboration.practices.definitions import PUBLISHED
    from collaboration.practices.search import refresh_practice_vectors

    seeds = list(Practice.objects.order_by("pk").values())
    published = Practice.objects.filter(state=PUBLISHED).count()
    now = timezone.now()
    extra = []
    for n in range(max(0, target - published)):
        values = dict(
            seeds[n % len(seeds)],
            id=None,
            search_vector=None,
            state=PUBLISHED,
            featured=False,
            featured_at=None,
        )
        practice = Practice(**values)
        practice.title = f"{practice.title} ({n // len(seeds) + 2})"[:160]
        practice.description = f"{practice.description}\nÉdition n° {n}."
        practice.published_at = practice.checked_at = now - datetime.timedelta(
            days=n % 600
        )
        extra.append(practice)
    Practice.objects.bulk_create(extra, batch_size=500)
    refresh_practice_vectors(Practice.objects.all())
    return Practice.objects.filter(state=PUBLISHED).count()


get = servicemap_search.get_page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--practices", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=960)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8477)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server.")

    env = environment(servicemap_search.throwaway_database(url))
    print("Building the demo, the map and the practices…", flush=True)
    manage(env, "migrate", "--noinput")
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    clients = servicemap_search.build(args)
    print(f"  {add_practices(args.practices)} published practices", flush=True)
    connection.close()
    plan = []
    for n in range(args.requests):
        cookie, _territory = clients[n % len(clients)]
        label, path, params, marker = REQUESTS[n % len(REQUESTS)]
        plan.append((label, cookie, path, params, marker))

    server = start_gunicorn(args.port, args.workers, env)
    try:
        # One warm-up request per client (templates, connections).
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(lambda c: get(args.port, c[0], EVERYWHERE, {}, ""), clients))
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            results = list(pool.map(lambda r: get(args.port, *r[1:]), plan))
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)

    latencies = [ms for _s, ms, _f in results]
    statuses = Counter(s for s, _ms, _f in results)
    by_label: dict[str, list[float]] = defaultdict(list)
    empty = Counter()
    for (label, *_rest), (_s, ms, found) in zip(plan, results, strict=True):
        by_label[label].append(ms)
        if not found:
            empty[label] += 1
    print(
        f"{len(plan)} searches (everywhere and practices), {args.clients} concurrent "
        f"clients, gunicorn {args.workers} sync workers, PostgreSQL"
    )
    print(
        f"  {len(plan) / elapsed:.1f} requests/s over {elapsed:.1f} s; latency "
        f"p50 {statistics.median(latencies):.0f} ms, p95 "
        f"{percentile(latencies, 0.95):.0f} ms, p99 {percentile(latencies, 0.99):.0f} "
        f"ms; answers " + ", ".join(f"{c}: {n}" for c, n in sorted(statuses.items()))
    )
    for label, values in by_label.items():
        share = len(values) / elapsed
        print(
            f"    {label:18} {share:5.1f} req/s  p50 {statistics.median(values):5.0f} "
            f"ms  p95 {percentile(values, 0.95):5.0f} ms  p99 "
            f"{percentile(values, 0.99):5.0f} ms  (no result: {empty[label]})"
        )
    ok = set(statuses) == {200}
    print(f"  [{'ok' if ok else 'FAILED'}] every answer 200")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
