"""Backup and restore (issue 17, beyond the audit): the database and the stored files go into one
archive, come back on a fresh database and storage (a subprocess configured as a new machine
would be), and the audit chain is verified after the restore; a tampered backup is refused.

On PostgreSQL the restore goes into a database of the test's own (``<test database>_restored``),
created and dropped here; nothing else on the server is touched.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from onewindow.cases.factories import accepted_case, licence_entry
from onewindow.cases.models import Case
from onewindow.core.models import AuditEntry

ROOT = Path(__file__).resolve().parents[3]
SCAN = b"%PDF-1.4 a scanned form\n"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(world) -> dict[str, object]:
    """A case with its audit entries, and a stored file."""
    case = accepted_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=licence_entry(world.dept_x),
        applicant=world.person,
    )
    name = default_storage.save("scans/form.pdf", ContentFile(SCAN))
    return {
        "case": case.number,
        "cases": Case.objects.count(),
        "entries": AuditEntry.objects.count(),
        "file": name,
    }


def _pg_params(name: str) -> dict[str, object]:
    conf = connection.settings_dict
    params: dict[str, object] = {"dbname": name, "user": conf["USER"] or "postgres"}
    if conf["HOST"]:
        params["host"] = conf["HOST"]
    if conf["PORT"]:
        params["port"] = conf["PORT"]
    if conf["PASSWORD"]:
        params["password"] = conf["PASSWORD"]
    return params


@pytest.fixture
def fresh_database(tmp_path) -> Iterator[tuple[str, str]]:
    """An empty database for the restore: (DATABASE_URL, name); dropped afterwards."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", str(path)
        return
    conf = connection.settings_dict
    name = f"{conf['NAME']}_restored"
    admin = psycopg.connect(**{**_pg_params("postgres"), "autocommit": True})  # type: ignore[arg-type]
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    auth = f"{conf['USER'] or 'postgres'}"
    if conf["PASSWORD"]:
        auth += f":{conf['PASSWORD']}"
    url = f"postgres://{auth}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/{name}"
    try:
        yield url, name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _restore(archive: Path, url: str, var: Path) -> subprocess.CompletedProcess[str]:
    """``manage.py restore`` as on a new machine: its own DATABASE_URL and var/ folder."""
    env = {**os.environ, "DATABASE_URL": url, "ONEWINDOW_VAR_DIR": str(var)}
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_tables_read_below_are_the_models_tables():
    assert (Case._meta.db_table, AuditEntry._meta.db_table) == ("cases_case", "core_auditentry")


def _counts(name: str) -> tuple[int, int, str]:
    """(cases, audit entries, the first case's number) in the restored database."""
    queries = (
        "SELECT count(*) FROM cases_case",
        "SELECT count(*) FROM core_auditentry",
        "SELECT min(number) FROM cases_case",
    )
    if connection.vendor == "sqlite":
        with sqlite3.connect(name) as db:
            rows = [db.execute(q).fetchone()[0] for q in queries]
    else:
        with psycopg.connect(**_pg_params(name)) as db:  # type: ignore[arg-type]
            rows = [db.execute(q).fetchone()[0] for q in queries]  # type: ignore[index]
    return rows[0], rows[1], rows[2]


def test_a_backup_comes_back_on_a_fresh_database_with_its_chain(site, fresh_database, tmp_path):
    archive = tmp_path / "onewindow.tar.gz"
    call_command("backup", output=archive)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"manifest.json", f"media/{site['file']}"} <= names

    url, name = fresh_database
    done = _restore(archive, url, tmp_path / "new-machine")

    assert done.returncode == 0, done.stderr
    assert f"audit chain intact: {site['entries']} entries" in done.stdout
    assert site["entries"]  # the case's reception and acceptance are on the chain
    assert _counts(name) == (site["cases"], site["entries"], site["case"])
    restored_scan = tmp_path / "new-machine" / "media" / str(site["file"])
    assert restored_scan.read_bytes() == SCAN

    # never over data: a second restore into the same, now full, database is refused
    again = _restore(archive, url, tmp_path / "another-machine")
    assert again.returncode != 0
    assert "not empty" in again.stderr


def test_a_restore_refuses_the_database_it_would_overwrite(site, tmp_path):
    archive = tmp_path / "onewindow.tar.gz"
    call_command("backup", output=archive)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    assert Case.objects.count() == site["cases"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="edits the SQLite file in the archive")
def test_a_tampered_backup_fails_the_chain_check(site, tmp_path):
    archive = tmp_path / "onewindow.tar.gz"
    call_command("backup", output=archive)
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    with sqlite3.connect(unpacked / "database.sqlite3") as db:
        db.execute("UPDATE core_auditentry SET actor = 'someone_else' WHERE seq = 1")
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as tar:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(unpacked).as_posix())

    done = _restore(tampered, f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "var")

    assert done.returncode != 0
    assert "audit chain is broken at entry 1" in done.stderr
