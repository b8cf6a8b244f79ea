"""Deadlines of a case, counted on the working-day calendar of its competent center.

The arithmetic lives in ``onewindow.deadlines``; this module only says which dates and pauses a
case contributes. A year missing from the calendar leaves the deadline unset (shown as "to be
set") rather than guessed: the administrator is warned to load it.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from onewindow.catalog.choices import LimitUnit
from onewindow.deadlines.calendar import CalendarNotLoaded, DayNote, calendar_for

if TYPE_CHECKING:
    from onewindow.cases.models import Case

# 行政许可法 §32: a correction notice is due within five (working) days of receipt.
CORRECTION_NOTICE_DAYS = 5
# 行政许可法 §44: the result is issued or served within ten (working, §82) days of the decision.
DELIVERY_DAYS = 10


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


def delivery_due(case: Case) -> datetime.date | None:
    start = local_date(case.decided_at)
    if start is None:
        return None
    try:
        return calendar_for(case.home_place).add_days(
            start, DELIVERY_DAYS, unit=LimitUnit.WORKING_DAYS
        )
    except CalendarNotLoaded:
        return None


def step_due_date(case: Case, started: datetime.datetime, limit_days: int) -> datetime.date | None:
    """A back-office step's own limit, counted from the day it started in the item's unit.

    A step is part of the case: its limit never ends after the case's own deadline (an item of 30
    calendar days does not get a step of 25 working days that outlives it).
    """
    if not limit_days:
        return None
    try:
        own = calendar_for(case.home_place).add_days(
            timezone.localdate(started), limit_days, unit=case.limit_unit
        )
    except CalendarNotLoaded:
        return None
    case_due = case_due_date(case, today=local_date(started))
    return min(own, case_due) if case_due else own


def record_decision(case: Case, at: datetime.datetime) -> None:
    """Stamp the decision and what the period figures read from it: days used against the
    promise (paused days left out), working days paused, and the §44 delivery clock."""
    case.decided_at = at
    start, end = local_date(case.accepted_at), local_date(at)
    case.delivery_due = None if case.parent_id else delivery_due(case)
    if start is None or end is None:
        return
    try:
        calendar = calendar_for(case.home_place)
        pauses = pauses_of(case, end)
        case.days_used = calendar.days_between(start, end, case.limit_unit, pauses)
        case.paused_days = calendar.working_days_between(
            start, end
        ) - calendar.working_days_between(start, end, pauses)
    except CalendarNotLoaded:
        case.days_used = None


def case_deadline_explanation(case: Case, today: datetime.date | None = None) -> list[DayNote]:
    """Day by day from acceptance to the deadline: counted, weekend, holiday, make-up day,
    paused by a special procedure ("why is my deadline this day?"). Empty when unknown."""
    start = local_date(case.accepted_at)
    if start is None:
        return []
    try:
        return calendar_for(case.home_place).explain(
            start,
            case.promised_days + case.extension_days,
            unit=case.limit_unit,
            pauses=pauses_of(case, today),
        )
    except CalendarNotLoaded:
        return []


def deadline_in_words(case: Case, today: datetime.date | None = None) -> str:
    """The explanation for the applicant, in one plain sentence, in the item's own unit."""
    notes = case_deadline_explanation(case, today)
    if not notes or case.due_date is None:
        return ""
    working = case.limit_unit == LimitUnit.WORKING_DAYS
    skipped = [n for n in notes[1:] if not n.counted]
    weekends = sum(1 for n in skipped if n.reason == "weekend")
    holidays = [n for n in skipped if n.reason in ("holiday", "closed")]
    # Only the paused days that would have counted were taken off the limit.
    paused = sum(1 for n in skipped if n.reason == "paused" and n.would_count)
    rolled = next((n for n in skipped if n.reason == "rolled"), None)
    names = "、".join(dict.fromkeys(n.name for n in holidays if n.name))
    counted = sum(1 for n in notes if n.counted)
    if working:
        parts = [_("%(n)d working days counted from the day after acceptance") % {"n": counted}]
        if weekends:
            parts.append(_("%(n)d weekend days skipped") % {"n": weekends})
        if holidays:
            parts.append(
                _("%(n)d public holidays skipped (%(names)s)")
                % {"n": len(holidays), "names": names}
                if names
                else _("%(n)d public holidays skipped") % {"n": len(holidays)}
            )
        if paused:
            parts.append(_("%(n)d working days of special procedures not counted") % {"n": paused})
    else:
        parts = [_("%(n)d calendar days counted from the day after acceptance") % {"n": counted}]
        if paused:
            parts.append(_("%(n)d days of special procedures not counted") % {"n": paused})
        if rolled is not None:
            last = next(n for n in reversed(notes) if n.counted)
            parts.append(
                _("the last day, %(day)s, is a day off, so the period ends on the next working day")
                % {"day": last.date.isoformat()}
            )
    return _("%(parts)s: the deadline is %(due)s.") % {
        # Translators: the separator between the parts of the deadline sentence.
        "parts": pgettext("list separator", "; ").join(parts),
        "due": case.due_date.isoformat(),
    }
