"""Release cards on a phone: the image is a thumbnail beside the title, loaded small; lazily after the first cards.

At 375 × 667 a release card's image is a 6rem square beside the title (not the card's full width), and the
browser, told so by ``sizes``, loads the 240w rendition (the 480w on a 3× screen), never a larger one. At 1280
the press list's one-column cards keep it beside the text, the home page's grid of cards on top. The first two
cards' images load at once, the others lazily. axe finds nothing at phone width on the pages showing them and
on the agreement page with its press kit.
"""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from tests.browser.conftest import AXE_JS
from tests.browser.pages import CheckedPage
from tests.browser.test_accessibility import AXE_TAGS, RUN_AXE, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
CARD_IMAGES = """() => [...document.querySelectorAll('.card--release')].filter(card => card.querySelector('.card__image'))
    .map(card => {
        const image = card.querySelector('.card__image'), title = card.querySelector('.card__title');
        const box = image.getBoundingClientRect(), cardBox = card.getBoundingClientRect();
        // The title's lines (a block beside a float spans the card; its lines wrap before the float).
        const range = document.createRange();
        range.selectNodeContents(title);
        const lines = [...range.getClientRects()];
        const beside = lines.filter(line => line.top < box.bottom);
        return {
            loading: image.getAttribute('loading'), width: box.width, height: box.height,
            cardWidth: cardBox.width, right: cardBox.right - box.right,
            titleTop: Math.min(...lines.map(line => line.top)),
            titleRight: Math.max(0, ...beside.map(line => line.right)),
            imageLeft: box.left, imageBottom: box.bottom,
            attributes: [image.getAttribute('width'), image.getAttribute('height')],
            src: image.currentSrc, complete: image.complete,
        };
    })"""


@pytest.fixture(scope="module")
def illustrated(demo_site, django_db_blocker):
    """Give the six latest live releases without an image one each, so that the lists have cards to compare."""
    from assets.models import Asset
    from press.models import PressRelease

    with django_db_blocker.unblock():
        for number, release in enumerate(PressRelease.objects.live().filter(image__isnull=True)[:6]):
            buffer = io.BytesIO()
            Image.new("RGB", (1600, 1067), (40 * number, 90, 140)).save(buffer, "JPEG")
            release.image = Asset.objects.create(
                file=ContentFile(buffer.getvalue(), name=f"carte-{number}.jpg"),
                title_fr=f"Image {number}",
                title_en=f"Image {number}",
                alt_fr=f"Aplat de couleur numéro {number}",
                alt_en=f"Plain colour number {number}",
                credit="Inserm/Exemple",
            )
            release.save()
    return demo_site


@pytest.fixture
def open_with(browser):
    contexts = []

    def open_with(site, kind, viewport, scale=1, lang="en"):
        context = browser.new_context(viewport=viewport, device_scale_factor=scale)
        context.add_init_script(path=str(AXE_JS))
        contexts.append(context)
        page = context.new_page()
        response = page.goto(site.url + site.paths[CheckedPage(lang, kind).id], wait_until="load")
        assert response is not None and response.status == 200
        return page

    yield open_with
    for context in contexts:
        context.close()


def rendition_width(src):
    """Return the width of the rendition a URL names (``…-240w.jpg``)."""
    return int(src.rsplit("-", 1)[1].split("w.")[0])


@pytest.mark.parametrize(("scale", "widest"), [(1, 240), (2, 240), (3, 480)])
def test_on_a_phone_the_card_image_is_a_small_thumbnail_beside_the_title(illustrated, open_with, scale, widest):
    page = open_with(illustrated, "press-list", PHONE, scale)

    cards = page.evaluate(CARD_IMAGES)

    assert len(cards) >= 3
    for card in cards:
        assert card["width"] == pytest.approx(96, abs=1)  # 6rem, not the card's width
        assert card["height"] == pytest.approx(96, abs=1)
        assert card["width"] < card["cardWidth"] / 3
        assert card["right"] < 30  # at the card's right edge, inside its padding
        assert card["titleTop"] < card["imageBottom"] and card["titleRight"] <= card["imageLeft"] + 1  # beside it
        width, height = card["attributes"]  # set from the 480w rendition: no jump when it arrives
        assert width == "480" and int(height) > 0
    first = cards[0]
    assert first["complete"] and rendition_width(first["src"]) <= widest


def test_the_first_two_cards_load_their_image_at_once_the_others_lazily(illustrated, open_with):
    page = open_with(illustrated, "press-list", PHONE, 2)

    loading = [card["loading"] for card in page.evaluate(CARD_IMAGES)]

    assert loading[:2] == ["eager", "eager"]
    assert set(loading[2:]) == {"lazy"}


def test_at_1280_the_list_keeps_a_side_image_and_the_home_a_card_wide_one(illustrated, open_with):
    listed = open_with(illustrated, "press-list", DESKTOP).evaluate(CARD_IMAGES)
    home = open_with(illustrated, "home", DESKTOP).evaluate(CARD_IMAGES)

    assert listed and home
    for card in listed:
        assert card["width"] == pytest.approx(224, abs=1)  # 14rem beside the text of a one-column list
        assert card["titleRight"] <= card["imageLeft"] + 1
    for card in home:
        assert card["width"] == pytest.approx(card["cardWidth"] - 42, abs=2)  # the card's width inside its padding
        assert card["width"] <= 21 * 16
        assert card["titleTop"] >= card["imageBottom"]  # the title below it
        if card["complete"]:
            assert rendition_width(card["src"]) == 480


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["home", "press-list", "newsroom", "agreement-detail", "press-research"])
def test_no_axe_violation_at_phone_width(illustrated, open_with, kind, lang):
    page = open_with(illustrated, kind, PHONE, 2, lang=lang)

    violations = page.evaluate(RUN_AXE, AXE_TAGS)

    assert not violations, describe_violations(illustrated.paths[CheckedPage(lang, kind).id], violations)
