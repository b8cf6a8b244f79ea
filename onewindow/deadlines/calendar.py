"""Working-day arithmetic over the stored calendar.

``calendar_for(place)`` returns a ``WorkCalendar``: the national exceptions plus that place's
overrides, as plain in-memory sets. Every process keeps them under the token of ``CalendarState``
and re-reads the rows only when the token changed (one primary-key read per ``calendar_for``);
hold on to the returned object to compute many deadlines without any query at all.

Rules (each stated in a test of ``deadlines/tests/test_arithmetic.py`` against a day-by-day count):

* The start day is never counted. ``add_days(start, n)`` is the day on which the n-th counted day
  after ``start`` falls; ``add_days(start, 0)`` is ``start``.
* Working unit: Monday–Friday count, unless a holiday or extra day off; a make-up working day
  (调休上班) counts although it is a weekend day. Calendar unit: every day counts, but a period
  whose last day is a day off (weekend, holiday, extra day off) ends on the next working day
  (民法典 §203; 民事诉讼法 §85 and 行政诉讼法 §51 say the same for procedural periods), so
  its due date needs the calendar of the year it falls in.
* ``pauses`` are inclusive ``(first_day, last_day)`` intervals whose days never count, so a pause
  pushes the deadline later by the counted days it covers. ``last_day=None`` is a pause still
  running: it is taken to last until ``today`` (default: the local date), or its first day when
  that is later. The result is then provisional and moves on each day the pause goes on.
* Working days can be counted only inside loaded years; anything else raises
  ``CalendarNotLoaded(year)``. The calendar unit needs the calendar only for its last days.
"""

from __future__ import annotations

import datetime
import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onewindow.core.errors import DomainError
from onewindow.deadlines.choices import DayKind, Reason, Unit

Pause = tuple[datetime.date, datetime.date | None]
_WORKDAY = DayKind.WORKDAY.value
_HOLIDAY = DayKind.HOLIDAY.value


class CalendarNotLoaded(DomainError):
    """A deadline needs a year whose schedule has not been loaded into the calendar."""

    def __init__(self, year: int) -> None:
        super().__init__(
            _(
                "The working-day calendar for %(year)s has not been loaded yet; an administrator "
                "has to load or enter that year's holiday schedule first."
            )
            % {"year": year}
        )
        self.year = year


@dataclass(frozen=True)
class DayNote:
    """One line of ``explain``: a day, whether it counted, and why."""

    date: datetime.date
    counted: bool
    ordinal: int | None  # 1 for the first counted day, … ; None when not counted
    reason: str  # a Reason value
    name: str = ""  # the holiday's name, when the day has one
    # A paused day that would have counted had the clock been running (a paused Saturday of a
    # working-day limit would not): what "N days not counted" means to the applicant.
    would_count: bool = False

    @property
    def reason_label(self) -> str:
        return str(Reason(self.reason).label)


