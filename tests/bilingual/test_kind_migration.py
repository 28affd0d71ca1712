"""The migration turning the written kind headings into choices keeps unknown ones as "other" text."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("press", "0009_research_metadata_experts_and_credits")]
AFTER = [("press", "0012_per_field_translation_tracking")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    """Put every app back on its latest migration: going back took the apps depending on this one back too."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_written_headings_become_choices_and_unknown_ones_stay_as_other_text():
    apps = migrate(BEFORE)
    release = apps.get_model("press", "PressRelease")
    written = {
        "usual": ("Communiqué de presse", "Press release"),
        "french-only": ("INFORMATION PRESSE :", ""),
        "unknown": ("Note de conjoncture", "Economic note"),
        "none": ("", ""),
    }
    pks = {}
    for index, (name, (french, english)) in enumerate(written.items()):
        pks[name] = release.objects.create(
            title_fr=f"Titre {name}",
            slug_fr=f"titre-{name}",
            kind_fr=french,
            kind_en=english,
            release_date=datetime.date(2021, 1, 1 + index),
        ).pk
    try:
        apps = migrate(AFTER)
        # Read while the table has the columns of that state: later migrations change them (the image).
        rows = {name: apps.get_model("press", "PressRelease").objects.get(pk=pk) for name, pk in pks.items()}
    finally:
        migrate_to_latest()

    assert (rows["usual"].heading, rows["usual"].kind_fr, rows["usual"].kind_en) == ("press-release", "", "")
    assert rows["french-only"].heading == "press-information"
    assert (rows["unknown"].heading, rows["unknown"].kind_fr, rows["unknown"].kind_en) == (
        "other",
        "Note de conjoncture",
        "Economic note",
    )
    assert rows["none"].heading == ""
