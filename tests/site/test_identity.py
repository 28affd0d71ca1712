"""The site's identity: a wordmark and favicon, images on release cards, key figures that say their year."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import AssetFactory, IndicatorFactory, KeyFigureFactory, PressReleaseFactory
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db


def home(client, language):
    response = client.get(url_in(language, lambda: reverse("home")))
    assert response.status_code == 200
    return response.content.decode()


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), "#204080").save(buffer, "JPEG")
    return SimpleUploadedFile("visuel.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_has_the_wordmark_and_favicon(client, language):
    page = home(client, language)
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    assert '<img class="brand__logo" src="/static/img/logo.svg" alt="Inserm" width="132" height="32">' in page


@pytest.mark.parametrize(
    ("language", "year_line", "series_link"),
    [
        ("fr", "Chiffres de 2020, la dernière année publiée.", "Tous les chiffres clés, année par année, jusqu'à 2020"),
        ("en", "Figures for 2020, the latest year published.", "All the key figures, year by year, up to 2020"),
    ],
)
def test_home_key_figures_say_their_year_and_link_to_the_series(client, language, year_line, series_link):
    KeyFigureFactory(year=2019, indicator=IndicatorFactory())
    KeyFigureFactory(year=2020, indicator=IndicatorFactory())
    page = home(client, language)
    assert year_line in page
    assert f'<a href="{url_in(language, lambda: reverse("international:key-figures"))}">{series_link}</a>' in page


def test_release_cards_show_the_image_lazily_with_its_size(client):
    PressReleaseFactory(image=AssetFactory(file=jpeg(), alt_en="A microscope", alt_fr="Un microscope"))
    page = home(client, "en")
    card_image = page[page.index('class="card card--release"') :].split(">", 2)[1]
    assert 'loading="lazy"' in card_image
    assert 'width="480" height="320"' in card_image
    assert 'alt="A microscope"' in card_image
    assert 'class="card__image focal-x-5 focal-y-5"' in card_image
