"""Experts appear on the public site only with their consent and while not hidden; the press room gathers them."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.factories import ExpertFactory, OrganisationFactory, PressReleaseFactory, ThemeFactory
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db


def expert_list(language="en"):
    return url_in(language, lambda: reverse("directory:expert-list"))


def newsroom(language="en"):
    return url_in(language, lambda: reverse("press:newsroom"))


@pytest.fixture
def experts():
    infections = ThemeFactory(name_fr="Maladies infectieuses", name_en="Infectious diseases")
    shown = ExpertFactory(first_name="Claire", last_name="Dupont", unit="U1137 IAME")
    shown.themes.add(infections)
    hidden = ExpertFactory(first_name="Hugo", last_name="Masqué", hidden=True)
    hidden.themes.add(infections)
    unconsenting = ExpertFactory(first_name="Léa", last_name="Sansaccord", listing_consent_at=None)
    unconsenting.themes.add(infections)
    release = PressReleaseFactory(title_en="Sepsis marker")
    release.experts.add(shown, hidden, unconsenting)
    return {"shown": shown, "hidden": hidden, "unconsenting": unconsenting, "theme": infections, "release": release}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_listed_expert_has_a_page_in_both_languages(client, experts, language):
    response = client.get(url_in(language, experts["shown"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dr Claire Dupont" in page
    assert "U1137 IAME" in page
    assert {"fr": "Épidémiologiste", "en": "Epidemiologist"}[language] in page
    assert "français, English" in page


@pytest.mark.parametrize("which", ["hidden", "unconsenting"])
def test_hidden_or_unconsenting_expert_is_nowhere(client, experts, which):
    expert = experts[which]
    assert client.get(url_in("en", expert)).status_code == 404
    name = expert.last_name
    for url in (
        expert_list(),
        expert_list() + "?q=infectious",
        url_in("en", experts["theme"]),
        url_in("en", experts["release"]),
        newsroom(),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "Dupont" in response.content.decode(), url
        assert name not in response.content.decode(), url
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert url_in("en", experts["shown"]) in sitemap.content.decode()
    assert url_in("en", expert) not in sitemap.content.decode()


def test_hiding_takes_effect_at_once(client, experts):
    url = url_in("en", experts["shown"])
    assert client.get(url).status_code == 200
    experts["shown"].hidden = True
    experts["shown"].save()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("query", "found"), [("dupont", True), ("U1137", True), ("infectious", True), ("cardio", False)]
)
def test_search_by_name_unit_and_theme(client, experts, query, found):
    response = client.get(expert_list(), {"q": query})
    assert response.status_code == 200
    assert ("Dr Claire Dupont" in response.content.decode()) is found
    if not found:
        assert "No expert matches" in response.content.decode()


def test_direct_contact_needs_an_email_or_a_phone():
    with transaction.atomic(), pytest.raises(IntegrityError):
        ExpertFactory(contact_route="direct", email="", phone="")


def test_press_office_route_shows_the_press_office_contacts(client, settings, experts):
    settings.PRESS_OFFICE_ACRONYM = "Inserm"
    OrganisationFactory(
        acronym="Inserm", name_en="Inserm", press_email="presse@inserm.fr", press_phone="01 44 23 60 98"
    )
    response = client.get(url_in("en", experts["shown"]))
    assert response.status_code == 200
    assert 'href="mailto:presse@inserm.fr"' in response.content.decode()
    assert 'href="tel:0144236098"' in response.content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_newsroom_gathers_contacts_boilerplate_releases_experts_feeds_and_api(client, settings, experts, language):
    settings.PRESS_OFFICE_ACRONYM = "Inserm"
    OrganisationFactory(
        acronym="Inserm",
        press_email="presse@inserm.fr",
        about_fr="<p>Créé en 1964, l'Inserm est un établissement public.</p>",
        about_en="<p>Founded in 1964, Inserm is a public body.</p>",
    )
    response = client.get(newsroom(language))
    assert response.status_code == 200
    page = response.content.decode()
    assert "presse@inserm.fr" in page
    assert {"fr": "Créé en 1964", "en": "Founded in 1964"}[language] in page
    assert url_in(language, experts["release"]) in page
    assert url_in(language, experts["shown"]) in page
    assert f'href="{url_in(language, lambda: reverse("press:feed-rss"))}"' in page
    assert 'href="/api/v1/docs/"' in page
    assert 'href="/api/v1/press-releases/"' in page


def test_newsroom_url_is_translated(client):
    assert newsroom("fr") == "/fr/presse/espace-presse/"
    assert newsroom("en") == "/en/press/newsroom/"


def test_release_and_theme_pages_link_listed_experts(client, experts):
    for obj in (experts["release"], experts["theme"]):
        response = client.get(url_in("en", obj))
        assert response.status_code == 200
        assert f'href="{url_in("en", experts["shown"])}"' in response.content.decode()
