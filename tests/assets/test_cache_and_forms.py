"""An asset changed is a page changed (the page cache drops what showed it), and the release form shows the
chosen image as a thumbnail beside its chooser."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import AssetFactory, DocumentAssetFactory, ExpertFactory, PressReleaseFactory
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db


def test_a_changed_credit_is_on_the_cached_page_at_once(client, settings):
    settings.PAGE_CACHE = True
    asset = AssetFactory(credit="Inserm/Avant")
    expert = ExpertFactory(photo=asset)
    url = url_in("fr", expert)
    assert "© Inserm/Avant" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"

    asset.credit = "Inserm/Après"
    asset.save()
    page = client.get(url)

    assert page["X-Page-Cache"] == "miss"
    assert "© Inserm/Après" in page.content.decode()


def test_release_form_chooses_the_image_in_the_library_and_shows_it(staff_client):
    asset = AssetFactory(alt_fr="Une souris", alt_en="A mouse")
    release = PressReleaseFactory(image=asset)
    with translation.override("en"):
        url = reverse("admin:press_pressrelease_change", args=[release.pk])
    page = staff_client.get(url).content.decode()

    assert 'class="asset-thumbnail"' in page
    assert 'alt="Une souris"' in page
    assert 'data-field-name="image"' in page  # the autocomplete chooser of the media library


def test_library_autocomplete_offers_images_only_for_a_release_image(staff_client):
    AssetFactory(title_fr="Souris")
    DocumentAssetFactory(title_fr="Souris (dossier PDF)")
    with translation.override("en"):
        url = reverse("admin:autocomplete")
    response = staff_client.get(
        url,
        {"term": "Souris", "app_label": "press", "model_name": "pressrelease", "field_name": "image"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Souris"]
