"""Periodic supervision jobs (see notifications/tasks.py for the layout)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from onewindow.deadlines.supervision import warnings_sweep


@db_periodic_task(crontab(minute="*/10"))
def sweep_warnings() -> None:
    """Move running cases between normal, yellow and red; cheap when nothing changes."""
    warnings_sweep()
