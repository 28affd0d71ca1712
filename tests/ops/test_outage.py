"""A database outage against the real start-up script (docker/start-web) and a real PostgreSQL."""

import json
import secrets
import subprocess
import urllib.error
import urllib.request

import pytest

from tests.ops.conftest import PROJECT, free_port, site_env, wait_for


def fetch(base, path, headers=None):
    """Return (status, headers, body) of a GET, whatever the status."""
    request = urllib.request.Request(base + path, headers={"Host": "127.0.0.1", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def answers(base):
    try:
        return fetch(base, "/healthz/")[0] == 200
    except OSError:
        return False


@pytest.fixture
def site(pg_cluster, tmp_path):
    """Run docker/start-web (migrate, collectstatic, gunicorn) in production mode on the throw-away cluster."""
    pg_cluster.create_database("inserm_outage", template="inserm_template")
    port = free_port()
    log = (tmp_path / "web.log").open("w+")
    env = site_env(
        DATABASE_URL=pg_cluster.url("inserm_outage"),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
    )
    server = subprocess.Popen([str(PROJECT / "docker" / "start-web")], cwd=PROJECT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        # collectstatic compresses every file: slow on a busy machine.
        wait_for(lambda: answers(base) or server.poll() is not None, timeout=480)
        if server.poll() is not None:
            log.seek(0)
            pytest.fail("docker/start-web stopped:\n" + log.read())
        yield base, log
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        pg_cluster.drop_database("inserm_outage")


def test_public_pages_answer_503_while_the_database_is_down_and_recover(pg_cluster, site):
    base, log = site
    # In production mode, behind the TLS terminator: the security headers of a public page.
    status, headers, _ = fetch(base, "/fr/", headers={"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"  # preload: opt-in
    directives = dict(item.strip().split(" ", 1) for item in headers["Content-Security-Policy"].split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert fetch(base, "/static/css/site.css")[0] == 200, "whitenoise serves the collected static files"
    assert fetch(base, "/fr/")[0] == 200
    assert fetch(base, "/en/")[0] == 200

    pg_cluster.stop()
    try:
        for path in ("/fr/", "/en/"):
            status, headers, body = fetch(base, path, headers={"X-Request-ID": "outage-check-1"})
            assert status == 503
            assert headers["Retry-After"] == "30"
            assert headers["X-Request-ID"] == "outage-check-1"
            assert 'lang="fr"' in body and 'lang="en"' in body
            assert "Service temporarily unavailable" in body or "Service momentanément indisponible" in body
            assert "Traceback" not in body and "OperationalError" not in body
        status, _, body = fetch(base, "/readyz/")
        assert status == 503
        assert json.loads(body)["status"] == "unavailable"
        assert fetch(base, "/healthz/")[0] == 200
    finally:
        pg_cluster.start()

    # Every worker reconnects by itself: several requests in a row all succeed.
    assert [fetch(base, "/fr/")[0] for _ in range(6)] == [200] * 6
    assert fetch(base, "/readyz/")[0] == 200

    log.flush()
    log.seek(0)
    entries = [json.loads(line) for line in log if line.startswith("{")]
    outage = [entry for entry in entries if entry.get("request_id") == "outage-check-1"]
    assert {entry.get("status") for entry in outage if entry["logger"] == "inserm_cms.request"} == {503}
    assert any("OperationalError" in entry.get("exception", "") for entry in outage), "traceback goes to the logs"
