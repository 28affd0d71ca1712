"""Move the organisations' logos into the media library: one asset per logo file, reused as it is stored.

Each asset is titled with the organisation's name and has that name as text alternative in each language (a
logo says who it is); no credit; "all rights reserved" (a logo is a mark, not a picture free for reuse). The
revisions that showed a logo still present point to its asset. Going back puts the files' names in the column.
"""

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models

from assets.migrations._moving import asset_for, check_constraints_now

LOGO_HELP = "Chosen from the media library, which holds the image and its text alternative."


def to_assets(apps, schema_editor):
    Asset = apps.get_model("assets", "Asset")
    made = {}
    organisations = apps.get_model("directory", "Organisation").objects.exclude(logo="").exclude(logo__isnull=True)
    for organisation in organisations.order_by("pk"):
        name_fr, name_en = organisation.name_fr or "", organisation.name_en or ""
        organisation.logo_asset = asset_for(
            Asset,
            default_storage,
            organisation.logo.name,
            made,
            title_fr=name_fr or name_en or organisation.logo.name,
            title_en=name_en,
            alt_fr=name_fr[:300],
            alt_en=name_en[:300],
            credit="",
            licence="all_rights_reserved",
        )
        organisation.save(update_fields=["logo_asset"])
    history = apps.get_model("directory", "HistoricalOrganisation").objects
    for name, asset in made.items():
        history.filter(logo=name).update(logo_asset=asset.pk)
    check_constraints_now(schema_editor)


def to_files(apps, schema_editor):
    Asset = apps.get_model("assets", "Asset")
    organisations = apps.get_model("directory", "Organisation").objects.filter(logo_asset__isnull=False)
    for organisation in organisations.select_related("logo_asset"):
        organisation.logo = organisation.logo_asset.file.name
        organisation.save(update_fields=["logo"])
    history = apps.get_model("directory", "HistoricalOrganisation").objects.filter(logo_asset__isnull=False)
    names = dict(Asset.objects.filter(pk__in=history.values("logo_asset")).values_list("pk", "file"))
    for pk, name in names.items():
        history.filter(logo_asset=pk).update(logo=name)
    check_constraints_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0002_decorative_images_and_media_item_names"),
        ("directory", "0008_expert_photo_in_media_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="logo_asset",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organisations",
                to="assets.asset",
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="logo_asset",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="assets.asset",
            ),
        ),
        migrations.RunPython(to_assets, to_files),
        migrations.RemoveField(model_name="organisation", name="logo"),
        migrations.RemoveField(model_name="historicalorganisation", name="logo"),
        migrations.RenameField(model_name="organisation", old_name="logo_asset", new_name="logo"),
        migrations.RenameField(model_name="historicalorganisation", old_name="logo_asset", new_name="logo"),
        migrations.AlterField(
            model_name="organisation",
            name="logo",
            field=models.ForeignKey(
                blank=True,
                help_text=LOGO_HELP,
                limit_choices_to={"kind": "image"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organisations",
                to="assets.asset",
                verbose_name="logo",
            ),
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="logo",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text=LOGO_HELP,
                limit_choices_to={"kind": "image"},
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="assets.asset",
                verbose_name="logo",
            ),
        ),
    ]
