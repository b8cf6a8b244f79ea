"""Check the audit chain; exit 1 and name the first broken entry if it does not hold."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from onewindow.core.audit import audit_verify
from onewindow.core.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the SM3 audit chain and name the first broken entry"

    def handle(self, *args: object, **options: object) -> None:
        broken = audit_verify()
        if broken is not None:
            raise CommandError(f"audit chain broken at {broken}")
        self.stdout.write(f"audit chain intact: {AuditEntry.objects.count()} entries")
