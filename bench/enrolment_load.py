"""Concurrent enrolment requests on PostgreSQL: no seat sold twice, no request
lost, waiting lists in order (issue 11).

Builds, in a throw-away database on the PostgreSQL server of ``DATABASE_URL``,
the demo region and ``--sessions`` new published sessions of ``--capacity``
seats, with ``--requests`` new professionals spread over structures that have a
referent. Starts gunicorn (``--workers`` sync workers, DEBUG off) on 127.0.0.1;
then ``--clients`` concurrent clients post the enrolment form, each request a
referent enrolling one colleague in one session (the referent's approval is
given in the same gesture, so every request competes for a seat at once).
Prints requests per second and latencies, then checks the final counts:

* no session holds more seats than it has, and every seat is taken;
* every request answered with success left exactly one enrolment, and none
  left more (no request lost, none doubled);
* each waiting list is in the order the requests joined it (the engine's
  transition log), with distinct places.

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/spro \\
        .venv/bin/python bench/enrolment_load.py [--requests 500] [--sessions 20]
        [--capacity 12] [--clients 32] [--workers 4]

Mails go to memory (``EMAIL_URL=memorymail://``) and tasks run in the request
(no ``REDIS_URL``), as the embedded mode does. Exits non-zero when a check
fails.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import http.client
import os
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
BENCH_DATABASE = "spro_bench_enrolment"


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


def environment(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="spro.settings.base",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},localhost",
        LOG_LEVEL="WARNING",
        EMAIL_URL="memorymail://",
        # Referents need no second factor; the bench signs nobody else in.
        SPRO_OTP_REQUIRED="true",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def build(
    args: argparse.Namespace,
) -> tuple[list[tuple[str, int, int]], list[int], str]:
    """The sessions and the people (django is set up): the requests as
    (referent's cookies, session id, person id), the session ids, and the CSRF
    secret the requests carry."""
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from extranet.models import Membership, Role, Structure, User
    from training import services
    from training.models import PlanAction

    action = PlanAction.objects.filter(plan__state="validated").order_by("pk").first()
    if action is None:
        raise SystemExit("the demo has no validated plan action")
    gref = (
        User.objects.filter(memberships__role=Role.GREF, is_active=True)
        .order_by("pk")
        .first()
    )
    now = timezone.now()
    day = timezone.localdate() + datetime.timedelta(days=40)
    sessions = [
        services.session_create(
            user=gref,
            action=action,
            slots=[(day, "am", datetime.time(9), datetime.time(12))],
            publish=True,
            title=f"Session de charge {n + 1}",
            place="Espace Région, Rennes",
            capacity=args.capacity,
            enrolment_opens_at=now - datetime.timedelta(hours=1),
            enrolment_closes_at=now + datetime.timedelta(days=30),
        ).pk
        for n in range(args.sessions)
    ]

    structures = [
        s
        for s in Structure.objects.select_related("organisation").order_by("pk")
        if Membership.objects.filter(
            organisation=s.organisation, role=Role.REFERENT, user__is_active=True
        ).exists()
    ][:25]
    cookies: dict[int, str] = {}
    requests: list[tuple[str, int, int]] = []
    csrf = secrets.token_hex(16)  # an unmasked secret, sent as cookie and field
    for n in range(args.requests):
        structure = structures[n % len(structures)]
        referent = (
            User.objects.filter(
                memberships__organisation=structure.organisation,
                memberships__role=Role.REFERENT,
                is_active=True,
            )
            .order_by("pk")
            .first()
        )
        if referent.pk not in cookies:
            client = Client()
            client.force_login(referent)
            value = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies[referent.pk] = (
                f"{settings.SESSION_COOKIE_NAME}={value}; "
                f"{settings.CSRF_COOKIE_NAME}={csrf}"
            )
        person = User.objects.create_user(
            email=f"charge-{n}@bench.invalid",
            password=None,
            first_name="Personne",
            last_name=f"Charge {n:03d}",
        )
        Membership.objects.create(
            user=person, organisation=structure.organisation, role=Role.PROFESSIONAL
        )
        requests.append((cookies[referent.pk], sessions[n % len(sessions)], person.pk))
    return requests, sessions, csrf


def post(
    port: int, cookie: str, csrf: str, session: int, person: int
) -> tuple[int, float]:
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": csrf, "person": person, "motivation": ""}
    )
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request(
        "POST",
        f"/extranet/formations/sessions/{session}/inscription/",
        body=body,
        headers={
            "Host": "localhost",
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://localhost:{port}/",
        },
    )
    status = conn.getresponse().status
    conn.close()
    return status, (time.perf_counter() - started) * 1000


def check(requests: list, results: list, sessions: list[int], capacity: int) -> bool:
    """The final counts; True when every check holds."""
    from django.contrib.contenttypes.models import ContentType

    from training.definitions import SEAT_STATES, WAITLISTED
    from training.models import Enrolment
    from workflows.models import TransitionLog

    ok = True

    def say(good: bool, text: str) -> None:
        nonlocal ok
        ok = ok and good
        print(f"  [{'ok' if good else 'FAILED'}] {text}")

    answered = [(r, s) for r, (s, _ms) in zip(requests, results, strict=True)]
    succeeded = {(session, person) for (_c, session, person), s in answered if s == 302}
    rows = Counter(
        Enrolment.objects.filter(session_id__in=sessions).values_list(
            "session_id", "person_id"
        )
    )
    say(
        set(rows) == succeeded and all(n == 1 for n in rows.values()),
        f"{len(succeeded)} requests succeeded, {len(rows)} enrolments stored, "
        f"none doubled, none lost",
    )
    states = Counter(
        Enrolment.objects.filter(session_id__in=sessions).values_list(
            "session_id", "state"
        )
    )
    per_session = defaultdict(Counter)
    for (session, state), n in states.items():
        per_session[session][state] = n
    seats = [
        sum(n for s, n in per_session[p].items() if s in SEAT_STATES) for p in sessions
    ]
    asked = Counter(session for session, _person in succeeded)
    say(
        all(taken <= capacity for taken in seats),
        f"no session over its {capacity} seats (most taken: {max(seats)})",
    )
    full = zip(sessions, seats, strict=True)
    say(
        all(taken == min(capacity, asked[p]) for p, taken in full),
        "every seat taken while people wait",
    )
    content_type = ContentType.objects.get_for_model(Enrolment)
    in_order = True
    waiting_total = 0
    for session in sessions:
        queue = list(
            Enrolment.objects.filter(session_id=session, state=WAITLISTED)
            .order_by("queue_key", "pk")
            .values_list("pk", "queue_key")
        )
        waiting_total += len(queue)
        joined = list(
            TransitionLog.objects.filter(
                content_type=content_type,
                object_id__in=[pk for pk, _k in queue],
                transition="waitlist",
            )
            .order_by("at", "pk")
            .values_list("object_id", flat=True)
        )
        keys = [k for _pk, k in queue]
        in_order &= [pk for pk, _k in queue] == joined
        in_order &= len(set(keys)) == len(keys)
    say(
        in_order,
        f"{waiting_total} people waiting, each list in the order they joined it, "
        f"distinct places",
    )
    return ok


def start_gunicorn(port: int, workers: int, env: dict) -> subprocess.Popen:
    """Start gunicorn (``workers`` sync workers) on 127.0.0.1:``port`` in its
    own process group, and return once its health page answers (the benches
    of this folder share it; stop it with ``os.killpg``)."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "spro.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/sante/", headers={"Host": "localhost"})
            if conn.getresponse().status == 200:
                return server
        except OSError:
            if time.monotonic() > deadline:
                os.killpg(server.pid, signal.SIGTERM)
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--capacity", type=int, default=12)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8473)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server (row locks).")

    env = environment(throwaway_database(url))
    print("Building the demo region and the sessions…", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--if-empty")
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    requests, sessions, csrf = build(args)
    connection.close()

    server = start_gunicorn(args.port, args.workers, env)
    try:
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            results = list(
                pool.map(
                    lambda r: post(args.port, r[0], csrf, r[1], r[2]),
                    requests,
                )
            )
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    latencies = sorted(ms for _s, ms in results)
    statuses = Counter(s for s, _ms in results)
    print(
        f"{len(requests)} enrolment requests over {len(sessions)} sessions of "
        f"{args.capacity} seats, {args.clients} concurrent clients, gunicorn "
        f"{args.workers} sync workers, PostgreSQL"
    )
    print(
        f"  {len(requests) / elapsed:.1f} requests/s; latency p50 "
        f"{statistics.median(latencies):.0f} ms, p99 "
        f"{latencies[int(len(latencies) * 0.99) - 1]:.0f} ms; answers "
        + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items()))
    )
    good = check(requests, results, sessions, args.capacity)
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
