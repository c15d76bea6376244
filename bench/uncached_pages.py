"""The cost of every uncached page, side by side with a trivial view.

Starts gunicorn (2 sync workers, DEBUG off, the whole-page cache switched off so
that every request is a first visit) on 127.0.0.1 over the demo data, then, in
alternating rounds, loads the trivial view (``/sante/``: one ``SELECT 1``) and
each page with ``wrk`` (32 connections by default). For each page it prints
requests per second, p50 and p99, the SQL queries of one request, and its share
of the trivial view's requests per second measured just before it, in the same
run; then whether the targets of issue 10 are met. The medians of the rounds are
printed.

    .venv/bin/python bench/uncached_pages.py [--seconds 5] [--rounds 2]
        [--connections 32] [--only directory,search] [--save run.json]
        [--against before.json]

``--save`` writes the figures to a JSON file; ``--against`` prints them beside
an earlier run's (the "before" column). The demo data goes into a throw-away
SQLite database unless DATABASE_URL is set (PostgreSQL: the search figures of
issue 10); REDIS_URL, when set, puts the caches in Redis as in production.
Needs ``wrk`` (Debian package).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
TRIVIAL = "/sante/"

# (share of the trivial view's requests/s, p99 in ms) by kind of page.
TARGETS = {
    "public": (0.06, 150.0),
    "extranet": (0.04, 300.0),
    "follow-up": (0.02, None),
}


@dataclass
class Page:
    name: str
    kind: str
    path: str
    account: str | None = None  # the demo account whose session requests it
    cookie: str = ""
    queries: int = 0
    status: int = 0
    rates: list[float] = field(default_factory=list)
    p50s: list[float] = field(default_factory=list)
    p99s: list[float] = field(default_factory=list)
    shares: list[float] = field(default_factory=list)
    errors: int = 0


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault(
        "DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='spro-bench-')}/db.sqlite3"
    )
    env.update(
        DJANGO_SETTINGS_MODULE="spro.settings.base",
        DEBUG="false",
        ALLOWED_HOSTS=f"{HOST},localhost",
        LOG_LEVEL="WARNING",
        # Every request is a first visit: the whole-page cache is off.
        SPRO_PUBLIC_CACHE_SECONDS="0",
        # Sessions made by this script are complete (second factor included).
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


def wait_until_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", TRIVIAL, headers={"Host": "localhost"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(
    port: int, path: str, cookie: str, seconds: float, connections: int
) -> tuple[float, float, float, int]:
    """Requests/s, p50 ms, p99 ms and non-2xx responses of one wrk run."""
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        "Host: localhost",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(
        [*command, f"http://{HOST}:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*?timeout (\d+)", out)
    return (
        rate,
        p50,
        p99,
        (int(bad.group(1)) if bad else 0) + (int(errors.group(1)) if errors else 0),
    )


def pages() -> list[Page]:
    """The pages of issue 10, found in the demo data (django is set up)."""
    from wagtail.models import Page as WagtailPage

    from conventions.policy import convention_policy
    from extranet.models import Structure, User
    from extranet.permissions import structure_policy

    structure = (
        Structure.objects.published()
        .select_related("organisation")
        .order_by("organisation__name")
        .first()
    )

    def live(model: str) -> WagtailPage | None:
        return (
            WagtailPage.objects.live()
            .filter(content_type__model=model)
            .order_by("path")
            .first()
        )

    event, agenda, news, article = (
        live(m) for m in ("eventpage", "eventindexpage", "newsindexpage", "newspage")
    )
    listing = [
        Page("home", "public", "/"),
        Page("directory", "public", "/structures/"),
        Page(
            "directory, filtered",
            "public",
            "/structures/?service=api&departement=56",
        ),
        Page("structure", "public", f"/structures/{structure.organisation.slug}/"),
    ]
    for name, page in (
        ("agenda", agenda),
        ("event", event),
        ("news", news),
        ("news item", article),
    ):
        if page is not None:
            listing.append(Page(name, "public", page.url))
    listing += [
        Page("search", "public", "/recherche/?q=orientation+Lorient"),
        Page(
            "data·inclusion export",
            "public",
            "/structures/donnees/data-inclusion/services.json",
        ),
        Page("open data CSV", "public", "/structures/donnees/structures.csv"),
    ]

    referent = "referent@spro-demo.bzh"
    coordinator = "coordination@spro-demo.bzh"
    user = User.objects.get(email=coordinator)
    own = structure_policy.visible(user, "view").order_by("pk").first()
    convention = (
        convention_policy.visible(user, "view").order_by("-state_entered_at").first()
    )
    for account in (referent, coordinator):
        who = account.split("@")[0]
        listing += [
            Page(f"dashboard ({who})", "extranet", "/extranet/", account),
            Page(f"conventions ({who})", "extranet", "/extranet/conventions/", account),
            Page(f"structures ({who})", "extranet", "/extranet/structures/", account),
        ]
    listing += [
        Page(
            "a convention (coordination)",
            "extranet",
            f"/extranet/conventions/{convention.pk}/",
            coordinator,
        ),
        Page(
            "a structure (coordination)",
            "extranet",
            f"/extranet/structures/{own.pk}/",
            coordinator,
        ),
        Page(
            "organisations (coordination)",
            "extranet",
            "/extranet/organisations/",
            coordinator,
        ),
        Page(
            "members (coordination)",
            "extranet",
            f"/extranet/organisations/{own.organisation_id}/membres/",
            coordinator,
        ),
        Page(
            "notifications (referent)",
            "extranet",
            "/extranet/notifications/",
            referent,
        ),
        Page(
            "follow-up (coordination)",
            "follow-up",
            "/extranet/conventions/suivi/",
            coordinator,
        ),
        Page(
            "follow-up CSV",
            "follow-up",
            "/extranet/conventions/suivi/export.csv",
            coordinator,
        ),
        Page(
            "follow-up XLSX",
            "follow-up",
            "/extranet/conventions/suivi/export.xlsx",
            coordinator,
        ),
    ]
    return listing


def sign_in(listing: list[Page]) -> None:
    """One complete session per demo account (second factor passed)."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from extranet.models import User

    cookies: dict[str, str] = {}
    for page in listing:
        if page.account is None:
            continue
        if page.account not in cookies:
            user = User.objects.get(email=page.account)
            client = Client()
            client.force_login(user)
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device:
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
            value = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies[page.account] = f"{settings.SESSION_COOKIE_NAME}={value}"
        page.cookie = cookies[page.account]


