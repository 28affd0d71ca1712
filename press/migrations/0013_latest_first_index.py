from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0012_per_field_translation_tracking"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="pressrelease",
            index=models.Index(fields=["-release_date", "-id"], name="pressrelease_latest"),
        ),
    ]
