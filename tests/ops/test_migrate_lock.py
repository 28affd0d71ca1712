"""Several copies of the site starting at once on a fresh database: each ``migrate`` waits its turn."""

import subprocess
import sys

from tests.ops.conftest import PROJECT, site_env

DATABASE = "inserm_migrate_race"


def test_concurrent_migrate_runs_on_a_fresh_database_all_succeed(pg_cluster):
    pg_cluster.create_database(DATABASE)
    try:
        env = site_env(DATABASE_URL=pg_cluster.url(DATABASE))
        runs = [
            subprocess.Popen(
                [sys.executable, "manage.py", "migrate", "--no-input"],
                cwd=PROJECT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for _ in range(3)
        ]
        outputs = [run.communicate(timeout=300)[0] for run in runs]
        for run, output in zip(runs, outputs, strict=True):
            assert run.returncode == 0, output

        duplicates = pg_cluster.psql(
            "SELECT count(*) FROM (SELECT app, name FROM django_migrations GROUP BY app, name HAVING count(*) > 1) d",
            DATABASE,
        )
        assert duplicates == "0"
        applied = int(pg_cluster.psql("SELECT count(*) FROM django_migrations", DATABASE))
        assert applied > 50
        # The first run applied them all; the ones that waited found nothing left to do.
        assert sum("No migrations to apply." in output for output in outputs) == 2
    finally:
        pg_cluster.drop_database(DATABASE)
