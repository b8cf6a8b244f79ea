"""A year's national schedule read from the maintained libraries, as plain data.

``chinesecalendar`` carries the State Council's schedules (holidays with names, make-up working
days) for 2004 to 2026. For other years the ``holidays`` package is asked: it knows the official
substitutions only for the years it has transcribed; for later years it computes the statutory
holidays by rule and moves weekend ones to the next weekday, without any make-up working day. Such
a year is marked provisional so that an administrator checks it against the notice.

Used by the seeding service and by the data migration, so it must not import models.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

from onewindow.deadlines.choices import CalendarSource, DayKind

# The official Chinese names (the library's own short forms are 清明, 端午, 中秋).
_NAMES = {
    "new_years_day": "元旦",
    "spring_festival": "春节",
    "tomb_sweeping_day": "清明节",
    "labour_day": "劳动节",
    "dragon_boat_festival": "端午节",
    "national_day": "国庆节",
    "mid_autumn_festival": "中秋节",
    "anti_fascist_70th_day": "抗战胜利70周年纪念日",
}
_SUBSTITUTED = re.compile(r"(\d{4}-\d{2}-\d{2})")
_HOLIDAY_NAME_SPAN = 10  # days searched for the holiday a substituted day off belongs to


class LibraryMissing(Exception):
    """Neither library knows this year."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


@dataclass(frozen=True)
class LibraryDay:
    date: datetime.date
    kind: str  # a DayKind value
    name: str


@dataclass(frozen=True)
class LibraryYear:
    year: int
    source: str  # a CalendarSource value
    note: str
    days: tuple[LibraryDay, ...]


def chinese_calendar_years() -> set[int]:
    import chinese_calendar

    return {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}


def library_year(year: int) -> LibraryYear:
    """The schedule of ``year`` (only days dated in that year), or ``LibraryMissing``."""
    if year in chinese_calendar_years():
        return _from_chinese_calendar(year)
    return _from_holidays(year)


def _from_chinese_calendar(year: int) -> LibraryYear:
    import chinese_calendar

    names = {h.value: _NAMES.get(h.name, h.chinese) for h in chinese_calendar.Holiday}
    days = [
        LibraryDay(d, DayKind.HOLIDAY.value, names.get(label, label or ""))
        for d, label in chinese_calendar.holidays.items()
        if d.year == year
    ]
    days += [
        LibraryDay(d, DayKind.WORKDAY.value, names.get(label, label or ""))
        for d, label in chinese_calendar.workdays.items()
        if d.year == year
    ]
    version = getattr(chinese_calendar, "__version__", "")
    return LibraryYear(
        year=year,
        source=CalendarSource.LIBRARY.value,
        note=f"chinesecalendar {version}".strip(),
        days=tuple(sorted(days, key=lambda day: day.date)),
    )


def _from_holidays(year: int) -> LibraryYear:
    import holidays
    from holidays.countries.china import China, ChinaStaticHolidays

    if not China.start_year <= year <= China.end_year:
        raise LibraryMissing(year)
    official = year in ChinaStaticHolidays.special_public_holidays
    table = China(years=year, language="zh_CN")
    named: dict[datetime.date, str] = {}
    substituted: dict[datetime.date, datetime.date] = {}  # day off → the working day it moved to
    for d, label in sorted(table.items()):
        for part in label.split(holidays.constants.HOLIDAY_NAME_DELIMITER):
            found = _SUBSTITUTED.search(part)
            if found:
                substituted[d] = datetime.date.fromisoformat(found.group(1))
            elif d not in named:
                named[d] = part.strip()
    days = [LibraryDay(d, DayKind.HOLIDAY.value, name) for d, name in named.items()]
    for off, work in substituted.items():
        if off not in named:
            days.append(LibraryDay(off, DayKind.HOLIDAY.value, _nearest_name(off, named)))
        if work.year == year:
            days.append(LibraryDay(work, DayKind.WORKDAY.value, _nearest_name(off, named)))
    if not days:
        raise LibraryMissing(year)
    version = getattr(holidays, "__version__", "")
    # Stored and shown to administrators: say it in their words, in the site's language.
    with override(settings.LANGUAGE_CODE):
        note = (
            _("Built-in holiday data (holidays %(version)s), as published by the State Council")
            if official
            else _(
                "Estimated by rule from the built-in holiday data (holidays %(version)s): the "
                "make-up working days are missing until the State Council publishes the schedule"
            )
        ) % {"version": version}
    return LibraryYear(
        year=year,
        source=(CalendarSource.LIBRARY if official else CalendarSource.PROVISIONAL).value,
        note=note,
        days=tuple(sorted(days, key=lambda day: day.date)),
    )


def _nearest_name(day: datetime.date, named: dict[datetime.date, str]) -> str:
    for distance in range(1, _HOLIDAY_NAME_SPAN + 1):
        for candidate in (day - datetime.timedelta(distance), day + datetime.timedelta(distance)):
            if candidate in named:
                return named[candidate].split("（")[0]
    return ""
