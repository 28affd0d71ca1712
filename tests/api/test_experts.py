"""The experts endpoint: what a journalist needs to call one, nothing private, and only the listed experts."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils.translation import override

from core.content_types import registered
from tests.factories import ExpertFactory, OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/experts/"


@pytest.fixture
def experts(db):
    theme = ThemeFactory(name_fr="Maladies infectieuses", name_en="Infectious diseases", slug_fr="infectieux")
    shown = ExpertFactory(
        first_name="Claire",
        last_name="Dupont",
        slug="claire-dupont",
        unit="U1137 IAME",
        languages="fr, en, es",
        role_fr="Directrice de recherche",
        role_en="Research director",
        email="claire.dupont@example.org",
        phone="+33 1 23 45 67 89",
    )
    shown.themes.add(theme)
    direct = ExpertFactory(first_name="Marc", last_name="Direct", contact_route="direct", email="marc@example.org")
    hidden = ExpertFactory(first_name="Hugo", last_name="Masqué", hidden=True)
    unconsenting = ExpertFactory(first_name="Léa", last_name="Sansaccord", listing_consent_at=None)
    return {"shown": shown, "direct": direct, "hidden": hidden, "unconsenting": unconsenting, "theme": theme}


@override_settings(PRESS_OFFICE_ACRONYM="Inserm")
def test_an_expert_gives_name_unit_themes_languages_bios_and_the_press_office_route(api, experts):
    OrganisationFactory(acronym="Inserm", press_email="presse@inserm.fr", press_phone="01 44 23 60 97")
    data = api.get(f"{LIST}claire-dupont/").json()
    assert data["name"] == "Dr Claire Dupont"
    assert data["unit"] == "U1137 IAME"
    assert data["role"] == {"fr": "Directrice de recherche", "en": "Research director"}
    assert [theme["name"]["en"] for theme in data["themes"]] == ["Infectious diseases"]
    assert data["languages"] == ["fr", "en", "es"]
    assert data["bio"] == {
        "fr": "Épidémiologiste des maladies infectieuses.",
        "en": "Epidemiologist of infectious diseases.",
    }
    assert data["contact"]["route"] == "press_office"
    assert data["contact"]["route_label"]["en"] == "Through the press office"
    # Reached through the press office: the office's contacts, never the expert's own.
    assert (data["contact"]["email"], data["contact"]["phone"]) == ("presse@inserm.fr", "01 44 23 60 97")
    body = api.get(LIST).content.decode() + api.get(f"{LIST}{experts['shown'].pk}/").content.decode()
    assert "claire.dupont@example.org" not in body
    assert "45 67 89" not in body
    assert data["url"] == {
        "fr": "http://testserver/fr/experts/claire-dupont/",
        "en": "http://testserver/en/experts/claire-dupont/",
    }


def test_an_expert_reached_directly_gives_their_own_contact(api, experts):
    data = api.get(f"{LIST}{experts['direct'].pk}/").json()
    assert data["contact"] == {
        "route": "direct",
        "route_label": {"fr": "Directement", "en": "Directly"},
        "email": "marc@example.org",
        "phone": None,
    }


def test_consent_and_the_hidden_flag_are_never_published(api, experts):
    data = api.get(f"{LIST}claire-dupont/").json()
    assert not {"listing_consent_at", "listing_consent_note", "hidden", "email", "phone", "updated_at"} & set(data)


@pytest.mark.parametrize("which", ["hidden", "unconsenting"])
def test_hidden_or_unconsenting_experts_are_neither_listed_nor_served(api, experts, which):
    listing = api.get(LIST)
    assert listing.status_code == 200
    ids = [item["id"] for item in listing.json()["results"]]
    assert experts["shown"].pk in ids  # positive control
    assert experts[which].pk not in ids
    assert api.get(f"{LIST}{experts[which].pk}/").status_code == 404
    assert api.get(f"{LIST}{experts[which].slug}/").status_code == 404


@pytest.mark.parametrize("change", [{"hidden": True}, {"listing_consent_at": None}])
def test_withdrawing_consent_or_hiding_takes_effect_at_once(api, experts, change):
    expert = experts["shown"]
    assert api.get(f"{LIST}{expert.pk}/").status_code == 200
    for name, value in change.items():
        setattr(expert, name, value)
    expert.save()
    assert api.get(f"{LIST}{expert.pk}/").status_code == 404
    assert expert.pk not in [item["id"] for item in api.get(LIST).json()["results"]]


def test_experts_filter_by_theme_and_language(api, experts):
    def names(query):
        response = api.get(LIST, query)
        assert response.status_code == 200
        return [item["last_name"] for item in response.json()["results"]]

    assert names({"theme": "infectieux"}) == ["Dupont"]
    assert names({"language": "es"}) == ["Dupont"]
    assert names({"language": "en"}) == ["Direct", "Dupont"]
    assert names({"language": "e"}) == []


def test_the_press_room_presents_every_endpoint_of_the_api(client):
    with override("en"):
        page = client.get(reverse("press:newsroom"))
    assert page.status_code == 200
    for content_type in registered("api"):
        assert f'href="/api/v1/{content_type.api.prefix}/"' in page.text, content_type.api.prefix
