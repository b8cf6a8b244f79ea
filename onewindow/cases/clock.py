"""Deadlines of a case, counted on the working-day calendar of its competent center.

The arithmetic lives in ``onewindow.deadlines``; this module only says which dates and pauses a
case contributes. A year missing from the calendar leaves the deadline unset (shown as "to be
set") rather than guessed: the administrator is warned to load it.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from onewindow.catalog.choices import LimitUnit
from onewindow.deadlines.calendar import CalendarNotLoaded, calendar_for

if TYPE_CHECKING:
    from onewindow.cases.models import Case

# 行政许可法 §32: a correction notice is due within five (working) days of receipt.
CORRECTION_NOTICE_DAYS = 5


def local_date(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(value) if value else None


def pauses_of(
    case: Case, today: datetime.date | None = None
) -> list[tuple[datetime.date, datetime.date]]:
    """Closed intervals of §45 procedures; a running one counts as paused up to today."""
    today = today or timezone.localdate()
    return [
        (p.started_on, p.ended_on or max(today, p.started_on))
        for p in case.procedures.all()
        if p.pauses_clock
    ]


def case_due_date(case: Case, today: datetime.date | None = None) -> datetime.date | None:
    start = local_date(case.accepted_at)
    if start is None:
        return None
    try:
        return calendar_for(case.home_place).add_days(
            start,
            case.promised_days + case.extension_days,
            unit=case.limit_unit,
            pauses=pauses_of(case, today),
        )
    except CalendarNotLoaded:
        return None


def acceptance_due(case: Case) -> datetime.date | None:
    start = local_date(case.received_at)
    if start is None:
        return None
    try:
        return calendar_for(case.home_place).add_days(
            start, CORRECTION_NOTICE_DAYS, unit=LimitUnit.WORKING_DAYS
        )
    except CalendarNotLoaded:
        return None
