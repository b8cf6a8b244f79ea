"""电子监察: warning levels of the statutory clocks, moved by a periodic sweep.

A case runs against one clock at a time, chosen by its state:

- received, awaiting acceptance: the §32 acceptance notice (five working days from receipt);
- under review: the promised limit (paused while a §45 special procedure runs), and beside it the
  limit of the back-office step it is at;
- decided, awaiting delivery: the §44 delivery limit (ten working days from the decision).

A clock is yellow from ``YELLOW_WORKING_DAYS`` working days before its deadline and red once the
deadline has passed. Every case carries the day its level may next change
(``next_level_change``, indexed); the sweep reads only cases whose day has come, so its cost
follows the cases whose level changes, not the number of open cases. Every transition into a
clocked state sets that day to today (a deadline may have moved), so the next sweep looks again.

The levels themselves are written by the cases app (``cases.services.levels``): supervision
reads cases and decides, it does not update their rows.

Each rise in level writes a ``SupervisionRecord``, appends it to the audit chain and tells the
responsible staff in their in-app inbox: the window for acceptance and delivery, the
department's reviewers and approvers for the limit, the step's role in the department for a
step. Records and audit links of a batch are written in bulk.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, cast

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from onewindow.cases.choices import Actor, CaseState, WarningLevel
from onewindow.cases.models import Case, CaseStep
from onewindow.cases.services.levels import LevelChange, case_levels_apply
from onewindow.core.audit import Link, audit_append_many
from onewindow.core.locks import single_runner
from onewindow.deadlines.calendar import CalendarNotLoaded, WorkCalendar, calendar_for
from onewindow.notifications.services import notification_build, notifications_save
from onewindow.organisations.choices import Role
from onewindow.organisations.selectors import users_in_roles
from onewindow.supervision.choices import Clock
from onewindow.supervision.models import SupervisionRecord

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


logger = logging.getLogger(__name__)


class _OpenSteps(TypedDict):
    open_steps: list[CaseStep]  # the sweep's prefetch of a case's unfinished steps


RANK = {WarningLevel.NORMAL: 0, WarningLevel.YELLOW: 1, WarningLevel.RED: 2}
BATCH = 200


def yellow_days() -> int:
    return settings.ONEWINDOW_YELLOW_WORKING_DAYS


def clock_of(case: Case) -> tuple[str | None, datetime.date | None]:
    """The clock the case runs against in its state, and that clock's deadline."""
    if case.state == CaseState.RECEIVED:
        return Clock.ACCEPTANCE, case.acceptance_due
    if case.state in (CaseState.IN_REVIEW, CaseState.SUSPENDED):
        return Clock.DECISION, case.due_date
    if case.state == CaseState.DECIDED and not case.parent_id:
        return Clock.DELIVERY, case.delivery_due
    return None, None


def _yellow_from(due: datetime.date, calendar: WorkCalendar | None) -> datetime.date:
    """The first yellow day: the last ``yellow_days`` working days up to and including ``due``."""
    if calendar is None:
        return due
    start = due
    for _step in range(yellow_days()):
        start -= datetime.timedelta(days=1)
        while not calendar.is_workday(start):
            start -= datetime.timedelta(days=1)
    return start + datetime.timedelta(days=1)


def _calendar(case: Case) -> WorkCalendar | None:
    try:
        return calendar_for(case.home_place_id)
    except CalendarNotLoaded:
        return None


def deadline_level(
    due: datetime.date | None, today: datetime.date, calendar: WorkCalendar | None
) -> tuple[str, datetime.date | None]:
    """A deadline's level today and the next day it may change (None: not by itself)."""
    if due is None:
        return WarningLevel.NORMAL, None
    if today > due:
        return WarningLevel.RED, None
    try:
        start = _yellow_from(due, calendar)
    except CalendarNotLoaded:
        start = due
    if today >= start:
        return WarningLevel.YELLOW, due + datetime.timedelta(days=1)
    return WarningLevel.NORMAL, start


