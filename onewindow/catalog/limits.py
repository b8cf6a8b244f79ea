"""Can a promised time limit end after the statutory one? Compared across units honestly.

A limit in working days and a limit in calendar days have no fixed ratio: seven working days are
nine calendar days in an ordinary week and eighteen across the 2020 Spring Festival. The catalog
therefore asks the question on real calendars: over every schedule the State Council has
published (2004 to the last year of the maintained ``chinesecalendar`` library), is there a day
of acceptance on which the promise ends later than the statutory period?

The statutory period ends by the rules of ``onewindow.deadlines.calendar`` (the start day is not
counted; a calendar-day period whose last day is a day off ends on the next working day, 民法典
§203). With ``span(k)`` the calendar days from acceptance to the k-th working day after it:

* working-day promise N, calendar-day statute M: the promise ends later exactly when the first
  M − 1 days after acceptance hold at most N − 2 working days (the N-th working day then comes
  after the working day on which the rolled period ends), i.e. when ``span(N − 1) ≥ M`` for some
  acceptance day — so the promise is refused when the *longest* such span reaches M;
* calendar-day promise N, working-day statute M: the promise ends later exactly when the M-th
  working day falls before day N, i.e. when ``span(M) < N`` — refused when the *shortest* span
  of M working days is below N (weeks with make-up working days make it short);
* the same unit: N > M (for calendar days some acceptance day has a working last day).

No module of the deadlines app is imported (the two apps share a floor); the stored calendar of a
deployment can only add later years, which ``cases.clock`` guards at computation: a case's
promised deadline is never later than its statutory one.
"""

from __future__ import annotations

import datetime
import functools
from bisect import bisect_right
from dataclasses import dataclass

from onewindow.catalog.choices import LimitUnit

WORKING = LimitUnit.WORKING_DAYS.value
CALENDAR = LimitUnit.CALENDAR_DAYS.value


@dataclass(frozen=True)
class Overrun:
    """A day of acceptance on which the promise ends after the statutory period."""

    accepted: datetime.date
    promised_end: datetime.date
    statutory_end: datetime.date


@functools.cache
def _workdays() -> tuple[int, ...]:
    """Ordinals of the working days of every published schedule, in order."""
    import chinese_calendar

    years = {d.year for d in chinese_calendar.holidays} | {
        d.year for d in chinese_calendar.workdays
    }
    first = datetime.date(min(years), 1, 1).toordinal()
    last = datetime.date(max(years), 12, 31).toordinal()
    off = {d.toordinal() for d in chinese_calendar.holidays}
    on = {d.toordinal() for d in chinese_calendar.workdays}
    return tuple(
        o for o in range(first, last + 1) if o in on or (o not in off and o % 7 not in (6, 0))
    )


def _nth(after: int, n: int) -> int | None:
    work = _workdays()
    index = bisect_right(work, after) + n - 1
    return work[index] if index < len(work) else None


def _roll(day: int) -> int | None:
    work = _workdays()
    index = bisect_right(work, day - 1)
    return work[index] if index < len(work) else None


def _starts() -> range:
    work = _workdays()
    return range(work[0] - 1, work[-1])


@functools.cache
def _extreme_span(k: int, longest: bool) -> tuple[int, int]:
    """(span, acceptance ordinal) of the longest (or shortest) way to the k-th working day."""
    best: tuple[int, int] | None = None
    for start in _starts():
        end = _nth(start, k)
        if end is None:
            break
        span = end - start
        if best is None or (span > best[0] if longest else span < best[0]):
            best = (span, start)
    if best is None:  # pragma: no cover - the library holds two decades
        raise ValueError(f"no calendar reaches the {k}-th working day")
    return best


def promise_overrun(
    promised: int, promised_unit: str, statutory: int, statutory_unit: str
) -> Overrun | None:
    """The acceptance day (of any published schedule) on which the promise ends after the
    statutory period, with both ends; ``None`` when it never does."""
    if promised <= 0 or statutory <= 0:
        return None
    if promised_unit == statutory_unit:
        if promised <= statutory:
            return None
        # Working days: any acceptance day shows it; calendar days: the first whose promised
        # last day is a working day (two weekends in a row roll both periods to one Monday).
        for start in _starts():
            found = _example(start, promised, promised_unit, statutory, statutory_unit)
            if found is not None:
                return found
        return None  # pragma: no cover - a working day always comes
    if promised_unit == WORKING:
        if promised == 1:
            return None  # the first working day never comes after the rolled period ends
        span, start = _extreme_span(promised - 1, longest=True)
        if span < statutory:
            return None
    else:
        span, start = _extreme_span(statutory, longest=False)
        if span >= promised:
            return None
    return _example(start, promised, promised_unit, statutory, statutory_unit)


def _end(start: int, n: int, unit: str) -> int | None:
    return _nth(start, n) if unit == WORKING else _roll(start + n)


def _example(
    start: int, promised: int, promised_unit: str, statutory: int, statutory_unit: str
) -> Overrun | None:
    p, s = _end(start, promised, promised_unit), _end(start, statutory, statutory_unit)
    if p is None or s is None or p <= s:
        return None
    return Overrun(
        datetime.date.fromordinal(start), datetime.date.fromordinal(p), datetime.date.fromordinal(s)
    )