class WorkCalendar:
    """Immutable working-day arithmetic for one place (or the national calendar)."""

    def __init__(
        self,
        *,
        years: Iterable[int],
        exceptions: dict[datetime.date, tuple[str, str]],
        place_id: int | None = None,
        provisional: Iterable[int] = (),
    ) -> None:
        self.place_id = place_id
        self.years = frozenset(years)
        # Loaded years whose schedule is estimated (no make-up working days yet): a deadline
        # counted across them is provisional until the State Council's notice is entered.
        self.provisional_years = frozenset(provisional) & self.years
        # ordinal → (kind, name); ordinals keep the hot paths in integer arithmetic.
        self._exceptions = {d.toordinal(): kn for d, kn in exceptions.items()}
        work: list[int] = []
        for year in sorted(self.years):
            first = datetime.date(year, 1, 1).toordinal()
            last = datetime.date(year, 12, 31).toordinal()
            for o in range(first, last + 1):
                if self._is_work_ordinal(o):
                    work.append(o)
        self._work = work
        self._first_year = min(self.years, default=0)
        self._last_year = max(self.years, default=0)
        self._contiguous = len(self.years) == self._last_year - self._first_year + 1
        # ordinal bounds of the loaded span (when contiguous, one comparison checks a range)
        self._lo = datetime.date(self._first_year, 1, 1).toordinal() if self.years else 0
        self._hi = datetime.date(self._last_year, 12, 31).toordinal() if self.years else -1

    # --- single days -----------------------------------------------------------------------

    def _is_work_ordinal(self, o: int) -> bool:
        found = self._exceptions.get(o)
        if found is not None:
            return found[0] == _WORKDAY
        return o % 7 not in (6, 0)  # date.fromordinal(1) is a Monday: 6 = Saturday, 0 = Sunday

    def is_workday(self, day: datetime.date) -> bool:
        self._require(day.toordinal(), day.toordinal())
        return self._is_work_ordinal(day.toordinal())

    def day_kind(self, day: datetime.date) -> tuple[str, str]:
        """The reason a day (of a loaded year) is or is not a working day, with its name."""
        o = day.toordinal()
        self._require(o, o)
        kind, name = self._exceptions.get(o, ("", ""))
        weekend = o % 7 in (6, 0)
        if kind == _WORKDAY:
            return (Reason.MAKEUP if weekend else Reason.WORKDAY).value, name
        if kind == _HOLIDAY:
            return Reason.HOLIDAY.value, name
        if kind:
            return Reason.CLOSED.value, name
        return (Reason.WEEKEND if weekend else Reason.WORKDAY).value, ""

    # --- loaded years --------------------------------------------------------------------------

    def _require(self, first: int, last: int) -> None:
        """Every day in the ordinal range [first, last] lies in a loaded year."""
        if first > last:
            return
        if self._contiguous and self._lo <= first and last <= self._hi:
            return
        y0 = datetime.date.fromordinal(first).year
        y1 = datetime.date.fromordinal(last).year
        for year in range(y0, y1 + 1):
            if year not in self.years:
                raise CalendarNotLoaded(year)

    def _count(self, after: int, upto: int) -> int:
        """Working days in the ordinal range (after, upto]."""
        if upto <= after:
            return 0
        self._require(after + 1, upto)
        return bisect_right(self._work, upto) - bisect_right(self._work, after)

    def _nth(self, after: int, n: int) -> int:
        """The ordinal of the n-th working day after ``after`` (n ≥ 1)."""
        index = bisect_right(self._work, after) + n - 1
        if index >= len(self._work):
            self._require(after + 1, max(after + n, self._hi + 1))
            raise CalendarNotLoaded(self._last_year + 1)  # pragma: no cover - _require raised
        found = self._work[index]
        self._require(after + 1, found)
        return found

    # --- pauses --------------------------------------------------------------------------------

    @staticmethod
    def _pauses(
        pauses: Sequence[Pause], after: int, today: datetime.date | None
    ) -> list[tuple[int, int]]:
        """Pauses as sorted, merged ordinal intervals lying after ``after``."""
        if not pauses:
            return []
        intervals = []
        for first, last in pauses:
            if last is None:
                last = max(first, today or timezone.localdate())
            if last < first:
                raise DomainError(
                    _("A pause cannot end (%(last)s) before it starts (%(first)s).")
                    % {"first": first, "last": last}
                )
            a, b = max(first.toordinal(), after + 1), last.toordinal()
            if a <= b:
                intervals.append((a, b))
        intervals.sort()
        merged: list[tuple[int, int]] = []
        for a, b in intervals:
            if merged and a <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged

    # --- the public arithmetic ----------------------------------------------------------------

    def add_days(
        self,
        start: datetime.date,
        n: int,
        unit: str = Unit.WORKING,
        pauses: Sequence[Pause] = (),
        *,
        today: datetime.date | None = None,
    ) -> datetime.date:
        """The due date: the day on which the n-th counted day after ``start`` falls."""
        if n < 0:
            raise ValueError("n must not be negative")
        s = start.toordinal()
        if n == 0:
            return start
        working = _working(unit)
        cur, rem = s, n
        for a, b in self._pauses(pauses, s, today):
            before = self._count(cur, a - 1) if working else a - 1 - cur
            if before >= rem:
                break
            rem -= before
            cur = b
        if working:
            return datetime.date.fromordinal(self._nth(cur, rem))
        return datetime.date.fromordinal(self._roll(cur + rem))

    def _roll(self, last: int) -> int:
        """民法典 §203: a last day that is a day off moves to the next working day."""
        self._require(last, last)
        while not self._is_work_ordinal(last):
            last += 1
            self._require(last, last)
        return last

    def days_between(
        self,
        start: datetime.date,
        end: datetime.date,
        unit: str = Unit.WORKING,
        pauses: Sequence[Pause] = (),
        *,
        today: datetime.date | None = None,
    ) -> int:
        """Counted days in (start, end]; 0 when ``end`` is not after ``start``."""
        s, e = start.toordinal(), end.toordinal()
        if e <= s:
            return 0
        working = _working(unit)
        total = self._count(s, e) if working else e - s
        for a, b in self._pauses(pauses, s, today):
            if a > e:
                break
            b = min(b, e)
            total -= self._count(a - 1, b) if working else b - a + 1
        return total

    def working_days_between(
        self,
        start: datetime.date,
        end: datetime.date,
        pauses: Sequence[Pause] = (),
        *,
        today: datetime.date | None = None,
    ) -> int:
        """Working days counted in (start, end], paused days left out."""
        return self.days_between(start, end, Unit.WORKING, pauses, today=today)

    def explain(
        self,
        start: datetime.date,
        n: int,
        unit: str = Unit.WORKING,
        pauses: Sequence[Pause] = (),
        *,
        today: datetime.date | None = None,
    ) -> list[DayNote]:
        """Day by day from ``start`` to the due date: which days counted, and why."""
        due = self.add_days(start, n, unit, pauses, today=today)
        paused = self._pauses(pauses, start.toordinal(), today)
        working = _working(unit)
        notes = [DayNote(start, False, None, Reason.START.value)]
        counted = 0
        for o in range(start.toordinal() + 1, due.toordinal() + 1):
            day = datetime.date.fromordinal(o)
            known = self._loaded(o)  # a paused day or a calendar-unit day needs no calendar
            reason, name = self.day_kind(day) if known else (Reason.CALENDAR_DAY.value, "")
            workday = reason in (Reason.WORKDAY, Reason.MAKEUP)
            if any(a <= o <= b for a, b in paused):
                would = not working or workday
                notes.append(DayNote(day, False, None, Reason.PAUSED.value, name, would))
                continue
            if not working and counted == n:
                # Past the n-th calendar day: the last day was a day off (民法典 §203).
                rolled = Reason.ROLLED.value if o == due.toordinal() else reason
                notes.append(DayNote(day, False, None, rolled, name))
                continue
            counts = not working or workday
            if counts:
                counted += 1
            if not working and reason not in (Reason.HOLIDAY, Reason.CLOSED):
                reason = Reason.CALENDAR_DAY.value
            notes.append(DayNote(day, counts, counted if counts else None, reason, name))
        return notes

    def _loaded(self, o: int) -> bool:
        return datetime.date.fromordinal(o).year in self.years


