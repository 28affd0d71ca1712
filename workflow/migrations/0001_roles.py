"""Create the three editorial roles as groups, with their permissions.

Editors write: they create and change drafts of the content and submit them for review.
Publishers also publish, schedule, unpublish and delete content, create journalist links to
embargoed press releases and keep the key figures. Administrators also manage the reference data
(organisations, people, themes) and the staff accounts.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = ["press.pressrelease", "partnerships.agreement", "pages.page", "international.cooperationsite",
           "international.fundinginstrument"]
PARTS = ["press.pressreleaseissuer", "press.presscontact", "press.quote", "press.pressattachment",
         "partnerships.agreementparty", "partnerships.signatory", "partnerships.objective", "partnerships.outcome",
         "international.siteplace", "international.awardamount", "international.fundedproject"]
FIGURES = ["international.place", "international.indicator", "international.keyfigure"]
DIRECTORY = ["directory.organisation", "directory.person", "directory.theme"]
ACCOUNTS = ["auth.user", "auth.group"]


def perms(models, *actions):
    return [(model, action) for model in models for action in actions]


EDITORS = [
    *perms(CONTENT, "view", "add", "change"),
    *perms(PARTS, "view", "add", "change", "delete"),
    *perms(FIGURES + DIRECTORY, "view"),
]
PUBLISHERS = [
    *EDITORS,
    *perms(CONTENT, "publish", "delete"),
    *perms(FIGURES, "add", "change", "delete"),
    *perms(["press.embargolink"], "view", "add", "change"),
    *perms(["press.embargolinkaccess"], "view"),
]
ADMINISTRATORS = [
    *PUBLISHERS,
    *perms(DIRECTORY + ACCOUNTS, "add", "change", "delete", "view"),
]
ROLES = {"Editors": EDITORS, "Publishers": PUBLISHERS, "Administrators": ADMINISTRATORS}


def create_roles(apps, schema_editor):
    # Permissions are normally created after the last migration; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        found = []
        for label, action in wanted:
            app_label, model = label.split(".")
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
            )
        group.permissions.add(*found)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0002_history"),
        ("international", "0002_workflow"),
        ("pages", "0002_workflow"),
        ("partnerships", "0002_workflow"),
        ("press", "0002_workflow"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
