import datetime
import io

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import override
from PIL import Image

from tests.factories import AgreementFactory, AssetFactory, PressReleaseFactory, PressReleaseIssuerFactory, ThemeFactory
from workflow.states import Status

from .helpers import parse_head

pytestmark = pytest.mark.django_db


def url(name, language="fr", **kwargs):
    with override(language):
        return reverse(name, kwargs=kwargs or None)


def fetch(client, name, language="fr", **kwargs):
    response = client.get(url(name, language, **kwargs))
    assert response.status_code == 200, response.status_code
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def jpeg(name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#204080").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def releases():
    theme = ThemeFactory(
        name_fr="Santé publique", name_en="Public health", slug_fr="sante-publique", slug_en="public-health"
    )
    with_image = PressReleaseFactory(
        title_fr="Communiqué illustré & annoncé",
        title_en="Illustrated release",
        release_date=datetime.date(2024, 5, 2),
        image=AssetFactory(file=jpeg(), alt_fr="Une photo", alt_en=""),
    )
    with_image.themes.add(theme)
    PressReleaseIssuerFactory(release=with_image, organisation__name_fr="Anses", organisation__name_en="ANSES")
    plain = PressReleaseFactory(title_fr="Communiqué sans image", title_en="", release_date=datetime.date(2024, 4, 1))
    PressReleaseFactory(status=Status.DRAFT, title_fr="Brouillon de communiqué")
    return {"theme": theme, "with_image": with_image, "plain": plain}


@pytest.mark.parametrize("name", ["press:feed-rss", "press:feed-atom"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_release_feeds_list_live_releases_with_absolute_links_and_dates(client, releases, name, language):
    _response, feed = fetch(client, name, language)

    assert feed.version in {"rss20", "atom10"}
    assert feed.feed.language == language
    assert [entry.title for entry in feed.entries][:1] in (["Communiqué illustré & annoncé"], ["Illustrated release"])
    assert len(feed.entries) == 2  # the draft is not there
    for entry in feed.entries:
        assert entry.link.startswith(f"http://testserver/{language}/")
        assert entry.published_parsed is not None
    assert feed.feed.link.startswith("http://testserver/")


def test_untranslated_release_appears_in_french_in_the_english_feed(client, releases):
    _response, feed = fetch(client, "press:feed-rss", "en")

    assert "Communiqué sans image" in [entry.title for entry in feed.entries]


@pytest.mark.parametrize("name", ["press:feed-rss", "press:feed-atom"])
def test_release_image_is_an_enclosure(client, releases, name):
    _response, feed = fetch(client, name)
    entry = next(entry for entry in feed.entries if entry.title == "Communiqué illustré & annoncé")
    enclosure = entry.enclosures[0]

    assert enclosure.href.startswith("http://testserver/media/assets/")
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == releases["with_image"].image.file.size
    other = next(entry for entry in feed.entries if entry.title == "Communiqué sans image")
    assert not other.get("enclosures")


def test_missing_image_file_gives_no_enclosure_rather_than_an_error(client, releases):
    image = releases["with_image"].image.file
    image.storage.delete(image.name)

    _response, feed = fetch(client, "press:feed-rss")

    assert all(not entry.get("enclosures") for entry in feed.entries)


def test_release_feed_names_issuers_and_themes(client, releases):
    _response, feed = fetch(client, "press:feed-atom", "en")
    entry = next(entry for entry in feed.entries if entry.title == "Illustrated release")

    assert entry.author == "ANSES"
    assert [tag.term for tag in entry.tags] == ["Public health"]


@pytest.mark.parametrize("name", ["press:theme-feed-rss", "press:theme-feed-atom"])
@pytest.mark.parametrize(("language", "slug"), [("fr", "sante-publique"), ("en", "public-health")])
def test_theme_feed_lists_only_that_theme(client, releases, name, language, slug):
    _response, feed = fetch(client, name, language, slug=slug)

    assert [entry.title for entry in feed.entries] == [
        "Communiqué illustré & annoncé" if language == "fr" else "Illustrated release"
    ]
    assert ("Santé publique" if language == "fr" else "Public health") in feed.feed.title


def test_unknown_theme_feed_is_not_found(client, releases):
    assert client.get(url("press:theme-feed-rss", slug="nothing-here")).status_code == 404


@pytest.mark.parametrize("name", ["partnerships:feed-rss", "partnerships:feed-atom"])
def test_agreement_feed(client, name):
    AgreementFactory(title_fr="Convention avec la Région", signed_on=datetime.date(2022, 3, 22))
    AgreementFactory(title_fr="Convention à venir", status=Status.REVIEW)

    _response, feed = fetch(client, name)

    assert [entry.title for entry in feed.entries] == ["Convention avec la Région"]
    # The signature day, at midnight in Paris (feedparser's *_parsed would turn it into UTC, the day before).
    assert feed.entries[0].published in {"Tue, 22 Mar 2022 00:00:00 +0100", "2022-03-22T00:00:00+01:00"}
    assert feed.entries[0].link.startswith("http://testserver/fr/")


def test_feeds_are_announced_in_page_heads(client, releases):
    with override("en"):
        home = parse_head(client.get(reverse("home")))
        theme = parse_head(client.get(releases["theme"].get_absolute_url()))

    assert home.link_hrefs("alternate", type="application/rss+xml") == [
        "http://testserver" + url("press:feed-rss", "en"),
        "http://testserver" + url("partnerships:feed-rss", "en"),
    ]
    assert home.link_hrefs("alternate", type="application/atom+xml") == [
        "http://testserver" + url("press:feed-atom", "en")
    ]
    assert "http://testserver" + url("press:theme-feed-rss", "en", slug="public-health") in theme.link_hrefs(
        "alternate", type="application/rss+xml"
    )
