"""Give the editorial roles the newsroom's permissions.

Publishers keep the accredited journalists and send releases to them, and see the mailings and their
delivery log. Administrators also see the public subscribers (personal data) and may delete them.
Editors get nothing here.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PUBLISHERS = [
    ("journalist", "view"),
    ("journalist", "add"),
    ("journalist", "change"),
    ("journalist", "delete"),
    ("mailing", "view"),
    ("mailing", "send"),
    ("delivery", "view"),
]
ADMINISTRATORS = [*PUBLISHERS, ("subscriber", "view"), ("subscriber", "delete"), ("consentrecord", "view")]
ROLES = {"Publishers": PUBLISHERS, "Administrators": ADMINISTRATORS}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("newsroom")
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
                Permission.objects.get(content_type__app_label="newsroom", codename=f"{action}_{model}")
                for model, action in wanted
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="newsroom"))


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_subscribers_journalists_mailings"),
        ("workflow", "0001_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
