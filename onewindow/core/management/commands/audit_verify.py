"""Check the audit chain; exit 1 and name the first broken entry if it does not hold."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from onewindow.core.audit import audit_verify
from onewindow.core.models import AuditAnchor, AuditEntry


class Command(BaseCommand):
    help = "Verify the SM3 audit chains and their anchors; name the first broken entry"

    def handle(self, *args: object, **options: object) -> None:
        broken = audit_verify()
        if broken is not None:
            raise CommandError(f"audit chain broken at {broken}")
        chains = AuditEntry.objects.values("partition").distinct().count()
        self.stdout.write(
            f"audit chain intact: {AuditEntry.objects.count()} entries in {chains} chain(s), "
            f"{AuditAnchor.objects.count()} anchor(s)"
        )
