"""The site's identity: a wordmark and favicon, images on release cards, key figures that say their year."""

import datetime
import io
import re

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


def test_release_cards_show_the_image_with_its_size_lazily_after_the_first_two(client):
    for day in (1, 2, 3):
        PressReleaseFactory(
            release_date=datetime.date(2026, 3, day),
            image=AssetFactory(file=jpeg(), alt_en=f"A microscope {day}", alt_fr=f"Un microscope {day}"),
        )
    page = home(client, "en")
    cards = [card.split(">", 2)[1] for card in page.split('class="card card--release"')[1:4]]
    assert [re.search(r'loading="(\w+)"', card).group(1) for card in cards] == ["eager", "eager", "lazy"]
    card_image = cards[0]
    assert 'width="480" height="320"' in card_image
    assert 'alt="A microscope 3"' in card_image
    assert 'class="card__image focal-x-5 focal-y-5"' in card_image
    # A 6rem thumbnail on phones: the 240w rendition is offered, and sizes says how wide the image shows.
    assert re.search(r'srcset="\S+-240w\.jpg 240w, \S+-480w\.jpg 480w, \S+-960w\.jpg 960w"', card_image)
    assert 'sizes="(min-width: 64rem) 21rem, (min-width: 40rem) calc(50vw - 4rem), 6rem"' in card_image
