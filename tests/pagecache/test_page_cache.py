"""The full-page cache: anonymous pages only, dropped on every content write and at scheduled times."""

import datetime
import gzip

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from pagecache.models import Generation
from press.models import create_embargo_link
from tests.factories import PressReleaseFactory, ThemeFactory
from workflow.transitions import publish, unpublish

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True


def press_list():
    with translation.override("fr"):
        return reverse("press:release-list")


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_second_anonymous_request_is_a_hit_that_runs_one_query(client, django_assert_num_queries):
    PressReleaseFactory(title_fr="Une découverte")
    first = get(client, press_list())

    with django_assert_num_queries(1):  # the content generation
        second = get(client, press_list())

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Une découverte" in second.content.decode()


def test_a_release_with_other_static_files_serves_no_page_of_the_previous_one(client, monkeypatch):
    """With Redis the cache outlives a deployment: a page naming the previous image's static files is not served."""
    PressReleaseFactory(title_fr="Une découverte")
    get(client, press_list())
    assert get(client, press_list())["X-Page-Cache"] == "hit"

    monkeypatch.setattr(staticfiles_storage, "manifest_hash", "the-next-release", raising=False)

    assert get(client, press_list())["X-Page-Cache"] == "miss"


def test_pages_are_cached_per_language(client):
    PressReleaseFactory(title_fr="Une découverte", title_en="A discovery")
    get(client, press_list())
    with translation.override("en"):
        english = get(client, reverse("press:release-list"))

    assert english["X-Page-Cache"] == "miss"
    assert "A discovery" in english.content.decode()


def test_saving_a_release_shows_the_new_title_at_once(client):
    release = PressReleaseFactory(title_fr="Ancien titre")
    assert "Ancien titre" in get(client, press_list()).content.decode()

    release.title_fr = "Nouveau titre"
    release.save()
    page = get(client, press_list())

    assert page["X-Page-Cache"] == "miss"
    assert "Nouveau titre" in page.content.decode()


def test_publish_unpublish_and_delete_each_change_the_cached_list(client):
    release = PressReleaseFactory(title_fr="Communiqué en attente", status="draft")
    assert "Communiqué en attente" not in get(client, press_list()).content.decode()

    publish([release])
    assert "Communiqué en attente" in get(client, press_list()).content.decode()

    unpublish([release])
    assert "Communiqué en attente" not in get(client, press_list()).content.decode()

    publish([release])
    assert "Communiqué en attente" in get(client, press_list()).content.decode()
    release.delete()
    assert "Communiqué en attente" not in get(client, press_list()).content.decode()


def test_adding_a_theme_to_a_release_changes_the_cached_page(client):
    release = PressReleaseFactory()
    get(client, release.get_absolute_url())

    release.themes.add(ThemeFactory(name_fr="Neurosciences"))

    assert "Neurosciences" in get(client, release.get_absolute_url()).content.decode()


def test_a_write_in_another_process_drops_this_process_pages(client):
    PressReleaseFactory()
    get(client, press_list())

    # What a write handled by another worker leaves behind: only the generation in the database moves.
    Generation.objects.filter(pk=1).update(value=F("value") + 1)

    assert get(client, press_list())["X-Page-Cache"] == "miss"


def test_a_release_appears_at_its_scheduled_time_though_the_list_was_cached(client):
    now = timezone.now()
    PressReleaseFactory(title_fr="Sous embargo", publish_at=now + HOUR)
    with freeze_time(now):
        assert "Sous embargo" not in get(client, press_list()).content.decode()
        assert get(client, press_list())["X-Page-Cache"] == "hit"

    with freeze_time(now + HOUR + datetime.timedelta(seconds=1)):
        page = get(client, press_list())

    assert page["X-Page-Cache"] == "miss"
    assert "Sous embargo" in page.content.decode()


