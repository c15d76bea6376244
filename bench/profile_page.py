"""Where one uncached page spends its time: a profile of N requests in-process.

Loads the demo into a throw-away SQLite database (or uses DATABASE_URL), signs
in as a demo account (second factor passed) or stays anonymous, warms the page
up, times N requests without the profiler, then profiles N more and prints the
share of the time spent in each part of the stack (SQL: building queries and
model instances, running them; templates; middleware and the rest), the SQL
queries of one request, and the functions with the most cumulative time.

    .venv/bin/python bench/profile_page.py /extranet/conventions/ \\
        --account coordination@spro-demo.bzh [--requests 30] [--top 25]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Parts of the stack, by the file a function lives in (first match wins).
PARTS = (
    ("SQL: compile queries", "django/db/models/sql/"),
    ("SQL: run and read rows", "django/db/backends/"),
    ("ORM: querysets and instances", "django/db/models/"),
    ("templates", "django/template/"),
    ("translation", "django/utils/translation/"),
    ("Django: other (utils, http, middleware)", "site-packages/django/"),
    ("other libraries", "site-packages/"),
    ("the project's code", str(ROOT)),
)
REST = "Python built-ins and library"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--account", default="")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    env = dict(os.environ)
    env.setdefault(
        "DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='spro-prof-')}/db.sqlite3"
    )
    env.update(
        DJANGO_SETTINGS_MODULE="spro.settings.base",
        DEBUG="false",
        ALLOWED_HOSTS="localhost",
        LOG_LEVEL="WARNING",
        SPRO_PUBLIC_CACHE_SECONDS="0",
        SPRO_OTP_REQUIRED="true",
    )
    for command in (("migrate", "--noinput"), ("load_demo", "--if-empty")):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from extranet.models import User

    client = Client(HTTP_HOST="localhost")
    if args.account:
        user = User.objects.get(email=args.account)
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    for _ in range(5):
        response = client.get(args.path)
    queries: list[str] = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(args.path)
    started = time.perf_counter()
    for _ in range(args.requests):
        client.get(args.path)
    alone = (time.perf_counter() - started) / args.requests * 1000

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.requests):
        client.get(args.path)
    profile.disable()
    stats = pstats.Stats(profile)
    total = sum(row[2] for row in stats.stats.values())  # tottime of every function
    shares = dict.fromkeys([name for name, _ in PARTS] + [REST], 0.0)
    for (filename, _line, _name), row in stats.stats.items():
        part = next((name for name, where in PARTS if where in filename), REST)
        shares[part] += row[2]

    print(
        f"{args.path} as {args.account or 'a visitor'}: status "
        f"{response.status_code}, {len(queries)} queries, {alone:.1f} ms a request "
        f"(in-process, no profiler)"
    )
    print("Share of the time (own time of the functions, profiled):")
    for name, seconds in shares.items():
        print(f"  {name:42} {seconds / total:6.1%}")
    print("Queries of one request:")
    for sql in queries:
        print(f"  {sql[:150]}")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
