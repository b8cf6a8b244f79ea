"""Write docs/case-states.md from the transition table."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import override

from onewindow.cases.transitions import transition_table_markdown

TARGET = Path(settings.BASE_DIR) / "docs" / "case-states.md"


class Command(BaseCommand):
    help = "Render the case state machine to docs/case-states.md"

    def handle(self, *args: object, **options: object) -> None:
        with override("en"):
            TARGET.write_text(transition_table_markdown(), encoding="utf-8")
        self.stdout.write(f"wrote {TARGET}")
