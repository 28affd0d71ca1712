"""Move the releases' images and attachments into the media library.

Each release image (with its text alternatives, credit and licence) and each attachment (with its title,
credit and licence) becomes an asset, one per stored file; the release points to its image asset, the
attachment to its file's asset, and the old columns go. Going back copies the assets' texts to the columns.
"""

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models

from assets.migrations._moving import asset_for, check_constraints_now


def to_assets(apps, schema_editor):
    Asset = apps.get_model("assets", "Asset")
    made = {}
    releases = apps.get_model("press", "PressRelease").objects.exclude(image="").exclude(image__isnull=True)
    for release in releases.order_by("pk"):
        release.image_asset = asset_for(
            Asset,
            default_storage,
            release.image.name,
            made,
            title_fr=release.title_fr or release.title_en or release.image.name,
            title_en=release.title_en or "",
            alt_fr=release.image_alt_fr or "",
            alt_en=release.image_alt_en or "",
            credit=release.image_credit,
            licence=release.image_licence,
        )
        release.save(update_fields=["image_asset"])
    for attachment in apps.get_model("press", "PressAttachment").objects.order_by("pk"):
        attachment.asset = asset_for(
            Asset,
            default_storage,
            attachment.file.name,
            made,
            title_fr=attachment.title_fr or attachment.title_en or attachment.file.name,
            title_en=attachment.title_en or "",
            credit=attachment.credit,
            licence=attachment.licence,
        )
        attachment.save(update_fields=["asset"])
    check_constraints_now(schema_editor)


def to_columns(apps, schema_editor):
    releases = apps.get_model("press", "PressRelease").objects.filter(image_asset__isnull=False)
    for release in releases.select_related("image_asset"):
        asset = release.image_asset
        release.image = asset.file.name
        release.image_alt_fr, release.image_alt_en = asset.alt_fr or "", asset.alt_en or ""
        release.image_credit, release.image_licence = asset.credit, asset.licence
        release.save(update_fields=["image", "image_alt_fr", "image_alt_en", "image_credit", "image_licence"])
    for attachment in apps.get_model("press", "PressAttachment").objects.select_related("asset"):
        asset = attachment.asset
        attachment.file = asset.file.name
        attachment.title_fr, attachment.title_en = asset.title_fr, asset.title_en or ""
        attachment.credit, attachment.licence = asset.credit, asset.licence
        attachment.save(update_fields=["file", "title_fr", "title_en", "credit", "licence"])
    check_constraints_now(schema_editor)


def historical_asset():
    return models.ForeignKey(
        blank=True,
        db_constraint=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to="assets.asset",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0001_media_library"),
        ("press", "0013_latest_first_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="pressrelease",
            name="image_asset",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="press_releases",
                to="assets.asset",
            ),
        ),
        migrations.AddField(model_name="historicalpressrelease", name="image_asset", field=historical_asset()),
        migrations.AddField(
            model_name="pressattachment",
            name="asset",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="press_attachments",
                to="assets.asset",
            ),
        ),
        migrations.AddField(model_name="historicalpressattachment", name="asset", field=historical_asset()),
        migrations.RunPython(to_assets, to_columns),
        migrations.RemoveField(model_name="pressrelease", name="image"),
        migrations.RemoveField(model_name="pressrelease", name="image_alt"),
        migrations.RemoveField(model_name="pressrelease", name="image_alt_fr"),
        migrations.RemoveField(model_name="pressrelease", name="image_alt_en"),
        migrations.RemoveField(model_name="pressrelease", name="image_credit"),
        migrations.RemoveField(model_name="pressrelease", name="image_licence"),
        migrations.RemoveField(model_name="historicalpressrelease", name="image"),
        migrations.RemoveField(model_name="historicalpressrelease", name="image_alt_fr"),
        migrations.RemoveField(model_name="historicalpressrelease", name="image_alt_en"),
        migrations.RemoveField(model_name="historicalpressrelease", name="image_credit"),
        migrations.RemoveField(model_name="historicalpressrelease", name="image_licence"),
        migrations.RenameField(model_name="pressrelease", old_name="image_asset", new_name="image"),
        migrations.RenameField(model_name="historicalpressrelease", old_name="image_asset", new_name="image"),
        migrations.AlterField(
            model_name="pressrelease",
            name="image",
            field=models.ForeignKey(
                blank=True,
                help_text="Chosen from the media library, which holds its text alternative, credit and licence.",
                limit_choices_to={"kind": "image"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="press_releases",
                to="assets.asset",
                verbose_name="image",
            ),
        ),
        migrations.AlterField(
            model_name="historicalpressrelease",
            name="image",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Chosen from the media library, which holds its text alternative, credit and licence.",
                limit_choices_to={"kind": "image"},
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="assets.asset",
                verbose_name="image",
            ),
        ),
        migrations.RemoveField(model_name="pressattachment", name="title"),
        migrations.RemoveField(model_name="pressattachment", name="title_fr"),
        migrations.RemoveField(model_name="pressattachment", name="title_en"),
        migrations.RemoveField(model_name="pressattachment", name="file"),
        migrations.RemoveField(model_name="pressattachment", name="credit"),
        migrations.RemoveField(model_name="pressattachment", name="licence"),
        migrations.RemoveField(model_name="historicalpressattachment", name="title_fr"),
        migrations.RemoveField(model_name="historicalpressattachment", name="title_en"),
        migrations.RemoveField(model_name="historicalpressattachment", name="file"),
        migrations.RemoveField(model_name="historicalpressattachment", name="credit"),
        migrations.RemoveField(model_name="historicalpressattachment", name="licence"),
        migrations.AlterField(
            model_name="pressattachment",
            name="asset",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="press_attachments",
                to="assets.asset",
                verbose_name="document or image",
            ),
        ),
        migrations.AlterField(
            model_name="historicalpressattachment",
            name="asset",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="assets.asset",
                verbose_name="document or image",
            ),
        ),
        migrations.AlterModelOptions(
            name="historicalpressattachment",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical press kit file",
                "verbose_name_plural": "historical press kit files",
            },
        ),
        migrations.AlterModelOptions(
            name="pressattachment",
            options={
                "ordering": ["position", "pk"],
                "verbose_name": "press kit file",
                "verbose_name_plural": "press kit files",
            },
        ),
    ]
