"""A throw-away PostgreSQL cluster of our own, for tests that stop the database or drop it."""

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 on a free port, trust auth."""

    def __init__(self, root):
        self.root = Path(root)
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.port = free_port()
        # PostgreSQL refuses to run as root: run its server commands as the postgres user.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _server(self, *args, timeout=60):
        return subprocess.run(
            [*self.as_owner, *args], check=True, capture_output=True, text=True, timeout=timeout, cwd=self.root
        )

    def init(self):
        if self.as_owner:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self._server(
            str(PG_BIN / "initdb"),
            "--pgdata",
            str(self.data),
            "--username=postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )

    def start(self):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._server(
            str(PG_BIN / "pg_ctl"), "--pgdata", str(self.data), "--log", str(self.log), "-o", options, "-w", "start"
        )

    def stop(self):
        self._server(str(PG_BIN / "pg_ctl"), "--pgdata", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def psql(self, sql, database="postgres"):
        """Run SQL as the postgres superuser and return its output."""
        result = subprocess.run(
            [str(PG_BIN / "psql"), "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-d", self.url(database), "-c", sql],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result.stdout.strip()

    def create_database(self, name, template=None):
        self.psql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))

    def drop_database(self, name):
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, env, timeout=300):
    """Run manage.py in a subprocess with the given environment; fail the test with its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def site_env(**overrides):
    """Return the environment of a subprocess running the site, without the variables of this test run."""
    keep = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    for name in ("DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME"):
        keep.pop(name, None)
    keep["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{keep.get('PATH', '')}"
    return keep | overrides


@pytest.fixture(scope="session")
def pg_cluster():
    """Start a PostgreSQL 15 cluster for this test session, with the project's tables in ``inserm_template``."""
    if not (PG_BIN / "initdb").exists() or not shutil.which("pg_dump"):
        pytest.skip(f"PostgreSQL server tools are not installed ({PG_BIN}/initdb, pg_dump)")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root without a postgres user to run the PostgreSQL server")
    root = tempfile.mkdtemp(prefix="inserm-ops-pg-")
    cluster = Cluster(root)
    try:
        cluster.init()
        cluster.start()
        cluster.create_database("inserm_template")
        manage("migrate", "--no-input", env=site_env(DATABASE_URL=cluster.url("inserm_template")))
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def wait_for(predicate, timeout=60, interval=0.25):
    """Call predicate until it returns a true value, or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting after {timeout} s")
        time.sleep(interval)


@pytest.fixture(autouse=True)
def _cache_outage_forgotten():
    """Leave no Redis outage remembered by inserm_cms.cache to the next test."""
    from inserm_cms.cache import forget_outage

    yield
    forget_outage()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """Start a throw-away Redis server for this test session; return its URL."""
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def ready():
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
        return False

    try:
        wait_for(ready, timeout=20)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)
