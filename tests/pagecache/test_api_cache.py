"""Anonymous API reads are served from the page cache like the pages, and each hit still counts for the throttle."""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from tests.factories import LiveOrganisationFactory, PressReleaseFactory
from workflow.transitions import publish, unpublish

pytestmark = pytest.mark.django_db

RELEASES = "/api/v1/press-releases/"
ORGANISATIONS = "/api/v1/organisations/"
HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1000/min"}}


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response


def titles(response):
    return [release["title"]["fr"] for release in response.json()["results"]]


@pytest.mark.parametrize("url", [RELEASES, ORGANISATIONS, f"{RELEASES}?page_size=5", "/api/v1/agreements.csv"])
def test_second_anonymous_api_request_is_a_hit_that_runs_one_query(client, django_assert_num_queries, url):
    release = PressReleaseFactory(title_fr="Une découverte")
    release.issuers.create(organisation=LiveOrganisationFactory())
    first = get(client, url)

    with django_assert_num_queries(1):  # the content generation
        second = get(client, url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]
    assert "max-age=" in second["Cache-Control"]


def test_each_format_and_query_string_has_its_own_entry(client):
    PressReleaseFactory()
    get(client, RELEASES)

    assert get(client, f"{RELEASES}?format=json")["X-Page-Cache"] == "miss"
    assert get(client, f"{RELEASES}?page_size=1")["X-Page-Cache"] == "miss"
    assert get(client, RELEASES, accept="application/json; indent=4")["X-Page-Cache"] == "miss"
    assert get(client, RELEASES)["X-Page-Cache"] == "hit"


def test_publishing_and_unpublishing_a_release_changes_the_cached_list(client):
    release = PressReleaseFactory(title_fr="Communiqué en attente", status="draft")
    PressReleaseFactory(title_fr="Déjà publié")
    assert titles(get(client, RELEASES)) == ["Déjà publié"]
    assert get(client, RELEASES)["X-Page-Cache"] == "hit"

    publish([release])
    published = get(client, RELEASES)
    assert published["X-Page-Cache"] == "miss"
    assert "Communiqué en attente" in titles(published)

    unpublish([release])
    withdrawn = get(client, RELEASES)
    assert withdrawn["X-Page-Cache"] == "miss"
    assert titles(withdrawn) == ["Déjà publié"]


def test_an_embargoed_release_appears_at_its_time_though_the_list_was_cached(client):
    now = timezone.now()
    PressReleaseFactory(title_fr="Sous embargo", publish_at=now + HOUR)
    with freeze_time(now):
        assert titles(get(client, RELEASES)) == []
        assert get(client, RELEASES)["X-Page-Cache"] == "hit"

    with freeze_time(now + HOUR + datetime.timedelta(seconds=1)):
        page = get(client, RELEASES)

    assert page["X-Page-Cache"] == "miss"
    assert titles(page) == ["Sous embargo"]


def test_hits_count_against_the_anonymous_throttle(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min"}}
    PressReleaseFactory()
    answers = [client.get(RELEASES) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert [answer["X-Page-Cache"] for answer in answers] == ["miss", "hit", "hit"]

    refused = client.get(RELEASES)

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    # Another client is not refused, and is served from the cache.
    other = client.get(RELEASES, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    assert other["X-Page-Cache"] == "hit"


def test_an_api_error_is_never_stored(client):
    first = client.get("/api/v1/press-releases/no-such-release/")
    second = client.get("/api/v1/press-releases/no-such-release/")

    assert first.status_code == second.status_code == 404
    assert "X-Page-Cache" not in second
