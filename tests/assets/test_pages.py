"""What the public sees of an asset: the release's image with its credit (one "©") and licence, its text
alternative in the page's language or, said as such, in French; the same asset in the API, feed and metadata."""

import pytest
from django.urls import reverse

from assets.models import Licence
from press.models import PressAttachment
from tests.factories import (
    AssetFactory,
    DocumentAssetFactory,
    ExpertFactory,
    LiveOrganisationFactory,
    PressReleaseFactory,
    jpeg_upload,
)
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db


def page(client, obj, language):
    response = client.get(url_in(language, obj))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def release():
    image = AssetFactory(
        file=jpeg_upload(size=(1200, 800)),
        alt_fr="Une souris blanche",
        alt_en="",
        caption_fr="Souris de laboratoire",
        caption_en="Laboratory mouse",
        credit="© Inserm/Jean Dupont",
        licence=Licence.CC_BY,
        focal_x=0.2,
        focal_y=0.7,
    )
    return PressReleaseFactory(title_fr="Un communiqué", title_en="A release", image=image)


def test_english_page_gives_the_french_text_alternative_as_french(client, release):
    english = page(client, release, "en")
    image = english[english.index('<figure class="release__image">') :].split(">", 2)[1]
    assert 'alt="Une souris blanche"' in image
    assert 'lang="fr"' in image
    french = page(client, release, "fr")
    image = french[french.index('<figure class="release__image">') :].split(">", 2)[1]
    assert 'alt="Une souris blanche"' in image and 'lang="fr"' not in image


def test_release_page_shows_caption_credit_once_and_the_licence_linked(client, release):
    text = page(client, release, "en")
    assert "Laboratory mouse" in text
    assert "© Inserm/Jean Dupont" in text
    assert "© ©" not in text
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in text


def test_card_crops_around_the_focal_point(client, release):
    response = client.get(url_in("en", lambda: reverse("press:release-list")))
    assert response.status_code == 200
    body = response.content.decode()
    card = body[body.index('class="card card--release"') :].split(">", 2)[1]
    assert 'class="card__image focal-x-2 focal-y-7"' in card


def test_api_gives_the_image_and_the_press_kit_files_from_the_library(client, release):
    document = DocumentAssetFactory(title_fr="Dossier de presse", title_en="Press pack", credit="Inserm")
    PressAttachment.objects.create(release=release, asset=document)
    response = client.get(f"/api/v1/press-releases/{release.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["image"]["url"].startswith("http://testserver/media/assets/")
    assert data["image"]["alt"] == {"fr": "Une souris blanche", "en": None}
    assert data["image"]["credit"] == "Inserm/Jean Dupont"
    assert data["image"]["licence"] == "cc_by_4"
    assert data["attachments"] == [
        {
            "title": {"fr": "Dossier de presse", "en": "Press pack"},
            "file": "http://testserver" + document.file.url,
            "kind": "document",
            "credit": "Inserm",
            "licence": "press_use",
        }
    ]


def test_expert_page_shows_the_photo_from_the_library(client):
    photo = AssetFactory(alt_fr="Portrait", alt_en="Portrait", credit="Inserm/Studio")
    expert = ExpertFactory(photo=photo)
    text = page(client, expert, "en")
    assert 'alt="Portrait"' in text
    assert "© Inserm/Studio" in text


def test_api_says_whether_the_image_is_decorative(client, release):
    response = client.get(f"/api/v1/press-releases/{release.pk}/")
    assert response.status_code == 200
    assert response.json()["image"]["decorative"] is False


def test_organisation_logo_comes_from_the_library_in_the_page_api_and_metadata(client):
    logo = AssetFactory(file=jpeg_upload("logo.jpg", size=(600, 200)), alt_fr="Anses", alt_en="Anses")
    organisation = LiveOrganisationFactory(name_fr="Agence Anses", name_en="Anses agency", logo=logo)
    plain = LiveOrganisationFactory()

    text = page(client, organisation, "fr")
    assert 'class="organisation__logo"' in text and logo.file.url not in text.split("<main", 1)[1]
    assert '-600w.jpg">' in text  # og:image: the logo whole, resized, never cut to a social card
    assert '<meta property="og:image:height" content="200">' in text
    response = client.get(f"/api/v1/organisations/{organisation.pk}/")
    assert response.status_code == 200
    assert response.json()["logo"] == "http://testserver" + logo.file.url
    assert client.get(f"/api/v1/organisations/{plain.pk}/").json()["logo"] is None
