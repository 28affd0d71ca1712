"""Either language can be the only one, for every kind of content and on every public surface."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from directory.models import Organisation, Theme
from international.models import CooperationSite, FundingInstrument
from pages.models import Page
from partnerships.models import Agreement
from press.models import PressRelease
from tests.factories import (
    AgreementFactory,
    CooperationSiteFactory,
    FundingInstrumentFactory,
    LiveOrganisationFactory,
    PageFactory,
    PressReleaseFactory,
    ThemeFactory,
)
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db

# factory, its title field, its other text fields, the notice naming it in French and in English.
KINDS = {
    "release": (
        PressReleaseFactory,
        "title",
        ("lead", "body"),
        "Ce communiqué n'existe qu'en anglais.",
        "This release is only available in French.",
    ),
    "agreement": (
        AgreementFactory,
        "title",
        ("summary",),
        "Cet accord n'existe qu'en anglais.",
        "This agreement is only available in French.",
    ),
    "page": (
        PageFactory,
        "title",
        ("body",),
        "Cette page n'existe qu'en anglais.",
        "This page is only available in French.",
    ),
    "theme": (
        ThemeFactory,
        "name",
        (),
        "Cette thématique n'est décrite qu'en anglais.",
        "This theme is only described in French.",
    ),
    "organisation": (
        LiveOrganisationFactory,
        "name",
        (),
        "Cet organisme n'est décrit qu'en anglais.",
        "This organisation is only described in French.",
    ),
    "instrument": (
        FundingInstrumentFactory,
        "name",
        ("summary",),
        "Cet outil de financement n'est décrit qu'en anglais.",
        "This funding instrument is only described in French.",
    ),
    "site": (
        CooperationSiteFactory,
        "name",
        ("summary",),
        "Ce site de coopération n'est décrit qu'en anglais.",
        "This cooperation site is only described in French.",
    ),
}
MODELS = [PressRelease, Agreement, Page, Theme, Organisation, FundingInstrument, CooperationSite]


def only_in(key, language):
    """Create an item of ``key`` whose text exists in ``language`` only."""
    factory, title, others, _french, _english = KINDS[key]
    missing = "en" if language == "fr" else "fr"
    values = {f"{name}_{missing}": "" for name in (title, "slug", *others)}
    values[f"{title}_{language}"] = f"Only {key} title" if language == "en" else f"Seul titre {key}"
    return factory(**values)


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("key", KINDS)
def test_an_english_only_item_is_stored(key):
    item = only_in(key, "en")

    item.refresh_from_db()
    title = KINDS[key][1]
    assert getattr(item, f"{title}_en") == f"Only {key} title"
    assert not getattr(item, f"{title}_fr")
    assert item.slug_en


@pytest.mark.parametrize("model", MODELS)
def test_an_item_without_a_title_in_any_language_is_refused(model):
    title = "title" if hasattr(model, "title_fr") else "name"
    factory = next(kind[0] for kind in KINDS.values() if kind[0]._meta.model is model)

    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**{f"{title}_fr": "", f"{title}_en": ""})


@pytest.mark.parametrize("key", KINDS)
def test_the_french_page_of_an_english_only_item_shows_it_in_english_with_a_notice(client, key):
    item = only_in(key, "en")

    page = get_page(client, url_in("fr", item))

    assert KINDS[key][3].replace("'", "&#x27;") in page
    assert f'<span lang="en">Only {key} title</span>' in page


@pytest.mark.parametrize("key", KINDS)
def test_the_english_page_of_a_french_only_item_says_so_in_english(client, key):
    item = only_in(key, "fr")

    page = get_page(client, url_in("en", item))

    assert KINDS[key][4] in page
    assert f'<span lang="fr">Seul titre {key}</span>' in page


@pytest.mark.parametrize("key", KINDS)
def test_the_english_page_of_an_english_only_item_has_no_notice(client, key):
    item = only_in(key, "en")

    page = get_page(client, url_in("en", item))

    assert f"Only {key} title" in page
    assert 'class="notice notice--fallback"' not in page


def test_english_only_release_is_listed_and_found_on_the_french_site(client):
    release = only_in("release", "en")
    french_url = url_in("fr", release)

    listing = get_page(client, url_in("fr", lambda: reverse("press:release-list")))
    results = get_page(client, url_in("fr", lambda: reverse("search:results")) + "?q=title")
    feed = get_page(client, url_in("fr", lambda: reverse("press:feed-rss")))
    sitemap = get_page(client, "/sitemap.xml")

    assert f'<a href="{french_url}"><span lang="en">Only release title</span></a>' in listing
    assert f'<a href="{french_url}" lang="en">Only release <b>title</b></a>' in results
    assert "<title>Only release title</title>" in feed
    assert f"http://testserver{french_url}" in sitemap
    assert f"http://testserver{url_in('en', release)}" in sitemap


def test_switcher_of_an_english_only_release_leads_to_its_english_page(client):
    release = only_in("release", "en")

    page = get_page(client, url_in("fr", release))

    assert f'href="{url_in("en", release)}" hreflang="en"' in page
    assert url_in("en", release) == f"/en/press/{release.slug_en}/"


def test_api_gives_an_english_only_release_with_a_null_french_title(client):
    release = only_in("release", "en")

    response = client.get(f"/api/v1/press-releases/{release.pk}/")

    assert response.status_code == 200
    assert response.json()["title"] == {"fr": None, "en": "Only release title"}


def test_english_only_release_pdf_is_offered_in_english_from_the_french_page(client):
    release = only_in("release", "en")

    page = get_page(client, url_in("fr", release))

    assert 'hreflang="en" download>Télécharger en PDF (Anglais)</a>' in page
