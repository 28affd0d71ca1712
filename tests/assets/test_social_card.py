"""The social card (``og:image``, 1 200 × 630) is cut around the image's focal point: the box, the stored file,
the page's meta tags, and a moved focal point giving a new card."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.renditions import SOCIAL_CARD, crop_box, crop_size, rendition_names, social_card
from tests.factories import AssetFactory, PressReleaseFactory
from tests.site.conftest import url_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("size", "focal", "box"),
    [
        # Taller than the card (3:2): the full width, 1 260 px high, moved up or down to the focal point.
        ((2400, 1600), (0.5, 0.5), (0, 170, 2400, 1430)),
        ((2400, 1600), (0.5, 0.0), (0, 0, 2400, 1260)),
        ((2400, 1600), (0.5, 0.3), (0, 0, 2400, 1260)),  # as high as it can go without leaving the image
        ((2400, 1600), (0.2, 0.7), (0, 340, 2400, 1600)),
        ((2400, 1600), (1.0, 1.0), (0, 340, 2400, 1600)),
        # A portrait: a band across it around the face.
        ((1000, 2000), (0.5, 0.2), (0, 138, 1000, 663)),
        # A panorama (4:1): the full height, 1 905 px wide, slid towards the focal point.
        ((4000, 1000), (0.5, 0.5), (1048, 0, 2953, 1000)),
        ((4000, 1000), (0.1, 0.5), (0, 0, 1905, 1000)),
        ((4000, 1000), (0.9, 0.5), (2095, 0, 4000, 1000)),
        ((4000, 1000), (0.6, 0.5), (1448, 0, 3353, 1000)),
        # Exactly the card's proportions: the whole image, wherever the focal point.
        ((1200, 630), (0.0, 1.0), (0, 0, 1200, 630)),
    ],
)
def test_the_crop_box_has_the_card_proportions_and_centres_the_focal_point_inside_the_image(size, focal, box):
    found = crop_box(size, SOCIAL_CARD, focal)

    assert found == box
    left, top, right, bottom = found
    assert 0 <= left < right <= size[0] and 0 <= top < bottom <= size[1]
    assert abs((right - left) / (bottom - top) - 1200 / 630) < 0.01


def test_a_small_image_is_cut_but_never_enlarged():
    box = crop_box((600, 600), SOCIAL_CARD, (0.5, 0.5))
    assert box == (0, 142, 600, 457)
    assert crop_size(box, SOCIAL_CARD) == (600, 315)
    assert crop_size(crop_box((3000, 2000), SOCIAL_CARD), SOCIAL_CARD) == (1200, 630)


def striped(size, band):
    """Return an uploaded JPEG, grey with a red horizontal band between the heights ``band``."""
    image = Image.new("RGB", size, (128, 128, 128))
    image.paste((220, 20, 20), (0, band[0], size[0], band[1]))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def stored_pixel(rendition, xy):
    with default_storage.open(rendition.name) as file, Image.open(file) as image:
        return image.size, image.convert("RGB").getpixel(xy)


def test_the_card_shows_what_is_around_the_focal_point():
    # 2 400 × 1 600 with a red band at the bottom (heights 1 450 to 1 600): a focal point on it keeps it; the
    # centred card (heights 170 to 1 430) leaves it out.
    asset = AssetFactory(file=striped((2400, 1600), (1450, 1600)), focal_x=0.5, focal_y=0.95)
    low = social_card(asset.file, asset.focal_point)
    centred = social_card(asset.file, (0.5, 0.5))

    assert (low.width, low.height) == (1200, 630)
    assert low.name.endswith("-1200x630-f50-95.jpg")
    size, bottom = stored_pixel(low, (600, 620))
    assert size == (1200, 630)
    assert bottom[0] > 180 and bottom[1] < 80  # red: the band is in the card
    assert stored_pixel(centred, (600, 620))[1][0] < 160  # grey: the centred card stops above the band


def test_release_page_shares_the_card_cut_around_the_focal_point_with_size_and_alt(client):
    asset = AssetFactory(
        file=striped((2400, 1600), (0, 200)), focal_x=0.25, focal_y=0.1, alt_fr="Une souris", alt_en="A mouse"
    )
    release = PressReleaseFactory(title_fr="Un communiqué", title_en="A release", image=asset)

    response = client.get(url_in("en", release))
    assert response.status_code == 200
    page = response.content.decode()

    assert '-1200x630-f25-10.jpg">' in page
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:height" content="630">' in page
    assert '<meta property="og:image:alt" content="A mouse">' in page
    assert 'name="twitter:card" content="summary_large_image"' in page


def test_a_moved_focal_point_gives_a_new_card_and_drops_the_old_one(django_capture_on_commit_callbacks):
    asset = AssetFactory(file=striped((2400, 1600), (0, 200)), focal_x=0.5, focal_y=0.1)
    old = social_card(asset.file, asset.focal_point)
    assert old.name in rendition_names(default_storage, asset.file.name)

    with django_capture_on_commit_callbacks(execute=True):
        asset.focal_y = 0.9
        asset.save()

    assert not default_storage.exists(old.name)
    new = social_card(asset.file, asset.focal_point)
    assert new.name.endswith("-1200x630-f50-90.jpg") and default_storage.exists(new.name)
    # Back to the old point: made again, not taken from a cache that still believed in the deleted file.
    asset.focal_y = 0.1
    with django_capture_on_commit_callbacks(execute=True):
        asset.save()
    again = social_card(asset.file, asset.focal_point)
    assert again.name == old.name and default_storage.exists(again.name)
