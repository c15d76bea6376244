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
