"""``manage.py notifications_dispatch``: send the due outbox messages once (for cron-only hosts)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from onewindow.notifications.services import outbox_drain


class Command(BaseCommand):
    help = (
        "Send due notification messages, batch after batch, until none is due or the time "
        "budget is spent. For deployments without the huey consumer: run it every minute."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--batch", type=int, default=100, help="rows claimed at a time")
        parser.add_argument(
            "--seconds", type=float, default=50.0, help="stop starting new batches after this"
        )

    def handle(self, *args: Any, batch: int, seconds: float, **options: Any) -> None:
        sent = outbox_drain(batch=batch, seconds=seconds)
        if options["verbosity"] >= 1:
            self.stdout.write(f"{sent} message(s) sent.")
