"""gunicorn's own log lines (docker/gunicorn.conf.py) are JSON like the site's."""

import json
import subprocess
import sys

from tests.ops.conftest import PROJECT, site_env

# Configure gunicorn's logger from the config file and log what a worker logs: an error and a request.
SCRIPT = """
import datetime, runpy
from types import SimpleNamespace
from gunicorn.config import Config
from gunicorn.glogging import Logger

cfg = Config()
cfg.set("logconfig_dict", runpy.run_path("docker/gunicorn.conf.py")["logconfig_dict"])
logger = Logger(cfg)
logger.error("Worker timeout (pid:%s)", 42)
environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/fr/?q=1", "PATH_INFO": "/fr/", "QUERY_STRING": "q=1",
           "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "10.0.0.2", "HTTP_USER_AGENT": "probe"}
response = SimpleNamespace(status="200 OK", sent=512, headers=[])
request = SimpleNamespace(headers=[("X-REQUEST-ID", "abc123")])
logger.access(response, request, environ, datetime.timedelta(milliseconds=37))
"""


def gunicorn_lines(**env):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=PROJECT, env=site_env(**env), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in (result.stdout + result.stderr).splitlines()]


def test_error_and_access_lines_are_json_with_the_request_fields():
    error, access = gunicorn_lines(GUNICORN_ACCESS_LOG="true")
    assert error["level"] == "ERROR"
    assert error["logger"] == "gunicorn.error"
    assert error["message"] == "Worker timeout (pid:42)"
    assert access["logger"] == "gunicorn.access"
    assert access["message"] == "GET /fr/"
    assert {key: access[key] for key in ("method", "path", "query", "status", "bytes", "duration_ms")} == {
        "method": "GET",
        "path": "/fr/",
        "query": "q=1",
        "status": 200,
        "bytes": 512,
        "duration_ms": 37,
    }
    assert (access["request_id"], access["remote_addr"], access["user_agent"]) == ("abc123", "10.0.0.2", "probe")


def test_access_log_is_off_by_default_django_logs_each_request():
    lines = gunicorn_lines()
    assert [line["logger"] for line in lines] == ["gunicorn.error"]
