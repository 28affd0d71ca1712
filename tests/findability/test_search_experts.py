"""Experts in site search, the sitemap and the page cache: listed experts only, gone the moment they are hidden."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests.factories import ExpertFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def search(client, query, language="en", **params):
    with override(language):
        url = reverse("search:results")
    response = client.get(url, {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def titles(html):
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(r'<h3 class="card__title"><a [^>]*>(.*?)</a>', html)]


def url_of(obj, language):
    with override(language):
        return obj.get_absolute_url()


@pytest.fixture
def expert():
    theme = ThemeFactory(name_fr="Neurosciences cognitives", name_en="Cognitive neuroscience")
    made = ExpertFactory(
        honorific="Pr",
        first_name="Claire",
        last_name="Vasseur",
        unit="U1127 Institut du cerveau",
        role_fr="Neurologue",
        role_en="Neurologist",
        bio_fr="Spécialiste de la mémoire épisodique.",
        bio_en="Specialist of episodic memory.",
    )
    made.themes.add(theme)
    return made


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("Vasseur", "en"),
        ("claire vasseur", "fr"),
        ("U1127", "en"),
        ("cerveau", "fr"),
        ("neuroscience", "en"),
        ("neurosciences", "fr"),
        ("memory", "en"),
        ("mémoire", "fr"),
    ],
)
def test_an_expert_is_found_by_name_unit_theme_and_bio(client, expert, query, language):
    html = search(client, query, language)
    assert titles(html) == ["Pr Claire Vasseur"]
    assert f'href="{url_of(expert, language)}"' in html


def test_experts_are_a_kind_of_result_with_its_own_filter(client, expert):
    html = search(client, "Vasseur", type="experts")
    assert titles(html) == ["Pr Claire Vasseur"]
    assert 'value="experts"' in html
    assert "Experts" in html


def test_the_snippet_shows_the_role_unit_and_bio_in_the_visitor_language(client, expert):
    english = search(client, "Vasseur", "en")
    assert "Neurologist" in english
    assert "Specialist of episodic memory" in english
    french = search(client, "Vasseur", "fr")
    assert "Neurologue" in french


def test_an_expert_without_an_english_bio_is_shown_in_french_to_english_visitors(client):
    ExpertFactory(first_name="Paul", last_name="Lemaire", bio_en="", bio_fr="Immunologiste.")
    html = search(client, "Lemaire", "en")
    assert titles(html) == ["Dr Paul Lemaire"]
    assert 'lang="fr"' in html
    assert "Immunologiste" in html


def test_nothing_private_is_searched(client, expert):
    expert.email = "claire.private@example.org"
    expert.listing_consent_note = "Accord par courriel confidentiel"
    expert.save()
    assert titles(search(client, "Vasseur")) == ["Pr Claire Vasseur"]  # positive control
    assert titles(search(client, "claire.private@example.org")) == []
    assert titles(search(client, "confidentiel", "fr")) == []


@pytest.mark.parametrize("change", [{"hidden": True}, {"listing_consent_at": None}])
def test_a_hidden_or_withdrawn_expert_leaves_search_and_the_sitemap_at_once(client, settings, expert, change):
    settings.PAGE_CACHE = True  # the cached pages must not keep the expert either
    with override("en"):
        url = expert.get_absolute_url()
    assert titles(search(client, "Vasseur")) == ["Pr Claire Vasseur"]
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert url in sitemap.content.decode()
    assert client.get(url).status_code == 200

    for name, value in change.items():
        setattr(expert, name, value)
    expert.save()

    assert titles(search(client, "Vasseur")) == []
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert url not in sitemap.content.decode()
    assert client.get(url).status_code == 404


def test_a_cached_page_changes_when_an_expert_changes(client, settings, expert):
    settings.PAGE_CACHE = True
    with override("en"):
        url = reverse("directory:expert-list")
    first = client.get(url)
    assert first.status_code == 200
    assert "Vasseur" in first.content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"

    expert.last_name = "Vasseur-Blanc"
    expert.save()
    changed = client.get(url)
    assert changed["X-Page-Cache"] == "miss"
    assert "Vasseur-Blanc" in changed.content.decode()

    expert.themes.clear()  # a relation only: the cache drops the pages too
    assert client.get(url)["X-Page-Cache"] == "miss"
