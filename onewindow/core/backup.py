"""Backup and restore of the database and the stored files, with the audit chain checked after.

A backup is one ``.tar.gz`` file:

- ``manifest.json``: format, engine, when, the audit chain's length and last hash when the backup
  began (the restored chain must hold and reach at least that far, with that hash at that entry);
- ``database.pgdump`` (``pg_dump --format=custom``, one consistent snapshot) on PostgreSQL, or
  ``database.sqlite3`` (SQLite's online backup API, consistent while the site runs) on SQLite;
- ``media/``: the stored files (scans, uploaded materials, documents) of the default storage.

A restore goes into a fresh, empty database and an empty storage folder (a new machine, or a
rehearsal) and never over data: it refuses otherwise. It then verifies the audit chain
(``core.audit.audit_verify``) and fails loudly when the chain is broken or shorter than the
backup says. See docs/deployment.md, *Backup and restore*.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone

from onewindow.core.audit import audit_verify
from onewindow.core.models import AuditEntry, AuditHead

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_FILE = "database.sqlite3"
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    engine: str
    audit_entries: int
    files: int


def media_root() -> Path:
    """The folder of the default file storage (``STORAGES["default"]``)."""
    location = getattr(storages["default"], "location", None)
    if location is None:
        raise BackupError("The default file storage is not a folder; back its files up separately.")
    return Path(location)


def _pg_args() -> tuple[list[str], dict[str, str]]:
    conf = connection.settings_dict
    args = ["--dbname", str(conf["NAME"])]
    if conf.get("HOST"):
        args += ["--host", str(conf["HOST"])]
    if conf.get("PORT"):
        args += ["--port", str(conf["PORT"])]
    if conf.get("USER"):
        args += ["--username", str(conf["USER"])]
    env = {**os.environ}
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])  # not on the command line, where ps shows it
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(  # noqa: S603 (fixed programs, arguments from settings)
            command, env=env, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as exc:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)"
        ) from exc
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def _audit_head() -> dict[str, Any]:
    head = AuditHead.objects.filter(pk=1).first()
    return {"count": head.count if head else 0, "last_hash": head.last_hash if head else ""}


def _dump_database(folder: Path) -> str:
    if connection.vendor == "postgresql":
        args, env = _pg_args()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(folder / PG_DUMP),
                *args,
            ],
            env,
        )
        return PG_DUMP
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_FILE)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return SQLITE_FILE
    raise BackupError(f"No backup for the {connection.vendor} engine")


def backup_create(output: Path) -> Path:
    """Write a backup of the database and the stored files to ``output`` (a ``.tar.gz``)."""
    if output.exists():
        raise BackupError(f"{output} exists already; choose a new name")
    output.parent.mkdir(parents=True, exist_ok=True)
    media = media_root()
    # Read before the dump starts: the dump holds at least these entries.
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "engine": connection.vendor,
        "created_at": timezone.now().isoformat(),
        "audit": _audit_head(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        manifest["database"] = _dump_database(folder)
        files = [p for p in media.rglob("*") if p.is_file()] if media.is_dir() else []
        manifest["files"] = len(files)
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(folder / MANIFEST, arcname=MANIFEST)
            archive.add(folder / manifest["database"], arcname=manifest["database"])
            for path in files:
                archive.add(path, arcname=f"{MEDIA}/{path.relative_to(media).as_posix()}")
        partial.rename(output)  # a backup file exists only once it is whole
    return output


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def _restore_database(folder: Path, manifest: dict[str, Any]) -> None:
    name = manifest["database"]
    if manifest["engine"] == "postgresql":
        args, env = _pg_args()
        connection.close()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *args,
                str(folder / name),
            ],
            env,
        )
        return
    target_name = str(connection.settings_dict["NAME"])
    connection.close()
    source = sqlite3.connect(folder / name)
    target = sqlite3.connect(target_name)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _extract(archive: tarfile.TarFile, folder: Path) -> dict[str, Any]:
    for member in archive.getmembers():
        if member.name != MANIFEST and member.name.split("/")[0] not in (
            MEDIA,
            PG_DUMP,
            SQLITE_FILE,
        ):
            raise BackupError(f"Unexpected entry {member.name!r}: not a OneWindow backup")
    # The "data" filter refuses absolute paths, ".." and links out of the folder.
    archive.extractall(folder, filter="data")
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (FileNotFoundError, ValueError) as exc:
        raise BackupError("The backup has no readable manifest.json") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}")
    return manifest


def backup_restore(source: Path) -> Restored:
    """Restore a backup into the configured empty database and empty file storage, then verify
    the audit chain. Raises ``BackupError`` before changing anything when the target is not
    fresh, and after the restore when the chain does not hold."""
    media = media_root()
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(source, "r:gz") as archive:
        folder = Path(tmp)
        manifest = _extract(archive, folder)
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"The backup is of a {manifest['engine']} database; DATABASE_URL names a "
                f"{connection.vendor} one"
            )
        if not _database_is_empty():
            raise BackupError(
                "The database is not empty: restore into a fresh one (createdb, or a new "
                "SQLite file), never over data"
            )
        if media.is_dir() and any(media.iterdir()):
            raise BackupError(f"The file storage {media} is not empty: restore into a fresh one")
        _restore_database(folder, manifest)
        files = 0
        if (folder / MEDIA).is_dir():
            media.mkdir(parents=True, exist_ok=True)
            shutil.copytree(folder / MEDIA, media, dirs_exist_ok=True)
            files = sum(1 for p in media.rglob("*") if p.is_file())
    _verify(manifest)
    return Restored(manifest["engine"], AuditEntry.objects.count(), files)


def _verify(manifest: dict[str, Any]) -> None:
    broken = audit_verify()
    if broken is not None:
        raise BackupError(f"Restored, but the audit chain is broken at {broken}")
    expected = manifest["audit"]
    if expected["count"]:
        entry = AuditEntry.objects.filter(seq=expected["count"]).first()
        if entry is None or entry.hash != expected["last_hash"]:
            raise BackupError(
                f"Restored, but the audit chain does not reach entry {expected['count']} with "
                "the hash the backup recorded"
            )


def backup_default_name(folder: Path) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return folder / f"onewindow-{stamp}.tar.gz"
