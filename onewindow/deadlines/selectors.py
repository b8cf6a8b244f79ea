"""Reads for the calendar pages and the administrator's workspace."""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.deadlines.calendar import calendar_for
from onewindow.deadlines.choices import CalendarSource, DayKind, Reason
from onewindow.deadlines.models import CalendarChange, CalendarDay, CalendarYear

if TYPE_CHECKING:
    from onewindow.organisations.models import ServicePlace

# From 1 November the next year's schedule is due: the State Council (国务院办公厅) publishes it
# usually in November or December, and deadlines start running into the new year.
NEXT_YEAR_DUE = (11, 1)


def schedule_prompt_year(today: datetime.date | None = None) -> int | None:
    """The year whose official schedule the administrator is asked to enter now: from 1 November
    the next year, until its schedule is entered (or a provisional one confirmed)."""
    today = today or timezone.localdate()
    if today < datetime.date(today.year, *NEXT_YEAR_DUE):
        return None
    loaded = CalendarYear.objects.filter(year=today.year + 1).first()
    return today.year + 1 if loaded is None or loaded.needs_review else None


def calendar_warnings(today: datetime.date | None = None) -> list[str]:
    """What an administrator must do about the calendar, most urgent first; empty when nothing."""
    today = today or timezone.localdate()
    years = {y.year: y for y in CalendarYear.objects.filter(year__gte=today.year)}
    messages = []
    if today.year not in years:
        messages.append(
            _(
                "The working-day calendar of %(year)s is not loaded: deadlines in %(year)s cannot "
                "be computed. Load or enter the year now."
            )
            % {"year": today.year}
        )
    prompt = schedule_prompt_year(today)
    if prompt is not None and prompt not in years:
        messages.append(
            _(
                "The calendar of %(year)s is not loaded yet. The State Council publishes the "
                "holiday schedule around November: load it from the library or enter it as soon as "
                "it is out, or deadlines running into %(year)s cannot be computed."
            )
            % {"year": prompt}
        )
    elif prompt is not None:
        messages.append(
            _(
                "It is November: enter the State Council's holiday schedule of %(year)s as soon as "
                "it is published (usually in November or December). Until then deadlines running "
                "into %(year)s are provisional, and every page shows them so."
            )
            % {"year": prompt}
        )
    for year in sorted(years):
        if years[year].needs_review:
            messages.append(
                _(
                    "The calendar of %(year)s was loaded from %(source)s without make-up working "
                    "days. Check it against the State Council notice and enter the official "
                    "schedule, or confirm it."
                )
                % {"year": year, "source": years[year].note or years[year].get_source_display()}
            )
    return messages


@dataclass(frozen=True)
class DayCell:
    date: datetime.date
    in_month: bool
    reason: str  # a Reason value, or "" when the year is not loaded
    name: str
    override: bool  # the place's own exception

    @property
    def css(self) -> str:
        return f"cal-{self.reason or 'unknown'}" + (" cal-override" if self.override else "")

    @property
    def title(self) -> str:
        label = str(Reason(self.reason).label) if self.reason else ""
        return " · ".join(p for p in (str(self.date), label, self.name) if p)


@dataclass
class MonthGrid:
    first: datetime.date  # the 1st of the month, for its name
    weeks: list[list[DayCell]]
    working_days: int


@dataclass
class ExceptionRange:
    """Consecutive exception rows of the same kind, name, place and source, shown as one line."""

    first: datetime.date
    last: datetime.date
    kind: str
    name: str
    place: ServicePlace | None
    source: str

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def kind_label(self) -> str:
        return str(DayKind(self.kind).label)

    @property
    def source_label(self) -> str:
        return str(CalendarSource(self.source).label)


def _ranges(rows: list[CalendarDay]) -> list[ExceptionRange]:
    ranges: list[ExceptionRange] = []
    open_by_key: dict[tuple, ExceptionRange] = {}
    for row in rows:
        key = (row.kind, row.name, row.place_id, row.source)
        found = open_by_key.get(key)
        if found is not None and (row.date - found.last).days == 1:
            found.last = row.date
            continue
        found = ExceptionRange(row.date, row.date, row.kind, row.name, row.place, row.source)
        open_by_key[key] = found
        ranges.append(found)
    return ranges


