"""``manage.py calendar_seed --year 2027``: load national holiday schedules from the libraries."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onewindow.core.errors import DomainError
from onewindow.deadlines.services import calendar_seed_from_library


class Command(BaseCommand):
    help = (
        "Load the national holiday schedule of the given years from chinesecalendar (2004-2026) "
        "or, for other years, the holidays package (marked for review when it has no make-up "
        "working days). All years or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year", type=int, action="append", required=True, help="repeat for several years"
        )
        parser.add_argument(
            "--replace", action="store_true", help="replace years already loaded (national days)"
        )

    def handle(self, *args: object, year: list[int], replace: bool, **options: object) -> None:
        try:
            loaded = calendar_seed_from_library(years=year, replace=replace)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        for y in loaded:
            line = f"{y.year}: {y.get_source_display()} ({y.note})"
            if y.needs_review:
                self.stdout.write(
                    self.style.WARNING(
                        f"{line} — no make-up working days: check against the State Council "
                        "notice and enter it on /calendar/schedule/ or confirm the year."
                    )
                )
            else:
                self.stdout.write(self.style.SUCCESS(line))
