"""Reads for the staff case page: the clocks a case runs against and its supervision history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from onewindow.cases.choices import STATE_CLOCK, CaseState, WarningLevel
from onewindow.cases.models import Case
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
    note: str = ""

    @property
    def level_label(self) -> str:
        return str(WarningLevel(self.level).label)


def case_clocks(case: Case) -> list[ClockRow]:
    """Every statutory clock of the case: when it started, its deadline, whether it runs now."""
    current = STATE_CLOCK.get(case.state)
    level = case.warning_level
    rows = [
        ClockRow(
            Clock.ACCEPTANCE,
            str(Clock.ACCEPTANCE.label),
            timezone.localdate(case.received_at) if case.received_at else None,
            case.acceptance_due,
            current == Clock.ACCEPTANCE,
            level if current == Clock.ACCEPTANCE else WarningLevel.NORMAL,
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
            rows.append(
                ClockRow(
                    Clock.STEP,
                    f"{Clock.STEP.label} · {step.name}",
                    timezone.localdate(step.started_at),
                    step.due_date,
                    True,
                    step.warning_level,
                )
            )
    if not case.parent_id:
        rows.append(
            ClockRow(
                Clock.DELIVERY,
                str(Clock.DELIVERY.label),
                timezone.localdate(case.decided_at) if case.decided_at else None,
                case.delivery_due,
                current == Clock.DELIVERY,
                level if current == Clock.DELIVERY else WarningLevel.NORMAL,
            )
        )
    return rows


def case_records(case: Case) -> QuerySet[SupervisionRecord]:
    return case.supervision.select_related("step").order_by("raised_on", "id")
