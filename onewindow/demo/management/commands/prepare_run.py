"""``manage.py prepare_run``: everything `make run` does before it serves, skipping what is done.

One process instead of three, because starting Django costs seconds each time: migrations are
applied only when some are unapplied, static files are collected only when their sources changed
since the last collection, and the demo county is loaded unless it is there (one query). On a fresh
clone every step runs, as before.

Deciding that nothing is to be done is itself cheap: whether migrations are unapplied is first
answered by a stamp (the migration files' names, sizes and modification times, the database and
its count of applied migrations), so the migration modules are imported (well over half a second
here) only when a file or the database changed; static sources are compared by ``stat`` alone.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import time
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

# Beside the collected files, so deleting them also deletes the stamp.
STAMP_NAME = ".sources.sha256"
# Beside the database file and the secret key (var/).
MIGRATIONS_STAMP_NAME = ".migrations.sha256"
# What collectstatic leaves out by default.
IGNORED = ["CVS", ".*", "*~"]


def unapplied_migrations(database: str = DEFAULT_DB_ALIAS) -> int:
    """How many migrations ``migrate`` would apply."""
    executor = MigrationExecutor(connections[database])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _migration_dirs() -> list[tuple[str, Path]]:
    """Each installed app's migrations folder, found without importing a migration."""
    found = []
    for config in apps.get_app_configs():
        module, _explicit = MigrationLoader.migrations_module(config.label)
        if module is None:
            continue
        if module == f"{config.name}.migrations":
            path = Path(config.path) / "migrations"
        else:
            spec = importlib.util.find_spec(module)
            if spec is None or not spec.submodule_search_locations:
                continue
            path = Path(next(iter(spec.submodule_search_locations)))
        if path.is_dir():
            found.append((config.label, path))
    return found


def migrations_digest(database: str = DEFAULT_DB_ALIAS) -> str:
    """A digest of every migration file (name, size, modification time) and of the database it
    is about: any added, removed, edited or touched migration, or another database, changes it."""
    db = connections[database].settings_dict
    digest = hashlib.sha256(
        "\t".join(str(db.get(k, "")) for k in ("ENGINE", "NAME", "HOST", "PORT")).encode()
    )
    rows = []
    for label, folder in _migration_dirs():
        for entry in os.scandir(folder):
            if entry.name.endswith(".py") and entry.is_file():
                stat = entry.stat()
                rows.append(f"{label}/{entry.name}\t{stat.st_size}\t{stat.st_mtime_ns}")
    digest.update("\n".join(sorted(rows)).encode())
    return digest.hexdigest()


def applied_count(database: str = DEFAULT_DB_ALIAS) -> int | None:
    """Rows of the migration history (one query); None when there is no history table yet."""
    try:
        with connections[database].cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM django_migrations")
            return int(cursor.fetchone()[0])
    except DatabaseError:
        return None


def _migrations_stamp() -> Path:
    return Path(settings.VAR_DIR) / MIGRATIONS_STAMP_NAME


def migrations_stamp_text(database: str = DEFAULT_DB_ALIAS) -> str | None:
    """What the stamp says when nothing changed since migrations were last found complete."""
    count = applied_count(database)
    if count is None:
        return None
    return f"{migrations_digest(database)} {count}"


def migrations_are_current(database: str = DEFAULT_DB_ALIAS) -> bool:
    """True when the stamp matches: the same files, database and applied count as when every
    migration was last found applied. Anything else asks the migration loader."""
    expected = migrations_stamp_text(database)
    try:
        return expected is not None and _migrations_stamp().read_text().strip() == expected
    except OSError:
        return False


def stamp_migrations(database: str = DEFAULT_DB_ALIAS) -> None:
    text = migrations_stamp_text(database)
    if text is not None:
        _migrations_stamp().write_text(text + "\n")


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

    def _timed(self, verbose: bool, label: str, began: float) -> None:
        if verbose:
            self.stdout.write(f"  {label}: {time.perf_counter() - began:.2f} s")

    def handle(self, *args: object, quiet_logins: bool, **options: Any) -> None:
        verbose = int(options.get("verbosity", 1)) > 1
        began = time.perf_counter()
        if migrations_are_current():
            if verbose:
                self.stdout.write("Migrations: up to date (stamp).")
        elif unapplied_migrations():
            call_command("migrate", interactive=False, verbosity=0, skip_checks=False)
            stamp_migrations()
        else:
            stamp_migrations()
            if verbose:
                self.stdout.write("Migrations: up to date.")
        self._timed(verbose, "migrations", began)

        began = time.perf_counter()
        digest = static_sources_digest()
        if not static_is_current(digest):
            call_command("collectstatic", interactive=False, verbosity=0)
            # Written last: a collection that fails half-way is redone next time.
            _stamp().write_text(digest + "\n")
        elif verbose:
            self.stdout.write("Static files: up to date.")
        self._timed(verbose, "static files", began)

        began = time.perf_counter()
        call_command("load_demo", quiet_logins=quiet_logins, stdout=self.stdout, stderr=self.stderr)
        self._timed(verbose, "demo county", began)
