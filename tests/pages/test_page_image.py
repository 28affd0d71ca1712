"""A page's image from the media library: resized with its size, its text alternative in the page's language
(or in French, said with ``lang``), caption, credit and licence, and shared as the social card; never on a draft."""

import pytest

from assets.models import Licence
from tests.factories import AssetFactory, PageFactory, jpeg_upload
from tests.site.conftest import url_in
from workflow.states import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return AssetFactory(
        file=jpeg_upload(size=(1600, 1000)),
        alt_fr="Le bâtiment du siège",
        alt_en="",
        caption_fr="Le siège, à Paris",
        caption_en="The headquarters in Paris",
        credit="© Inserm/François Guénet",
        licence=Licence.CC_BY_SA,
        focal_x=0.3,
        focal_y=0.6,
    )


def shown(client, obj, language):
    response = client.get(url_in(language, obj))
    assert response.status_code == 200
    return response.content.decode()


def figure_of(page):
    start = page.index('<figure class="content-image page__image">')
    return page[start : page.index("</figure>", start)]


def img_of(figure):
    start = figure.index("<img")
    return figure[start : figure.index(">", start) + 1]


def test_french_page_shows_the_image_resized_with_its_caption_credit_and_licence(client, image):
    page = PageFactory(title_fr="Notre stratégie", title_en="Our strategy", image=image)

    figure = figure_of(shown(client, page, "fr"))
    img = img_of(figure)

    assert 'src="/media/renditions/assets/' in img and "480w" in img and "1600w" in img
    assert 'width="960" height="600"' in img
    assert 'alt="Le bâtiment du siège"' in img and "lang=" not in img
    assert image.file.url not in figure  # the original is never sent
    assert "Le siège, à Paris" in figure
    assert figure.count("©") == 1 and "© Inserm/François Guénet" in figure
    assert '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">CC BY-SA 4.0</a>' in figure


def test_english_page_gives_the_french_alt_as_french_and_the_english_caption(client, image):
    page = PageFactory(title_fr="Notre stratégie", title_en="Our strategy", image=image)

    figure = figure_of(shown(client, page, "en"))

    assert 'alt="Le bâtiment du siège"' in img_of(figure) and 'lang="fr"' in img_of(figure)
    assert "The headquarters in Paris" in figure and "Le siège, à Paris" not in figure


def test_english_alt_in_english_without_lang(client, image):
    image.alt_en = "The headquarters building"
    image.save()
    page = PageFactory(title_fr="Notre stratégie", title_en="Our strategy", image=image)

    img = img_of(figure_of(shown(client, page, "en")))

    assert 'alt="The headquarters building"' in img and "lang=" not in img


@pytest.mark.parametrize("language", ["fr", "en"])
def test_page_shares_its_image_as_the_social_card(client, image, language):
    page = PageFactory(title_fr="Notre stratégie", title_en="Our strategy", image=image)

    html = shown(client, page, language)

    assert '<meta property="og:image" content="http://testserver/media/renditions/assets/' in html
    assert '-1200x630-f30-60.jpg">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    assert '<meta property="og:image:alt" content="Le bâtiment du siège">' in html


def test_a_page_without_image_has_no_figure_and_no_og_image(client):
    html = shown(client, PageFactory(title_fr="Mentions légales"), "fr")
    assert "content-image" not in html and "og:image" not in html


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW])
def test_a_draft_page_shows_its_image_nowhere(client, image, status):
    draft = PageFactory(title_fr="Brouillon", title_en="Draft", image=image, status=status)
    live = PageFactory(title_fr="Publiée", title_en="Published")

    for language in ("fr", "en"):
        assert client.get(url_in(language, draft)).status_code == 404
        html = shown(client, live, language)
        assert image.file.name.removesuffix(".jpg") not in html
