"""Keeping deadlines true when the working-day calendar changes."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet
from django.dispatch import receiver

from onewindow.cases import clock
from onewindow.cases.choices import CaseState
from onewindow.cases.models import Case, CaseStep
from onewindow.deadlines.signals import calendar_changed
from onewindow.organisations.models import ServicePlace

logger = logging.getLogger(__name__)


def _open(field: str, since: str, first_day: datetime.date, last_day: datetime.date) -> Q:
    """Started on or before the last changed day, due on or after the first (or not yet known)."""
    return Q(**{f"{since}__date__lte": last_day}) & (
        Q(**{f"{field}__gte": first_day}) | Q(**{f"{field}__isnull": True})
    )


def _chunks(rows: QuerySet[Any], size: int = 500) -> Iterator[list[int]]:
    """The rows' keys, read whole first, in chunks of ``size``.

    Iterating an open cursor while writing the same rows is what issue 17 item 11 found in the
    sweeps: on SQLite a cursor held open across writes keeps an old snapshot, and the next write
    fails with "database is locked" once another connection has written (it also may see a row
    again after updating the column it filters on). Each chunk is read anew, with its own query."""
    keys = list(rows.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


@receiver(calendar_changed)
def recompute_open_deadlines(
    sender: object,
    first_day: datetime.date,
    last_day: datetime.date,
    place: ServicePlace | None = None,
    **kwargs: object,
) -> None:
    """Every running clock whose deadline could move: the promised limit of cases under review or
    suspended, the §32 acceptance notice of received cases, the §44 delivery of decided cases and
    the limits of open back-office steps."""
    clocks = [
        (
            [CaseState.IN_REVIEW, CaseState.SUSPENDED],
            "due_date",
            "accepted_at",
            clock.case_due_date,
        ),
        ([CaseState.RECEIVED], "acceptance_due", "received_at", clock.acceptance_due),
        ([CaseState.DECIDED], "delivery_due", "decided_at", clock.delivery_due),
    ]
    today = datetime.date.today()
    changed = 0
    for states, field, since, compute in clocks:
        cases = Case.objects.filter(state__in=states).filter(
            _open(field, since, first_day, last_day)
        )
        if place is not None:
            cases = cases.filter(home_place=place)
        for chunk in _chunks(cases):
            for case in cases.filter(pk__in=chunk).prefetch_related("procedures"):
                due = compute(case)
                if due != getattr(case, field):
                    Case.objects.filter(pk=case.pk).update(
                        **{field: due, "next_level_change": today}
                    )
                    changed += 1
    steps = CaseStep.objects.filter(
        finished_at__isnull=True, limit_days__gt=0, case__state=CaseState.IN_REVIEW
    ).filter(_open("due_date", "started_at", first_day, last_day))
    if place is not None:
        steps = steps.filter(case__home_place=place)
    for chunk in _chunks(steps):
        for step in steps.filter(pk__in=chunk).select_related("case", "case__home_place"):
            due = clock.step_due_date(step.case, step.started_at, step.limit_days)
            if due != step.due_date:
                CaseStep.objects.filter(pk=step.pk).update(due_date=due)
                Case.objects.filter(pk=step.case_id).update(next_level_change=today)
                changed += 1
    logger.info(
        "calendar change %s–%s: %d open deadline(s) recomputed", first_day, last_day, changed
    )
