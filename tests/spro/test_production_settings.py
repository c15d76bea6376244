"""The production profile is secure by default and refuses to start half-configured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            # Set by the browser tests of the same run; never in production.
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_any_warning():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="spro.settings.production",
        SECRET_KEY="x7!Qp2#rVb9@Lm4$Zt8&Wn6*Hs3^Kd5(Jf1)Gc0-Ya2+Ue7=Io9",
        ALLOWED_HOSTS="spro.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="spro.settings.production",
        ALLOWED_HOSTS="spro.example.org",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_refuse_a_weak_or_development_secret_key():
    for key in (
        "dev-only-insecure-key-change-me",
        "django-insecure-" + "a1b2c3d4e5" * 5,
        "court",
        "a" * 60,
        "please-change-me-" + "x7!Qp2#rVb9@Lm4$Zt8&Wn6*Hs3^Kd5(Jf1)",
    ):
        result = run_manage(
            "check",
            DJANGO_SETTINGS_MODULE="spro.settings.production",
            SECRET_KEY=key,
            ALLOWED_HOSTS="spro.example.org",
        )
        assert result.returncode != 0, key
        assert "SECRET_KEY is weak" in result.stderr, key


def test_with_a_database_server_manage_py_never_falls_back_to_the_development_key():
    """``manage.py`` and ``celery`` default to the base settings: with a real
    database and no SECRET_KEY, they stop instead of signing with a public key."""
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
    )
    assert result.returncode != 0
    assert "dev-only" not in result.stdout
    assert "SECRET_KEY" in result.stderr


def test_the_embedded_setup_still_runs_with_the_development_key():
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.SECRET_KEY[:8])",
        ],
        cwd=ROOT,
        env={
            k: v
            for k, v in environment.items()
            if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE")
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "dev-only"
