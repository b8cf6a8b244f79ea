"""Warning levels of the statutory clocks, written for the supervision sweep.

Supervision decides what level a case's clock (and its open step's limit) has reached today and
when it may next change; the rows are the cases app's, so the writes happen here. A change is
written only if the case is still as the sweep read it (a compare-and-set): the same ``revision``
(a transition in between resets the clock and its day, and the next sweep looks again), and the
same ``warning_level`` and ``next_level_change``. A sweep always moves ``next_level_change`` past
the day it read (a written day is after today, or none), so when two sweeps read the same due case
at once, only the first write matches: on PostgreSQL the second ``UPDATE`` waits for the first
one's row lock and then finds the row changed. One rise gives exactly one record, audit entry and
notice, whatever runs at once (issue 17 item 10).

The writes are what the sweep always issued: one conditional ``UPDATE`` per case and one per
step whose level rose, with no read and no savepoint of their own, inside the caller's
transaction (the sweep's batch), so the sweep's query count does not change.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from onewindow.cases.models import Case, CaseStep


@dataclass(frozen=True)
class LevelChange:
    """The levels one sweep computed for a case, against the revision it read."""

    case: Case
    level: str
    next_change: datetime.date | None  # None: the level cannot change by itself any more
    step: CaseStep | None = None  # the open step, when its own level rose
    step_level: str | None = None


def case_levels_apply(*, changes: Iterable[LevelChange]) -> set[int]:
    """Write each change unless its case changed since it was read; return the written cases' pks.

    The caller records a rise (supervision record, audit, notices) only for written cases, so a
    case a transition just reset gets no warning on the strength of a stale level."""
    written: set[int] = set()
    for change in changes:
        case = change.case
        updated = Case.objects.filter(
            pk=case.pk,
            revision=case.revision,
            warning_level=case.warning_level,
            next_level_change=case.next_level_change,
        ).update(warning_level=change.level, next_level_change=change.next_change)
        if not updated:
            continue
        case.warning_level, case.next_level_change = change.level, change.next_change
        if change.step is not None and change.step_level is not None:
            CaseStep.objects.filter(pk=change.step.pk).update(warning_level=change.step_level)
            change.step.warning_level = change.step_level
        written.add(case.pk)
    return written