@dataclass
class YearView:
    year: int
    loaded: CalendarYear | None
    place: ServicePlace | None
    months: list[MonthGrid]
    working_days: int
    exceptions: list[ExceptionRange] = field(default_factory=list)


def year_view(*, year: int, place: ServicePlace | None = None) -> YearView:
    """Twelve month grids (Monday first) of ``year`` as seen by ``place`` (or nationally)."""
    loaded = CalendarYear.objects.filter(year=year).first()
    cal = calendar_for(place) if loaded else None
    own = (
        set(CalendarDay.objects.filter(place=place, date__year=year).values_list("date", flat=True))
        if place is not None
        else set()
    )
    months = []
    for month in range(1, 13):
        weeks = []
        count = 0
        for week in stdlib_calendar.Calendar().monthdatescalendar(year, month):
            row = []
            for day in week:
                reason, name = cal.day_kind(day) if cal and day.year == year else ("", "")
                in_month = day.month == month
                if in_month and reason in (Reason.WORKDAY, Reason.MAKEUP):
                    count += 1
                row.append(DayCell(day, in_month, reason, name, day in own))
            weeks.append(row)
        months.append(MonthGrid(datetime.date(year, month, 1), weeks, count))
    rows = list(
        CalendarDay.objects.filter(Q(place__isnull=True) | Q(place=place), date__year=year)
        .select_related("place", "created_by")
        .order_by("date", "place_id")
        if place is not None
        else CalendarDay.objects.filter(place__isnull=True, date__year=year)
        .select_related("created_by")
        .order_by("date")
    )
    return YearView(
        year=year,
        loaded=loaded,
        place=place,
        months=months,
        working_days=sum(m.working_days for m in months) if loaded else 0,
        exceptions=_ranges(rows),
    )


def calendar_years() -> QuerySet[CalendarYear]:
    return CalendarYear.objects.select_related("loaded_by").order_by("-year")


def calendar_changes(*, places: QuerySet[ServicePlace], limit: int = 20) -> list[CalendarChange]:
    """Recent changes: national ones and those of the given places."""
    return list(
        CalendarChange.objects.filter(Q(place__isnull=True) | Q(place__in=places))
        .select_related("actor", "place")
        .order_by("-created_at", "-pk")[:limit]
    )


def place_override_counts(*, places: QuerySet[ServicePlace], year: int) -> dict[int, int]:
    """How many own exceptions each place has in ``year``."""
    counts: dict[int, int] = {}
    rows = CalendarDay.objects.filter(place__in=places, date__year=year).values_list(
        "place_id", flat=True
    )
    for place_id in rows:
        counts[place_id] = counts.get(place_id, 0) + 1
    return counts


def schedule_initial(*, year: int) -> tuple[list[dict], list[dict]]:
    """The stored national schedule of ``year`` as form rows: holiday ranges and make-up days.

    Consecutive holiday days of the same name form one range, so a provisional year opens in the
    schedule form ready to be corrected against the notice.
    """
    rows = CalendarDay.objects.filter(place__isnull=True, date__year=year).order_by("date")
    ranges: list[dict] = []
    makeup: list[dict] = []
    for row in rows:
        if row.kind == DayKind.WORKDAY:
            makeup.append({"day": row.date, "name": row.name})
        elif row.kind == DayKind.HOLIDAY:
            last = ranges[-1] if ranges else None
            if last and last["name"] == row.name and (row.date - last["last_day"]).days == 1:
                last["last_day"] = row.date
            else:
                ranges.append({"name": row.name, "first_day": row.date, "last_day": row.date})
    return ranges, makeup


def calendar_day(*, day: datetime.date, place: ServicePlace | None) -> CalendarDay | None:
    """The stored exception of ``day`` at that level (national when ``place`` is None)."""
    return CalendarDay.objects.filter(date=day, place=place).first()
