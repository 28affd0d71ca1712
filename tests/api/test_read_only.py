"""Anonymous clients read only: every write method is refused and changes nothing."""

import pytest

from directory.models import Organisation, Theme
from international.models import CooperationSite, FundingInstrument, KeyFigure, Place
from partnerships.models import Agreement
from press.models import PressRelease

from .conftest import LIST_URLS

pytestmark = pytest.mark.django_db

MODELS = [PressRelease, Agreement, CooperationSite, Place, FundingInstrument, KeyFigure, Organisation, Theme]
WRITES = ["post", "put", "patch", "delete"]


def snapshot():
    return {model: list(model.objects.order_by("pk").values()) for model in MODELS}


@pytest.mark.parametrize("method", WRITES)
@pytest.mark.parametrize("name", LIST_URLS)
def test_write_methods_are_refused_and_change_nothing(api, world, name, method):
    before = snapshot()
    payload = {"title": {"fr": "Piraté", "en": "Hacked"}, "name_fr": "Piraté", "status": "draft"}
    for url in (LIST_URLS[name], f"{LIST_URLS[name]}{world[name].pk}/"):
        response = getattr(api, method)(url, payload, format="json")
        assert response.status_code == 405, (url, response.status_code)
        assert response["Content-Type"] == "application/json"
        assert "GET" in response["Allow"] and method.upper() not in response["Allow"]
    assert snapshot() == before


@pytest.mark.parametrize("method", WRITES)
def test_schema_and_docs_refuse_writes(api, db, method):
    for url in ("/api/v1/", "/api/v1/schema/", "/api/v1/docs/"):
        assert getattr(api, method)(url).status_code == 405


def test_a_staff_session_gets_no_write_access_either(api, world, django_user_model):
    staff = django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-test-password")
    api.force_login(staff)
    response = api.delete(f"/api/v1/agreements/{world['agreements'].pk}/")
    assert response.status_code == 405
    assert Agreement.objects.filter(pk=world["agreements"].pk).exists()
