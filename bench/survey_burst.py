"""A burst of respondents on a public survey, on PostgreSQL: every answer
handed in is stored, none lost, none doubled (issue 15).

Builds, in a throw-away database on the PostgreSQL server of ``DATABASE_URL``
(``spro_bench_surveys``, dropped and made again), a coordinator, two networks,
two territories and ``--structures`` structures, and opens through the
services a public campaign of the national survey (``tests.factories.
campaign_for``), one link per structure. Starts gunicorn (``--workers``
processes of ``--threads`` threads, DEBUG off) on 127.0.0.1, with the cache
and the Celery broker on Redis (``BENCH_REDIS_URL``, database 7 by default) so
that the flood counter is shared by the server's processes, and a Celery
worker that writes the waiting responses in batches as in production
(``--no-worker``: none; everything then waits for the forced flush).

Then ``--respondents`` threads each GET one structure's link (CSRF cookie and
token), wait for the others, and all POST a valid answer at once (random
values on the five national questions, the 0–10 one sometimes skipped).
Prints the requests sent, the HTTP status counts, the POST latencies (p50,
p95, p99, max) and the wall times; then the responses stored, waiting
(``PendingResponse``) and written (``Response``) once the worker's queue is
empty, and again after forcing ``services.responses_flush``:

* responses stored (written + waiting) = answers accepted (302) = respondents;
* answer rows = the answers those responses carried; per structure, the
  responses = the answers posted to its link.

    DATABASE_URL=postgres://postgres@127.0.0.1:5434/spro \\
        .venv/bin/python bench/survey_burst.py [--respondents 300]
        [--structures 6] [--workers 4] [--threads 8] [--no-worker]

The per-address limit of survey answers is raised for the server only
(``SPRO_SURVEY_SUBMISSIONS_PER_HOUR``: every request comes from 127.0.0.1).
Mails go to memory. Stops the server and the worker, drops the database and
deletes the Redis keys it made. Exits non-zero when a check fails.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import types
import urllib.parse
from collections import Counter
from pathlib import Path

# The enrolment bench's environment and manage() (same folder).
from enrolment_load import HOST, ROOT, environment, manage

BENCH_DATABASE = "spro_bench_surveys"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6381/7")


def throwaway_database(url: str) -> str:
    """Create (anew) the bench database on the server of ``url``; its URL."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL server.")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    return parts._replace(path=f"/{BENCH_DATABASE}").geturl()


def drop_database(url: str) -> None:
    import psycopg

    admin = urllib.parse.urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')


