"""Throughput and latency of the public pages, served by gunicorn on loopback.

Starts gunicorn (2 sync workers, production-like settings with DEBUG off) on
127.0.0.1, loads the demo data into a throw-away SQLite database unless
DATABASE_URL is set, then sends requests from client threads for a fixed time per
page and prints requests/s, p50 and p99 next to a trivial health check measured
in the same run. Stops gunicorn when done.

    .venv/bin/python bench/public_pages.py [--seconds 10] [--threads 4]

Targets (issue 3): cached pages ≥ 50 % of the health check's throughput;
uncached directory p99 < 150 ms with about 150 structures.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def environment(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault(
        "DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='spro-bench-')}/db.sqlite3"
    )
    env.update(
        DJANGO_SETTINGS_MODULE="spro.settings.base",
        DEBUG="false",
        ALLOWED_HOSTS=f"{HOST},localhost",
        LOG_LEVEL="WARNING",
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
            conn.request("GET", "/sante/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def hammer(
    port: int, path_for, seconds: float, threads: int
) -> tuple[int, list[float], int]:
    """Send requests for ``seconds`` from ``threads`` keep-alive clients."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(index: int) -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        n = 0
        local: list[float] = []
        local_errors = 0
        while time.monotonic() < stop:
            n += 1
            start = time.perf_counter()
            try:
                conn.request("GET", path_for(index, n), headers={"Host": "localhost"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    local_errors += 1
            except OSError:
                local_errors += 1
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
            local.append(time.perf_counter() - start)
        with lock:
            latencies.extend(local)
            errors += local_errors

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return len(latencies), latencies, errors


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8471)
    args = parser.parse_args()

    env = environment(args.port)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--if-empty")
    manage(env, "collectstatic", "--noinput")
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    from wagtail.models import Page

    from extranet.models import Structure

    structure = Structure.objects.published().select_related("organisation").first()
    event = Page.objects.live().filter(content_type__model="eventpage").first()
    structures = Structure.objects.published().count()
    event_path = event.url if event is not None else None  # relative: one site

    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "spro.wsgi",
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            "2",
            "--env",
            "DJANGO_SETTINGS_MODULE=spro.settings.base",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_until_up(args.port)
        pages = [
            ("health check /sante/", lambda i, n: "/sante/"),
            ("home page / (cached)", lambda i, n: "/"),
            ("directory /structures/ (cached)", lambda i, n: "/structures/"),
            (
                "structure page (cached)",
                lambda i, n: f"/structures/{structure.organisation.slug}/",
            ),
        ]
        if event_path:
            pages.append(("event page (cached)", lambda i, n: event_path))
        pages.append(
            (
                "directory, uncached (unique query)",
                lambda i, n: f"/structures/?page=1&nocache={i}-{n}",
            )
        )
        print(
            f"{structures} published structures; {args.threads} client threads, "
            f"{args.seconds:.0f} s per page; gunicorn 2 workers on {HOST}:{args.port}"
        )
        print(f"{'page':40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        baseline = None
        for label, path_for in pages:
            hammer(args.port, path_for, 1, args.threads)  # warm up (and fill caches)
            count, latencies, errors = hammer(
                args.port, path_for, args.seconds, args.threads
            )
            rate = count / args.seconds
            baseline = baseline or rate
            print(
                f"{label:40} {rate:8.0f} {percentile(latencies, 0.5) * 1000:8.1f} "
                f"{percentile(latencies, 0.99) * 1000:8.1f} {errors:7d}"
                f"   ({rate / baseline:.0%} of health check)"
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
