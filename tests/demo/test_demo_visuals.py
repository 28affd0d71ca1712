"""The demo releases carry a visual from the media library, so the demo shows images on cards, pages and kits."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from assets.models import Asset
from press.models import PressRelease

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("load_demo", stdout=StringIO())


def test_each_demo_release_has_a_described_and_credited_visual(loaded):
    releases = list(PressRelease.objects.live().select_related("image"))
    assert releases
    for release in releases:
        image = release.image
        assert image is not None and image.is_image
        assert (image.width, image.height) == (1600, 900)
        assert image.alt_fr.startswith("Partenariat entre ")
        assert image.alt_en.startswith("Partnership between ")
        assert "démonstration" in image.caption_fr and "demonstration" in image.caption_en
        assert image.credit == "Inserm"


def test_a_second_load_draws_no_new_visual(loaded):
    count = Asset.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Asset.objects.count() == count


def test_the_english_home_shows_the_visuals_with_their_english_text_alternative(loaded, client):
    with translation.override("en"):
        home = client.get(reverse("home")).content.decode()
    alts = re.findall(r'<img[^>]*\balt="(Partnership between [^"]+)"', home)
    assert alts, "no demo visual on the English home page"
    assert not re.search(r'alt="Partenariat entre', home)


def test_the_visual_is_in_the_release_press_kit(loaded, client):
    release = PressRelease.objects.live().order_by("pk").first()
    with translation.override("fr"):
        page = client.get(release.get_absolute_url()).content.decode()
    kit = page.split('id="press-kit"', 1)[1].split("</section>", 1)[0]
    assert release.image.file.url in kit
    assert "© Inserm" in kit


def test_the_agreement_press_kit_holds_the_visual(loaded, client):
    release = PressRelease.objects.live().exclude(related_agreement=None).order_by("pk").first()
    agreement = release.related_agreement
    with translation.override("en"):
        page = client.get(agreement.get_absolute_url()).content.decode()
    kit = page.split('id="press-kit"', 1)[1].split("</section>", 1)[0]
    assert release.image.file.url in kit
    assert 'alt="Partnership between' in kit
