"""``manage.py prepare_run``: everything `make run` does before it serves, skipping what is done.

One process instead of three, because starting Django costs seconds each time: migrations are
applied only when some are unapplied, static files are collected only when their sources changed
since the last collection, and the demo county is loaded unless it is there (one query). On a fresh
clone every step runs, as before.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

# Beside the collected files, so deleting them also deletes the stamp.
STAMP_NAME = ".sources.sha256"
# What collectstatic leaves out by default.
IGNORED = ["CVS", ".*", "*~"]


def unapplied_migrations(database: str = DEFAULT_DB_ALIAS) -> int:
    """How many migrations ``migrate`` would apply."""
    executor = MigrationExecutor(connections[database])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def static_sources_digest() -> str:
    """A digest of every static source (name, size, modification time) and of the storage, so
    that any added, removed, changed or touched file, or another storage, asks for a new
    collection. Stat calls only: no file is read."""
    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    found = []
    for finder in get_finders():
        for path, storage in finder.list(IGNORED):
            prefix = getattr(storage, "prefix", None) or ""
            stat = os.stat(storage.path(path))
            found.append(f"{prefix}/{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    digest.update("\n".join(sorted(found)).encode())
    return digest.hexdigest()


def _stamp() -> Path:
    return Path(settings.STATIC_ROOT) / STAMP_NAME


def static_is_current(digest: str) -> bool:
    try:
        return _stamp().read_text().strip() == digest
    except OSError:
        return False


class Command(BaseCommand):
    help = (
        "Migrate, collect static files and load the demo county, each only when needed "
        "(what `make run` does before it serves)."
    )
    # The system checks take longer than everything else here; a step that has work to do runs
    # them itself (migrate checks the database it migrates).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the logins")

    def handle(self, *args: object, quiet_logins: bool, **options: Any) -> None:
        verbose = int(options.get("verbosity", 1)) > 1
        if unapplied_migrations():
            call_command("migrate", interactive=False, verbosity=0, skip_checks=False)
        elif verbose:
            self.stdout.write("Migrations: up to date.")

        digest = static_sources_digest()
        if not static_is_current(digest):
            call_command("collectstatic", interactive=False, verbosity=0)
            # Written last: a collection that fails half-way is redone next time.
            _stamp().write_text(digest + "\n")
        elif verbose:
            self.stdout.write("Static files: up to date.")

        call_command("load_demo", quiet_logins=quiet_logins, stdout=self.stdout, stderr=self.stderr)
