"""The migration adding the date constraints keeps rows typed before them, moved to the nearest bound."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("partnerships", "0002_workflow")]
AFTER = [("partnerships", "0003_date_bounds")]


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
def test_out_of_range_agreement_dates_are_clamped_and_the_constraints_hold():
    apps = migrate(BEFORE)
    agreement = apps.get_model("partnerships", "Agreement").objects.create(
        title_fr="Convention lointaine",
        slug_fr="convention-lointaine",
        signed_on=datetime.date(1066, 10, 14),
        starts_on=datetime.date(9999, 12, 15),
        duration_months=1,
        publish_at=datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC),
        unpublish_at=datetime.datetime(9999, 6, 1, tzinfo=datetime.UTC),
    )
    try:
        apps = migrate(AFTER)
    finally:
        migrate_to_latest()

    row = apps.get_model("partnerships", "Agreement").objects.get(pk=agreement.pk)
    assert row.title_fr == "Convention lointaine"
    assert (row.signed_on, row.starts_on) == (datetime.date(1900, 1, 1), datetime.date(2200, 12, 31))
    assert row.publish_at < row.unpublish_at < datetime.datetime(2201, 1, 1, tzinfo=datetime.UTC)
    assert row.publish_at.year == 2200