def level_of(
    case: Case, today: datetime.date, calendar: WorkCalendar | None = None
) -> tuple[str, datetime.date | None]:
    """The level of the case's clock today and the next day it may change.

    A suspended case keeps its level: the §45 days are not counted, so it cannot fall further
    behind until the procedure ends (a transition that brings the sweep back)."""
    if case.state == CaseState.SUSPENDED:
        return case.warning_level, None
    _clock, due = clock_of(case)
    return deadline_level(due, today, calendar or _calendar(case))


def _earliest(*days: datetime.date | None) -> datetime.date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


@dataclass(frozen=True)
class Rise:
    clock: str
    level: str
    due: datetime.date | None
    step: CaseStep | None = None


class _Memo:
    """What one sweep reads again and again: calendars per center, staff per desk."""

    def __init__(self) -> None:
        self.calendars: dict[int, WorkCalendar | None] = {}
        self.staff: dict[tuple, list] = {}

    def calendar(self, case: Case) -> WorkCalendar | None:
        if case.home_place_id not in self.calendars:
            self.calendars[case.home_place_id] = _calendar(case)
        return self.calendars[case.home_place_id]

    def responsible(self, case: Case, clock: str, step: CaseStep | None) -> list:
        if clock in (Clock.ACCEPTANCE, Clock.DELIVERY):
            place = case.place_id if clock == Clock.ACCEPTANCE else case.home_place_id
            key: tuple = ("place", place)
            if key not in self.staff:
                self.staff[key] = users_in_roles(Role.WINDOW_CLERK, place_id=place)
            return self.staff[key]
        roles = [Role.REVIEWER, Role.APPROVER]
        if step is not None:
            roles = [Role.APPROVER if step.role == Actor.APPROVER else Role.REVIEWER]
        key = ("department", case.department_id, *roles)
        if key not in self.staff:
            self.staff[key] = users_in_roles(*roles, department_id=case.department_id)
        return self.staff[key]


def _content(case: Case, rise: Rise) -> str:
    due = rise.due.isoformat() if rise.due else "—"
    if rise.step is not None:
        return _("Step “%(step)s” due %(due)s") % {"step": rise.step.name, "due": due}
    return _("%(clock)s: due %(due)s") % {"clock": Clock(rise.clock).label, "due": due}


def _record(case: Case, rise: Rise, today: datetime.date, memo: _Memo) -> SupervisionRecord:
    with override(settings.LANGUAGE_CODE):
        content = _content(case, rise)
    # A warning names a person only when one person answers for that desk.
    staff = memo.responsible(case, rise.clock, rise.step)
    return SupervisionRecord(
        case=case,
        step=rise.step,
        clock=rise.clock,
        rule="deadline",
        level=rise.level,
        content=content,
        department=case.department,
        place=case.home_place,
        due_date=rise.due,
        raised_on=today,
        staff=staff[0] if len(staff) == 1 else None,
    )


def _raise_all(raised: Sequence[tuple[Case, Rise]], today: datetime.date, memo: _Memo) -> None:
    """Records, audit links and inbox notices of a batch's rises, written in bulk."""
    records = SupervisionRecord.objects.bulk_create([_record(c, r, today, memo) for c, r in raised])
    audit_append_many(
        [
            Link(
                kind="supervision.warning.raised",
                ref=case.number,
                actor="system",
                content={
                    "record": record.pk,
                    "clock": rise.clock,
                    "level": rise.level,
                    "due": rise.due,
                    "step": rise.step.name if rise.step else "",
                    "department": case.department_id,
                },
            )
            for (case, rise), record in zip(raised, records, strict=True)
        ]
    )
    messages = []
    for (case, rise), record in zip(raised, records, strict=True):
        with override(settings.LANGUAGE_CODE):
            subject = str(WarningLevel(rise.level).label)
            body = _("%(level)s: case %(number)s “%(title)s”. %(content)s.") % {
                "level": subject,
                "number": case.number,
                "title": case.title,
                "content": record.content,
            }
        for user in memo.responsible(case, rise.clock, rise.step):
            messages += notification_build(
                event="supervision.warning",
                subject=subject,
                body=body,
                recipient_user=user,
                case_number=case.number,
                place=case.home_place,
                region_code=case.region_code,
            )
    notifications_save(messages)


