"""Anonymous clients are throttled per address; the rate comes from API_ANON_RATE (default 120/min)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/min"},
    }


def test_client_over_the_rate_gets_a_json_429_with_retry_after(api, three_a_minute):
    statuses = [api.get("/api/v1/themes/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    response = api.get("/api/v1/themes/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert int(response["Retry-After"]) > 0
    assert "detail" in response.json()


def test_a_forged_forwarded_for_header_does_not_reset_the_count(api, three_a_minute):
    for n in range(3):
        api.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert api.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429


def test_each_client_address_has_its_own_count(api, three_a_minute):
    for _ in range(3):
        api.get("/api/v1/themes/", REMOTE_ADDR="192.0.2.1")
    assert api.get("/api/v1/themes/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert api.get("/api/v1/themes/", REMOTE_ADDR="192.0.2.2").status_code == 200
