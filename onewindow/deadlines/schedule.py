"""A year's schedule as the State Council publishes it, and the checks it must pass.

Plain data and pure functions: ``services.calendar_schedule_enter`` stores what passes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from onewindow.core.errors import DomainError

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_HOLIDAY_LENGTH = 31  # days; the longest ever was the extended 2020 Spring Festival
NAME_LENGTH = 60


class ScheduleInvalid(DomainError):
    """A year's schedule has problems; ``problems`` lists each one, nothing was saved."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class HolidayRange:
    """One holiday of the State Council's notice: every day from first to last is off."""

    name: str
    first_day: datetime.date
    last_day: datetime.date


@dataclass(frozen=True)
class MakeupDay:
    """A weekend day on which people work instead (调休上班)."""

    day: datetime.date
    name: str = ""


def check_year(year: object) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(
            _("The year must lie between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
        )
    return year


def schedule_problems(
    year: int, holidays: Sequence[HolidayRange], makeup_days: Sequence[MakeupDay]
) -> list[str]:
    # The notice for a year may start in late December of the year before (元旦 bridges).
    window = (datetime.date(year - 1, 12, 1), datetime.date(year, 12, 31))
    outside = _("%(day)s lies outside %(first)s – %(last)s.")
    problems: list[str] = []
    if not holidays:
        problems.append(_("Enter at least one holiday."))
    taken: dict[datetime.date, str] = {}
    for h in holidays:
        label = h.name or "—"
        if not h.name.strip():
            problems.append(_("Every holiday needs a name."))
        elif len(h.name) > NAME_LENGTH:
            problems.append(_("The name “%(name)s” is too long.") % {"name": label})
        if h.last_day < h.first_day:
            problems.append(_("%(name)s ends before it starts.") % {"name": label})
            continue
        if (h.last_day - h.first_day).days >= MAX_HOLIDAY_LENGTH:
            problems.append(
                _("%(name)s is longer than %(n)s days.") % {"name": label, "n": MAX_HOLIDAY_LENGTH}
            )
            continue
        for d in (h.first_day, h.last_day):
            if not window[0] <= d <= window[1]:
                problems.append(outside % {"day": d, "first": window[0], "last": window[1]})
        day = h.first_day
        while day <= h.last_day:
            if day in taken:
                problems.append(
                    _("%(day)s is in both %(a)s and %(b)s.")
                    % {"day": day, "a": taken[day], "b": label}
                )
                break
            taken[day] = label
            day += datetime.timedelta(days=1)
    seen: set[datetime.date] = set()
    for m in makeup_days:
        if not window[0] <= m.day <= window[1]:
            problems.append(outside % {"day": m.day, "first": window[0], "last": window[1]})
        if m.day.weekday() < 5:
            problems.append(
                _("%(day)s is a weekday; a make-up working day replaces a Saturday or Sunday.")
                % {"day": m.day}
            )
        if m.day in taken:
            problems.append(_("%(day)s is both a holiday and a working day.") % {"day": m.day})
        if m.day in seen:
            problems.append(_("%(day)s is entered twice.") % {"day": m.day})
        if len(m.name) > NAME_LENGTH:
            problems.append(_("The name “%(name)s” is too long.") % {"name": m.name})
        seen.add(m.day)
    return list(dict.fromkeys(problems))


def nearest_holiday(day: datetime.date, holidays: Sequence[HolidayRange]) -> str:
    def distance(h: HolidayRange) -> int:
        return min(abs((day - h.first_day).days), abs((day - h.last_day).days))

    return min(holidays, key=distance).name if holidays else ""
