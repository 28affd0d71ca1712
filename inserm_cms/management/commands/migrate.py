"""``migrate`` that waits for any other ``migrate`` on the same PostgreSQL database instead of racing it."""

import contextlib

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections

# Any constant shared by every copy of the site: pg_advisory_lock keys are scoped to one database.
MIGRATE_LOCK_KEY = 0x1D5E_C0DE


@contextlib.contextmanager
def migrate_lock(connection):
    """Hold a PostgreSQL session advisory lock while the block runs; other databases need none."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK_KEY])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_KEY])


class Command(MigrateCommand):
    help = MigrateCommand.help + " Concurrent runs on one PostgreSQL database wait for each other."

    def handle(self, *args, **options):
        with migrate_lock(connections[options["database"]]):
            return super().handle(*args, **options)
