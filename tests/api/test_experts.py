"""The experts endpoint: what a journalist needs to call one, nothing private, and only the listed experts."""

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override
from jsonschema import ValidationError, validate

from assets.models import Licence
from core.content_types import registered
from tests.factories import AssetFactory, ExpertFactory, OrganisationFactory, ThemeFactory, jpeg_upload

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


# The photo: renditions, size, text alternative in the language asked for, credit and licence.


@pytest.fixture
def photographed(db):
    photo = AssetFactory(
        file=jpeg_upload("portrait.jpg", size=(800, 1000)),
        alt_fr="Portrait de Claire Dupont",
        alt_en="Portrait of Claire Dupont",
        credit="© Inserm/François Guénet",
        licence=Licence.ALL_RIGHTS_RESERVED,
    )
    return ExpertFactory(first_name="Claire", last_name="Dupont", slug="claire-dupont", photo=photo)


def photo_of(api, expert, **query):
    headers = {"HTTP_ACCEPT_LANGUAGE": query.pop("accept_language")} if "accept_language" in query else {}
    response = api.get(f"{LIST}{expert.slug}/", query, **headers)
    assert response.status_code == 200
    return response.json()["photo"]


def test_an_expert_gives_the_photo_its_renditions_credit_and_licence(api, photographed):
    photo = photo_of(api, photographed)

    assert photo["url"] == f"http://testserver{photographed.photo.file.url}"
    assert (photo["width"], photo["height"]) == (800, 1000)
    assert [(rendition["width"], rendition["height"]) for rendition in photo["renditions"]] == [
        (160, 200),
        (320, 400),
        (640, 800),
    ]
    for rendition in photo["renditions"]:
        name = rendition["url"].removeprefix(f"http://testserver{settings.MEDIA_URL}")
        assert name.startswith("renditions/") and default_storage.exists(name)
    assert photo["credit"] == "Inserm/François Guénet"
    assert photo["licence"] == "all_rights_reserved"
    assert photo["licence_url"] is None
    cc_by = photographed.photo
    cc_by.licence = Licence.CC_BY
    cc_by.save()
    photo = photo_of(api, photographed)
    assert photo["licence_name"] == "CC BY 4.0"
    assert photo["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_the_photos_texts_are_in_the_language_asked_for(api, photographed):
    french = photo_of(api, photographed)  # French unless asked otherwise
    assert french["alt"] == {"text": "Portrait de Claire Dupont", "language": "fr"}
    assert french["licence_name"] == "Tous droits réservés"
    for query in ({"lang": "en"}, {"accept_language": "en-GB,en;q=0.8"}):
        english = photo_of(api, photographed, **query)
        assert english["alt"] == {"text": "Portrait of Claire Dupont", "language": "en"}
        assert english["licence_name"] == "All rights reserved"
    assert photo_of(api, photographed, lang="fr", accept_language="en")["alt"]["language"] == "fr"


def test_an_alt_text_missing_in_the_language_asked_for_comes_in_the_other_with_its_language(api, photographed):
    photographed.photo.alt_en = ""
    photographed.photo.save()

    assert photo_of(api, photographed, lang="en")["alt"] == {"text": "Portrait de Claire Dupont", "language": "fr"}
    photographed.photo.alt_fr = ""
    photographed.photo.save()
    assert photo_of(api, photographed, lang="en")["alt"] == {"text": None, "language": None}


def test_a_language_the_site_does_not_have_is_refused(api, photographed):
    response = api.get(f"{LIST}{photographed.slug}/", {"lang": "de"})

    assert response.status_code == 400
    assert list(response.json()) == ["lang"]


def test_an_expert_without_photo_gives_null(api, experts):
    assert api.get(f"{LIST}claire-dupont/").json()["photo"] is None


def test_the_list_with_photos_runs_as_many_queries_for_three_experts_as_for_ten(api):
    def count():
        with CaptureQueriesContext(connection) as context:
            response = api.get(LIST, {"lang": "en"})
        assert response.status_code == 200
        assert all(item["photo"]["renditions"] for item in response.json()["results"])
        return len(context.captured_queries)

    for _ in range(3):
        ExpertFactory(photo=AssetFactory(file=jpeg_upload(size=(400, 300))))
    with_three = count()
    for _ in range(7):
        ExpertFactory(photo=AssetFactory(file=jpeg_upload(size=(400, 300))))
    assert count() == with_three


def test_the_schema_describes_the_photo_and_the_answer_conforms_to_it(api, photographed):
    schema = api.get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    assert set(components["Photo"]["properties"]) == {
        "url",
        "width",
        "height",
        "renditions",
        "alt",
        "credit",
        "licence",
        "licence_name",
        "licence_url",
    }
    assert components["Expert"]["properties"]["photo"]["nullable"] is True
    for path in (LIST, f"{LIST}{{lookup}}/"):
        (lang,) = [item for item in schema["paths"][path]["get"]["parameters"] if item["name"] == "lang"]
        assert sorted(lang["schema"]["enum"]) == ["en", "fr"]
    # Real answers, with and without a photo, against the published schema.
    ExpertFactory(last_name="Sansphoto")
    components = json_schema(schema["components"])
    listing = {"$ref": "#/components/schemas/PaginatedExpertList", "components": components}
    validate(api.get(LIST, {"lang": "en"}).json(), listing)
    detail = {"$ref": "#/components/schemas/Expert", "components": components}
    answer = api.get(f"{LIST}{photographed.slug}/").json()
    validate(answer, detail)
    answer["photo"]["alt"] = "Portrait"  # positive control: a photo unlike the schema is caught
    with pytest.raises(ValidationError):
        validate(answer, detail)


def json_schema(node):
    """Return OpenAPI 3.0 schemas as JSON Schema: ``nullable`` (beside an ``allOf`` too) as "or null"."""
    if isinstance(node, list):
        return [json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: json_schema(value) for key, value in node.items() if key != "nullable"}
    return {"anyOf": [converted, {"type": "null"}]} if node.get("nullable") else converted
