"""Write every workflow machine's table to docs/states/ (or check that the files are current)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onewindow.workflow.docs import DOCS_DIR, expected_files


class Command(BaseCommand):
    help = "Write docs/states/<machine>.md from the workflow machines (--check: only compare)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="fail if a file is out of date")

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        files = expected_files()
        stale = [p for p, text in files.items() if not p.exists() or p.read_text() != text]
        extra = [p for p in DOCS_DIR.glob("*.md") if p not in files and p.name != "README.md"]
        if check:
            if stale or extra:
                names = ", ".join(p.name for p in [*stale, *extra])
                raise CommandError(f"docs/states/ is out of date: {names}")
            self.stdout.write("docs/states/ is current")
            return
        DOCS_DIR.mkdir(parents=True, exist_ok=True)
        for path in stale:
            path.write_text(files[path])
            self.stdout.write(f"wrote {path.relative_to(DOCS_DIR.parent.parent)}")
        for path in extra:
            path.unlink()
            self.stdout.write(f"removed {path.name} (no such machine)")
