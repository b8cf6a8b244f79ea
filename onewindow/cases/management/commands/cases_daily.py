"""The daily case jobs by hand (for cron-only deployments and demos)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from onewindow.cases.services.acceptance import case_auto_accept_due


class Command(BaseCommand):
    help = "Apply §32 automatic acceptance to receipts with no notice after five working days"

    def handle(self, *args: object, **options: object) -> None:
        accepted = case_auto_accept_due()
        self.stdout.write(f"auto-accepted {len(accepted)} case(s)")
