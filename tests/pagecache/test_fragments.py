"""Rendered fragments (list cards, filter forms, menu, footer, detail pages' documents) are kept until content changes,
never past it."""

import datetime

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from core.fragments import fragment_key
from press.models import Quote, create_embargo_link
from tests.factories import (
    AgreementFactory,
    OrganisationFactory,
    PageFactory,
    PersonFactory,
    PressReleaseFactory,
    ThemeFactory,
)
from tests.helpers import run_kit_builds
from tests.site.conftest import url_in
from workflow.transitions import publish, unpublish

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _fragments_on_page_cache_off(settings):
    """Every request renders its page (no full-page cache), so only the fragment cache can keep anything."""
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True


def url(name, language="fr", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def html(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def queries(client, address):
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(context.captured_queries)


def test_cached_cards_spare_the_queries_that_load_their_rows(client, settings):
    for _ in range(5):
        release = PressReleaseFactory()
        release.themes.add(ThemeFactory())
    press_list = url("press:release-list")
    settings.FRAGMENT_CACHE = False
    queries(client, press_list)  # the first request after a write computes the facets and the count
    rendered = queries(client, press_list)
    assert queries(client, press_list) == rendered

    settings.FRAGMENT_CACHE = True
    queries(client, press_list)
    cached = queries(client, press_list)

    # Cards in the cache: the releases' rows, themes and issuers are not loaded, only the ids of the page.
    assert cached < rendered
    assert html(client, press_list).count('class="card card--release"') == 5


def test_a_saved_title_shows_at_once_in_the_cached_card(client):
    release = PressReleaseFactory(title_fr="Ancien titre")
    assert "Ancien titre" in html(client, url("press:release-list"))

    release.title_fr = "Nouveau titre"
    release.save()
    page = html(client, url("press:release-list"))

    assert "Nouveau titre" in page
    assert "Ancien titre" not in page


def test_publish_and_unpublish_change_the_cards_of_the_home_page(client):
    release = PressReleaseFactory(title_fr="Communiqué attendu", status="draft")
    assert "Communiqué attendu" not in html(client, url("home"))

    publish([release])
    assert "Communiqué attendu" in html(client, url("home"))

    unpublish([release])
    assert "Communiqué attendu" not in html(client, url("home"))


def test_cards_are_kept_per_language(client):
    PressReleaseFactory(title_fr="Une découverte", title_en="A discovery")
    assert "Une découverte" in html(client, url("press:release-list"))

    english = html(client, url("press:release-list", "en"))

    assert "A discovery" in english
    assert "Une découverte" not in english


def test_a_card_read_from_the_cache_keeps_the_heading_level_and_image_loading_of_its_place(client):
    PressReleaseFactory.create_batch(3)
    html(client, url("press:release-list"))

    home = html(client, url("home"))

    # The press list renders its cards' titles as h3; the home page asks for the same: both come from one key.
    assert home.count('class="card__title"') == 3


def test_an_agreements_card_changes_status_the_day_it_ends_though_nothing_was_written(client):
    today = timezone.localdate()
    AgreementFactory(
        title_fr="Convention finissante",
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today,
        duration_months=None,
    )
    agreements = url("partnerships:agreement-list")
    with freeze_time(timezone.now()):
        assert "status--ending_soon" in html(client, agreements)

    with freeze_time(timezone.now() + datetime.timedelta(days=1)):
        page = html(client, agreements)

    assert "status--ending_soon" not in page


def test_a_scheduled_release_enters_the_cached_list_and_its_count_at_its_time(client):
    now = timezone.now()
    PressReleaseFactory(title_fr="Déjà publié")
    PressReleaseFactory(title_fr="Publié à l'heure", publish_at=now + HOUR)
    press_list = url("press:release-list")
    with freeze_time(now):
        before = html(client, press_list)
        html(client, press_list)
    assert "Publié à l&#x27;heure" not in before

    with freeze_time(now + HOUR + datetime.timedelta(seconds=1)):
        after = html(client, press_list)

    assert "Publié à l&#x27;heure" in after
    assert "2 communiqués" in after


def test_each_filter_keeps_its_own_count_until_a_write(client):
    theme = ThemeFactory()
    PressReleaseFactory.create_batch(2)
    PressReleaseFactory().themes.add(theme)
    filtered = f"{url('press:release-list')}?theme={theme.pk}"

    assert "1 communiqué" in html(client, filtered)
    assert "3 communiqués" in html(client, url("press:release-list"))

    PressReleaseFactory().themes.add(theme)

    assert "2 communiqués" in html(client, filtered)


def test_the_filter_form_shows_what_each_visitor_chose(client):
    first, second = ThemeFactory(name_fr="Cancer"), ThemeFactory(name_fr="Neurosciences")
    PressReleaseFactory().themes.add(first)
    PressReleaseFactory().themes.add(second)
    press_list = url("press:release-list")

    html(client, f"{press_list}?theme={first.pk}")
    page = html(client, f"{press_list}?theme={second.pk}&page=1")

    assert f'value="{second.pk}" selected' in page
    assert f'value="{first.pk}" selected' not in page


def test_a_typed_search_is_kept_in_the_filter_form_however_long(client):
    PressReleaseFactory()
    words = " ".join(["vaccin"] * 30)
    press_list = url("press:release-list")

    page = html(client, f"{press_list}?q={words}")

    assert f'value="{words}"' in page


def test_the_menu_marks_the_page_being_read(client):
    first = PageFactory(title_fr="Nos missions", show_in_menu=True)
    second = PageFactory(title_fr="Nos équipes", show_in_menu=True)
    html(client, url_of(first))

    page = html(client, url_of(second))

    current = page.split('aria-current="page"')[1][:40]
    assert "Nos équipes" in current


def test_staff_read_the_same_cards_as_visitors(client, staff_client):
    PressReleaseFactory(title_fr="Un communiqué")
    visitor = html(client, url("press:release-list"))

    staff = html(staff_client, url("press:release-list"))

    card = visitor.split('<article class="card card--release">')[1].split("</article>")[0]
    assert card in staff


def test_a_kept_release_page_costs_its_row_and_shows_an_edited_quote_at_once(client):
    release = PressReleaseFactory(title_en="A marker of sepsis")
    release.themes.add(ThemeFactory(name_en="Immunology"))
    quote = Quote.objects.create(release=release, text_fr="Un espoir.", text_en="A hope.", speaker=PersonFactory())
    page = url_in("en", release)
    rendered = queries(client, page)

    kept = queries(client, page)
    quote.text_en = "A real hope."
    quote.save()

    assert kept < rendered  # the row and the content generation: no issuers, themes, contacts or quotes loaded
    text = html(client, page)
    assert "A real hope." in text
    assert "Immunology" in text
    assert "<title>A marker of sepsis" in text


@pytest.mark.parametrize("factory", [PressReleaseFactory, AgreementFactory])
def test_a_kept_detail_page_is_gone_once_unpublished_and_found_under_its_new_slug(client, factory):
    item = factory(slug_en="first-address", title_en="First address")
    page = url_in("en", item)
    html(client, page)
    run_kit_builds()
    html(client, page)
    assert queries(client, page) == 1  # the content generation: the row the address finds is kept too

    item.slug_en = "second-address"
    item.save()
    assert client.get(page).status_code == 404
    assert "First address" in html(client, url_in("en", item))

    unpublish([item])
    assert client.get(url_in("en", item)).status_code == 404


def test_an_agreement_page_kept_for_visitors_shows_what_staff_see(client, staff_client):
    agreement = AgreementFactory(title_fr="Accord-cadre régional")
    agreement.themes.add(ThemeFactory(name_fr="Santé publique"))
    visitor = html(client, url_in("fr", agreement))

    staff = html(staff_client, url_in("fr", agreement))

    article = visitor.split('<article class="agreement">')[1].split("</article>")[0]
    assert "Santé publique" in article
    assert article in staff


def test_a_journalists_embargo_page_leaves_nothing_in_the_fragment_cache(client):
    release = PressReleaseFactory(title_en="Embargoed vaccine", publish_at=timezone.now() + 2 * HOUR)
    _link, token = create_embargo_link(release=release, recipient="AFP")
    before = set(cache._cache)

    with translation.override("en"):
        text = html(client, reverse("press:embargo", args=[token]))

    assert "Embargoed vaccine" in text
    kept = [key for key in set(cache._cache) - before if f":release:{release.pk}:" in key or "release-meta" in key]
    assert kept == []


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/press-releases/?page_size=2&page=2",
        "/api/v1/agreements/?page_size=3",
        "/api/v1/press-releases/?theme={}",
        "/api/v1/organisations/?page_size=2",
    ],
)
def test_kept_api_items_are_the_items_serialized(client, settings, address):
    theme = ThemeFactory()
    for number in range(4):
        release = PressReleaseFactory(title_fr=f"Communiqué {number}")
        release.themes.add(theme)
        release.issuers.create(organisation=OrganisationFactory(name_fr=f"Organisme {number}"))
        AgreementFactory(title_fr=f"Accord {number}").themes.add(theme)
    address = address.format(theme.pk)
    settings.FRAGMENT_CACHE = False
    serialized = client.get(address).json()

    settings.FRAGMENT_CACHE = True
    client.get(address)
    kept = client.get(address).json()

    assert kept == serialized
    assert kept["results"]


