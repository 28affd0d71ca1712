"""A cooperation site's image from the media library on its public page and as its social card; never on a draft."""

import pytest
from django.urls import reverse

from assets.models import Licence
from tests.factories import AssetFactory, jpeg_upload
from tests.site.conftest import url_in
from workflow.states import Status

from .conftest import DAKAR, Kind, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return AssetFactory(
        file=jpeg_upload(size=(1200, 900)),
        alt_fr="Une équipe devant le laboratoire de terrain",
        alt_en="A team in front of the field laboratory",
        caption_fr="Niakhar, 2023",
        caption_en="",
        credit="IRD/Dakar",
        licence=Licence.ALL_RIGHTS_RESERVED,
        focal_x=0.5,
        focal_y=0.2,
    )


def site_with(image, **fields):
    return make_site(
        kind=Kind.FIELD_SITE, name_fr="Site de Dakar", name_en="Dakar field site", places=[DAKAR], image=image, **fields
    )


def shown(client, obj, language):
    response = client.get(url_in(language, obj))
    assert response.status_code == 200
    return response.content.decode()


def figure_of(page):
    start = page.index('<figure class="content-image intl-detail__image">')
    return page[start : page.index("</figure>", start)]


@pytest.mark.parametrize(
    ("language", "alt", "licence"),
    [
        ("fr", "Une équipe devant le laboratoire de terrain", "Tous droits réservés"),
        ("en", "A team in front of the field laboratory", "All rights reserved"),
    ],
)
def test_site_page_shows_its_image_with_the_alt_of_its_language(client, image, language, alt, licence):
    html = shown(client, site_with(image), language)
    figure = figure_of(html)
    img = figure[figure.index("<img") : figure.index(">", figure.index("<img")) + 1]

    assert f'alt="{alt}"' in img and "lang=" not in img
    assert 'src="/media/renditions/assets/' in img and 'width="960" height="720"' in img
    assert f"© IRD/Dakar · {licence}" in figure
    assert f'<meta property="og:image:alt" content="{alt}">' in html
    assert '-1200x630-f50-20.jpg">' in html


def test_english_page_marks_the_french_caption_as_french(client, image):
    figure = figure_of(shown(client, site_with(image), "en"))
    assert '<span lang="fr">Niakhar, 2023</span>' in figure


def test_a_draft_site_shows_its_image_nowhere(client, image):
    draft = site_with(image, status=Status.DRAFT)
    for language in ("fr", "en"):
        assert client.get(url_in(language, draft)).status_code == 404
        listing = client.get(url_in(language, lambda: reverse("international:site-list")))
        assert listing.status_code == 200
        assert image.file.name.removesuffix(".jpg") not in listing.content.decode()
