"""Give the editorial roles the notices' permissions, as every content type's migration does.

Editors write and submit drafts; Publishers also publish, schedule, unpublish and delete;
Administrators do what Publishers do. (tests/workflow/conftest.py reads ``ROLES``.)
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = [("notice", "view"), ("notice", "add"), ("notice", "change")]
PUBLISHERS = [*EDITORS, ("notice", "publish"), ("notice", "delete")]
ROLES = {"Editors": EDITORS, "Publishers": PUBLISHERS, "Administrators": PUBLISHERS}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("throwaway")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group = Group.objects.get(name=name)
        group.permissions.add(
            *(
                Permission.objects.get(content_type__app_label="throwaway", codename=f"{action}_{model}")
                for model, action in wanted
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="throwaway"))


class Migration(migrations.Migration):
    dependencies = [("throwaway", "0001_notice"), ("workflow", "0001_roles")]

    operations = [migrations.RunPython(grant, revoke)]
