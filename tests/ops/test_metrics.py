"""Prometheus metrics for the monitoring system only; Sentry when configured (issue 16, item 9)."""

import json

import pytest
from django.core.cache import cache
from django.test import Client
from django_tasks_db.models import DBTaskResult

from inserm_cms import tasks
from tests.ops.test_settings import PRODUCTION, run_manage

pytestmark = pytest.mark.django_db

TOKEN = "scrape-token-0123456789"


def scrape(**extra):
    return Client().get("/metrics/", **extra)


def test_metrics_are_not_public(settings):
    settings.METRICS_TOKEN, settings.METRICS_ALLOWED_IPS = "", []
    assert scrape().status_code == 404
    settings.METRICS_TOKEN = TOKEN
    assert scrape().status_code == 404
    assert scrape(HTTP_AUTHORIZATION="Bearer wrong-token").status_code == 404
    assert scrape(HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


def test_metrics_answer_an_allowed_address_but_not_a_spoofed_header(settings):
    settings.METRICS_TOKEN, settings.METRICS_ALLOWED_IPS = "", ["10.0.0.0/8"]
    assert scrape(REMOTE_ADDR="10.1.2.3").status_code == 200
    assert scrape(REMOTE_ADDR="203.0.113.5").status_code == 404
    assert scrape(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="10.1.2.3").status_code == 404


def test_metrics_give_requests_per_view_database_timings_and_the_task_queue(settings, client):
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/fr/").status_code == 200
    tasks.clear_expired_sessions.enqueue()
    tasks.clear_expired_sessions.enqueue()
    failed = tasks.clean_axes_records.enqueue()
    DBTaskResult.objects.filter(pk=failed.id).update(status="FAILED")
    response = scrape(HTTP_AUTHORIZATION=f"Bearer {TOKEN}", HTTP_HOST="10.0.0.7:8000")  # scraped by address
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert 'django_http_requests_latency_seconds_by_view_method_count{method="GET",view="home"}' in text
    assert "django_db_query_duration_seconds_bucket" in text
    assert 'inserm_tasks{status="READY"} 2.0' in text
    assert 'inserm_tasks{status="FAILED"} 1.0' in text
    assert "inserm_tasks_oldest_ready_age_seconds" in text


def test_cache_operations_are_timed(settings, redis_server):
    settings.METRICS_TOKEN = TOKEN
    settings.CACHES = {"default": {"BACKEND": "inserm_cms.cache.ResilientRedisCache", "LOCATION": redis_server}}
    cache.set("metrics-test", 1)
    assert cache.get("metrics-test") == 1
    text = scrape(HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    assert 'inserm_cache_operation_seconds_count{operation="get"}' in text


def test_sentry_is_on_only_with_a_dsn(tmp_path):
    script = "import json, sentry_sdk; print(json.dumps(sentry_sdk.get_client().is_active()))"
    database = f"sqlite:///{tmp_path}/db.sqlite3"
    off = run_manage("shell", "-c", script, DATABASE_URL=database, **PRODUCTION)
    on = run_manage(
        "shell", "-c", script, DATABASE_URL=database, SENTRY_DSN="https://key@sentry.example.org/42", **PRODUCTION
    )
    assert off.returncode == 0 and on.returncode == 0, off.stderr + on.stderr
    assert json.loads(off.stdout.splitlines()[-1]) is False
    assert json.loads(on.stdout.splitlines()[-1]) is True
