"""Each live release offers a press kit: its files with caption, credit and licence, and one ZIP built in the background."""

import io
import zipfile

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image

from assets.models import Asset, Licence
from press.models import PressAttachment
from tests.factories import PressReleaseFactory
from tests.helpers import run_kit_builds
from tests.site.conftest import url_in
from workflow.states import Status

pytestmark = pytest.mark.django_db
TASK_PATH = "assets.tasks.build_media_kit_task"


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "#204080").save(buffer, "JPEG")
    return SimpleUploadedFile("visuel.jpg", buffer.getvalue(), content_type="image/jpeg")


def pdf(text):
    return SimpleUploadedFile("doc.pdf", b"%PDF-1.4\n% " + text.encode() + b"\n%%EOF\n", content_type="application/pdf")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def release():
    image = Asset.objects.create(
        file=jpeg(),
        title_fr="Globules rouges",
        title_en="Red blood cells",
        caption_fr="Globules rouges au microscope",
        caption_en="Red blood cells under the microscope",
        alt_fr="Globules rouges",
        alt_en="Red blood cells",
        credit="© Inserm/Jean Dupont",  # the "©" typed by the user is dropped: the page writes it once
        licence=Licence.PRESS_USE,
    )
    release = PressReleaseFactory(title_fr="Un marqueur du sepsis", title_en="A marker of sepsis", image=image)
    pack = Asset.objects.create(file=pdf("pack"), title_fr="Dossier de presse", title_en="Press pack", credit="Inserm")
    paper = Asset.objects.create(
        file=pdf("paper"), title_fr="Article", title_en="Paper", credit="Nature Medicine", licence=Licence.CC_BY
    )
    PressAttachment.objects.create(release=release, asset=pack, position=1)
    PressAttachment.objects.create(release=release, asset=paper, position=2)
    return release


def page(client, release, language="en"):
    response = client.get(url_in(language, release))
    assert response.status_code == 200
    return response.content.decode()


def kit_url(release, language="en"):
    return url_in(language, lambda: reverse("press:release-kit", kwargs={"slug": release.slug}))


def test_page_lists_each_file_with_caption_credit_and_licence(client, release):
    text = page(client, release, "en")
    assert "Press kit" in text
    assert "Red blood cells under the microscope" in text
    assert "© Inserm/Jean Dupont" in text
    assert "Free for press use about this content, with the credit" in text
    assert "© ©" not in text
    assert (
        '© Nature Medicine · <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in text
    )
    assert release.image.file.url in text
    french = page(client, release, "fr")
    assert "Dossier de presse" in french
    assert "Libre pour la presse à propos de ce contenu, avec le crédit" in french


def test_missing_zip_is_enqueued_once_and_never_waited_for(client, release):
    text = page(client, release)
    assert "being prepared" in text
    assert client.get(kit_url(release)).status_code == 503
    page(client, release)
    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 1


def test_worker_builds_the_zip_with_every_file_and_a_manifest(client, release):
    page(client, release)
    run_kit_builds()
    text = page(client, release)
    assert "Download the whole press kit (ZIP" in text
    response = client.get(kit_url(release))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [
        "CREDITS.txt",
        "images/un-marqueur-du-sepsis.jpg",
        "documents/01-dossier-de-presse.pdf",
        "documents/02-article.pdf",
    ]
    with release.image.file.open("rb") as image:
        assert archive.read("images/un-marqueur-du-sepsis.jpg") == image.read()
    assert archive.read("documents/02-article.pdf").startswith(b"%PDF-1.4\n% paper")
    manifest = archive.read("CREDITS.txt").decode()
    for expected in (
        "Un marqueur du sepsis",
        "A marker of sepsis",
        "http://testserver/fr/presse/un-marqueur-du-sepsis/",
        "Légende : Globules rouges au microscope",
        "Caption: Red blood cells under the microscope",
        "Credit: Inserm/Jean Dupont",
        "Licence: CC BY 4.0",
        "Crédit : Nature Medicine",
    ):
        assert expected in manifest


def test_changed_credit_gives_a_new_zip_and_drops_the_old_one(client, release):
    page(client, release)
    run_kit_builds()
    assert "Download the whole press kit" in page(client, release)
    release.image.credit = "Inserm/Marie Curie"
    release.image.save()
    assert "being prepared" in page(client, release)
    run_kit_builds()
    response = client.get(kit_url(release))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "Credit: Inserm/Marie Curie" in archive.read("CREDITS.txt").decode()
    assert len(default_storage.listdir(f"press/kits/{release.pk}")[1]) == 1


def test_kit_of_a_release_not_live_is_not_public(client, release):
    page(client, release)
    run_kit_builds()
    release.status = Status.DRAFT
    release.save()
    assert client.get(kit_url(release)).status_code == 404


def test_release_without_files_has_no_press_kit(client):
    release = PressReleaseFactory()
    text = page(client, release)
    assert "Press kit" not in text
    assert client.get(kit_url(release)).status_code == 404
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()
