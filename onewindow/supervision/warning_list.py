"""The yellow and red lists (预警 / 超期): which cases, how many, and how far past their deadline.

Population, as the warnings page states it: every case the reader may see that runs against a
statutory clock now (received: the §32 acceptance notice; in review or paused: the promised
limit; decided: the §44 delivery), at the level the supervision sweep last gave it, whatever the
day the deadline fell. This differs from the figures page (``figures.py``), which counts accepted
cases by period; ``figures_vs_warnings`` in the tests shows how the two meet: the red cases on
the decision clock whose deadline falls in a period are the period's "open and overdue".

The workspaces count with the same functions the list pages filter with, so a count and the
list behind its link show the same number.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Case as SqlCase
from django.db.models import Count, F, Prefetch, Q, QuerySet, When
from django.utils import timezone

from onewindow.cases.choices import CLOCKED_STATES, STATE_CLOCK, CaseKind, CaseState, WarningLevel
from onewindow.cases.models import Case
from onewindow.supervision.choices import Clock
from onewindow.supervision.sweep import clock_of

if TYPE_CHECKING:
    from onewindow.accounts.models import User

LEVELS = (WarningLevel.RED, WarningLevel.YELLOW)
# The clocks a case runs against by its state (the step and urging clocks have lists of their own).
CASE_CLOCKS = (Clock.ACCEPTANCE, Clock.DECISION, Clock.DELIVERY)


def warned_cases(user: User | None) -> QuerySet[Case]:
    """Cases the user may see that run against a clock now, at any warning level."""
    return Case.objects.visible_to(user).filter(state__in=CLOCKED_STATES)


def warning_cases(user: User | None, *, level: str, clock: str = "") -> QuerySet[Case]:
    """The list of one level (and optionally one clock), the longest overdue first."""
    qs = warned_cases(user).filter(warning_level=level)
    if clock:
        qs = qs.filter(state__in=[s for s, c in STATE_CLOCK.items() if c == clock])
    return qs


def warning_counts(user: User | None) -> dict[str, int]:
    """Red and yellow, all clocks, in one query: the numbers the list shows for each level."""
    return warned_cases(user).aggregate(
        red=Count("pk", filter=Q(warning_level=WarningLevel.RED)),
        yellow=Count("pk", filter=Q(warning_level=WarningLevel.YELLOW)),
    )


def clock_counts(user: User | None, *, level: str) -> dict[str, int]:
    """The cases of one level on each clock (one query), for the clock filter's buttons."""
    conditions = {
        clock.value: Count(
            "pk", filter=Q(state__in=[s for s, c in STATE_CLOCK.items() if c == clock])
        )
        for clock in CASE_CLOCKS
    }
    return warning_cases(user, level=level).aggregate(**conditions)


@dataclass(frozen=True)
class WarningRow:
    case: Case
    clock: str | None
    due: datetime.date | None
    # Calendar days from the deadline to today (a red case's lateness); None when not yet due.
    days_overdue: int | None
    # The department, or for a joint application (一件事) the departments of its parts.
    departments: tuple[str, ...]

    @property
    def clock_label(self) -> str:
        return str(Clock(self.clock).label) if self.clock else "—"


def days_overdue(due: datetime.date | None, today: datetime.date) -> int | None:
    """Calendar days the deadline is behind today: 1 on the day after the last day."""
    if due is None or due >= today:
        return None
    return (today - due).days


def warning_rows(
    cases: QuerySet[Case], *, limit: int, today: datetime.date | None = None
) -> list[WarningRow]:
    """The rows of the list: at most ``limit`` cases, the earliest deadline (longest overdue)
    first, a joint application with its parts' departments (one query for all parts)."""
    today = today or timezone.localdate()
    parts = Prefetch(
        "parts",
        queryset=Case.objects.filter(kind=CaseKind.PART)
        .select_related("department")
        .order_by("stage", "pk"),
    )
    # The deadline of the clock each case runs against (``sweep.clock_of``), in SQL, so that the
    # first ``limit`` are the right ones on every database (NULLs sort differently).
    clock_due = SqlCase(
        When(state=CaseState.RECEIVED, then=F("acceptance_due")),
        When(state=CaseState.DECIDED, then=F("delivery_due")),
        default=F("due_date"),
    )
    chosen = list(
        cases.select_related("department", "home_place")
        .prefetch_related(parts)
        .annotate(clock_due=clock_due)
        .order_by(F("clock_due").asc(nulls_last=True), "pk")[:limit]
    )
    rows = []
    for case in chosen:
        clock, due = clock_of(case)
        if case.kind == CaseKind.JOINT:
            names = tuple(
                dict.fromkeys(p.department.name for p in case.parts.all() if p.department)
            )
        else:
            names = (case.department.name,) if case.department else ()
        rows.append(WarningRow(case, clock, due, days_overdue(due, today), names))
    # The deadline differs by clock; order by the one each case runs against.
    rows.sort(key=lambda r: (r.due or datetime.date.max, r.case.pk))
    return rows
