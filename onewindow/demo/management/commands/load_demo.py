"""``manage.py load_demo``: load the demo county once and print the logins."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from onewindow.demo.county import DEFAULT_SEED
from onewindow.demo.personas import demo_personas, is_loaded

# The loader itself is imported only when there is something to load: it pulls in most of the
# project and takes seconds, which a second `make run` should not pay.


class Command(BaseCommand):
    help = "Load the demo county (Yuzhong County) unless it is already loaded."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the logins")

    def handle(self, *args: object, seed: int, quiet_logins: bool, **options: object) -> None:
        password = settings.ONEWINDOW_DEMO_PASSWORD
        if is_loaded():
            self.stdout.write("Demo county already loaded; nothing changed.")
            personas = demo_personas()
        else:
            from onewindow.demo.loader import load_demo

            summary = load_demo(seed=seed, password=password)
            if summary.created:
                counts = ", ".join(f"{n} {k}" for k, n in summary.counts.items())
                self.stdout.write(self.style.SUCCESS(f"Demo county loaded: {counts}."))
            else:
                self.stdout.write("Demo county already loaded; nothing changed.")
            personas = summary.personas
        if quiet_logins:
            return
        self.stdout.write(f"\nDemo logins (password for all: {password}):")
        for p in personas:
            self.stdout.write(f"  {p.username:<12} {p.role_label:<36} {p.where}")
