"""Daily 好差评 jobs (see notifications/tasks.py for the layout)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from onewindow.evaluation.services import ratings_default_sweep, reviews_overdue_sweep


@db_periodic_task(crontab(hour="0", minute="40"))
def default_ratings() -> None:
    """Services over for the configured days without a rating get 基本满意 by default."""
    ratings_default_sweep()


@db_periodic_task(crontab(hour="0", minute="45"))
def overdue_reviews() -> None:
    """差评 loops not replied to by their day are marked overdue, once."""
    reviews_overdue_sweep()
