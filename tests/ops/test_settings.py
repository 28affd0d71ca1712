import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def run_check(**env):
    clean = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_start_up_names_the_missing_variables():
    result = run_check(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr and "DATABASE_URL" in result.stderr


def test_demo_mode_needs_no_variable():
    result = run_check()
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_health_endpoints(client):
    assert client.get("/healthz/").json() == {"status": "ok"}
    assert client.get("/readyz/").status_code == 200
