"""An agreement's press kit: images and documents of the media library (and their revisions), and who may choose them.

The kit's files are the agreement's rows, as its parties are: Editors add, change and remove them (the gate then
asks about the agreement in its state), and so do Publishers and Administrators.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

PARTS = [("agreementattachment", action) for action in ("view", "add", "change", "delete")]
ROLES = {"Editors": PARTS, "Publishers": PARTS, "Administrators": PARTS}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("partnerships")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *(
                Permission.objects.get(content_type__app_label="partnerships", codename=f"{action}_{model}")
                for model, action in wanted
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="partnerships", codename__endswith="_agreementattachment")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0001_media_library"),
        ("partnerships", "0009_latest_first_index"),
        ("workflow", "0001_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AgreementAttachment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attachments",
                        to="partnerships.agreement",
                    ),
                ),
                (
                    "asset",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="agreement_attachments",
                        to="assets.asset",
                        verbose_name="document or image",
                    ),
                ),
            ],
            options={
                "verbose_name": "press kit file",
                "verbose_name_plural": "press kit files",
                "ordering": ["position", "pk"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("agreement", "asset"),
                        name="agreementattachment_unique",
                        violation_error_message="This file is already in the press kit of this agreement.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAgreementAttachment",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="partnerships.agreement",
                    ),
                ),
                (
                    "asset",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="assets.asset",
                        verbose_name="document or image",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical press kit file",
                "verbose_name_plural": "historical press kit files",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(grant, revoke),
    ]
