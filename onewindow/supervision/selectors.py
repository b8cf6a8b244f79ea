"""Reads for the staff case page: the clocks a case runs against and its supervision history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from onewindow.cases.choices import STATE_CLOCK, CaseState, WarningLevel
from onewindow.cases.clock import CORRECTION_NOTICE_DAYS, DELIVERY_DAYS
from onewindow.cases.models import Case
from onewindow.catalog.choices import LimitUnit
from onewindow.deadlines.calendar import CalendarNotLoaded, DayNote, calendar_for
from onewindow.supervision.choices import Clock
from onewindow.supervision.models import SupervisionRecord


@dataclass(frozen=True)
class ClockRow:
    clock: str
    label: str
    started: datetime.date | None
    due: datetime.date | None
    running: bool
    level: str
    # Day by day from the start to the deadline (the promised limit has its own table).
    notes: tuple[DayNote, ...] = ()

    @property
    def level_label(self) -> str:
        return str(WarningLevel(self.level).label)


def _notes(case: Case, start: datetime.date | None, days: int) -> tuple[DayNote, ...]:
    if start is None or not days:
        return ()
    try:
        return tuple(
            calendar_for(case.home_place_id).explain(start, days, unit=LimitUnit.WORKING_DAYS)
        )
    except CalendarNotLoaded:
        return ()


def case_clocks(case: Case) -> list[ClockRow]:
    """Every statutory clock of the case: when it started, its deadline, whether it runs now,
    and the days each working-day clock counted and skipped."""
    current = STATE_CLOCK.get(case.state)
    level = case.warning_level
    received = timezone.localdate(case.received_at) if case.received_at else None
    rows = [
        ClockRow(
            Clock.ACCEPTANCE,
            str(Clock.ACCEPTANCE.label),
            received,
            case.acceptance_due,
            current == Clock.ACCEPTANCE,
            level if current == Clock.ACCEPTANCE else WarningLevel.NORMAL,
            _notes(case, received, CORRECTION_NOTICE_DAYS) if case.acceptance_due else (),
        ),
        ClockRow(
            Clock.DECISION,
            str(Clock.DECISION.label),
            timezone.localdate(case.accepted_at) if case.accepted_at else None,
            case.due_date,
            current == Clock.DECISION,
            level if current == Clock.DECISION else WarningLevel.NORMAL,
        ),
    ]
    if case.state == CaseState.IN_REVIEW:
        step = case.steps.filter(finished_at__isnull=True).order_by("-started_at", "-id").first()
        if step is not None and step.due_date is not None:
            started = timezone.localdate(step.started_at)
            rows.append(
                ClockRow(
                    Clock.STEP,
                    f"{Clock.STEP.label} · {step.name}",
                    started,
                    step.due_date,
                    True,
                    step.warning_level,
                    _notes(case, started, step.limit_days),
                )
            )
    if not case.parent_id:
        decided = timezone.localdate(case.decided_at) if case.decided_at else None
        rows.append(
            ClockRow(
                Clock.DELIVERY,
                str(Clock.DELIVERY.label),
                decided,
                case.delivery_due,
                current == Clock.DELIVERY,
                level if current == Clock.DELIVERY else WarningLevel.NORMAL,
                _notes(case, decided, DELIVERY_DAYS) if case.delivery_due else (),
            )
        )
    return rows


def case_records(case: Case) -> QuerySet[SupervisionRecord]:
    return case.supervision.select_related("step").order_by("raised_on", "id")
