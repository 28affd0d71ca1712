"""The migrations moving images and attachments into the media library keep every file, text and right."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image

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
