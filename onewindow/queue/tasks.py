"""Periodic queue jobs (see notifications/tasks.py for the layout)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from onewindow.queue.services.tickets import close_past_days


@db_periodic_task(crontab(hour="0", minute="5"))
def close_yesterday() -> None:
    """Tickets left open at the end of a day are closed as not served (their periods end)."""
    close_past_days()
