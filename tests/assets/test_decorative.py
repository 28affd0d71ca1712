"""Text alternatives: an image needs one in French or English unless it is marked decorative, which pages then
give an empty ``alt`` (no ``lang``), the "missing" filter and the pre-publication check leave alone."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from assets.models import Asset
from tests.factories import (
    AssetFactory,
    DocumentAssetFactory,
    PressReleaseFactory,
    complete_press_release,
    jpeg_upload,
    pdf_upload,
)
from tests.site.conftest import url_in
from workflow import checks

pytestmark = pytest.mark.django_db


def asset_form(**values):
    return {
        "title_fr": "Motif",
        "title_en": "",
        "alt_fr": "",
        "alt_en": "",
        "caption_fr": "",
        "caption_en": "",
        "credit": "",
        "licence": "press_use",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **values,
    }


def add_url(language):
    with translation.override(language):
        return reverse("admin:assets_asset_add")


def test_an_image_without_any_text_alternative_is_refused_unless_decorative():
    image = AssetFactory.build(file=jpeg_upload(), alt_fr="", alt_en=" ")
    with pytest.raises(ValidationError) as refused:
        image.clean()
    assert refused.value.error_dict["alt_fr"][0].code == "alt_required"

    image.decorative = True
    image.clean()
    AssetFactory.build(file=jpeg_upload(), alt_fr="", alt_en="A mouse").clean()  # either language will do
    DocumentAssetFactory.build(alt_fr="", alt_en="").clean()  # a PDF has no text alternative


def test_the_form_says_so_beside_the_french_field_in_the_staff_language(staff_client):
    response = staff_client.post(add_url("en"), asset_form(file=jpeg_upload()))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "or tick “decorative” if it only decorates the page" in errors["alt_fr"][0]
    assert not Asset.objects.exists()

    with translation.override("fr"):
        french = staff_client.post(add_url("fr"), asset_form(file=jpeg_upload()))
        assert french.status_code == 200
        assert "ou cochez « décorative »" in french.context["adminform"].form.errors["alt_fr"][0]


def test_the_form_accepts_a_decorative_image_and_a_document_without_text_alternative(staff_client):
    assert staff_client.post(add_url("en"), asset_form(file=jpeg_upload(), decorative="on")).status_code == 302
    document = asset_form(file=pdf_upload(), title_fr="Dossier")
    assert staff_client.post(add_url("en"), document).status_code == 302
    assert sorted(Asset.objects.values_list("kind", "decorative")) == [("document", False), ("image", True)]


def test_the_missing_text_alternative_filter_leaves_decorative_images_out(staff_client):
    AssetFactory(title_fr="Sans texte", alt_fr="", alt_en="")
    AssetFactory(title_fr="Ornement", alt_fr="", alt_en="", decorative=True)
    with translation.override("en"):
        url = reverse("admin:assets_asset_changelist")

    for query in ("?alt=missing", "?alt=missing_fr", "?alt=missing_en"):
        response = staff_client.get(url + query)
        assert response.status_code == 200
        assert [str(asset) for asset in response.context["cl"].result_list] == ["Sans texte"]
    assert list(Asset.objects.missing_alt().values_list("title_fr", flat=True)) == ["Sans texte"]


def test_a_decorative_image_has_an_empty_alt_without_lang_and_no_og_alt(client):
    image = AssetFactory(
        file=jpeg_upload(size=(1200, 800)), alt_fr="Une frise", alt_en="", decorative=True, credit="Inserm/Motif"
    )
    release = PressReleaseFactory(title_fr="Un communiqué", title_en="A release", image=image)

    for language in ("en", "fr"):
        response = client.get(url_in(language, release))
        assert response.status_code == 200
        page = response.content.decode()
        figure = page[page.index('<figure class="release__image">') :]
        img = figure[: figure.index(">", figure.index("<img")) + 1]
        assert 'alt=""' in img
        assert "lang=" not in img
        assert "Une frise" not in page
        assert '<meta property="og:image" content="http://testserver/media/renditions/' in page
        assert "og:image:alt" not in page and "twitter:image:alt" not in page
        assert "© Inserm/Motif" in page  # the credit is still given


def test_an_informative_image_keeps_its_alt_in_the_page_and_the_social_card(client):
    image = AssetFactory(file=jpeg_upload(size=(1200, 800)), alt_fr="Une souris blanche", alt_en="A white mouse")
    release = PressReleaseFactory(title_fr="Un communiqué", title_en="A release", image=image)

    page = client.get(url_in("en", release)).content.decode()

    assert 'alt="A white mouse"' in page
    assert '<meta property="og:image:alt" content="A white mouse">' in page


def test_the_pre_publication_check_asks_no_text_alternative_of_a_decorative_image():
    with translation.override("en"):
        informative = complete_press_release(image=AssetFactory(alt_fr="", alt_en=""))
        decorative = complete_press_release(image=AssetFactory(alt_fr="", alt_en="", decorative=True))
        assert "The image has no text alternative in English." in [p.message for p in checks.problems_of(informative)]
        assert not [p for p in checks.problems_of(decorative) if "text alternative" in p.message]
