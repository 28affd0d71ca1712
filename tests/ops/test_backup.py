"""scripts/backup and scripts/restore round trip on the demo content, in a throw-away PostgreSQL database."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ops.conftest import PROJECT, free_port, manage, site_env

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


def test_restore_rolls_back_an_upgrade_and_clears_the_cache(pg_cluster, tmp_path):
    redis_port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    env = site_env(
        DATABASE_URL=pg_cluster.url(DATABASE),
        MEDIA_ROOT=str(tmp_path / "media"),
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
    )
    pg_cluster.create_database(DATABASE, template="inserm_template")
    try:
        manage(
            "shell",
            "-c",
            "from directory.models import Theme; Theme.objects.create(name_fr='Avant', name_en='Before')",
            env=env,
        )
        migrations = pg_cluster.psql("SELECT count(*) FROM django_migrations", DATABASE)
        folder = run(str(PROJECT / "scripts" / "backup"), str(tmp_path / "backups"), env=env).strip()

        # The upgrade: a newer migration adds a table, a column and its django_migrations row.
        pg_cluster.psql(
            "CREATE TABLE directory_newer (id bigserial PRIMARY KEY);"
            "ALTER TABLE directory_theme ADD COLUMN newer_flag boolean NOT NULL DEFAULT true;"
            "INSERT INTO django_migrations (app, name, applied) VALUES ('directory', '9999_newer', now());"
            "UPDATE directory_theme SET name_fr = 'Après';",
            DATABASE,
        )
        manage("shell", "-c", "from django.core.cache import cache; cache.set('rendition', 'gone.webp', 3600)", env=env)

        run(str(PROJECT / "scripts" / "restore"), folder, env=env)

        tables = pg_cluster.psql("SELECT count(*) FROM pg_tables WHERE tablename = 'directory_newer'", DATABASE)
        column = pg_cluster.psql(
            "SELECT count(*) FROM information_schema.columns WHERE column_name = 'newer_flag'", DATABASE
        )
        assert (tables, column) == ("0", "0")
        assert pg_cluster.psql("SELECT count(*) FROM django_migrations", DATABASE) == migrations
        assert pg_cluster.psql("SELECT string_agg(name_fr, ',') FROM directory_theme", DATABASE) == "Avant"
        manage("migrate", "--check", env={key: value for key, value in env.items() if key != "REDIS_URL"})
        cached = manage("shell", "-c", "from django.core.cache import cache; print(cache.get('rendition'))", env=env)
        assert cached.splitlines()[-1] == "None"
    finally:
        redis.terminate()
        redis.wait(timeout=10)
        pg_cluster.drop_database(DATABASE)


def test_retention_keeps_the_newest_backup_of_each_recent_day_and_week(tmp_path):
    names = [
        "20250106T020000Z",  # Monday, week 2
        "20250110T020000Z",
        "20250113T020000Z",  # Monday, week 3
        "20250114T020000Z",
        "20250115T010000Z",
        "20250115T020000Z",  # the newest of Wednesday 15
    ]
    for name in names:
        (tmp_path / name).mkdir()
    (tmp_path / "notes").mkdir()  # not a backup: left alone
    env = site_env(BACKUP_KEEP_DAILY="2", BACKUP_KEEP_WEEKLY="2")

    run(sys.executable, str(PROJECT / "scripts" / "backup-copies"), "prune", str(tmp_path), env=env)

    # Days: 15 and 14 (2 daily); weeks: 3 (its newest is the 15th) and 2 (its newest is the 10th).
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "20250110T020000Z",
        "20250114T020000Z",
        "20250115T020000Z",
        "notes",
    ]


def test_encrypted_backup_restores_only_with_the_private_key(pg_cluster, tmp_path):
    if not shutil.which("age"):
        pytest.skip("age is not installed (scripts/install-test-deps)")
    subprocess.run(["age-keygen", "-o", str(tmp_path / "key.txt")], check=True, capture_output=True)
    public_key = re.search(r"age1\w+", (tmp_path / "key.txt").read_text()).group(0)
    media = tmp_path / "media"
    media.mkdir()
    (media / "secret.pdf").write_bytes(b"%PDF-1.4 embargoed")
    env = site_env(DATABASE_URL=pg_cluster.url(DATABASE), MEDIA_ROOT=str(media), BACKUP_AGE_RECIPIENTS=public_key)
    pg_cluster.create_database(DATABASE, template="inserm_template")
    try:
        manage("shell", "-c", "from directory.models import Theme; Theme.objects.create(name_fr='Chiffré')", env=env)
        folder = Path(run(str(PROJECT / "scripts" / "backup"), str(tmp_path / "backups"), env=env).strip())
        assert sorted(path.name for path in folder.iterdir()) == ["SHA256SUMS", "database.dump.age", "media.tar.gz.age"]
        assert b"embargoed" not in (folder / "media.tar.gz.age").read_bytes()

        pg_cluster.psql("DELETE FROM directory_theme", DATABASE)
        refused = subprocess.run(
            [str(PROJECT / "scripts" / "restore"), str(folder)], env=env, capture_output=True, text=True, timeout=120
        )
        assert refused.returncode != 0
        assert "BACKUP_AGE_IDENTITY" in refused.stderr

        run(
            str(PROJECT / "scripts" / "restore"),
            str(folder),
            env=env | {"BACKUP_AGE_IDENTITY": str(tmp_path / "key.txt")},
        )
        assert pg_cluster.psql("SELECT string_agg(name_fr, ',') FROM directory_theme", DATABASE) == "Chiffré"
        assert (media / "secret.pdf").read_bytes() == b"%PDF-1.4 embargoed"
    finally:
        pg_cluster.drop_database(DATABASE)


def test_backup_refuses_a_server_newer_than_its_pg_dump(pg_cluster, tmp_path):
    old_client = tmp_path / "pg14"
    old_client.mkdir()
    (old_client / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 14.12'\n")
    (old_client / "pg_dump").chmod(0o755)
    (old_client / "psql").symlink_to(shutil.which("psql"))
    env = site_env(DATABASE_URL=pg_cluster.url("inserm_template"), PG_BIN=str(old_client))

    result = subprocess.run(
        [str(PROJECT / "scripts" / "backup"), str(tmp_path / "backups")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 3
    assert "pg_dump 14 cannot back up this PostgreSQL 15 server" in result.stderr
    assert not (tmp_path / "backups").exists()


def test_off_site_copy_uploads_each_backup_and_applies_the_retention_in_the_bucket(tmp_path):
    """The S3 copy, against moto's S3 server on loopback (any S3-compatible service speaks the same API)."""
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        s3 = {
            "BACKUP_S3_BUCKET": "inserm-backups",
            "BACKUP_S3_PREFIX": "site/",
            "BACKUP_S3_ENDPOINT_URL": f"http://{host}:{port}",
            "BACKUP_S3_REGION": "eu-west-3",
            "BACKUP_S3_ACCESS_KEY_ID": "test-key",
            "BACKUP_S3_SECRET_ACCESS_KEY": "test-secret",
        }
        client = boto3.client(
            "s3",
            endpoint_url=s3["BACKUP_S3_ENDPOINT_URL"],
            region_name=s3["BACKUP_S3_REGION"],
            aws_access_key_id="test-key",
            aws_secret_access_key="test-secret",
        )
        client.create_bucket(
            Bucket="inserm-backups", CreateBucketConfiguration={"LocationConstraint": s3["BACKUP_S3_REGION"]}
        )
        env = site_env(BACKUP_KEEP_DAILY="1", BACKUP_KEEP_WEEKLY="0", **s3)
        for name in ("20250114T020000Z", "20250115T020000Z"):
            folder = tmp_path / name
            folder.mkdir()
            (folder / "database.dump").write_bytes(b"PGDMP " + name.encode())
            (folder / "SHA256SUMS").write_text("checksums\n")
            run(sys.executable, str(PROJECT / "scripts" / "backup-copies"), "upload", str(folder), env=env)

        keys = sorted(item["Key"] for item in client.list_objects_v2(Bucket="inserm-backups")["Contents"])
        body = client.get_object(Bucket="inserm-backups", Key="site/20250115T020000Z/database.dump")["Body"].read()
    finally:
        server.stop()

    # One daily backup kept: the newer folder, both of its files; the older one was removed from the bucket.
    assert keys == ["site/20250115T020000Z/SHA256SUMS", "site/20250115T020000Z/database.dump"]
    assert body == b"PGDMP 20250115T020000Z"
