"""Keeping deadlines true when the working-day calendar changes."""

from __future__ import annotations

import datetime
import logging

from django.db.models import Q
from django.dispatch import receiver

from onewindow.cases import clock
from onewindow.cases.choices import RUNNING_STATES
from onewindow.cases.models import Case
from onewindow.deadlines.signals import calendar_changed

logger = logging.getLogger(__name__)


@receiver(calendar_changed)
def recompute_open_deadlines(
    sender: object,
    first_day: datetime.date,
    last_day: datetime.date,
    place: object | None = None,
    **kwargs: object,
) -> None:
    """Open cases whose deadline could move: running, accepted before the changed days end, and
    due on or after their start (or without a deadline yet, e.g. an unloaded year)."""
    cases = Case.objects.filter(state__in=RUNNING_STATES, accepted_at__date__lte=last_day).filter(
        Q(due_date__gte=first_day) | Q(due_date__isnull=True)
    )
    if place is not None:
        cases = cases.filter(home_place=place)
    changed = 0
    for case in cases.prefetch_related("procedures").iterator(chunk_size=500):
        due = clock.case_due_date(case)
        if due != case.due_date:
            Case.objects.filter(pk=case.pk).update(
                due_date=due, next_level_change=datetime.date.today()
            )
            changed += 1
    logger.info(
        "calendar change %s–%s: %d open deadline(s) recomputed", first_day, last_day, changed
    )