def build(structure_count: int):
    """The world and the open public campaign (django is set up): the
    campaign, its links as (token, structure id), and the national questions
    by code."""
    from extranet.models import Role
    from surveys.models import PublicLink, Question
    from tests.factories import (
        NetworkFactory,
        StructureFactory,
        TerritoryFactory,
        campaign_for,
        member,
        region,
    )

    coordinator = member(Role.REGIONAL_COORDINATOR, region())
    networks = [
        NetworkFactory(name="Missions locales", short_name="ML"),
        NetworkFactory(name="Information Jeunesse", short_name="IJ"),
    ]
    territories = [
        TerritoryFactory(name="Rennes", slug="rennes", departement="35"),
        TerritoryFactory(name="Brest", slug="brest", departement="29"),
    ]
    structures = [
        StructureFactory(network=networks[n % 2], territory=territories[n // 2 % 2])
        for n in range(structure_count)
    ]
    world = types.SimpleNamespace(coordinator=coordinator)
    campaign = campaign_for(
        world, mode="public", structures=structures, title="Enquête de charge"
    )
    links = list(
        PublicLink.objects.filter(campaign=campaign)
        .order_by("pk")
        .values_list("token", "structure_id")
    )
    questions = {
        q.code: q for q in Question.objects.filter(section__survey=campaign.survey_id)
    }
    return campaign, links, questions


def answer_values(questions: dict, rng: random.Random) -> dict[str, str]:
    """One respondent's form fields: realistic, mostly satisfied."""
    from surveys import national

    fields = {}
    for code, spec in national.THREE_LEVELS.items():
        values = [c["value"] for c in spec]
        fields[questions[code].field_name] = rng.choices(values, (70, 20, 10))[0]
    fields[questions[national.REPEAT].field_name] = rng.choices(
        ["non", "oui"], (75, 25)
    )[0]
    if rng.random() < 0.8:  # the 0–10 question is optional
        fields[questions[national.RECOMMENDATION].field_name] = str(
            rng.choices(range(11), (1, 1, 1, 2, 2, 4, 6, 10, 16, 14, 12))[0]
        )
    return fields


def start_server(port: int, workers: int, threads: int, env: dict):
    """gunicorn (``workers`` processes of ``threads`` threads) on
    127.0.0.1:``port``, in its own process group; returns once its health page
    answers (stop it with ``os.killpg``)."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "spro.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--backlog",
            "2048",
            "--timeout",
            "120",
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
                stop(server)
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.3)


def start_worker(env: dict) -> subprocess.Popen:
    """A Celery worker (one process) for the flushes, in its own group."""
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "--quiet",
            "-A",
            "spro",
            "worker",
            "--pool",
            "solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


class Respondent:
    """One person: GET the link's page, wait for everybody, POST."""

    def __init__(self, port: int, token: str, fields: dict[str, str]) -> None:
        self.port, self.token, self.fields = port, token, fields
        self.get_status = 0
        self.status = 0
        self.ms = 0.0
        self.error = ""

    def _request(self, method: str, body: str | None, headers: dict):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
        try:
            conn.request(
                method,
                f"/enquetes/r/{self.token}/",
                body=body,
                headers={"Host": "localhost", **headers},
            )
            response = conn.getresponse()
            return (
                response.status,
                response.getheader("Set-Cookie") or "",
                (response.read().decode(errors="replace")),
            )
        finally:
            conn.close()

    def run(self, barrier: threading.Barrier) -> None:
        csrf = cookie = ""
        try:
            self.get_status, set_cookie, page = self._request("GET", None, {})
            found = re.search(r"csrftoken=([^;]+)", set_cookie)
            field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            cookie = found.group(1) if found else ""
            csrf = field.group(1) if field else ""
        except OSError as error:
            self.error = f"GET: {error}"
        barrier.wait()
        if self.error:
            return
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, **self.fields})
        started = time.perf_counter()
        try:
            self.status, _c, _page = self._request(
                "POST",
                body,
                {
                    "Cookie": f"csrftoken={cookie}",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
        except OSError as error:
            self.error = f"POST: {error}"
        self.ms = (time.perf_counter() - started) * 1000


def redis_client():
    import redis

    return redis.Redis.from_url(REDIS_URL)


def wait_for_queue(client, seconds: float = 120) -> int:
    """Wait until the worker took every task of the default queue; left."""
    deadline = time.monotonic() + seconds
    while client.llen("celery") and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(1)  # the task it holds
    return client.llen("celery")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--respondents", type=int, default=300)
    parser.add_argument("--structures", type=int, default=6)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8475)
    parser.add_argument("--no-worker", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server.")

    client = redis_client()
    keys_before = set(client.keys("*"))
    env = environment(throwaway_database(url))
    env.update(
        REDIS_URL=REDIS_URL,
        SPRO_SURVEY_SUBMISSIONS_PER_HOUR=str(100 * args.respondents),
    )
    server = worker = None
    good = False
    try:
        print("Migrating and opening the campaign…", flush=True)
        manage(env, "migrate", "--noinput")
        sys.path.insert(0, str(ROOT))
        os.environ.update(env)
        import django

        django.setup()
        from django.db import connection

        from surveys import services
        from surveys.models import Answer, PendingResponse, Response

        campaign, links, questions = build(args.structures)
        connection.close()

        rng = random.Random(15)  # noqa: S311 - reproducible answers, not a secret
        people = []
        for n in range(args.respondents):
            token, structure_id = links[n % len(links)]
            people.append(
                (
                    structure_id,
                    Respondent(args.port, token, answer_values(questions, rng)),
                )
            )
        server = start_server(args.port, args.workers, args.threads, env)
        if not args.no_worker:
            worker = start_worker(env)

        barrier = threading.Barrier(len(people) + 1)
        threads = [
            threading.Thread(target=person.run, args=(barrier,))
            for _s, person in people
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        barrier.wait()  # every page fetched: the burst of POSTs
        burst = time.perf_counter()
        for thread in threads:
            thread.join()
        ended = time.perf_counter()
        stop(server)
        server = None

        results = [person for _s, person in people]
        gets = Counter(p.get_status for p in results)
        statuses = Counter(p.status for p in results)
        errors = [p.error for p in results if p.error]
        latencies = sorted(p.ms for p in results if p.status)

        def percentile(q: float) -> float:
            return latencies[min(len(latencies) - 1, int(len(latencies) * q))]

        accepted = [(s, p) for s, p in people if p.status == 302]
        answers_sent = sum(len(p.fields) for _s, p in accepted)
        print(
            f"{len(people)} respondents on {len(links)} structures' links of one "
            f"public campaign (national survey), gunicorn {args.workers} x "
            f"{args.threads} threads, PostgreSQL, Redis cache"
            + ("" if args.no_worker else " and a Celery worker")
        )
        print(
            f"  requests sent: {len(people)} GET + "
            f"{sum(1 for p in results if p.status)} POST; GET answers "
            + ", ".join(f"{k}: {n}" for k, n in sorted(gets.items()))
            + "; POST answers "
            + ", ".join(f"{k}: {n}" for k, n in sorted(statuses.items()))
        )
        if errors:
            print(f"  connection errors: {len(errors)} (first: {errors[0]})")
        if latencies:
            print(
                f"  POST latency p50 {statistics.median(latencies):.0f} ms, p95 "
                f"{percentile(0.95):.0f} ms, p99 {percentile(0.99):.0f} ms, max "
                f"{latencies[-1]:.0f} ms"
            )
        print(
            f"  wall time: {ended - started:.1f} s in all, the burst of POSTs "
            f"{ended - burst:.1f} s ({len(latencies) / (ended - burst):.0f} POST/s)"
        )

        left = wait_for_queue(client) if worker is not None else 0
        stop(worker)
        worker = None
        written = Response.objects.filter(campaign=campaign).count()
        waiting = PendingResponse.objects.filter(campaign=campaign).count()
        print(
            f"  after the burst: {written} responses written by the worker, "
            f"{waiting} waiting ({written + waiting} stored; tasks left {left})"
        )
        services.responses_flush(campaign=campaign, force=True)
        written = Response.objects.filter(campaign=campaign).count()
        waiting = PendingResponse.objects.filter(campaign=campaign).count()
        rows = Answer.objects.filter(response__campaign=campaign).count()
        print(
            f"  after the forced flush: {written} written, {waiting} waiting; "
            f"{rows} answer rows"
        )

        ok = True

        def say(holds: bool, text: str) -> None:
            nonlocal ok
            ok = ok and holds
            print(f"  [{'ok' if holds else 'FAILED'}] {text}")

        say(
            written + waiting == len(accepted) == len(people),
            f"stored {written + waiting} = accepted {len(accepted)} = sent "
            f"{len(people)}",
        )
        say(rows == answers_sent, f"answer rows {rows} = answers posted {answers_sent}")
        per_structure = Counter(
            Response.objects.filter(campaign=campaign).values_list(
                "structure_id", flat=True
            )
        )
        say(
            per_structure == Counter(s for s, _p in accepted),
            "per structure, responses = answers posted to its link",
        )
        good = ok
        connection.close()
    finally:
        stop(server)
        stop(worker)
        drop_database(url)
        made = set(client.keys("*")) - keys_before
        if made:
            client.delete(*made)
        print(f"  cleaned up: database dropped, {len(made)} Redis keys deleted")
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
