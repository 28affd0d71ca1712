"""Move the experts' photos into the media library: one asset per photo, with its text alternatives and credit."""

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models

from assets.migrations._moving import asset_for, check_constraints_now


def to_assets(apps, schema_editor):
    Asset = apps.get_model("assets", "Asset")
    made = {}
    for expert in apps.get_model("directory", "Expert").objects.exclude(photo="").exclude(photo__isnull=True):
        name = " ".join(part for part in (expert.first_name, expert.last_name) if part)
        expert.photo_asset = asset_for(
            Asset,
            default_storage,
            expert.photo.name,
            made,
            title_fr=name or expert.photo.name,
            title_en="",
            alt_fr=expert.photo_alt_fr or "",
            alt_en=expert.photo_alt_en or "",
            credit=expert.photo_credit,
            licence="all_rights_reserved",
        )
        expert.save(update_fields=["photo_asset"])
    check_constraints_now(schema_editor)


def to_columns(apps, schema_editor):
    for expert in apps.get_model("directory", "Expert").objects.filter(photo_asset__isnull=False).select_related(
        "photo_asset"
    ):
        asset = expert.photo_asset
        expert.photo = asset.file.name
        expert.photo_alt_fr, expert.photo_alt_en, expert.photo_credit = asset.alt_fr or "", asset.alt_en or "", asset.credit
        expert.save(update_fields=["photo", "photo_alt_fr", "photo_alt_en", "photo_credit"])
    check_constraints_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0001_media_library"),
        ("directory", "0007_reference_translation_tracking"),
    ]

    operations = [
        migrations.AddField(
            model_name="expert",
            name="photo_asset",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="experts", to="assets.asset"
            ),
        ),
        migrations.RunPython(to_assets, to_columns),
        migrations.RemoveField(model_name="expert", name="photo"),
        migrations.RemoveField(model_name="expert", name="photo_alt"),
        migrations.RemoveField(model_name="expert", name="photo_alt_fr"),
        migrations.RemoveField(model_name="expert", name="photo_alt_en"),
        migrations.RemoveField(model_name="expert", name="photo_credit"),
        migrations.RenameField(model_name="expert", old_name="photo_asset", new_name="photo"),
        migrations.AlterField(
            model_name="expert",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                help_text="Chosen from the media library, which holds its text alternative and credit.",
                limit_choices_to={"kind": "image"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="experts",
                to="assets.asset",
                verbose_name="photo",
            ),
        ),
    ]
