"""Write every row of the project's tables as JSON: ``python -m tests.ops.snapshot OUT.json`` (DATABASE_URL decides)."""

import json
import os
import sys

import django

PROJECT_APPS = ("auth", "directory", "pages", "press", "partnerships", "international")


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inserm_cms.settings")
    django.setup()
    from tests.helpers import snapshot

    with open(sys.argv[1], "w") as out:
        json.dump(snapshot(*PROJECT_APPS), out, default=str, sort_keys=True)


if __name__ == "__main__":
    main()
