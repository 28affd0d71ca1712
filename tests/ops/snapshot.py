"""Write every row of the project's tables as JSON: ``python -m tests.ops.snapshot OUT.json`` (DATABASE_URL decides).

Rows are read with ``values()``, so each translation column (``title_fr``, ``title_en``…) is compared as stored.
"""

import json
import os
import sys

import django

PROJECT_APPS = ("auth", "directory", "pages", "press", "partnerships", "international")


def snapshot():
    """Return {"app.Model": [row, …]} for every model of the project's apps, rows ordered by primary key."""
    from django.apps import apps

    tables = {}
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS:
            columns = [field.attname for field in model._meta.concrete_fields]
            rows = model._base_manager.order_by("pk").values(*columns)
            tables[model._meta.label] = list(rows)
    return tables


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inserm_cms.settings")
    django.setup()
    with open(sys.argv[1], "w") as out:
        json.dump(snapshot(), out, default=str, sort_keys=True)


if __name__ == "__main__":
    main()