def test_an_edited_release_shows_at_once_in_the_kept_api_list(client):
    release = PressReleaseFactory(title_fr="Un titre")
    client.get("/api/v1/press-releases/")

    release.title_fr = "Un titre corrigé"
    release.save()

    assert client.get("/api/v1/press-releases/").json()["results"][0]["title"]["fr"] == "Un titre corrigé"


@pytest.mark.parametrize("name", ["press:feed-rss", "press:feed-atom"])
def test_kept_feed_entries_are_the_entries_built_and_follow_an_edit(client, settings, name):
    theme = ThemeFactory(name_en="Immunology")
    for number in range(3):
        PressReleaseFactory(title_en=f"Release {number}", lead_en=f"Lead {number}").themes.add(theme)
    feed = url(name, "en")
    settings.FRAGMENT_CACHE = False
    built = client.get(feed).content

    settings.FRAGMENT_CACHE = True
    client.get(feed)
    kept = client.get(feed).content
    release = PressReleaseFactory(title_en="The newest release")

    assert kept == built
    assert b"<category>Immunology</category>" in kept or b'term="Immunology"' in kept
    release.title_en = "The newest release, corrected"
    release.save()
    assert b"The newest release, corrected" in client.get(feed).content


def test_a_release_with_other_static_files_renders_its_fragments_anew(client, monkeypatch):
    """With Redis the cache outlives a deployment: the header naming the previous image's files is not reused."""
    PressReleaseFactory()
    press_list = url("press:release-list")
    queries(client, press_list)
    kept = queries(client, press_list)

    monkeypatch.setattr(staticfiles_storage, "manifest_hash", "the-next-release", raising=False)

    assert queries(client, press_list) > kept  # the cards are loaded and rendered again


def test_fragment_keys_stay_valid_for_every_cache_backend():
    key, _expires = fragment_key("filters", "/fr/presse/", "a value with spaces\nand a line", "x" * 300)

    assert len(key) < 250
    assert not any(ord(char) < 33 for char in key)


def url_of(page):
    with translation.override("fr"):
        return page.get_absolute_url()
