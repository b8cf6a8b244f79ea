"""Deadlines of a case, counted on the working-day calendar of its competent center.

The arithmetic lives in ``onewindow.deadlines``; this module only says which dates and pauses a
case contributes. A year missing from the calendar leaves the deadline unset (shown as "to be
set") rather than guessed: the administrator is warned to load it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext

from onewindow.cases.choices import CaseState
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


# 行政许可法 §45: the time a special procedure takes is not counted; every page says so.
PAUSED_TEXT = _lazy("Special procedure: the clock is paused")
# The State Council publishes the next year's holiday schedule in November or December.
SCHEDULE_PUBLISHED = _lazy("usually in November or December of the year before")


@dataclass(frozen=True)
class Deadline:
    """The case's deadline as every page shows it, with what qualifies it.

    ``due`` is the promised deadline, never later than the statutory one (``capped`` says the
    promise ran past the law and the statutory day is shown instead). While a §45 procedure runs
    (``paused``) it is the deadline as it stands if the pause ended today. ``provisional`` names
    the years counted on an estimated calendar, ``missing`` the year whose schedule is not
    entered (``due`` is then unknown).
    """

    due: datetime.date | None
    promised: datetime.date | None = None
    statutory: datetime.date | None = None
    capped: bool = False
    paused: bool = False
    provisional: tuple[int, ...] = ()
    missing: int | None = None

    @property
    def firm(self) -> bool:
        return self.due is not None and not self.provisional and not self.paused

    @property
    def pending_years(self) -> tuple[int, ...]:
        return (self.missing,) if self.missing else self.provisional

    @property
    def pending_reason(self) -> str:
        """Why the date is not firm yet, and when it will be: empty for a firm or paused date."""
        if self.missing:
            return _(
                "The holiday schedule of %(year)s has not been published yet (the State Council "
                "publishes it %(when)s); the deadline is set as soon as it is entered."
            ) % {"year": self.missing, "when": SCHEDULE_PUBLISHED}
        if self.provisional:
            return _(
                "Provisional: counted on an estimated calendar of %(years)s without make-up "
                "working days. The State Council publishes the schedule %(when)s; the date is "
                "confirmed, and may move, once it is entered."
            ) % {"years": "、".join(str(y) for y in self.provisional), "when": SCHEDULE_PUBLISHED}
        return ""

    @property
    def capped_reason(self) -> str:
        if not self.capped or self.statutory is None or self.promised is None:
            return ""
        return _(
            "The promised limit would end on %(promised)s, after the statutory limit: the "
            "statutory deadline %(statutory)s applies."
        ) % {"promised": self.promised.isoformat(), "statutory": self.statutory.isoformat()}


def _years_counted(start: datetime.date, due: datetime.date, unit: str) -> range:
    """The calendar years a deadline depends on: every year counted for working days, only the
    last day's (a §203 roll) for calendar days."""
    return range(start.year if unit == LimitUnit.WORKING_DAYS else due.year, due.year + 1)


def _statutory(case: Case) -> tuple[int, str] | None:
    """The statutory limit of the version the case was filed under (a joint parent has none)."""
    if case.version_id is None:
        return None
    limit = case.filed_version.guide.statutory_limit
    if limit is None or not limit.value:
        return None
    return limit.value, limit.unit or LimitUnit.WORKING_DAYS.value


def case_deadline(case: Case, today: datetime.date | None = None) -> Deadline:
    """The deadline, computed now: capped at the statutory one (行政许可法 §42 and the item's own
    statute; a promise is a commitment inside the law), paused days left out, and marked when it
    rests on a provisional or missing calendar year."""
    start = local_date(case.accepted_at)
    if start is None:
        return Deadline(None)
    paused = any(p.pauses_clock and p.ended_on is None for p in case.procedures.all())
    pauses = pauses_of(case, today)
    calendar = calendar_for(case.home_place)
    try:
        promised = calendar.add_days(
            start, case.promised_days + case.extension_days, unit=case.limit_unit, pauses=pauses
        )
    except CalendarNotLoaded as exc:
        return Deadline(None, paused=paused, missing=exc.year)
    statutory = None
    law = _statutory(case)
    if law is not None:
        value, unit = law
        try:
            statutory = calendar.add_days(start, value, unit=unit, pauses=pauses)
            # A §42 extension lengthens the statutory limit too, in the case's own unit.
            if case.extension_days:
                statutory = calendar.add_days(statutory, case.extension_days, unit=case.limit_unit)
        except CalendarNotLoaded as exc:
            # The statutory period runs into a year not loaded yet: past the promise when that
            # year is later than the promised day's, so the promise stands; unknown otherwise.
            if exc.year <= promised.year:
                return Deadline(None, paused=paused, missing=exc.year)
            statutory = None
    capped = statutory is not None and promised > statutory
    due = statutory if capped and statutory is not None else promised
    unit = case.limit_unit if not capped or law is None else law[1]
    provisional = tuple(
        y for y in _years_counted(start, due, unit) if y in calendar.provisional_years
    )
    return Deadline(due, promised, statutory, capped, paused, provisional)


