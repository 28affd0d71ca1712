"""The language switcher leads to the same object; missing English falls back to French, marked."""

import pytest
from django.urls import reverse

from tests.factories import AgreementFactory, LiveOrganisationFactory, PageFactory, PressReleaseFactory, ThemeFactory
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db

NOTICE = "This content is not available in English; it is shown in French."


def test_switcher_of_release_points_to_english_slug(client):
    release = PressReleaseFactory(title_fr="Un communiqué", title_en="A release")
    french_url, english_url = url_in("fr", release), url_in("en", release)
    assert french_url.endswith("/un-communique/")
    assert english_url == "/en/press/a-release/"
    html = client.get(french_url).content.decode()
    assert f'<a href="{english_url}" hreflang="en" lang="en">English</a>' in html
    html = client.get(english_url).content.decode()
    assert f'<a href="{french_url}" hreflang="fr" lang="fr">Français</a>' in html


@pytest.mark.parametrize("factory", [AgreementFactory, PageFactory])
def test_switcher_of_other_objects_uses_their_english_slug(client, factory):
    obj = factory()
    html = client.get(url_in("fr", obj)).content.decode()
    assert f'href="{url_in("en", obj)}" hreflang="en"' in html
    assert obj.slug_en in url_in("en", obj)


def test_switcher_of_theme_and_organisation(client):
    for obj in (
        ThemeFactory(name_fr="Génétique", name_en="Genetics"),
        LiveOrganisationFactory(name_en="Genetics agency"),
    ):
        html = client.get(url_in("fr", obj)).content.decode()
        assert f'href="{url_in("en", obj)}" hreflang="en"' in html


def test_switcher_of_list_keeps_filters(client):
    PressReleaseFactory()
    french_list = url_in("fr", lambda: reverse("press:release-list"))
    html = client.get(f"{french_list}?year=2020").content.decode()
    assert 'href="/en/press/?year=2020" hreflang="en"' in html


def test_alternate_links_in_head(client):
    release = PressReleaseFactory(title_fr="Un communiqué", title_en="A release")
    html = client.get(url_in("fr", release)).content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/press/a-release/">' in html


def test_missing_english_body_falls_back_to_french_with_notice(client):
    release = PressReleaseFactory(body_fr="<p>Texte uniquement en français.</p>", body_en="")
    response = client.get(url_in("en", release))
    html = response.content.decode()
    assert response.status_code == 200
    assert NOTICE in html
    assert '<div lang="fr"><p>Texte uniquement en français.</p></div>' in html


def test_missing_english_title_is_marked_french_in_lists(client):
    PressReleaseFactory(title_fr="Titre sans traduction", title_en="")
    html = client.get("/en/press/").content.decode()
    assert '<span lang="fr">Titre sans traduction</span>' in html


def test_complete_translation_shows_no_notice(client):
    release = PressReleaseFactory()
    html = client.get(url_in("en", release)).content.decode()
    assert NOTICE not in html
    assert 'lang="fr">' not in html.split("<main", 1)[1]


def test_field_empty_in_both_languages_shows_no_notice(client):
    release = PressReleaseFactory(lead_fr="", lead_en="")
    html = client.get(url_in("en", release)).content.decode()
    assert NOTICE not in html


def test_french_page_never_shows_the_notice(client):
    release = PressReleaseFactory(body_en="")
    html = client.get(url_in("fr", release)).content.decode()
    assert NOTICE not in html


def test_release_without_english_slug_is_served_under_french_slug(client):
    release = PressReleaseFactory(title_fr="Seulement en français", title_en="", slug_en="")
    assert release.slug_en in ("", None)
    response = client.get("/en/press/seulement-en-francais/")
    assert response.status_code == 200
    assert NOTICE in response.content.decode()
    html = client.get(url_in("fr", release)).content.decode()
    assert 'href="/en/press/seulement-en-francais/" hreflang="en"' in html


def test_switcher_on_home_and_lists(client):
    html = client.get("/fr/").content.decode()
    assert 'href="/en/" hreflang="en" lang="en"' in html
    with_en = url_in("en", lambda: reverse("partnerships:agreement-list"))
    html = client.get(url_in("fr", lambda: reverse("partnerships:agreement-list"))).content.decode()
    assert f'href="{with_en}" hreflang="en"' in html


def test_rich_text_written_around_save_is_sanitised_on_output(client):
    release = PressReleaseFactory()
    type(release).objects.filter(pk=release.pk).update(body_en='<p>Safe</p><script>alert("x")</script>')
    html = client.get(url_in("en", release)).content.decode()
    assert "<p>Safe</p>" in html
    assert 'alert("x")' not in html
