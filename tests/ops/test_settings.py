import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def run_check(**env):
    # The project's settings, not the test run's (DJANGO_SETTINGS_MODULE=tests.settings).
    unset = {"DATABASE_URL", "SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    clean = {key: value for key, value in os.environ.items() if key not in unset}
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


def test_demo_secret_is_kept_where_dev_secret_file_says(tmp_path):
    secret = tmp_path / "dev-secret"
    result = run_check(DEV_SECRET_FILE=str(secret))
    assert result.returncode == 0, result.stderr
    generated = secret.read_text()
    assert len(generated.strip()) >= 50
    # The next start reads the same secret back: sessions survive a restart.
    assert run_check(DEV_SECRET_FILE=str(secret)).returncode == 0
    assert secret.read_text() == generated


@pytest.mark.django_db
def test_health_endpoints(client):
    assert client.get("/healthz/").json() == {"status": "ok"}
    assert client.get("/readyz/").status_code == 200


PRODUCTION = {
    "SECRET_KEY": "k" * 20 + "-production-secret-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "www.example.org",
}


def run_manage(*args, **env):
    # DJANGO_ALLOW_ASYNC_UNSAFE, set by the browser tests, is itself a deployment error.
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"} and not key.startswith("DJANGO_")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=clean | env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", **PRODUCTION
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The one check silenced is W021, "HSTS preload off": our documented default (docs/ops.md).
    assert "System check identified no issues (1 silenced)." in result.stdout


def production_settings(tmp_path, **env):
    """Return some production settings, as read by a fresh process with the given environment."""
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'img': list(s.CSP_IMG_SRC), 'cache': s.CACHES['default']['BACKEND'], 'media': s.STORAGES['default']['BACKEND'],"
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'debug': s.DEBUG, 'hsts': s.SECURE_HSTS_SECONDS,"
        "'cookies': [s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY],"
        "'admin': s.ADMIN_PATH}))"
    )
    result = run_manage("shell", "-c", script, DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults(tmp_path):
    values = production_settings(tmp_path)
    assert values["debug"] is False
    assert values["hsts"] >= 31536000
    assert values["cookies"] == [True, True, True, True]
    assert values["cache"].endswith("LocMemCache")
    assert values["media"].endswith("FileSystemStorage")
    assert values["static"] == "inserm_cms.storage.StaticFilesStorage"
    assert values["admin"] == "admin/"


def test_scaling_out_is_configuration(tmp_path):
    values = production_settings(
        tmp_path,
        REDIS_URL="redis://cache.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="inserm-media",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.example.net",
        MAP_TILES_URL="https://{s}.tiles.example.org/{z}/{x}/{y}.png",
        ADMIN_PATH="/gestion-interne/",
    )
    assert values["cache"] == "inserm_cms.cache.ResilientRedisCache"
    assert values["media"] == "storages.backends.s3.S3Storage"
    assert "https://*.tiles.example.org" in values["img"]
    assert "https://s3.fr-par.example.net" in values["img"]
    assert values["admin"] == "gestion-interne/"


def test_secret_rotation_and_hsts_preload_are_opt_in_settings(tmp_path):
    script = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.SECRET_KEY_FALLBACKS, s.SECURE_HSTS_PRELOAD]))"
    )
    database = f"sqlite:///{tmp_path}/db.sqlite3"
    default = run_manage("shell", "-c", script, DATABASE_URL=database, **PRODUCTION)
    assert default.returncode == 0, default.stderr
    assert json.loads(default.stdout.splitlines()[-1]) == [[], False]
    rotated = run_manage(
        "shell",
        "-c",
        script,
        DATABASE_URL=database,
        SECRET_KEY_FALLBACKS="previous-secret-one,previous-secret-two",
        SECURE_HSTS_PRELOAD="true",
        **PRODUCTION,
    )
    assert rotated.returncode == 0, rotated.stderr
    assert json.loads(rotated.stdout.splitlines()[-1]) == [["previous-secret-one", "previous-secret-two"], True]


WRITERS = """
import threading, time
from django.db import connection, transaction
from django.contrib.sessions.models import Session
from django.utils import timezone
mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
held = threading.Event()
def long_writer():
    with transaction.atomic():
        Session.objects.create(session_key="a" * 32, session_data="", expire_date=timezone.now())
        held.set()
        time.sleep(1.5)
    connection.close()
thread = threading.Thread(target=long_writer)
thread.start()
held.wait()
with transaction.atomic():  # reads, then writes, while the other holds the write lock: waits its turn
    Session.objects.count()
    Session.objects.create(session_key="b" * 32, session_data="", expire_date=timezone.now())
thread.join()
print(mode, Session.objects.count())
"""


def test_demo_mode_sqlite_lets_a_worker_and_the_web_process_write_together(tmp_path):
    database = f"sqlite:///{tmp_path}/db.sqlite3"
    assert run_manage("migrate", "--no-input", DATABASE_URL=database).returncode == 0
    result = run_manage("shell", "-c", WRITERS, DATABASE_URL=database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["wal", "2"]
