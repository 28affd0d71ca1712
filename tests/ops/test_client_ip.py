"""Real client addresses: proxy headers count only when a trusted proxy sent them (lockout, throttle, log)."""

import logging

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from core.clientip import client_ip
from tests.ops.test_settings import PRODUCTION, run_manage

PASSWORD = "a-long-test-password"
NGINX = "10.0.0.2"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("staff", "staff@example.org", PASSWORD)


@pytest.fixture
def behind_nginx(settings):
    """The site behind our nginx, which writes the visitor's address into X-Real-IP."""
    settings.TRUSTED_PROXIES = [NGINX]
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"


@pytest.fixture
def three_a_minute(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min"}}


def log_in(username, password, **extra):
    with translation.override("fr"):
        url = reverse("admin:login")
    return Client().post(url, {"username": username, "password": password}, **extra)


# The lockout (issue 16, item 1).


@pytest.mark.django_db
def test_failures_from_one_visitor_behind_the_proxy_do_not_lock_out_another(staff, behind_nginx):
    for _ in range(5):
        log_in("staff", "wrong password", REMOTE_ADDR=NGINX, HTTP_X_REAL_IP="1.1.1.1")
    assert log_in("staff", "wrong password", REMOTE_ADDR=NGINX, HTTP_X_REAL_IP="1.1.1.1").status_code == 429
    assert log_in("staff", PASSWORD, REMOTE_ADDR=NGINX, HTTP_X_REAL_IP="2.2.2.2").status_code == 302


@pytest.mark.django_db
def test_a_spoofed_header_from_an_untrusted_peer_is_ignored_by_the_lockout(staff, behind_nginx):
    # An attacker reaching the site directly cannot lock out the victim by naming the victim's address...
    for _ in range(5):
        log_in("staff", "wrong password", REMOTE_ADDR="203.0.113.5", HTTP_X_REAL_IP="2.2.2.2")
    assert log_in("staff", PASSWORD, REMOTE_ADDR=NGINX, HTTP_X_REAL_IP="2.2.2.2").status_code == 302
    # ... nor escape the lockout by changing the header at every attempt.
    for n in range(5):
        log_in("staff", "wrong password", REMOTE_ADDR="203.0.113.6", HTTP_X_REAL_IP=f"198.51.100.{n}")
    assert log_in("staff", PASSWORD, REMOTE_ADDR="203.0.113.6", HTTP_X_REAL_IP="198.51.100.77").status_code == 429


# The API throttle (issue 16, item 6).


@pytest.mark.django_db
def test_each_visitor_behind_the_proxy_has_its_own_throttle_count(behind_nginx, three_a_minute):
    api = APIClient()
    for _ in range(3):
        assert api.get("/api/v1/themes/", REMOTE_ADDR=NGINX, HTTP_X_REAL_IP="1.1.1.1").status_code == 200
    assert api.get("/api/v1/themes/", REMOTE_ADDR=NGINX, HTTP_X_REAL_IP="1.1.1.1").status_code == 429
    assert api.get("/api/v1/themes/", REMOTE_ADDR=NGINX, HTTP_X_REAL_IP="2.2.2.2").status_code == 200


@pytest.mark.django_db
def test_a_spoofed_header_from_an_untrusted_peer_does_not_reset_the_throttle(behind_nginx, three_a_minute):
    api = APIClient()
    for n in range(3):
        api.get("/api/v1/themes/", REMOTE_ADDR="203.0.113.5", HTTP_X_REAL_IP=f"198.51.100.{n}")
    assert api.get("/api/v1/themes/", REMOTE_ADDR="203.0.113.5", HTTP_X_REAL_IP="198.51.100.9").status_code == 429


# The request log.


@pytest.mark.django_db
def test_the_request_log_names_the_real_client(client, behind_nginx, caplog):
    caplog.set_level(logging.INFO)
    assert client.get("/fr/", REMOTE_ADDR=NGINX, HTTP_X_REAL_IP="192.0.2.44").status_code == 200
    (record,) = [record for record in caplog.records if record.name == "inserm_cms.request"]
    assert record.client_ip == "192.0.2.44"


# The rules themselves.


def forwarded(settings, proxies, header="HTTP_X_FORWARDED_FOR", **meta):
    settings.TRUSTED_PROXIES = proxies
    settings.CLIENT_IP_HEADER = header
    return client_ip(RequestFactory().get("/", **meta))


def test_without_trusted_proxies_the_peer_is_the_client(settings):
    assert forwarded(settings, [], REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.1.1.1") == "203.0.113.5"


def test_a_forwarded_chain_is_read_from_the_right_past_trusted_proxies_only(settings):
    chain = "6.6.6.6, 192.0.2.8, 10.0.0.9"  # forged by the client, the client, a TLS terminator
    proxies = ["10.0.0.0/24"]
    assert forwarded(settings, proxies, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=chain) == "192.0.2.8"
    assert forwarded(settings, 2, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=chain) == "192.0.2.8"
    assert forwarded(settings, 1, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=chain) == "10.0.0.9"


def test_a_header_that_is_not_an_address_is_not_believed(settings):
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_REAL_IP": "<script>"}
    assert forwarded(settings, ["10.0.0.2"], "X-Real-IP", **meta) == "10.0.0.2"
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_REAL_IP": "[2001:db8::7]:4431"}
    assert forwarded(settings, ["10.0.0.2"], "X-Real-IP", **meta) == "2001:db8::7"


def test_a_proxy_header_without_trusted_proxies_is_a_deployment_warning(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        CLIENT_IP_HEADER="HTTP_X_REAL_IP",
        **PRODUCTION,
    )
    assert "inserm_cms.W001" in result.stdout + result.stderr
    result = run_manage("check", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", TRUSTED_PROXIES="nginx", **PRODUCTION)
    assert result.returncode != 0
    assert "inserm_cms.E001" in result.stdout + result.stderr
