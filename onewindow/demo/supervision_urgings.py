"""Demo 督办: the demo supervisor urges three red or yellow cases of the demo county.

Through the urging services, with past working-day times, so the list shows one urging of each
kind: closed after the department's reply, replied and awaiting the supervisor, and one whose
reply is overdue. Cases accepted after the planned sending time are passed over, so no urging
predates its case. Does nothing when the supervisor is missing or urgings already exist.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from onewindow.accounts.models import User
from onewindow.cases.choices import RUNNING_STATES, WarningLevel
from onewindow.cases.models import Case
from onewindow.core.errors import DomainError
from onewindow.deadlines.calendar import CalendarNotLoaded, WorkCalendar, calendar_for
from onewindow.demo import county
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Assignment, Region
from onewindow.supervision.choices import UrgingState
from onewindow.supervision.models import Urging
from onewindow.supervision.urging import (
    urging_close,
    urging_reply,
    urging_send,
    urgings_overdue_sweep,
)

SUPERVISOR = "supervisor"


@dataclass(frozen=True)
class Plan:
    """Working days back from today of each action (None: not done), and the reply days."""

    sent: int
    days: int
    replied: int | None
    closed: int | None


PLANS = (
    Plan(sent=4, days=2, replied=3, closed=2),  # closed after a timely reply
    Plan(sent=2, days=2, replied=1, closed=None),  # replied, awaiting the supervisor
    Plan(sent=3, days=1, replied=None, closed=None),  # no reply: the sweep marks it overdue
)
MESSAGE = "该件{level}，请立即核查办理进度，说明原因并在回复期限内报告办理情况，尽快依法办结。"
REPLY = "已安排专人加快审查，超期原因为申请材料需现场核查，预计两个工作日内作出决定。"
RESULT = "部门已说明原因并承诺限期办结，本次督办办结，电子监察继续跟踪该件办理情况。"


def _workday(calendar: WorkCalendar, day: datetime.date) -> bool:
    try:
        return calendar.is_workday(day)
    except CalendarNotLoaded:  # a year nobody loaded: Monday to Friday
        return day.weekday() < 5


def _days_back(calendar: WorkCalendar, today: datetime.date, n: int) -> datetime.date:
    day = today
    for _step in range(n):
        day -= datetime.timedelta(days=1)
        while not _workday(calendar, day):
            day -= datetime.timedelta(days=1)
    return day


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, 0), tzinfo=timezone.get_current_timezone()
    )


def _answerer(department_id: int | None) -> User | None:
    if department_id is None:
        return None
    found = (
        Assignment.objects.filter(
            department_id=department_id, role__in=[Role.REVIEWER, Role.APPROVER]
        )
        .select_related("staff__user")
        .order_by("pk")
        .first()
    )
    return found.staff.user if found else None


def load(today: datetime.date) -> int:
    """Send (and answer, close) the demo urgings; returns how many were sent."""
    supervisor = get_user_model().objects.filter(username=SUPERVISOR).first()
    region = Region.objects.filter(code=county.COUNTY[0]).first()
    if supervisor is None or region is None or Urging.objects.exists():
        return 0
    candidates = list(
        Case.objects.filter(
            region_code__startswith=region.prefix,
            state__in=RUNNING_STATES,
            warning_level__in=[WarningLevel.RED, WarningLevel.YELLOW],
            department__isnull=False,
            accepted_at__isnull=False,
        )
        .exclude(urgings__state=UrgingState.SENT)
        .select_related("department", "home_place")
        # "red" sorts before "yellow": the most overdue cases are urged first.
        .order_by("warning_level", "due_date", "pk")[:50]
    )
    sent = 0
    for plan in PLANS:
        for case in candidates:
            calendar = calendar_for(case.home_place_id)
            at = _at(_days_back(calendar, today, plan.sent), 10)
            if case.accepted_at is None or case.accepted_at > at:  # None: filtered out above
                continue
            answerer = _answerer(case.department_id)
            if plan.replied is not None and answerer is None:
                continue
            candidates.remove(case)
            level = "已超过承诺时限" if case.warning_level == WarningLevel.RED else "临近承诺时限"
            try:
                urging = urging_send(
                    case=case,
                    actor=supervisor,
                    message=MESSAGE.format(level=level),
                    days=plan.days,
                    at=at,
                )
            except DomainError:  # e.g. no calendar for that year: try the next case
                continue
            sent += 1
            if plan.replied is not None and answerer is not None:  # None: skipped above
                replied_at = _at(_days_back(calendar, today, plan.replied), 15)
                urging = urging_reply(
                    urging=urging,
                    actor=answerer,
                    reply=REPLY,
                    expected_revision=urging.revision,
                    at=replied_at,
                )
            if plan.closed is not None:
                closed_at = _at(_days_back(calendar, today, plan.closed), 11)
                urging_close(
                    urging=urging,
                    actor=supervisor,
                    result=RESULT,
                    expected_revision=urging.revision,
                    at=closed_at,
                )
            break
    urgings_overdue_sweep(today=today)
    return sent
