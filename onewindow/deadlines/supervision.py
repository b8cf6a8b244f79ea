"""电子监察: warning levels of running cases, moved by a periodic sweep.

A case is yellow from ``YELLOW_WORKING_DAYS`` working days before its deadline and red once the
deadline has passed. Every case carries the day its level may next change
(``next_level_change``); the sweep reads only cases whose day has come, so its cost follows the
cases whose level changes, not the number of open cases. Any transition of a running case sets
that day to today (its deadline may have moved), so the next sweep looks at it again.

Each rise in level writes a ``SupervisionRecord`` and tells the department's reviewers and
approvers in their in-app inbox.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from onewindow.cases.choices import RUNNING_STATES, WarningLevel
from onewindow.cases.models import Case
from onewindow.deadlines.calendar import CalendarNotLoaded, calendar_for
from onewindow.deadlines.models import SupervisionRecord
from onewindow.notifications.services import notification_queue
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Assignment

RANK = {WarningLevel.NORMAL: 0, WarningLevel.YELLOW: 1, WarningLevel.RED: 2}


def yellow_days() -> int:
    return settings.ONEWINDOW_YELLOW_WORKING_DAYS


def level_of(case: Case, today: datetime.date) -> tuple[str, datetime.date | None]:
    """The case's level today and the next day it may change (None: not before a transition)."""
    due = case.due_date
    if case.state not in RUNNING_STATES or due is None:
        return WarningLevel.NORMAL, None
    if today > due:
        return WarningLevel.RED, None
    try:
        calendar = calendar_for(case.home_place_id)
        # Yellow on the last ``yellow_days`` working days up to and including the deadline.
        start = due
        for _step in range(yellow_days()):
            start -= datetime.timedelta(days=1)
            while not calendar.is_workday(start):
                start -= datetime.timedelta(days=1)
        start += datetime.timedelta(days=1)
    except CalendarNotLoaded:
        start = due
    if today >= start:
        return WarningLevel.YELLOW, due + datetime.timedelta(days=1)
    return WarningLevel.NORMAL, start


def _notify(case: Case, level: str) -> None:
    staff = Assignment.objects.filter(
        department_id=case.department_id, role__in=[Role.REVIEWER, Role.APPROVER]
    ).select_related("staff__user")
    with override(settings.LANGUAGE_CODE):
        body = _("%(level)s: case %(number)s “%(title)s” is due %(due)s.") % {
            "level": WarningLevel(level).label,
            "number": case.number,
            "title": case.title,
            "due": case.due_date.isoformat() if case.due_date else "—",
        }
    for assignment in staff:
        notification_queue(
            event="supervision.warning",
            subject=str(WarningLevel(level).label),
            body=body,
            recipient_user=assignment.staff.user,
            case_number=case.number,
            place=case.home_place,
            region_code=case.region_code,
        )


def warnings_sweep(*, today: datetime.date | None = None) -> int:
    """Move due cases between levels; returns how many rose (and got a record)."""
    today = today or timezone.localdate()
    raised = 0
    due = (
        Case.objects.filter(next_level_change__lte=today)
        .select_related("department", "home_place")
        .order_by("next_level_change", "pk")
    )
    for case in due.iterator(chunk_size=500):
        level, next_change = level_of(case, today)
        with transaction.atomic():
            updated = Case.objects.filter(pk=case.pk, revision=case.revision).update(
                warning_level=level, next_level_change=next_change
            )
            if not updated:
                continue  # a transition just happened; the next sweep looks again
            if RANK[WarningLevel(level)] > RANK[WarningLevel(case.warning_level)]:
                SupervisionRecord.objects.create(
                    case=case,
                    rule="deadline",
                    level=level,
                    content=_("Deadline %(due)s") % {"due": case.due_date},
                    department=case.department,
                    due_date=case.due_date,
                    raised_on=today,
                )
                _notify(case, level)
                raised += 1
    return raised
