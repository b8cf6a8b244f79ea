"""The real national calendar (seeded by migration 0002) and a day-by-day oracle over its rows.

The oracle reads ``CalendarDay`` directly and walks one day at a time, sharing no code with
``calendar.py``; ``test_library_matches_chinese_calendar`` ties the rows to the library itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import pytest

from onewindow.deadlines.calendar import calendar_for
from onewindow.deadlines.models import CalendarDay, CalendarYear
from onewindow.deadlines.services import calendar_seed_from_library

SEEDED = range(2004, 2027)
ONE = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _seeded_calendar(db: None) -> None:
    """A transactional test elsewhere in the session (live_server) flushes the tables, and with
    them the migration's rows: seed again inside this test's transaction when that happened."""
    calendar_seed_from_library(years=SEEDED, missing_only=True)


class Oracle:
    """Brute force over the stored rows (national, optionally with one place's overrides)."""

    def __init__(self, place=None) -> None:
        self.years = set(CalendarYear.objects.values_list("year", flat=True))
        self.kinds = dict(
            CalendarDay.objects.filter(place__isnull=True).values_list("date", "kind")
        )
        if place is not None:
            self.kinds.update(CalendarDay.objects.filter(place=place).values_list("date", "kind"))

    def is_workday(self, day: datetime.date) -> bool:
        assert day.year in self.years, day
        kind = self.kinds.get(day)
        if kind == "workday":
            return True
        if kind in ("holiday", "closed"):
            return False
        return day.weekday() < 5

    @staticmethod
    def paused(day: datetime.date, pauses: Sequence[tuple]) -> bool:
        return any(a <= day <= b for a, b in pauses)

    def counts(self, day: datetime.date, unit: str, pauses: Sequence[tuple]) -> bool:
        if self.paused(day, pauses):
            return False
        return unit == "calendar" or self.is_workday(day)

    def nth_day(self, start, n, unit="working", pauses=()) -> datetime.date:
        """The day on which the n-th counted day falls."""
        day = start
        while n > 0:
            day += ONE
            if self.counts(day, unit, pauses):
                n -= 1
        return day

    def add_days(self, start, n, unit="working", pauses=()) -> datetime.date:
        day = self.nth_day(start, n, unit, pauses)
        # 民法典 §203: a calendar-day period ending on a day off ends on the next working day.
        while unit == "calendar" and start < day and not self.is_workday(day):
            day += ONE
        return day

    def between(self, start, end, unit="working", pauses=()) -> int:
        total, day = 0, start + ONE
        while day <= end:
            total += self.counts(day, unit, pauses)
            day += ONE
        return total


@pytest.fixture
def oracle() -> Oracle:
    return Oracle()


@pytest.fixture
def national():
    return calendar_for()
