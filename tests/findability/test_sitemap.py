import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests.factories import (
    AgreementFactory,
    CooperationSiteFactory,
    FundingInstrumentFactory,
    LiveOrganisationFactory,
    PageFactory,
    PressReleaseFactory,
    ThemeFactory,
)
from workflow.states import Status

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
BASE = "http://testserver"


def read_sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("sm:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        lastmod = url.find("sm:lastmod", NS)
        entries[url.find("sm:loc", NS).text] = {
            "alternates": alternates,
            "lastmod": lastmod.text if lastmod is not None else None,
        }
    return entries


def urls_of(obj):
    urls = {}
    for language in ("fr", "en"):
        with override(language):
            urls[language] = BASE + obj.get_absolute_url()
    return urls


@pytest.fixture
def live_content():
    return [
        PressReleaseFactory(slug_fr="communique", slug_en="release"),
        AgreementFactory(),
        CooperationSiteFactory(),
        FundingInstrumentFactory(),
        PageFactory(),
    ]


def test_every_live_object_is_listed_in_both_languages_with_hreflang_pairs(client, live_content):
    entries = read_sitemap(client)

    for obj in live_content:
        urls = urls_of(obj)
        for language in ("fr", "en"):
            entry = entries[urls[language]]
            assert entry["alternates"] == {"fr": urls["fr"], "en": urls["en"], "x-default": urls["fr"]}
            assert entry["lastmod"].startswith(obj.updated_at.date().isoformat())
    assert urls_of(live_content[0]) == {"fr": f"{BASE}/fr/presse/communique/", "en": f"{BASE}/en/press/release/"}


def test_lists_and_reference_pages_are_listed(client):
    organisation, theme = LiveOrganisationFactory(), ThemeFactory()
    entries = read_sitemap(client)

    for name in ("home", "press:release-list", "partnerships:agreement-list", "international:overview"):
        for language in ("fr", "en"):
            with override(language):
                assert BASE + reverse(name) in entries
    for obj in (organisation, theme):
        assert set(urls_of(obj).values()) <= set(entries)


def test_hidden_objects_are_not_listed(client):
    hidden = [
        PressReleaseFactory(status=Status.DRAFT),
        AgreementFactory(status=Status.REVIEW),
        PageFactory(publish_at=None, status=Status.DRAFT),
    ]
    locations = set(read_sitemap(client))

    for obj in hidden:
        assert not set(urls_of(obj).values()) & locations


def test_robots_txt_points_to_the_sitemap_and_away_from_search_results(client):
    response = client.get("/robots.txt")
    text = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()
    for language in ("fr", "en"):
        with override(language):
            assert f"Disallow: {reverse('search:results')}" in text.splitlines()
