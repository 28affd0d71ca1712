"""An optional image from the media library, shown on the public page and shared as its social card."""

import django.db.models.deletion
from django.db import migrations, models

IMAGE_HELP = "Chosen from the media library, which holds its text alternative, credit and licence."


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0002_decorative_images_and_media_item_names"),
        ("pages", "0007_per_field_translation_tracking"),
    ]

    operations = [
        migrations.AddField(
            model_name="page",
            name="image",
            field=models.ForeignKey(
                blank=True,
                help_text=IMAGE_HELP,
                limit_choices_to={"kind": "image"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="pages",
                to="assets.asset",
                verbose_name="image",
            ),
        ),
        migrations.AddField(
            model_name="historicalpage",
            name="image",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text=IMAGE_HELP,
                limit_choices_to={"kind": "image"},
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="assets.asset",
                verbose_name="image",
            ),
        ),
    ]
