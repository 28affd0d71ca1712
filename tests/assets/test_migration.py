"""The migrations moving images, attachments and logos into the media library keep every file, text and right."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from PIL import Image

from tests.factories import jpeg_upload

BEFORE = [
    ("press", "0013_latest_first_index"),
    ("directory", "0007_reference_translation_tracking"),
    ("assets", "0001_media_library"),
]
AFTER = [("press", "0014_images_in_media_library"), ("directory", "0008_expert_photo_in_media_library")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def stored_jpeg(name, size):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#204080").save(buffer, "JPEG")
    return default_storage.save(name, ContentFile(buffer.getvalue()))


@pytest.mark.django_db(transaction=True)
def test_image_columns_attachments_and_photos_become_assets():
    apps = migrate(BEFORE)
    release_model = apps.get_model("press", "PressRelease")
    image = stored_jpeg("press/images/2024/visuel.jpg", (120, 80))
    pdf = default_storage.save("press/attachments/2024/dossier.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    release = release_model.objects.create(
        title_fr="Un communiqué",
        title_en="A release",
        slug_fr="un-communique",
        release_date=datetime.date(2024, 1, 2),
        image=image,
        image_alt_fr="Une souris",
        image_alt_en="A mouse",
        image_credit="© Inserm/Jean Dupont",
        image_licence="cc_by_4",
    )
    plain = release_model.objects.create(
        title_fr="Sans image", slug_fr="sans-image", release_date=datetime.date(2024, 1, 3)
    )
    apps.get_model("press", "PressAttachment").objects.create(
        release=release, title_fr="Dossier", title_en="Press pack", file=pdf, credit="Inserm", licence="cc0", position=3
    )
    photo = stored_jpeg("experts/2024/portrait.jpg", (60, 90))
    expert = apps.get_model("directory", "Expert").objects.create(
        first_name="Ada", last_name="Lovelace", unit="U1", photo=photo, photo_alt_fr="Portrait", photo_credit="Studio"
    )
    try:
        apps = migrate(AFTER)
        release = apps.get_model("press", "PressRelease").objects.select_related("image").get(pk=release.pk)
        attachment = apps.get_model("press", "PressAttachment").objects.select_related("asset").get()
        expert = apps.get_model("directory", "Expert").objects.select_related("photo").get(pk=expert.pk)
        assert apps.get_model("assets", "Asset").objects.count() == 3
        assert apps.get_model("press", "PressRelease").objects.get(pk=plain.pk).image_id is None
    finally:
        migrate_to_latest()

    asset = release.image
    assert (asset.file.name, asset.kind, asset.title_fr, asset.title_en) == (
        image,
        "image",
        "Un communiqué",
        "A release",
    )
    assert (asset.alt_fr, asset.alt_en, asset.credit, asset.licence) == (
        "Une souris",
        "A mouse",
        "Inserm/Jean Dupont",
        "cc_by_4",
    )
    assert (asset.width, asset.height, asset.file_size) == (120, 80, default_storage.size(image))
    document = attachment.asset
    assert (document.file.name, document.kind, document.title_fr, document.title_en) == (
        pdf,
        "document",
        "Dossier",
        "Press pack",
    )
    assert (document.credit, document.licence, attachment.position) == ("Inserm", "cc0", 3)
    portrait = expert.photo
    assert (portrait.file.name, portrait.alt_fr, portrait.credit, portrait.height) == (photo, "Portrait", "Studio", 90)


LOGO_BEFORE = [("directory", "0008_expert_photo_in_media_library"), ("assets", "0001_media_library")]
LOGO_AFTER = [("directory", "0009_organisation_logo_in_media_library")]


@pytest.mark.django_db(transaction=True)
def test_organisation_logos_become_assets_named_after_the_organisation_and_images_stay_informative():
    apps = migrate(LOGO_BEFORE)
    organisation_model = apps.get_model("directory", "Organisation")
    logo = default_storage.save("logos/2024/anses.jpg", jpeg_upload("anses.jpg", size=(300, 100)))
    anses = organisation_model.objects.create(
        name_fr="Agence nationale de sécurité sanitaire",
        name_en="French Agency for Food Safety",
        slug_fr="anses",
        acronym="Anses",
        logo=logo,
    )
    # The same file given to a second organisation: one asset, used twice.
    twin = organisation_model.objects.create(name_fr="Anses (ancien nom)", slug_fr="anses-ancien", logo=logo)
    plain = organisation_model.objects.create(name_fr="Sans logo", slug_fr="sans-logo")
    revision = apps.get_model("directory", "HistoricalOrganisation").objects.create(
        id=anses.pk, name_fr=anses.name_fr, logo=logo, history_date=timezone.now(), history_type="~"
    )
    photo = stored_jpeg("assets/2024/photo.jpg", (40, 30))
    existing = apps.get_model("assets", "Asset").objects.create(
        file=photo, kind="image", title_fr="Photo", alt_fr="", alt_en=""
    )
    try:
        apps = migrate(LOGO_AFTER)
        organisations = apps.get_model("directory", "Organisation").objects.select_related("logo")
        anses, twin, plain = (organisations.get(pk=pk) for pk in (anses.pk, twin.pk, plain.pk))
        revision = apps.get_model("directory", "HistoricalOrganisation").objects.get(pk=revision.pk)
        existing = apps.get_model("assets", "Asset").objects.get(pk=existing.pk)
        assert apps.get_model("assets", "Asset").objects.count() == 2

        asset = anses.logo
        assert (asset.file.name, asset.kind, asset.width, asset.height) == (logo, "image", 300, 100)
        assert (asset.title_fr, asset.title_en) == (
            "Agence nationale de sécurité sanitaire",
            "French Agency for Food Safety",
        )
        assert (asset.alt_fr, asset.alt_en) == (
            "Agence nationale de sécurité sanitaire",
            "French Agency for Food Safety",
        )
        assert (asset.credit, asset.licence, asset.decorative) == ("", "all_rights_reserved", False)
        assert twin.logo_id == asset.pk and plain.logo_id is None
        assert revision.logo_id == asset.pk  # the revision showing the logo points to its asset
        assert existing.decorative is False  # an image already in the library stays informative

        apps = migrate(LOGO_BEFORE)  # and back: the file's name in the column again
        organisations = apps.get_model("directory", "Organisation").objects
        assert organisations.get(pk=anses.pk).logo.name == logo
        assert organisations.get(pk=plain.pk).logo.name in ("", None)
        assert apps.get_model("directory", "HistoricalOrganisation").objects.get(pk=revision.pk).logo == logo
    finally:
        migrate_to_latest()
