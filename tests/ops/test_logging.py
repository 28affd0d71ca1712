"""Structured logs: one JSON line per request with its id, status and duration; tracebacks to logs only."""

import json
import logging
import sys

import pytest
from django.test import override_settings

from inserm_cms.logging import JsonFormatter, RequestIdFilter
from tests.ops.test_settings import run_manage


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
def test_secret_tokens_of_journalist_and_subscriber_links_stay_out_of_the_log(client, caplog):
    from django.urls import reverse
    from django.utils import timezone

    from newsroom.models import Subscriber
    from newsroom.tokens import make_token
    from press.models import create_embargo_link
    from tests import factories
    from workflow.states import Status

    release = factories.PressReleaseFactory(
        status=Status.PUBLISHED, publish_at=timezone.now() + timezone.timedelta(days=1)
    )
    _link, embargo_token = create_embargo_link(release=release, recipient="AFP")
    subscriber = Subscriber.objects.create(email="lecteur@example.org", confirmed_at=timezone.now())
    manage_token = make_token(subscriber, "manage")
    caplog.set_level(logging.INFO)

    assert client.get(reverse("press:embargo", kwargs={"token": embargo_token})).status_code == 200
    assert client.get(reverse("newsroom:manage", kwargs={"token": manage_token})).status_code == 200

    paths = [record.path for record in request_records(caplog)]
    assert len(paths) == 2
    assert all("[token]" in path for path in paths)
    assert not any(embargo_token in path or manage_token in path for path in paths)


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


@pytest.mark.django_db
@override_settings(DEBUG=False, ALLOWED_HOSTS=["www.example.org"])
def test_a_refused_host_is_one_warning_without_traceback(client, caplog):
    caplog.set_level(logging.INFO)
    assert client.get("/fr/", HTTP_HOST="scanner.example").status_code == 400
    [record] = [record for record in caplog.records if record.name == "django.security.DisallowedHost"]
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    entry = json.loads(JsonFormatter().format(record))
    assert "exception" not in entry
    assert "scanner.example" in entry["message"]


def test_management_commands_log_json_lines_like_the_web_process(tmp_path):
    database = f"sqlite:///{tmp_path}/db.sqlite3"
    result = run_manage("migrate", "--no-input", DATABASE_URL=database, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stdout.splitlines()]
    assert {entry["logger"] for entry in entries} >= {"command.migrate"}
    assert any(entry["message"].startswith("Applying inserm_cms.0001_scheduled_runs") for entry in entries)
    failed = run_manage("agreements_digest", "--days", "0", DATABASE_URL=database, LOG_FORMAT="json")
    assert failed.returncode != 0
    [entry] = [json.loads(line) for line in failed.stderr.splitlines()]
    assert (entry["level"], entry["message"]) == ("ERROR", "CommandError: --days must be at least 1.")


def test_commands_whose_output_is_data_are_left_alone(tmp_path):
    result = run_manage(
        "sqlmigrate", "inserm_cms", "0001", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", LOG_FORMAT="json"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.lstrip().startswith(("BEGIN", "--"))