def count_queries(listing: list[Page]) -> None:
    """The SQL queries of one request of each page, in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for page in listing:
        client = Client(HTTP_HOST="localhost")
        if page.cookie:
            name, value = page.cookie.split("=", 1)
            client.cookies[name] = value
        client.get(page.path)  # warm what a running server has warm
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page.path)
            if response.streaming:
                b"".join(response.streaming_content)
        page.status = response.status_code
        page.queries = len(ctx.captured_queries)


def verdict(page: Page) -> str:
    share_target, p99_target = TARGETS[page.kind]
    share = statistics.median(page.shares)
    p99 = statistics.median(page.p99s)
    misses = []
    if share < share_target:
        misses.append(f"share < {share_target:.0%}")
    if p99_target is not None and p99 >= p99_target:
        misses.append(f"p99 ≥ {p99_target:.0f} ms")
    return "ok" if not misses else "MISSED: " + ", ".join(misses)


def report(listing: list[Page], trivial: list[float], before: dict | None) -> None:
    print()
    print(
        f"trivial view {TRIVIAL}: median {statistics.median(trivial):.0f} req/s "
        f"over {len(trivial)} runs"
    )
    head = f"{'page':32} {'kind':9} {'q':>3} {'req/s':>7} {'p50':>7} {'p99':>7} "
    head += f"{'share':>6}"
    if before:
        head += f" | {'before: req/s':>13} {'p99':>7} {'share':>6} {'q':>3}"
    print(head + "  target")
    for page in listing:
        line = (
            f"{page.name:32} {page.kind:9} {page.queries:>3} "
            f"{statistics.median(page.rates):7.0f} "
            f"{statistics.median(page.p50s):7.1f} {statistics.median(page.p99s):7.1f} "
            f"{statistics.median(page.shares):6.1%}"
        )
        if before:
            old = before.get(page.name)
            if old:
                line += (
                    f" | {statistics.median(old['rates']):13.0f} "
                    f"{statistics.median(old['p99s']):7.1f} "
                    f"{statistics.median(old['shares']):6.1%} {old['queries']:>3}"
                )
            else:
                line += f" | {'—':>13} {'':7} {'':6} {'':3}"
        if page.status != 200 or page.errors:
            line += f"  [status {page.status}, {page.errors} failed]"
        print(f"{line}  {verdict(page)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8472)
    parser.add_argument("--only", default="", help="comma-separated name parts")
    parser.add_argument("--save", type=Path)
    parser.add_argument("--against", type=Path)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")

    env = environment()
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--if-empty")
    manage(env, "collectstatic", "--noinput")
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    from extranet.models import Structure

    listing = pages()
    if args.only:
        parts = [p.strip() for p in args.only.split(",") if p.strip()]
        listing = [p for p in listing if any(part in p.name for part in parts)]
    sign_in(listing)
    count_queries(listing)
    connection.close()

    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "spro.wsgi",
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    trivial: list[float] = []
    try:
        wait_until_up(args.port)
        print(
            f"{Structure.objects.published().count()} published structures, "
            f"base {connection.vendor}; gunicorn 2 sync workers; wrk -t2 "
            f"-c{args.connections}, {args.seconds:g} s a run, {args.rounds} rounds"
        )
        for page in listing:  # warm up each worker's caches
            wrk(args.port, page.path, page.cookie, 1, 4)
        for round_number in range(args.rounds):
            for page in listing:
                base, _p50, _p99, _e = wrk(
                    args.port, TRIVIAL, "", args.seconds, args.connections
                )
                rate, p50, p99, errors = wrk(
                    args.port, page.path, page.cookie, args.seconds, args.connections
                )
                trivial.append(base)
                page.rates.append(rate)
                page.p50s.append(p50)
                page.p99s.append(p99)
                page.shares.append(rate / base)
                page.errors += errors
                print(
                    f"  round {round_number + 1}: {page.name:32} {rate:7.0f} req/s "
                    f"p99 {p99:7.1f} ms, {rate / base:6.1%} of {base:.0f}",
                    flush=True,
                )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    before = json.loads(args.against.read_text()) if args.against else None
    report(listing, trivial, before)
    if args.save:
        args.save.write_text(
            json.dumps({p.name: {**asdict(p), "cookie": ""} for p in listing}, indent=1)
        )


if __name__ == "__main__":
    main()
