"""Restore a backup into a fresh database and file storage, then verify the audit chain."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onewindow.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured database (it must be "
        "empty) and file storage (it must be empty), then verify the audit chain"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the .tar.gz written by `manage.py backup`")

    def handle(self, *args: object, **options: object) -> None:
        archive = Path(str(options["archive"]))
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file")
        try:
            restored = backup_restore(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restored {restored.engine} database and {restored.files} stored file(s); "
            f"audit chain intact: {restored.audit_entries} entries"
        )
