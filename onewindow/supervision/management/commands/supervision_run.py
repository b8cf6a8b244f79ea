"""The supervision jobs by hand (for cron-only deployments and demos)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from onewindow.supervision.cards import cards_evaluate_recent
from onewindow.supervision.sweep import warnings_sweep
from onewindow.supervision.urging import urgings_overdue_sweep


class Command(BaseCommand):
    help = (
        "Move the statutory clocks between normal, yellow and red; with --daily also mark "
        "unanswered urgings overdue and evaluate the card rules"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--daily", action="store_true", help="also run the once-a-day jobs (urgings, cards)"
        )

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"warnings raised: {warnings_sweep()}")
        if options["daily"]:
            self.stdout.write(f"urgings marked overdue: {urgings_overdue_sweep()}")
            self.stdout.write(f"cards issued: {len(cards_evaluate_recent())}")
