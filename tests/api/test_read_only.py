"""The open-data API reads only: a write answers 405 and changes nothing, even for a staff session.

That each read-only viewset refuses each write method is DRF's own behaviour; one endpoint stands for all.
"""

import pytest

from partnerships.models import Agreement
from tests.helpers import snapshot

from .conftest import LIST_URLS

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("directory", "press", "partnerships", "international")


def test_writes_are_refused_and_change_nothing(api, world):
    before = snapshot(*PROJECT_APPS)
    detail = f"{LIST_URLS['agreements']}{world['agreements'].pk}/"
    payload = {"title": {"fr": "Piraté", "en": "Hacked"}, "title_fr": "Piraté", "status": "draft"}
    for method, url in (("post", LIST_URLS["agreements"]), ("put", detail), ("patch", detail), ("delete", detail)):
        response = getattr(api, method)(url, payload, format="json")
        assert response.status_code == 405, (method, url, response.status_code)
        assert response["Content-Type"] == "application/json"
        assert "GET" in response["Allow"] and method.upper() not in response["Allow"]
    assert snapshot(*PROJECT_APPS) == before


def test_a_staff_session_gets_no_write_access_either(api, world, django_user_model):
    staff = django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-test-password")
    api.force_login(staff)
    response = api.delete(f"/api/v1/agreements/{world['agreements'].pk}/")
    assert response.status_code == 405
    assert Agreement.objects.filter(pk=world["agreements"].pk).exists()
