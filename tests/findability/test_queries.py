"""Search, feeds and the sitemap run as many SQL queries with 30 matching items as with 3."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import AgreementFactory, PressReleaseIssuerFactory, ThemeFactory

pytestmark = pytest.mark.django_db
numbers = itertools.count()


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE = False  # count what the views themselves run


def add(count, theme):
    for _ in range(count):
        number = next(numbers)
        issuer = PressReleaseIssuerFactory(
            release__title_fr=f"Vaccin contre le paludisme {number}", release__related_agreement=None
        )
        issuer.release.themes.add(theme)
        AgreementFactory(title_fr=f"Accord sur le paludisme {number}")


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), response


def urls(theme):
    with translation.override("fr"):
        search = reverse("search:results")
        return [
            f"{search}?q=paludisme",
            f"{search}?q=paludisme&type=releases&page=2",
            reverse("press:feed-rss"),
            reverse("press:feed-atom"),
            reverse("press:theme-feed-rss", kwargs={"slug": theme.slug_fr}),
            reverse("partnerships:feed-rss"),
            "/sitemap.xml",
        ]


@pytest.mark.parametrize("index", range(7))
def test_query_count_does_not_grow_with_content(client, index):
    theme = ThemeFactory()
    add(12, theme)
    url = urls(theme)[index]
    with_twelve, _response = queries(client, url)

    add(18, theme)
    with_thirty, response = queries(client, url)

    assert with_twelve == with_thirty, url
    # SQLite's search reads each kind's live rows in Python (docs/search.md): one more query per kind. The
    # sitemap runs one query per section (nine with the experts).
    assert with_thirty <= (9 if connection.vendor == "postgresql" else 12), url
    if "q=" in url:
        assert "paludisme" in response.content.decode()
