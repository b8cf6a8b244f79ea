"""Periodic jobs of the core: anchoring the audit chains' heads (see notifications/tasks.py for
the layout)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from onewindow.core.audit import audit_anchor


@db_periodic_task(crontab(minute="*/10"))
def anchor_audit_chains() -> None:
    """Record the heads of the chains that moved in the top chain (decision 0011)."""
    audit_anchor()