def test_a_release_leaves_at_its_unpublish_time_though_the_list_was_cached(client):
    now = timezone.now()
    PressReleaseFactory(title_fr="Retiré bientôt", unpublish_at=now + HOUR)
    with freeze_time(now):
        assert "Retiré bientôt" in get(client, press_list()).content.decode()

    with freeze_time(now + HOUR + datetime.timedelta(seconds=1)):
        page = get(client, press_list())

    assert "Retiré bientôt" not in page.content.decode()


def test_staff_pages_are_neither_served_from_nor_stored_in_the_cache(staff_client):
    client = Client()  # a visitor (the ``client`` fixture is the staff member's)
    PressReleaseFactory()
    staff_page = get(staff_client, press_list())
    assert "X-Page-Cache" not in staff_page

    # Nothing the staff member saw was stored: the visitor's first request renders the page.
    assert get(client, press_list())["X-Page-Cache"] == "miss"
    assert get(client, press_list())["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in get(staff_client, press_list())


def test_journalist_link_pages_are_never_stored(client):
    release = PressReleaseFactory(title_fr="Vaccin sous embargo", publish_at=timezone.now() + 2 * HOUR)
    _link, token = create_embargo_link(release=release, recipient="AFP")
    with translation.override("fr"):
        url = reverse("press:embargo", args=[token])

    first = get(client, url)
    second = get(client, url)

    assert "Vaccin sous embargo" in second.content.decode()
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second
    assert "private" in second["Cache-Control"]


def test_turned_off_the_cache_neither_stores_nor_serves(client, settings):
    settings.PAGE_CACHE = False
    PressReleaseFactory()

    get(client, press_list())

    assert "X-Page-Cache" not in get(client, press_list())


@pytest.mark.parametrize("page_cache", [True, False])
def test_feeds_and_api_carry_validators_and_answer_304_when_unchanged(client, settings, page_cache):
    settings.PAGE_CACHE = page_cache
    PressReleaseFactory()
    with translation.override("fr"):
        feed = reverse("press:feed-rss")
    for url in (feed, "/api/v1/press-releases/", "/sitemap.xml"):
        response = get(client, url)
        assert "max-age=" in response["Cache-Control"], url
        assert "public" in response["Cache-Control"], url

        unchanged = client.get(url, headers={"if-none-match": response["ETag"]})

        assert unchanged.status_code == 304, url


def test_a_scheduled_release_bounds_the_feeds_max_age(client):
    PressReleaseFactory(publish_at=timezone.now() + datetime.timedelta(seconds=90))
    with translation.override("fr"):
        response = get(client, reverse("press:feed-rss"))

    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 90


def gzip_get(client, url):
    return client.get(url, headers={"accept-encoding": "gzip, deflate, br"})


def test_a_browser_accepting_gzip_gets_the_kept_page_compressed_and_others_get_it_plain(client):
    PressReleaseFactory(title_fr="Une découverte")
    plain = get(client, press_list())

    compressed = gzip_get(client, press_list())
    again = get(client, press_list())

    assert compressed["X-Page-Cache"] == "hit"
    assert compressed["Content-Encoding"] == "gzip"
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content) / 3
    assert gzip.decompress(compressed.content) == plain.content
    assert "Accept-Encoding" in compressed["Vary"]
    assert "Accept-Encoding" in again["Vary"]
    assert not again.has_header("Content-Encoding")
    assert again.content == plain.content


def test_the_first_gzip_reader_of_a_page_gets_it_compressed_too(client):
    PressReleaseFactory(title_fr="Une découverte")

    first = gzip_get(client, press_list())

    assert first["X-Page-Cache"] == "miss"
    assert first["Content-Encoding"] == "gzip"
    assert "Une découverte" in gzip.decompress(first.content).decode()


def test_a_small_answer_is_kept_plain(client):
    get(client, "/robots.txt")

    hit = gzip_get(client, "/robots.txt")

    assert hit["X-Page-Cache"] == "hit"
    assert not hit.has_header("Content-Encoding")
