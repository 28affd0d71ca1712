import io
import zipfile
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import path, reverse
from django.utils import translation

from press.admin import PressReleaseAdmin
from press.admin_import import PressImportAdminMixin
from press.models import PressRelease
from tests.helpers import seed

FIXTURES = Path(__file__).parent / "fixtures"
SEED_FR = seed("000")
SEED_EN = seed("001")
SEED_BRETAGNE = seed("004")

# Until press/admin.py mixes PressImportAdminMixin in, the views are served by a site of this module only.
WIRED = isinstance(admin.site._registry.get(PressRelease), PressImportAdminMixin)
if not WIRED:

    class ImportingPressReleaseAdmin(PressImportAdminMixin, PressReleaseAdmin):
        pass

    test_site = admin.AdminSite(name="admin")
    test_site.register(PressRelease, ImportingPressReleaseAdmin)
    urlpatterns = [path("admin/", test_site.urls)]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _admin_urls(settings):
    if not WIRED:
        settings.ROOT_URLCONF = __name__
    with translation.override("en"):
        yield


def zipped(**members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name.replace("__", "/")), data)
    return buffer.getvalue()


def upload(client, name, data, **fields):
    return client.post(reverse("admin:press_pressrelease_import"), {"file": SimpleUploadedFile(name, data), **fields})


def confirm(client, preview, *, keep=None, **fields):
    pairings = [pairing.key for pairing in preview.context["report"].pairings]
    data = {
        "batch": preview.context["batch"].pk,
        "pairing": pairings,
        "keep_pairing": pairings if keep is None else keep,
        **fields,
    }
    return client.post(reverse("admin:press_pressrelease_import_confirm"), data)


def test_changelist_has_an_import_button(staff_client):
    response = staff_client.get(reverse("admin:press_pressrelease_changelist"))

    assert response.status_code == 200
    assert f'href="{reverse("admin:press_pressrelease_import")}"' in response.text


def test_import_needs_a_staff_login(client):
    response = client.get(reverse("admin:press_pressrelease_import"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_upload_previews_the_report_and_pairing_then_confirm_writes(staff_client):
    archive = zipped(
        **{"000.txt": SEED_FR.read_bytes(), "001.txt": SEED_EN.read_bytes(), "004.txt": SEED_BRETAGNE.read_bytes()}
    )

    preview = upload(staff_client, "archive.zip", archive)

    assert preview.status_code == 200
    assert not PressRelease.objects.exists()
    assert "Preview: nothing has been written yet." in preview.text
    assert "archive.zip/000.txt" in preview.text
    assert "no press contacts block found" in preview.text
    assert "dateline: Maisons-Alfort, 2020-02-05" in preview.text
    assert 'value="archive.zip/000.txt|archive.zip/001.txt" checked' in preview.text
    assert "same release date 2020-02-05" in preview.text

    done = confirm(staff_client, preview)

    assert done.status_code == 200
    assert PressRelease.objects.count() == 2
    anses = PressRelease.objects.get(release_date="2020-02-05")
    assert anses.title_en == "ANSES and Inserm sign a scientific cooperation partnership agreement"
    assert anses.status == "draft"
    assert reverse("admin:press_pressrelease_change", args=[anses.pk]) in done.text
    assert "Releases: 2 created, 0 updated, 0 unchanged. Files not imported: 0." in done.text


def test_undoing_a_pairing_imports_the_french_document_alone(staff_client):
    archive = zipped(**{"000.txt": SEED_FR.read_bytes(), "001.txt": SEED_EN.read_bytes()})
    preview = upload(staff_client, "archive.zip", archive)

    done = confirm(staff_client, preview, keep=[])

    # Each document on its own: a French-only and an English-only release.
    english = PressRelease.objects.get(title_fr="")
    french = PressRelease.objects.exclude(pk=english.pk).get()
    assert english.title_en == "ANSES and Inserm sign a scientific cooperation partnership agreement"
    assert french.title_fr == "L'Anses et l'Inserm signent un partenariat de coopération scientifique"
    assert not french.title_en
    assert "English-only release" in done.text


def test_a_bad_file_in_a_zip_is_reported_and_the_rest_imported(staff_client):
    archive = zipped(
        **{
            "..__evil.txt": b"Paris, le 1er avril 2021\n\nTitre\n\nTexte.",
            "empty.txt": b"",
            "fevrier.txt": SEED_BRETAGNE.read_text().replace("Mardi 22 mars 2022", "31 février 2022").encode(),
            "releases__004.txt": SEED_BRETAGNE.read_bytes(),
        }
    )

    preview = upload(staff_client, "batch.zip", archive)

    assert "batch.zip/../evil.txt" in preview.text
    assert "path escaping the zip archive&#x27;s folder, refused" in preview.text
    assert "the file is empty" in preview.text
    assert "the date does not exist: 31 février 2022" in preview.text

    done = confirm(staff_client, preview, publish="on")

    release = PressRelease.objects.get()
    assert release.title_fr.startswith("La Région et l'Inserm")
    assert release.status == "published"
    assert "Files not imported: 3." in done.text


def test_a_single_markdown_file_can_be_uploaded(staff_client):
    preview = upload(staff_client, "bordeaux.md", (FIXTURES / "inline_dateline_fr.md").read_bytes())
    assert "No French and English documents were paired." in preview.text

    confirm(staff_client, preview)

    assert PressRelease.objects.get().dateline_place == "Bordeaux"


def test_a_batch_is_confirmed_once(staff_client):
    preview = upload(staff_client, "004.txt", SEED_BRETAGNE.read_bytes())
    confirm(staff_client, preview)

    again = confirm(staff_client, preview)

    assert again.status_code == 302
    assert PressRelease.objects.count() == 1
