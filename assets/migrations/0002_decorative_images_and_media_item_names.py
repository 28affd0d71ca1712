"""Images may be marked decorative (an empty text alternative on the pages, none required in the form); every
existing image stays informative. Each row of the library is a "media item" ("média"), the app the library."""

from django.db import migrations, models

DECORATIVE_HELP = (
    "Tick only for an image that adds nothing to the text (an ornament): pages give it an empty text "
    "alternative, so that screen readers skip it. Any other image needs a text alternative."
)


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0001_media_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="asset",
            name="decorative",
            field=models.BooleanField(default=False, help_text=DECORATIVE_HELP, verbose_name="decorative"),
        ),
        migrations.AddField(
            model_name="historicalasset",
            name="decorative",
            field=models.BooleanField(default=False, help_text=DECORATIVE_HELP, verbose_name="decorative"),
        ),
        migrations.AlterModelOptions(
            name="asset",
            options={
                "ordering": ["-created_at", "-pk"],
                "verbose_name": "media item",
                "verbose_name_plural": "media items",
            },
        ),
        migrations.AlterModelOptions(
            name="historicalasset",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical media item",
                "verbose_name_plural": "historical media items",
            },
        ),
    ]