def case_due_date(case: Case, today: datetime.date | None = None) -> datetime.date | None:
    """The deadline stored on the case (``case_deadline`` without its qualifications)."""
    return case_deadline(case, today).due


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


def _counted_limit(case: Case, deadline: Deadline) -> tuple[int, str]:
    """The limit the deadline was counted from: the promise, or the statute when it is capped."""
    law = _statutory(case) if deadline.capped else None
    if law is not None and (not case.extension_days or law[1] == case.limit_unit):
        return law[0] + case.extension_days, law[1]
    return case.promised_days + case.extension_days, case.limit_unit


def case_deadline_explanation(
    case: Case, today: datetime.date | None = None, deadline: Deadline | None = None
) -> list[DayNote]:
    """Day by day from acceptance to the deadline: counted, weekend, holiday, make-up day,
    paused by a special procedure ("why is my deadline this day?"). Empty when unknown."""
    start = local_date(case.accepted_at)
    if start is None:
        return []
    deadline = deadline or case_deadline(case, today)
    n, unit = _counted_limit(case, deadline)
    try:
        return calendar_for(case.home_place).explain(
            start, n, unit=unit, pauses=pauses_of(case, today)
        )
    except CalendarNotLoaded:
        return []


def deadline_in_words(case: Case, today: datetime.date | None = None) -> str:
    """The explanation for the applicant, in one plain sentence, in the unit counted; with why
    the statutory day applies, that the clock is paused, or that the date is provisional."""
    deadline = case_deadline(case, today)
    if deadline.due is None:
        return deadline.pending_reason
    notes = case_deadline_explanation(case, today, deadline)
    if not notes:
        return ""
    sentence = _sentence(notes, _counted_limit(case, deadline)[1], deadline.due)
    extra = [deadline.capped_reason, deadline.pending_reason]
    if deadline.paused:
        extra.insert(
            0,
            str(PAUSED_TEXT)
            + _(": the deadline shown is where it stands if the procedure ended today."),
        )
    return " ".join(p for p in [sentence, *extra] if p)


def _sentence(notes: list[DayNote], unit: str, due: datetime.date) -> str:
    working = unit == LimitUnit.WORKING_DAYS
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
        "due": due.isoformat(),
    }


def deadline_shown(case: Case, today: datetime.date | None = None) -> Deadline:
    """What a list row shows: the stored deadline when it is final, recomputed only for a paused
    clock (its stored date is the one of the day the pause began) or an unknown one."""
    start = local_date(case.accepted_at)
    if start is None or case.state == CaseState.SUSPENDED or case.due_date is None:
        return case_deadline(case, today)
    years = calendar_for(case.home_place_id).provisional_years
    counted = _years_counted(start, case.due_date, case.limit_unit)
    return Deadline(case.due_date, provisional=tuple(y for y in counted if y in years))


def deadline_snapshot(deadline: Deadline) -> dict[str, str]:
    """What a formal notice stores about the deadline besides the date: whether it is firm,
    provisional or still to be set, and why (in the site's language: a notice is a record)."""
    from django.conf import settings
    from django.utils.translation import override

    status = "firm" if deadline.due and not deadline.provisional else "provisional"
    if deadline.due is None:
        status = "pending" if deadline.missing else "firm"
    with override(settings.LANGUAGE_CODE):
        note = " ".join(p for p in (deadline.pending_reason, deadline.capped_reason) if p)
    return {"due_status": status, "due_note": note}
