"""Concurrent online bookings on PostgreSQL: no slot booked twice (issue 12).

Builds, in a throw-away database on the PostgreSQL server of ``DATABASE_URL``,
one published structure with ``--slots`` public slots open for booking, then
starts gunicorn (``--workers`` sync workers, DEBUG off) on 127.0.0.1. Then
``--clients`` concurrent clients post the public booking form through the
real HTTP stack (CSRF, middleware, templates): one request per slot, plus
``--extra`` requests from more people than there are slots, each aimed at a
slot somebody else is booking too, all shuffled. Prints requests per second
and latencies, then checks in the database:

* no slot holds more than one live booking (double bookings = 0);
* every slot is booked, and every request answered 200 left exactly one
  booking (none lost), every 400 none;
* nothing else was answered (no 500).

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/spro \\
        .venv/bin/python bench/booking_load.py [--slots 200] [--extra 60]
        [--clients 32] [--workers 4]

Refuses to run on SQLite (it serialises writers: nothing would be measured).
Mails go to memory and tasks run in the request (no ``REDIS_URL``), as the
embedded mode does; the per-address limit of anonymous posts is switched off
(every request comes from 127.0.0.1). Exits non-zero when a check fails.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import http.client
import os
import random
import re
import signal
import statistics
import sys
import time
import urllib.parse
from collections import Counter

# The enrolment bench's environment and manage() (same folder).
from enrolment_load import HOST, ROOT, environment, manage, start_gunicorn

BENCH_DATABASE = "spro_bench_booking"


def throwaway_database(url: str) -> str:
    """Create (anew) the bench database on the server of ``url``; its URL."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL server (row locks).")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    return parts._replace(path=f"/{BENCH_DATABASE}").geturl()


def build(args: argparse.Namespace) -> tuple[list[int], list[tuple[int, int]]]:
    """The structure and its slots (django is set up): the slot ids, and the
    requests as (slot id, person number), shuffled."""
    from django.utils import timezone

    from reception.models import Slot
    from tests.factories import StructureFactory

    structure = StructureFactory(service_cep=True)
    now = timezone.now()
    first = now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=3)
    slots = []
    for n in range(args.slots):
        # Eight slots a day, from 9 h, on consecutive days.
        starts = first + datetime.timedelta(days=n // 8, minutes=45 * (n % 8))
        slots.append(
            Slot.objects.create(
                structure=structure,
                service="cep",
                channel="place",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=45),
                place="Bureau 2",
                bookable_by="public",
                books_from=now - datetime.timedelta(hours=1),
                books_until=starts - datetime.timedelta(hours=4),
            ).pk
        )
    requests = [(pk, n) for n, pk in enumerate(slots)]
    rng = random.Random(12)  # noqa: S311 - a reproducible shuffle, not a secret
    for n in range(args.extra):
        requests.append((rng.choice(slots), args.slots + n))
    rng.shuffle(requests)
    return slots, requests


def post(port: int, csrf: str, slot: int, person: int) -> tuple[int, float]:
    contact = (
        f"personne{person}@bench.invalid"
        if person % 2
        else f"06 {person // 10000 % 100:02d} {person // 100 % 100:02d} "
        f"{person % 100:02d} 00"
    )
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": csrf,
            "person_label": f"Personne {person}",
            "contact": contact,
        }
    )
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request(
        "POST",
        f"/accueil/rendez-vous/creneau/{slot}/",
        body=body,
        headers={
            "Host": "localhost",
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    response = conn.getresponse()
    status = response.status
    page = response.read().decode(errors="replace")
    conn.close()
    if status == 400 and not re.search(r"vient d(&#x27;|')être réservé", page):
        status = 499  # refused, but not because the slot was taken
    return status, (time.perf_counter() - started) * 1000


def check(slots: list[int], requests: list, results: list) -> bool:
    """The final counts; True when every check holds."""
    from django.db.models import Count

    from reception.models import TAKING_STATUSES, Appointment

    ok = True

    def say(good: bool, text: str) -> None:
        nonlocal ok
        ok = ok and good
        print(f"  [{'ok' if good else 'FAILED'}] {text}")

    live = Appointment.objects.filter(slot_id__in=slots, status__in=TAKING_STATUSES)
    doubled = live.values("slot_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    statuses = Counter(s for s, _ms in results)
    booked_slots = set(live.values_list("slot_id", flat=True))
    answered_ok = Counter(
        slot for (slot, _p), (s, _ms) in zip(requests, results, strict=True) if s == 200
    )
    say(doubled == 0, f"double bookings: {doubled}")
    say(
        live.count() == statuses[200] == len(booked_slots),
        f"{statuses[200]} bookings answered, {live.count()} stored, "
        f"on {len(booked_slots)} distinct slots",
    )
    say(
        set(answered_ok) == booked_slots and all(n == 1 for n in answered_ok.values()),
        "each booking answered matches one stored booking of its slot",
    )
    say(len(booked_slots) == len(slots), f"every one of the {len(slots)} slots booked")
    say(
        statuses[400] == len(requests) - len(slots),
        f"{statuses[400]} refusals in French (« vient d'être réservé »), "
        f"one per request beyond the slots",
    )
    others = {s: n for s, n in statuses.items() if s not in (200, 400)}
    say(not others, f"no other answer ({others or 'none'})")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slots", type=int, default=200)
    parser.add_argument("--extra", type=int, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8474)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit(
            "Set DATABASE_URL to a PostgreSQL server: on SQLite writers are "
            "serialised and the bench would prove nothing."
        )

    env = environment(throwaway_database(url))
    env["RATELIMIT_ENABLE"] = "false"
    print("Building the structure and its slots…", flush=True)
    manage(env, "migrate", "--noinput")
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    slots, requests = build(args)
    connection.close()
    csrf = os.urandom(16).hex()  # an unmasked secret, sent as cookie and field

    server = start_gunicorn(args.port, args.workers, env)
    try:
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            results = list(
                pool.map(lambda r: post(args.port, csrf, r[0], r[1]), requests)
            )
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    latencies = sorted(ms for _s, ms in results)

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))]

    statuses = Counter(s for s, _ms in results)
    print(
        f"{len(requests)} booking requests on {len(slots)} public slots "
        f"({args.extra} aimed at a slot someone else books too), "
        f"{args.clients} concurrent clients, gunicorn {args.workers} sync workers, "
        f"PostgreSQL"
    )
    print(
        f"  {len(requests) / elapsed:.1f} requests/s over {elapsed:.1f} s; latency "
        f"p50 {statistics.median(latencies):.0f} ms, p95 {percentile(0.95):.0f} ms, "
        f"p99 {percentile(0.99):.0f} ms; answers "
        + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items()))
    )
    print(f"  bookings made: {statuses[200]}, refusals: {statuses[400]}")
    good = check(slots, requests, results)
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
