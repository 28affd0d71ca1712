from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0008_duration_from_signature_signatory_from_person"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(fields=["-signed_on", "-id"], name="agreement_latest"),
        ),
    ]
