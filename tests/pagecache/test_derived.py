"""Values derived from the whole archive (API counts, live organisations) are kept until content changes, never past it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time
from rest_framework.test import APIClient

from core import derived
from pagecache.generation import cached_until_change
from tests.factories import LiveOrganisationFactory, PressReleaseFactory, ThemeFactory
from workflow.transitions import unpublish

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
RELEASES = "/api/v1/press-releases/"
ORGANISATIONS = "/api/v1/organisations/"


@pytest.fixture
def api(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/min"}}
    return APIClient()


def fetch(api, url):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, url
    return response.json(), [query["sql"] for query in queries]


def counts(sqls):
    return [sql for sql in sqls if "COUNT(" in sql.upper()]


def test_pagecache_installs_its_cache_for_the_lower_layers():
    assert derived._cached_until_change is cached_until_change


def test_an_api_list_counts_once_until_content_changes(api):
    PressReleaseFactory.create_batch(3)
    first, first_sqls = fetch(api, RELEASES)
    second, second_sqls = fetch(api, f"{RELEASES}?page=1")

    assert first["count"] == second["count"] == 3
    assert counts(first_sqls) and not counts(second_sqls)
    # The first request also reads this generation's themes, organisations and experts (directory.reference).
    assert len(second_sqls) < len(first_sqls)

    PressReleaseFactory()
    assert fetch(api, RELEASES)[0]["count"] == 4


def test_each_filter_has_its_own_count(api):
    theme = ThemeFactory()
    PressReleaseFactory.create_batch(2)
    PressReleaseFactory().themes.add(theme)

    assert fetch(api, RELEASES)[0]["count"] == 3
    assert fetch(api, f"{RELEASES}?theme={theme.pk}")[0]["count"] == 1
    assert fetch(api, f"{RELEASES}?theme={theme.pk}&page_size=1")[0]["count"] == 1


def test_a_kept_count_ends_at_the_next_scheduled_publication(api):
    now = timezone.now()
    PressReleaseFactory()
    PressReleaseFactory(publish_at=now + HOUR)
    with freeze_time(now):
        assert fetch(api, RELEASES)[0]["count"] == 1
        assert not counts(fetch(api, RELEASES)[1])

    with freeze_time(now + HOUR + datetime.timedelta(seconds=1)):
        body, _sqls = fetch(api, RELEASES)

    assert body["count"] == 2
    assert len(body["results"]) == 2


def test_the_organisations_api_keeps_the_live_ids_and_drops_them_when_a_release_is_withdrawn(api):
    named = LiveOrganisationFactory(name_fr="Nommée")
    other = LiveOrganisationFactory(name_fr="Autre")
    first, _sqls = fetch(api, ORGANISATIONS)
    again, again_sqls = fetch(api, ORGANISATIONS)

    assert {row["id"] for row in first["results"]} == {named.pk, other.pk}
    assert again == first
    assert not any("EXISTS" in sql.upper() for sql in again_sqls)

    unpublish([named.issued_releases.get().release])
    after, _sqls = fetch(api, ORGANISATIONS)

    assert [row["id"] for row in after["results"]] == [other.pk]
    assert api.get(f"{ORGANISATIONS}{named.pk}/").status_code == 404
