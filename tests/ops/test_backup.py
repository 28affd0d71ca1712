"""scripts/backup and scripts/restore round trip on the demo content, in a throw-away PostgreSQL database."""

import json
import subprocess
import sys

from tests.ops.conftest import PROJECT, manage, site_env

DATABASE = "inserm_backup"


def run(*args, env):
    result = subprocess.run(args, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def dump_tables(env, path):
    """Return every row of the project's tables, read by a process on ``env``'s database (tests/ops/snapshot.py)."""
    run(sys.executable, "-m", "tests.ops.snapshot", str(path), env=env)
    return json.loads(path.read_text())


def test_backup_wipe_and_restore_bring_back_every_object_and_translation(pg_cluster, tmp_path):
    media = tmp_path / "media"
    logo = media / "logos" / "2024" / "0123abcd.png"
    logo.parent.mkdir(parents=True)
    logo.write_bytes(b"\x89PNG\r\n\x1a\n stand-in for an uploaded logo")
    env = site_env(DATABASE_URL=pg_cluster.url(DATABASE), MEDIA_ROOT=str(media))
    pg_cluster.create_database(DATABASE, template="inserm_template")
    try:
        manage("load_demo", env=env)
        before = dump_tables(env, tmp_path / "before.json")
        assert len(before["press.PressRelease"]) >= 2
        anses = [release for release in before["press.PressRelease"] if "anses" in release["title_fr"].lower()]
        assert anses and anses[0]["title_en"] and anses[0]["body_en"], "the demo has a translated press release"

        folder = run(str(PROJECT / "scripts" / "backup"), str(tmp_path / "backups"), env=env).strip()
        assert sorted(path.name for path in (PROJECT / folder).iterdir()) == [
            "SHA256SUMS",
            "database.dump",
            "media.tar.gz",
        ]

        pg_cluster.drop_database(DATABASE)
        pg_cluster.create_database(DATABASE)  # empty: not even the tables
        logo.unlink()
        assert pg_cluster.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", DATABASE) == "0"

        run(str(PROJECT / "scripts" / "restore"), folder, env=env)
        after = dump_tables(env, tmp_path / "after.json")
        assert {label: len(rows) for label, rows in after.items()} == {
            label: len(rows) for label, rows in before.items()
        }
        assert after == before
        assert logo.read_bytes().startswith(b"\x89PNG")

        # The restored database takes new rows: its sequences came back too.
        manage(
            "shell",
            "-c",
            "from directory.models import Theme; Theme.objects.create(name_fr='Neuf', name_en='New')",
            env=env,
        )
        manage("migrate", "--check", env=env)  # and no migration is missing from the restored schema
    finally:
        pg_cluster.drop_database(DATABASE)
