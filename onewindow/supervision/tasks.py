"""Periodic supervision jobs (see notifications/tasks.py for the layout)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from onewindow.supervision.cards import cards_evaluate_recent
from onewindow.supervision.sweep import warnings_sweep
from onewindow.supervision.urging import urgings_overdue_sweep


@db_periodic_task(crontab(minute="*/10"))
def sweep_warnings() -> None:
    """Move clocks between normal, yellow and red; cheap when nothing changes."""
    warnings_sweep()


@db_periodic_task(crontab(hour="0", minute="20"))
def sweep_urgings() -> None:
    """Urgings whose reply day passed without a reply are marked overdue, once."""
    urgings_overdue_sweep()


@db_periodic_task(crontab(hour="0", minute="30"))
def evaluate_cards() -> None:
    """Card rules over this month and the last (a deadline on the last day passes the next)."""
    cards_evaluate_recent()
