"""The media library's assets (and their revisions), and what each role may do with them.

Editors upload and describe assets (view, add, change); Publishers and Administrators may also delete an
asset nothing uses any more.
"""

import assets.models
import core.validators
import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITORS = [("asset", "view"), ("asset", "add"), ("asset", "change")]
PUBLISHERS = [*EDITORS, ("asset", "delete")]
ROLES = {"Editors": EDITORS, "Publishers": PUBLISHERS, "Administrators": PUBLISHERS}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("assets")
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
                Permission.objects.get(content_type__app_label="assets", codename=f"{action}_{model}")
                for model, action in wanted
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="assets"))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("workflow", "0001_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalAsset',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('file', models.TextField(help_text='A JPEG, PNG or WebP image, or a PDF document. Replacing it keeps every use of the asset.', max_length=100, validators=[assets.models.validate_asset_file], verbose_name='file')),
                ('kind', models.CharField(choices=[('image', 'Image'), ('document', 'Document')], db_index=True, editable=False, max_length=10, verbose_name='kind')),
                ('title_fr', models.CharField(max_length=255, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=255, null=True, verbose_name='title')),
                ('alt_fr', models.CharField(blank=True, help_text='Images: what the image shows, for those who cannot see it, in each language.', max_length=300, null=True, verbose_name='text alternative')),
                ('alt_en', models.CharField(blank=True, help_text='Images: what the image shows, for those who cannot see it, in each language.', max_length=300, null=True, verbose_name='text alternative')),
                ('caption_fr', models.TextField(blank=True, null=True, verbose_name='caption')),
                ('caption_en', models.TextField(blank=True, null=True, verbose_name='caption')),
                ('credit', models.CharField(blank=True, help_text='e.g. Inserm/Jean Dupont. The page adds the “©”.', max_length=200, verbose_name='credit')),
                ('licence', models.CharField(blank=True, choices=[('press_use', 'Free for press use about this release, with the credit'), ('all_rights_reserved', 'All rights reserved'), ('cc_by_4', 'CC BY 4.0'), ('cc_by_sa_4', 'CC BY-SA 4.0'), ('cc_by_nc_4', 'CC BY-NC 4.0'), ('cc0', 'CC0 (public domain)')], default='press_use', max_length=20, verbose_name='licence')),
                ('focal_x', models.FloatField(default=0.5, help_text='0 is the left edge, 1 the right edge: what stays visible when the image is cropped.', validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(1)], verbose_name='focal point (horizontal)')),
                ('focal_y', models.FloatField(default=0.5, help_text='0 is the top edge, 1 the bottom edge.', validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(1)], verbose_name='focal point (vertical)')),
                ('width', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='width')),
                ('height', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='height')),
                ('file_size', models.PositiveBigIntegerField(blank=True, editable=False, null=True, verbose_name='file size')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('uploaded_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'historical asset',
                'verbose_name_plural': 'historical media library',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Asset',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(help_text='A JPEG, PNG or WebP image, or a PDF document. Replacing it keeps every use of the asset.', upload_to=core.validators.RandomFileName('assets'), validators=[assets.models.validate_asset_file], verbose_name='file')),
                ('kind', models.CharField(choices=[('image', 'Image'), ('document', 'Document')], db_index=True, editable=False, max_length=10, verbose_name='kind')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('title_fr', models.CharField(max_length=255, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=255, null=True, verbose_name='title')),
                ('alt', models.CharField(blank=True, help_text='Images: what the image shows, for those who cannot see it, in each language.', max_length=300, verbose_name='text alternative')),
                ('alt_fr', models.CharField(blank=True, help_text='Images: what the image shows, for those who cannot see it, in each language.', max_length=300, null=True, verbose_name='text alternative')),
                ('alt_en', models.CharField(blank=True, help_text='Images: what the image shows, for those who cannot see it, in each language.', max_length=300, null=True, verbose_name='text alternative')),
                ('caption', models.TextField(blank=True, verbose_name='caption')),
                ('caption_fr', models.TextField(blank=True, null=True, verbose_name='caption')),
                ('caption_en', models.TextField(blank=True, null=True, verbose_name='caption')),
                ('credit', models.CharField(blank=True, help_text='e.g. Inserm/Jean Dupont. The page adds the “©”.', max_length=200, verbose_name='credit')),
                ('licence', models.CharField(blank=True, choices=[('press_use', 'Free for press use about this release, with the credit'), ('all_rights_reserved', 'All rights reserved'), ('cc_by_4', 'CC BY 4.0'), ('cc_by_sa_4', 'CC BY-SA 4.0'), ('cc_by_nc_4', 'CC BY-NC 4.0'), ('cc0', 'CC0 (public domain)')], default='press_use', max_length=20, verbose_name='licence')),
                ('focal_x', models.FloatField(default=0.5, help_text='0 is the left edge, 1 the right edge: what stays visible when the image is cropped.', validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(1)], verbose_name='focal point (horizontal)')),
                ('focal_y', models.FloatField(default=0.5, help_text='0 is the top edge, 1 the bottom edge.', validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(1)], verbose_name='focal point (vertical)')),
                ('width', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='width')),
                ('height', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='height')),
                ('file_size', models.PositiveBigIntegerField(blank=True, editable=False, null=True, verbose_name='file size')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('uploaded_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'asset',
                'verbose_name_plural': 'media library',
                'ordering': ['-created_at', '-pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('focal_x__gte', 0), ('focal_x__lte', 1), ('focal_y__gte', 0), ('focal_y__lte', 1)), name='asset_focal_point_inside', violation_error_message='The focal point lies between 0 and 1 on each axis.')],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
