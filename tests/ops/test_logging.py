"""Structured logs: one JSON line per request with its id, status and duration; tracebacks to logs only."""

import json
import logging
import sys

import pytest

from inserm_cms.logging import JsonFormatter, RequestIdFilter


def request_records(caplog):
    return [record for record in caplog.records if record.name == "inserm_cms.request"]


@pytest.mark.django_db
def test_each_request_is_logged_with_its_id_method_path_status_and_duration(client, caplog):
    caplog.set_level(logging.INFO)
    response = client.get("/fr/", HTTP_X_REQUEST_ID="lb-7f3a.42")
    assert response["X-Request-ID"] == "lb-7f3a.42"
    (record,) = request_records(caplog)
    RequestIdFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["request_id"] == "lb-7f3a.42"
    assert (entry["method"], entry["path"], entry["status"], entry["level"]) == ("GET", "/fr/", 200, "INFO")
    assert entry["duration_ms"] >= 0
    assert entry["time"].endswith("+00:00")


@pytest.mark.django_db
def test_a_forged_request_id_is_replaced(client):
    response = client.get("/fr/", HTTP_X_REQUEST_ID='x"\r\nSet-Cookie: a=b' + "y" * 300)
    assert len(response["X-Request-ID"]) == 32
    assert "Set-Cookie" not in response["X-Request-ID"]


def test_tracebacks_are_kept_in_one_json_line():
    logger = logging.getLogger("tests.ops")
    try:
        raise ValueError("boom")
    except ValueError:
        record = logger.makeRecord("tests.ops", logging.ERROR, __file__, 1, "failed %s", ("here",), sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "failed here"
    assert "Traceback" in entry["exception"] and "ValueError: boom" in entry["exception"]
