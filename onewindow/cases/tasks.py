"""Daily jobs of the case lifecycle (see notifications/tasks.py for the layout)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from onewindow.cases.services.acceptance import case_auto_accept_due


@db_periodic_task(crontab(hour="0", minute="10"))
def auto_accept_overdue_receipts() -> None:
    """§32: applications without a correction notice within five working days are accepted."""
    case_auto_accept_due()
