"""The service map's search under load on PostgreSQL (issue 13): 5,000 entries,
32 concurrent professionals.

Builds, in a throw-away database on the PostgreSQL server of ``DATABASE_URL``,
the demo (organisations, territories, structures, the demo map), then adds
entries up to ``--entries`` (``bulk_create`` from the demo's own entries,
reworded, their full-text vectors filled in one UPDATE). Starts gunicorn
(``--workers`` sync workers, DEBUG off) on 127.0.0.1; ``--clients`` concurrent
clients, each signed in as a professional of a different structure, run
``--requests`` searches of the extranet page through the real HTTP stack
(session, middleware, policy, template), cycling through a mix of filters:
keywords (French full-text), need, audience, territory, a commune typed, a
channel, and combinations. Prints requests per second and p50/p95/p99
latencies, overall and per kind of search, and checks that every answer was
200 with results (exits non-zero otherwise).

    DATABASE_URL=postgres://postgres@127.0.0.1:5434/spro \\
        .venv/bin/python bench/servicemap_search.py [--entries 5000]
        [--requests 960] [--clients 32] [--workers 4]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import os
import statistics
import sys
import time
import urllib.parse
from collections import Counter, defaultdict

from enrolment_load import HOST, ROOT, environment, manage, start_gunicorn

BENCH_DATABASE = "spro_bench_servicemap"

# (label, query string) of the searches the clients cycle through.
SEARCHES = [
    ("mot-clé", {"q": "accompagnement emploi"}),
    ("mot-clé rare", {"q": "scooters"}),
    ("besoin", {"kind": "scheme"}),
    ("public", {"audience": "young"}),
    ("territoire", {"territory": None}),  # the client's structure's territory
    ("commune", {"commune": "Lorient"}),
    ("mode de contact", {"channel": "visio"}),
    ("combiné", {"audience": "job_seekers", "commune": "Brest", "q": "formation"}),
    ("page 3", {"page": "3"}),
]


def throwaway_database(url: str) -> str:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL server.")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    return parts._replace(path=f"/{BENCH_DATABASE}").geturl()


def build(args: argparse.Namespace) -> list[tuple[str, str]]:
    """The demo and the extra entries (django is set up); one (cookie,
    territory slug) per client, each a professional of another structure."""
    from django.conf import settings
    from django.test import Client

    from collaboration.demo import load_collaboration
    from collaboration.models import ServiceEntry
    from collaboration.servicemap.search import refresh_entry_vectors
    from extranet.demo.loader import load_demo
    from extranet.models import Membership, Role

    load_demo()
    load_collaboration()
    seeds = list(ServiceEntry.objects.order_by("pk").values())
    missing = max(0, args.entries - len(seeds))
    extra = []
    for n in range(missing):
        values = dict(seeds[n % len(seeds)], id=None, search_vector=None)
        seed = ServiceEntry(**values)
        seed.title = f"{seed.title} ({n // len(seeds) + 2})"
        seed.description = f"{seed.description} Session n° {n}."
        extra.append(seed)
    ServiceEntry.objects.bulk_create(extra, batch_size=1000)
    refresh_entry_vectors(ServiceEntry.objects.all())
    print(f"  {ServiceEntry.objects.count()} entries", flush=True)

    memberships = list(
        Membership.objects.filter(
            role__in=(Role.PROFESSIONAL, Role.REFERENT),
            user__is_active=True,
            organisation__structure__isnull=False,
        )
        .select_related("user", "organisation__structure__territory")
        .order_by("organisation_id", "pk")
    )
    seen, clients = set(), []
    for m in memberships:
        if m.organisation_id in seen:
            continue
        seen.add(m.organisation_id)
        client = Client()
        client.force_login(m.user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
        clients.append((cookie, m.organisation.structure.territory.slug))
        if len(clients) == args.clients:
            break
    return clients


def get_page(
    port: int, cookie: str, path: str, params: dict, marker: str
) -> tuple[int, float, bool]:
    """GET ``path`` with ``params`` as a signed-in client: the status, the
    time in ms, and whether the page holds ``marker`` (results were found)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request(
        "GET",
        path + "?" + urllib.parse.urlencode(params),
        headers={"Host": "localhost", "Cookie": cookie},
    )
    response = conn.getresponse()
    page = response.read().decode(errors="replace")
    conn.close()
    return response.status, (time.perf_counter() - started) * 1000, marker in page


def get(port: int, cookie: str, params: dict) -> tuple[int, float, bool]:
    return get_page(port, cookie, "/extranet/cartographie/", params, "<article")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=960)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8476)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server.")

    env = environment(throwaway_database(url))
    print("Building the demo and the map…", flush=True)
    manage(env, "migrate", "--noinput")
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    clients = build(args)
    connection.close()
    plan = []
    for n in range(args.requests):
        cookie, territory = clients[n % len(clients)]
        label, params = SEARCHES[n % len(SEARCHES)]
        params = {k: (v if v is not None else territory) for k, v in params.items()}
        plan.append((label, cookie, params))

    server = start_gunicorn(args.port, args.workers, env)
    try:
        # One warm-up request per client (templates, connections).
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(lambda c: get(args.port, c[0], {}), clients))
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            results = list(pool.map(lambda r: get(args.port, r[1], r[2]), plan))
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)

    latencies = [ms for _s, ms, _f in results]
    statuses = Counter(s for s, _ms, _f in results)
    by_label: dict[str, list[float]] = defaultdict(list)
    empty = Counter()
    for (label, _c, _p), (_s, ms, found) in zip(plan, results, strict=True):
        by_label[label].append(ms)
        if not found:
            empty[label] += 1
    print(
        f"{len(plan)} searches over the map, {args.clients} concurrent clients, "
        f"gunicorn {args.workers} sync workers, PostgreSQL"
    )
    print(
        f"  {len(plan) / elapsed:.1f} requests/s over {elapsed:.1f} s; latency "
        f"p50 {statistics.median(latencies):.0f} ms, p95 "
        f"{percentile(latencies, 0.95):.0f} ms, p99 {percentile(latencies, 0.99):.0f} "
        f"ms; answers " + ", ".join(f"{c}: {n}" for c, n in sorted(statuses.items()))
    )
    for label, values in by_label.items():
        print(
            f"    {label:16} p50 {statistics.median(values):5.0f} ms  p99 "
            f"{percentile(values, 0.99):5.0f} ms  (no result: {empty[label]})"
        )
    ok = set(statuses) == {200}
    print(f"  [{'ok' if ok else 'FAILED'}] every answer 200")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
