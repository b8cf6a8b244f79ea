"""Background tasks of the notification outbox.

The layout every app follows: ``onewindow/<app>/tasks.py`` holds thin functions decorated with
``huey.contrib.djhuey.db_task`` (run on demand) or ``db_periodic_task`` (run on a crontab, in
local time). A task decides nothing: it calls one service, takes no personal data as arguments
(task payloads sit in the queue and in logs) and returns ``None`` (results are kept until read).
``manage.py run_huey`` imports the ``tasks`` module of every installed app; code that enqueues
imports the task where it does so, usually inside a ``transaction.on_commit`` callback.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from onewindow.notifications.services import outbox_dispatch, outbox_drain


@db_task()
def dispatch_outbox() -> None:
    """Send what is due now; enqueued after each commit that queued messages."""
    outbox_dispatch()


@db_periodic_task(crontab(minute="*"))
def dispatch_outbox_every_minute() -> None:
    """Retries, and anything whose on-commit enqueue was lost (consumer or queue down)."""
    outbox_drain(seconds=50.0)
