"""Bilingual error pages."""

import pytest
from django.test import RequestFactory

from inserm_cms import urls, views
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "title"), [("en", "Page not found"), ("fr", "<h1")])
def test_404_page_follows_language_prefix(client, language, title):
    response = client.get(f"/{language}/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html
    assert title in html
    assert f'href="/{language}/"' in html


def test_404_switcher_leads_to_other_home(client):
    html = client.get("/en/no-such-page/").content.decode()
    assert 'href="/fr/" hreflang="fr" lang="fr"' in html


def test_handlers_are_wired():
    assert urls.handler404 == "inserm_cms.views.page_not_found"
    assert urls.handler500 == "inserm_cms.views.server_error"


def test_500_page_renders_without_database_or_context(django_assert_num_queries):
    request = RequestFactory().get("/en/press/")
    with django_assert_num_queries(0):
        response = views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<section lang="fr"' in html
    assert '<section lang="en"' in html
    assert "Something went wrong on our side." in html
    assert 'href="/en/"' in html and 'href="/fr/"' in html


def test_500_is_served_when_a_view_fails(client, monkeypatch):
    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr("inserm_cms.views.render", lambda *args, **kwargs: broken(None))
    client.raise_request_exception = False
    response = client.get(url_in("en", lambda: "/en/"))
    assert response.status_code == 500
    assert "Server error" in response.content.decode()
