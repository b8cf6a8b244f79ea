"""Back up the database and the stored files into one archive (docs/deployment.md)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from onewindow.core.backup import BackupError, backup_create, backup_default_name


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, the online backup API on SQLite) and the "
        "stored files into one .tar.gz; default: var/backups/onewindow-<time>.tar.gz"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="the archive to write (must not exist)")

    def handle(self, *args: object, **options: object) -> None:
        given = options["output"]
        output = Path(str(given)) if given else backup_default_name(settings.VAR_DIR / "backups")
        try:
            written = backup_create(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup written: {written}")
