"""``manage.py load_demo``: load the demo county once and print the logins."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from onewindow.demo.loader import DEFAULT_SEED, load_demo


class Command(BaseCommand):
    help = "Load the demo county (Yuzhong County) unless it is already loaded."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the logins")

    def handle(self, *args: object, seed: int, quiet_logins: bool, **options: object) -> None:
        password = settings.ONEWINDOW_DEMO_PASSWORD
        summary = load_demo(seed=seed, password=password)
        if summary.created:
            counts = ", ".join(f"{n} {k}" for k, n in summary.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo county loaded: {counts}."))
        else:
            self.stdout.write("Demo county already loaded; nothing changed.")
        if quiet_logins:
            return
        self.stdout.write(f"\nDemo logins (password for all: {password}):")
        for p in summary.personas:
            self.stdout.write(f"  {p.username:<12} {p.role_label:<36} {p.where}")
