"""Uploaded images reach visitors as resized renditions with their size, never as the original upload."""

import io
import logging
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override
from PIL import ExifTags, Image

from core import renditions
from tests.factories import (
    AssetFactory,
    LiveOrganisationFactory,
    OrganisationFactory,
    PressReleaseFactory,
    PressReleaseIssuerFactory,
)

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 20, 220)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start each test without the sizes and rendition lists another test cached."""
    cache.clear()
    yield
    cache.clear()


def image_upload(size, name="photo.jpg", image_format="JPEG", exif=None, halves=None):
    """Return an uploaded image of ``size``; ``halves`` paints its left and right halves in two colours."""
    image = Image.new("RGB", size, (0, 120, 90))
    if halves:
        image.paste(halves[0], (0, 0, size[0] // 2, size[1]))
        image.paste(halves[1], (size[0] // 2, 0, size[0], size[1]))
    buffer = io.BytesIO()
    image.save(buffer, image_format, **({"exif": exif} if exif is not None else {}))
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


def camera_exif(orientation):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Secret Camera 9"
    return exif.tobytes()


class ImageParser(HTMLParser):
    """Collect the attributes of every uploaded ``<img>`` and ``<meta>`` of a page.

    Not the site's own static images, nor the press kit's thumbnails (``thumbnails``: those are tested apart).
    """

    def __init__(self):
        super().__init__()
        self.images, self.thumbnails, self.metas = [], [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and "press-kit__thumbnail" in attrs.get("class", ""):
            self.thumbnails.append(attrs)
        elif tag == "img" and not attrs.get("src", "").startswith(settings.STATIC_URL):
            self.images.append(attrs)
        elif tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.metas[attrs.get("property") or attrs["name"]] = attrs.get("content")


def parse(html):
    parser = ImageParser()
    parser.feed(html)
    return parser


def detail(client, release, language="fr"):
    with override(language):
        response = client.get(release.get_absolute_url())
    assert response.status_code == 200
    return response


def stored_size(url):
    """Return the pixel size of the stored file behind a media URL."""
    name = url.removeprefix("http://testserver").removeprefix("/media/")
    with default_storage.open(name) as file, Image.open(file) as image:
        return image.size


def srcset_widths(image):
    return [int(entry.split()[1].removesuffix("w")) for entry in image["srcset"].split(", ")]


@pytest.fixture
def big_release():
    return PressReleaseFactory(
        image=AssetFactory(
            file=image_upload((6000, 4000)),
            alt_fr="Deux chercheuses au microscope",
            alt_en="Two researchers at a microscope",
        )
    )


def test_detail_page_sends_renditions_with_their_size_never_the_original(client, big_release):
    response = detail(client, big_release, "en")
    html = response.content.decode()
    (image,) = parse(html).images

    # The original is offered only as the press kit's high-resolution download, never shown in the page.
    assert html.count(big_release.image.file.url) == 1
    assert f'<a href="{big_release.image.file.url}" download>' in html
    assert big_release.image.file.url not in image["src"] + image["srcset"]
    assert image["src"].startswith("/media/renditions/")
    assert srcset_widths(image) == [480, 960, 1600]
    assert stored_size(image["src"]) == (int(image["width"]), int(image["height"]))
    assert int(image["width"]) <= 1600
    assert (int(image["width"]), int(image["height"])) == (960, 640)
    for entry in image["srcset"].split(", "):
        url, width = entry.split()
        assert stored_size(url) == (int(width[:-1]), round(int(width[:-1]) * 2 / 3))
    assert image["alt"] == "Two researchers at a microscope"
    assert image["loading"] == "lazy"
    assert image["decoding"] == "async"
    assert image["sizes"]


def test_open_graph_image_is_the_1200_by_630_social_card(client, big_release):
    metas = parse(detail(client, big_release).content.decode()).metas

    assert "-1200x630-f50-50." in metas["og:image"]  # cut around the focal point, the centre by default
    assert metas["og:image"].startswith("http://testserver/media/renditions/")
    assert (metas["og:image:width"], metas["og:image:height"]) == ("1200", "630")
    assert stored_size(metas["og:image"]) == (1200, 630)
    assert metas["twitter:image"] == metas["og:image"]


def test_renditions_are_made_on_the_first_view_only(client, big_release):
    with mock.patch.object(renditions, "_encode", wraps=renditions._encode) as encode:
        first = detail(client, big_release).content
        made = encode.call_count
        second = detail(client, big_release).content
        remade_with_a_warm_cache = encode.call_count - made
        cache.clear()  # another web container, or the cache restarted: the stored files are reused
        third = detail(client, big_release).content

    # 480, 960 and 1600 px for the page, 160 and 320 px for the press kit's thumbnail, the 1200 × 630 social card.
    assert made == 6
    assert remade_with_a_warm_cache == 0
    assert encode.call_count == made
    assert parse(first.decode()).images == parse(second.decode()).images == parse(third.decode()).images


def test_warm_page_opens_no_file(client, big_release):
    detail(client, big_release)

    with mock.patch.object(FileSystemStorage, "_open", side_effect=AssertionError("file opened")):
        (image,) = parse(detail(client, big_release).content.decode()).images

    assert image["width"] == "960"


def test_small_logo_is_never_upscaled(client):
    organisation = LiveOrganisationFactory(
        name_fr="Région Bretagne",
        name_en="Brittany Region",
        logo=AssetFactory(file=image_upload((300, 120), "logo.png", "PNG")),
    )
    template = Template('{% load renditions %}{% responsive_image logo alt=name widths="480 960 1600" %}')

    (image,) = parse(template.render(Context({"logo": organisation.logo.file, "name": organisation.name_fr}))).images
    with override("fr"):
        metas = parse(client.get(organisation.get_absolute_url()).content.decode()).metas

    assert srcset_widths(image) == [300]
    assert (image["width"], image["height"]) == ("300", "120")
    assert image["src"].endswith("-300w.png")
    assert stored_size(image["src"]) == (300, 120)
    assert image["alt"] == "Région Bretagne"
    assert (metas["og:image:width"], metas["og:image:height"]) == ("300", "120")


def test_mid_sized_image_gets_its_own_width_as_the_widest_rendition(client):
    release = PressReleaseFactory(image=AssetFactory(file=image_upload((1200, 900))))

    (image,) = parse(detail(client, release).content.decode()).images

    assert srcset_widths(image) == [480, 960, 1200]
    assert (image["width"], image["height"]) == ("960", "720")


def test_exif_orientation_is_applied_and_exif_data_removed(client):
    photo = image_upload((400, 200), exif=camera_exif(6), halves=(RED, BLUE))  # 6: turn a quarter clockwise
    release = PressReleaseFactory(image=AssetFactory(file=photo))

    (image,) = parse(detail(client, release).content.decode()).images
    name = image["src"].removeprefix("/media/")
    with default_storage.open(name) as file, Image.open(file) as rendition:
        rendition.load()
        top, bottom = rendition.getpixel((100, 20)), rendition.getpixel((100, 380))
        exif = rendition.getexif()

    assert (image["width"], image["height"]) == ("200", "400")
    assert rendition.size == (200, 400)
    assert all(abs(a - b) < 40 for a, b in zip(top, RED, strict=True))
    assert all(abs(a - b) < 40 for a, b in zip(bottom, BLUE, strict=True))
    assert not exif  # neither orientation (already applied) nor camera make and model


def test_missing_file_gives_the_page_without_the_image(client, big_release, caplog):
    default_storage.delete(big_release.image.file.name)

    with caplog.at_level(logging.WARNING, logger="core.renditions"):
        response = detail(client, big_release)
    page = parse(response.content.decode())

    assert page.images == []
    assert b"release__image" not in response.content
    assert "og:image" not in page.metas
    assert big_release.image.file.name in caplog.text


def test_damaged_file_gives_the_page_without_the_image(client, big_release):
    default_storage.delete(big_release.image.file.name)
    default_storage.save(big_release.image.file.name, ContentFile(b"\xff\xd8\xff\xe0 not really a JPEG"))

    response = detail(client, big_release)

    assert parse(response.content.decode()).images == []


def test_renditions_add_no_query_to_the_detail_page(client, settings):
    settings.PAGE_CACHE = False  # every request renders the page
    settings.FRAGMENT_CACHE = False  # its document too (the release with an image has a press kit, never kept unbuilt)
    with_image = PressReleaseFactory(image=AssetFactory(file=image_upload((2000, 1000))))
    PressReleaseIssuerFactory(release=with_image)
    without_image = PressReleaseFactory()
    PressReleaseIssuerFactory(release=without_image)

    detail(client, without_image)  # the first request after a change reads the per-generation values (themes…)
    # Counted as each block ends: every request clears the connection's query log.
    with CaptureQueriesContext(connection) as cold:
        assert len(parse(detail(client, with_image).content.decode()).images) == 1
    cold = len(cold)
    with CaptureQueriesContext(connection) as warm:
        detail(client, with_image)
    warm = len(warm)
    with CaptureQueriesContext(connection) as plain:
        assert parse(detail(client, without_image).content.decode()).images == []
    plain = len(plain)

    # The first view of a release with files also queues its press-kit build, once (one INSERT of a task).
    assert warm == plain
    assert cold == warm + 1


def test_alternative_text_falls_back_to_french_and_says_so(client):
    release = PressReleaseFactory(
        image=AssetFactory(file=image_upload((800, 600)), alt_fr="Une souris de laboratoire", alt_en="")
    )

    (english,) = parse(detail(client, release, "en").content.decode()).images
    (french,) = parse(detail(client, release, "fr").content.decode()).images

    assert (english["alt"], english["lang"]) == ("Une souris de laboratoire", "fr")
    assert french["alt"] == "Une souris de laboratoire"
    assert "lang" not in french


def test_attributes_are_escaped_and_an_empty_field_renders_nothing():
    release = PressReleaseFactory(image=AssetFactory(file=image_upload((800, 600))))
    template = Template("{% load renditions %}{% responsive_image image alt=alt class=css sizes=sizes %}")

    html = template.render(
        Context({"image": release.image.file, "alt": '"><script>x()</script>', "css": 'a" b', "sizes": "<"})
    )
    empty = template.render(Context({"image": PressReleaseFactory().image, "alt": "x", "css": "", "sizes": ""}))

    assert "<script>" not in html
    assert 'alt="&quot;&gt;&lt;script&gt;x()&lt;/script&gt;"' in html
    assert 'class="a&quot; b"' in html
    assert 'sizes="&lt;"' in html
    assert empty == ""


def test_pdf_uses_a_moderate_rendition_and_logo_renditions(client):
    release = PressReleaseFactory(image=AssetFactory(file=image_upload((6000, 4000)), alt_fr="Visuel"))
    logo_asset = AssetFactory(file=image_upload((2400, 800), "logo.png", "PNG"))
    organisation = OrganisationFactory(name_fr="Agence Anses", acronym="Anses", logo=logo_asset)
    PressReleaseIssuerFactory(release=release, organisation=organisation)

    with override("fr"):
        html = render_to_string("press/release_pdf.html", {"release": release, "pdf": True})
    logo, photo = parse(html).images

    assert release.image.file.url not in html and logo_asset.file.url not in html
    assert photo["src"].endswith("-1600w.jpg")
    assert (photo["width"], photo["height"]) == ("1600", "1067")
    assert logo["src"].endswith("-600w.png")
    assert (logo["width"], logo["height"], logo["class"]) == ("600", "200", "masthead__logo")
    assert stored_size(photo["src"]) == (1600, 1067)


def test_missing_logo_leaves_the_issuer_name_in_the_pdf_masthead():
    release = PressReleaseFactory()
    logo = AssetFactory(file=image_upload((300, 100), "logo.png", "PNG"))
    organisation = OrganisationFactory(name_fr="Agence Anses", acronym="Anses", logo=logo)
    default_storage.delete(logo.file.name)
    PressReleaseIssuerFactory(release=release, organisation=organisation)

    with override("fr"):
        html = render_to_string("press/release_pdf.html", {"release": release, "pdf": True})

    assert parse(html).images == []
    assert '<span class="masthead__name">Anses</span>' in html
