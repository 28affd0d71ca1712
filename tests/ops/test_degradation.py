"""A Redis outage: pages keep answering (the cache is bypassed) and /readyz/ names the cache (issue 16, item 3)."""

import logging

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from tests.factories import AssetFactory, PressReleaseFactory
from tests.ops.conftest import free_port
from tests.ops.test_renditions import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """Point the cache at a port nobody listens on, as the settings do from REDIS_URL."""
    settings.CACHES = {
        "default": {
            "BACKEND": "inserm_cms.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_pages_answer_while_redis_is_down(client, redis_down, caplog):
    caplog.set_level(logging.WARNING)
    release = PressReleaseFactory(image=AssetFactory(file=image_upload((1200, 900))))
    with translation.override("fr"):
        detail = release.get_absolute_url()
        pdf = reverse("press:release-pdf", kwargs={"slug": release.slug})
    assert client.get("/fr/").status_code == 200
    page = client.get(detail)
    assert page.status_code == 200
    assert b"<img" in page.content
    response = client.get(pdf)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # The API answers, unthrottled (fail open), as many times as asked.
    api = APIClient()
    assert [api.get("/api/v1/press-releases/").status_code for _ in range(3)] == [200] * 3
    assert any(record.name == "inserm_cms.cache" for record in caplog.records), "the outage is logged"


def test_readyz_answers_503_and_names_the_cache_while_redis_is_down(client, redis_down):
    response = client.get("/readyz/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"].startswith("unavailable")
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["storage"] == "ok"


def test_readyz_reports_each_dependency_when_all_answer(client, settings, redis_server):
    settings.CACHES = {"default": {"BACKEND": "inserm_cms.cache.ResilientRedisCache", "LOCATION": redis_server}}
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "storage": "ok", "cache": "ok"}}


def test_readyz_names_the_storage_when_media_cannot_be_written(client, settings, tmp_path):
    (tmp_path / "volume").write_text("a file where the media folder should be mounted")
    settings.MEDIA_ROOT = tmp_path / "volume" / "media"
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"].startswith("unavailable")
