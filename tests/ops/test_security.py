"""Attacks a public institution's site gets: forged posts, open redirects, spoofed hosts, XSS, password guessing."""

import base64
import hashlib
import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.utils import translation

from inserm_cms import views
from inserm_cms.middleware import ContentSecurityPolicyMiddleware
from tests.factories import PressReleaseFactory
from tests.helpers import admin_url

EVIL = "https://evil.example/phish"
PASSWORD = "a-long-test-password"
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("staff", "staff@example.org", PASSWORD)


def log_in(client, username, password, next_url=None, **extra):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(admin_url("login"), data, **extra)


@pytest.mark.django_db
def test_admin_login_without_csrf_token_is_refused(staff):
    client = Client(enforce_csrf_checks=True)
    response = log_in(client, "staff", PASSWORD)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_does_not_redirect_to_another_site(client, staff):
    response = log_in(client, "staff", PASSWORD, next_url=EVIL)
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"].startswith("/")
    for sneaky in ("//evil.example/", "/\\evil.example", "https:evil.example"):
        client.logout()
        response = log_in(client, "staff", PASSWORD, next_url=sneaky)
        assert "evil.example" not in response["Location"], sneaky


@pytest.mark.django_db
def test_language_switcher_does_not_redirect_to_another_site(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": EVIL})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    response = client.post("/i18n/setlang/", {"language": "en"}, HTTP_REFERER=EVIL)
    assert "evil.example" not in response["Location"]
    response = client.get("/i18n/setlang/", {"language": "en", "next": "//evil.example/"})
    assert "evil.example" not in response.get("Location", "")


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page_from_every_admin_url(client):
    login = admin_url("login")
    urls = [admin_url("index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(admin_url("{}_{}_changelist".format(*info)))
        urls.append(admin_url("{}_{}_add".format(*info)))
        urls.append(admin_url("{}_{}_change".format(*info), object_id=1))
        urls.append(admin_url("{}_{}_delete".format(*info), object_id=1))
        urls.append(admin_url("{}_{}_history".format(*info), object_id=1))
    assert len(urls) > 20
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(login), url
    assert client.post(urls[1], {"action": "delete_selected", "_selected_action": [1]}).status_code == 302


@pytest.mark.django_db
@override_settings(DEBUG=False, ALLOWED_HOSTS=["www.example.org"])
def test_spoofed_host_header_is_refused(client):
    assert client.get("/fr/", HTTP_HOST="www.example.org").status_code == 200
    response = client.get("/fr/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "evil.example" not in response.content.decode()
    assert client.post("/i18n/setlang/", {"language": "en"}, HTTP_HOST="evil.example").status_code == 400


@pytest.mark.django_db
def test_plain_fields_of_a_press_release_are_escaped_on_its_page(client):
    release = PressReleaseFactory(
        title_fr=f"Titre {XSS}",
        lead_fr=f"Chapô {XSS}",
        heading="other",
        kind_fr=f"Communiqué {XSS}",
        dateline_place=f"Paris {XSS}",
    )
    with translation.override("fr"):
        url = release.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<script>alert("xss")</script>' not in page
    assert "onerror=alert(1)>" not in page
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_public_page_headers(client):
    response = client.get("/fr/")
    policy = response["Content-Security-Policy"]
    directives = dict(item.strip().split(" ", 1) for item in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "https://tile.openstreetmap.org" in directives["img-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_import_maps_are_allowed_by_hash_and_inline_scripts_are_not():
    importmap = b'{"imports": {"django-prose-editor/editor": "/static/django_prose_editor/editor.js"}}'
    inline = b"alert(document.cookie)"
    page = b'<html><script type="importmap">' + importmap + b"</script><script>" + inline + b"</script></html>"
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse(page))
    response = middleware(RequestFactory().get("/fr/admin/press/pressrelease/add/"))
    policy = response["Content-Security-Policy"]

    def sha(body):
        return "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"

    script_src = next(item for item in policy.split(";") if item.strip().startswith("script-src"))
    assert sha(importmap) in script_src
    assert sha(inline) not in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_admin_editor_import_map_matches_the_policy(client, staff):
    client.force_login(staff)
    response = client.get(admin_url("press_pressrelease_add"))
    assert response.status_code == 200
    found = re.findall(rb'<script type="importmap"[^>]*>(.*?)</script>', response.content, re.DOTALL)
    assert found, "the press release form has no import map (the ProseMirror editor is gone)"
    for body in found:
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        assert f"'sha256-{digest}'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_repeated_failed_logins_lock_out_the_user_from_that_address(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "staff", "wrong password", REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200  # the login form again, with its error
    assert log_in(client, "staff", "wrong password", REMOTE_ADDR="203.0.113.7").status_code == 429
    # Locked out: even the right password is refused, with a page in both languages.
    response = log_in(client, "staff", PASSWORD, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert '<section lang="fr"' in page and '<section lang="en"' in page
    assert "Too many failed sign-in attempts" in page
    assert f"after {settings.AXES_FAILURE_LIMIT} failed attempts" in page
    # The same user from another address may still sign in.
    assert log_in(Client(), "staff", PASSWORD, REMOTE_ADDR="198.51.100.9").status_code == 302


@pytest.mark.django_db
def test_authentication_backends_put_axes_first():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


@pytest.mark.django_db
def test_database_errors_answer_the_bilingual_503_page(client, monkeypatch):
    class Down:
        def order_by(self, *args):
            raise OperationalError("connection refused")

    monkeypatch.setattr(views.KeyFigure, "objects", Down())
    response = client.get("/fr/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert 'lang="en"' in page and "OperationalError" not in page and "connection refused" not in page


@pytest.mark.django_db
def test_other_errors_answer_the_500_page_and_log_the_traceback(monkeypatch, caplog):
    class Broken:
        def order_by(self, *args):
            raise RuntimeError("secret detail")

    monkeypatch.setattr(views.KeyFigure, "objects", Broken())
    response = Client(raise_request_exception=False).get("/fr/")
    assert response.status_code == 500
    assert "secret detail" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    errors = [record for record in caplog.records if record.name == "django.request" and record.exc_info]
    assert errors and errors[0].exc_info[0] is RuntimeError