def _working(unit: str) -> bool:
    if unit == Unit.WORKING:
        return True
    if unit == Unit.CALENDAR:
        return False
    raise ValueError(f"unknown unit {unit!r}")


# --- the per-process cache ------------------------------------------------------------------------


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.token: str | None = None
        self.years: frozenset[int] = frozenset()
        self.provisional: frozenset[int] = frozenset()
        self.national: dict[datetime.date, tuple[str, str]] = {}
        self.overrides: dict[int, dict[datetime.date, tuple[str, str]]] = {}
        self.calendars: dict[int | None, WorkCalendar] = {}


_cache = _Cache()


# Inside ``calendar_held()`` (a request) the token is read once: [] until the first read, then
# [token]. Outside it (services called by jobs and tests) every ``calendar_for`` reads it.
_held: ContextVar[list[str | None] | None] = ContextVar("calendar_held", default=None)


@contextmanager
def calendar_held() -> Iterator[None]:
    """Read the calendar's version once for the whole block instead of on every
    ``calendar_for``: a request computes all its deadlines on the calendar as it stood when
    the request began (a change committed meanwhile applies from the next request)."""
    if _held.get() is not None:  # already held by an enclosing block (the request)
        yield
        return
    reset = _held.set([])
    try:
        yield
    finally:
        _held.reset(reset)


def release_held() -> None:
    """The calendar changed in this block: read the token again on the next ``calendar_for``."""
    held = _held.get()
    if held is not None:
        held.clear()


def _current_token() -> str | None:
    held = _held.get()
    if held:
        return held[0]
    token = _read_token()
    if held is not None:
        held.append(token)
    return token


def _read_token() -> str | None:
    from onewindow.deadlines.models import CalendarState

    # Raw SQL: this read runs on every calendar_for(), and the ORM's own overhead is ten times
    # the cost of the primary-key lookup itself.
    table = connection.ops.quote_name(CalendarState._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [CalendarState.SINGLETON])  # noqa: S608
        row = cursor.fetchone()
    return str(row[0]) if row and row[0] else None


def _load(cache: _Cache, token: str | None) -> None:
    from onewindow.deadlines.choices import REVIEW_SOURCES
    from onewindow.deadlines.models import CalendarDay, CalendarYear

    loaded = list(CalendarYear.objects.values_list("year", "source"))
    cache.years = frozenset(year for year, _source in loaded)
    cache.provisional = frozenset(year for year, source in loaded if source in REVIEW_SOURCES)
    cache.national, cache.overrides = {}, {}
    rows = CalendarDay.objects.values_list("date", "kind", "name", "place_id")
    for day, kind, name, place_id in rows.iterator():
        if place_id is None:
            cache.national[day] = (kind, name)
        else:
            cache.overrides.setdefault(place_id, {})[day] = (kind, name)
    cache.calendars = {}
    cache.token = token


def calendar_for(place: object | None = None) -> WorkCalendar:
    """The working-day calendar of a service place (or the national one for ``None``).

    ``place`` is a ``ServicePlace`` or its primary key. The token is read first and the rows
    after it, so rows newer than the token are at worst re-read once more, never served stale.
    """
    place_id = getattr(place, "pk", place)
    token = _current_token()
    with _cache.lock:
        if token is None or token != _cache.token:
            _load(_cache, token)
        if place_id not in _cache.overrides:
            place_id = None  # a place without overrides shares the national calendar
        found = _cache.calendars.get(place_id)
        if found is None:
            exceptions = dict(_cache.national)
            if place_id is not None:
                exceptions.update(_cache.overrides[place_id])
            found = WorkCalendar(
                years=_cache.years,
                exceptions=exceptions,
                place_id=place_id,
                provisional=_cache.provisional,
            )
            if token is not None:
                _cache.calendars[place_id] = found
        return found


def forget_cached_calendars() -> None:
    """Drop this process's copy (the next ``calendar_for`` reloads). For tests and operators."""
    with _cache.lock:
        _cache.token = None
        _cache.calendars = {}