def _sweep_one(
    case: WithAnnotations[Case, _OpenSteps], today: datetime.date, memo: _Memo
) -> tuple[LevelChange, list[Rise]]:
    """The case's new levels and what rose; the batch has the levels written and records the
    rises of the cases written."""
    calendar = memo.calendar(case)
    clock, due = clock_of(case)
    level, next_change = level_of(case, today, calendar)
    rises = []
    if clock and RANK[WarningLevel(level)] > RANK[WarningLevel(case.warning_level)]:
        rises.append(Rise(clock, level, due))
    step = case.open_steps[0] if case.state == CaseState.IN_REVIEW and case.open_steps else None
    step_rise = None  # a step's level is written only when it rises
    if step is not None and step.due_date is not None:
        step_level, step_next = deadline_level(step.due_date, today, calendar)
        next_change = _earliest(next_change, step_next)
        if RANK[WarningLevel(step_level)] > RANK[WarningLevel(step.warning_level)]:
            step_rise = Rise(Clock.STEP, step_level, step.due_date, step)
            rises.append(step_rise)
    if step_rise is None:
        return LevelChange(case, level, next_change), rises
    return LevelChange(case, level, next_change, step_rise.step, step_rise.level), rises


def _due_cases() -> QuerySet[Case]:
    open_steps = CaseStep.objects.filter(finished_at__isnull=True).order_by("-started_at", "-id")
    return (
        Case.objects.select_related("department", "home_place")
        .prefetch_related(Prefetch("steps", queryset=open_steps, to_attr="open_steps"))
        .order_by("pk")
    )


def warnings_sweep(*, today: datetime.date | None = None) -> int:
    """Move due cases between levels; returns how many clocks rose (each got a record).

    Safe to run twice at once (issue 17 item 10): on PostgreSQL a second run finds the sweep's
    advisory lock held and returns 0 (``core.locks.single_runner``), and on every engine each
    level is written only over the level and day the sweep read (``case_levels_apply``), so a rise
    that another run already wrote gives no second record, audit entry or notice.
    """
    today = today or timezone.localdate()
    # The due cases' keys are read whole first, and each batch is read again inside its own
    # transaction (issue 17 item 11): a cursor left open across the batches' commits holds an old
    # SQLite snapshot, and once any other connection writes, the next batch's write fails at once
    # with "database is locked" (the busy timeout cannot help a stale snapshot). The keys of even
    # a hundred thousand due cases are a few megabytes.
    keys = list(
        Case.objects.filter(next_level_change__lte=today)
        .order_by("next_level_change", "pk")
        .values_list("pk", flat=True)
    )
    if not keys:
        return 0
    with single_runner("supervision.warnings_sweep") as ours:
        if not ours:
            logger.info("Another warning sweep is running; this one leaves the cases to it")
            return 0
        memo = _Memo()
        raised = 0
        for start in range(0, len(keys), BATCH):
            raised += _sweep_batch(keys[start : start + BATCH], today, memo)
        return raised


def _sweep_batch(keys: list[int], today: datetime.date, memo: _Memo) -> int:
    # One transaction per batch: a commit per case would cost more than the case itself. A
    # failure rolls back the batch only; those cases stay due and the next sweep takes them.
    with transaction.atomic():
        # Read inside the transaction (on SQLite after the write lock is taken): a case another
        # run or a transition moved since the keys were read is seen as it is now, and one no
        # longer due is left alone.
        cases = cast(
            "list[WithAnnotations[Case, _OpenSteps]]",
            list(_due_cases().filter(pk__in=keys, next_level_change__lte=today)),
        )
        swept = [_sweep_one(case, today, memo) for case in cases]
        # A case a transition or another sweep moved since it was read is not written (and gets
        # no record); the next sweep looks again.
        written = case_levels_apply(changes=[change for change, _rises in swept])
        raised = [
            (change.case, rise)
            for change, rises in swept
            if change.case.pk in written
            for rise in rises
        ]
        if raised:
            _raise_all(raised, today, memo)
    return len(raised)
