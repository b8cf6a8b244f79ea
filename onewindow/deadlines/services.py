"""Writes to the working-day calendar.

Every service locks the ``CalendarState`` row first (two administrators may edit at once), writes
the rows, a ``CalendarChange`` entry and a new cache token, and sends ``calendar_changed`` inside
the same transaction, so a receiver that recomputes open deadlines commits or fails with it.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.core.errors import DomainError, NotPermitted
from onewindow.deadlines import policies
from onewindow.deadlines.calendar import calendar_for, release_held
from onewindow.deadlines.choices import CalendarSource, ChangeAction, DayKind
from onewindow.deadlines.library import LibraryMissing, library_year
from onewindow.deadlines.models import CalendarChange, CalendarDay, CalendarState, CalendarYear
from onewindow.deadlines.schedule import (
    MAX_YEAR,
    MIN_YEAR,
    NAME_LENGTH,
    HolidayRange,
    MakeupDay,
    ScheduleInvalid,
    check_year,
    nearest_holiday,
    schedule_problems,
)
from onewindow.deadlines.signals import calendar_changed

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "HolidayRange",
    "MakeupDay",
    "ScheduleInvalid",
    "calendar_day_set",
    "calendar_schedule_enter",
    "calendar_seed_from_library",
    "calendar_year_confirm",
]

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.organisations.models import ServicePlace


def _national(actor: User | None) -> None:
    """Refuse a national change by a county's administrator (``None`` is the system: the
    migrations, ``manage.py calendar_seed`` and tests)."""
    if actor is not None and not policies.may_set_national_calendar(actor):
        raise NotPermitted(
            _(
                "The national holiday schedule is set by a national or provincial administrator; "
                "you may change the exceptions of your own service centers."
            )
        )


def _lock() -> None:
    CalendarState.objects.select_for_update().get_or_create(pk=CalendarState.SINGLETON)


def _record(
    *,
    actor: User | None,
    action: ChangeAction,
    first_day: datetime.date,
    last_day: datetime.date,
    place: ServicePlace | None,
    description: str,
    signal: bool = True,
) -> CalendarChange:
    change = CalendarChange.objects.create(
        actor=actor,
        action=action,
        first_day=first_day,
        last_day=last_day,
        place=place,
        description=description,
    )
    # A new token makes every process reload the exceptions on its next calendar_for().
    CalendarState.objects.filter(pk=CalendarState.SINGLETON).update(
        version=F("version") + 1, token=uuid.uuid4(), changed_at=timezone.now()
    )
    release_held()  # this request's own later deadlines use the new calendar
    if signal:
        calendar_changed.send(
            sender=CalendarDay, first_day=first_day, last_day=last_day, place=place
        )
    return change


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


@transaction.atomic
def calendar_seed_from_library(
    *,
    years: Iterable[int],
    actor: User | None = None,
    replace: bool = False,
    missing_only: bool = False,
) -> list[CalendarYear]:
    """Load the national schedule of each year from the libraries (all years or none).

    A loaded year is refused unless ``replace``, which first deletes its national days, or
    ``missing_only``, which skips it (for fixtures and loaders that only need the calendar to be
    there, e.g. after a ``flush``). Without ``replace``, national days already stored in the year
    (e.g. a December make-up day entered with the next year's schedule) are kept and win over the
    library. Returns the years loaded now.
    """
    _national(actor)
    wanted = sorted({check_year(y) for y in years})
    if not wanted:
        raise DomainError(_("Choose at least one year."))
    _lock()
    loaded = set(CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True))
    if missing_only:
        wanted = [y for y in wanted if y not in loaded]
        loaded = set()
    if loaded and not replace:
        raise DomainError(
            _("Already loaded: %(years)s. Edit single days, or replace the year.")
            % {"years": "、".join(str(y) for y in sorted(loaded))}
        )
    schedules = []
    for year in wanted:
        try:
            schedules.append(library_year(year))
        except LibraryMissing:
            raise DomainError(
                _("No library has the holiday schedule of %(year)s; enter it by hand.")
                % {"year": year}
            ) from None
    now = timezone.now()
    result: list[CalendarYear] = []
    for schedule in schedules:
        first, last = _year_bounds(schedule.year)
        national = CalendarDay.objects.filter(place__isnull=True, date__range=(first, last))
        if replace:
            national.delete()
        kept = set(national.values_list("date", flat=True))
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(
                    date=d.date, kind=d.kind, name=d.name, source=schedule.source, created_by=actor
                )
                for d in schedule.days
                if d.date not in kept
            ]
        )
        loaded_year, _created = CalendarYear.objects.update_or_create(
            year=schedule.year,
            defaults={
                "source": schedule.source,
                "loaded_at": now,
                "loaded_by": actor,
                "note": schedule.note,
            },
        )
        result.append(loaded_year)
        _record(
            actor=actor,
            action=ChangeAction.SEED,
            first_day=first,
            last_day=last,
            place=None,
            description=_("%(year)s loaded from %(library)s: %(days)s days.")
            % {"year": schedule.year, "library": schedule.note, "days": len(schedule.days)},
        )
    return result


@transaction.atomic
def calendar_schedule_enter(
    *,
    year: int,
    holidays: Sequence[HolidayRange],
    makeup_days: Sequence[MakeupDay] = (),
    actor: User | None,
    note: str = "",
    replace: bool = False,
) -> CalendarYear:
    """Store the year's national schedule as published by the State Council (all or nothing).

    Every day of each holiday range becomes a holiday (weekend days too, so they carry the name);
    each make-up day a working day. ``replace`` is needed when the year is already loaded and
    deletes its national days (1 January – 31 December) first.
    """
    _national(actor)
    check_year(year)
    holidays = [HolidayRange(h.name.strip(), h.first_day, h.last_day) for h in holidays]
    makeup_days = [MakeupDay(m.day, m.name.strip()) for m in makeup_days]
    problems = schedule_problems(year, holidays, makeup_days)
    _lock()
    existing = CalendarYear.objects.filter(year=year).first()
    if existing is not None and not replace:
        problems.append(
            _("%(year)s is already loaded; tick “replace” to overwrite its schedule.")
            % {"year": year}
        )
    if problems:
        raise ScheduleInvalid(problems)
    rows: dict[datetime.date, CalendarDay] = {}
    for h in holidays:
        for i in range((h.last_day - h.first_day).days + 1):
            day = h.first_day + datetime.timedelta(days=i)
            rows[day] = CalendarDay(date=day, kind=DayKind.HOLIDAY, name=h.name)
    for m in makeup_days:
        name = m.name or nearest_holiday(m.day, holidays)
        rows[m.day] = CalendarDay(date=m.day, kind=DayKind.WORKDAY, name=name)
    for row in rows.values():
        row.source, row.created_by = CalendarSource.ADMIN, actor
    first, last = _year_bounds(year)
    national = CalendarDay.objects.filter(place__isnull=True)
    if replace:
        national.filter(date__range=(first, last)).delete()
    national.filter(date__in=list(rows)).delete()
    CalendarDay.objects.bulk_create(rows.values())
    result, _created = CalendarYear.objects.update_or_create(
        year=year,
        defaults={
            "source": CalendarSource.ADMIN,
            "loaded_at": timezone.now(),
            "loaded_by": actor,
            "note": note[:300],
        },
    )
    parts = [f"{h.name} {h.first_day:%m-%d}–{h.last_day:%m-%d}" for h in holidays]
    if makeup_days:
        days = "、".join(f"{m.day:%m-%d}" for m in makeup_days)
        parts.append(_("make-up working days") + " " + days)
    _record(
        actor=actor,
        action=ChangeAction.SCHEDULE,
        first_day=min([first, *rows]),
        last_day=last,
        place=None,
        description=f"{year}: " + "；".join(parts) + (f"（{note}）" if note else ""),
    )
    return result


def _describe(kind: str, name: str) -> str:
    if not kind:
        return _("weekday rule")
    return f"{DayKind(kind).label}{'（' + name + '）' if name else ''}"


@transaction.atomic
def calendar_day_set(
    *,
    day: datetime.date,
    kind: DayKind | str | None,
    name: str = "",
    place: ServicePlace | None = None,
    actor: User | None,
    note: str = "",
) -> CalendarDay | None:
    """Set one day's exception, nationally or for one place; ``kind=None`` removes it.

    Removing a national row returns the day to the weekday rule; removing a place's row returns
    the place to the national calendar. Returns the row, or ``None`` when there is none now.
    """
    kind = kind or ""
    name = (name or "").strip()
    if kind and kind not in DayKind.values:
        raise DomainError(_("Unknown kind of day."), field="kind")
    if len(name) > NAME_LENGTH:
        raise DomainError(_("The name is too long."), field="name")
    if (
        place is not None
        and actor is not None
        and not policies.may_change_place_calendar(actor, place)
    ):
        raise NotPermitted(_("This service place lies outside your region."))
    if place is None:
        _national(actor)
    _lock()
    if not CalendarYear.objects.filter(year=day.year).exists():
        raise DomainError(
            _("%(year)s is not loaded; load or enter its schedule first.") % {"year": day.year},
            field="day",
        )
    row = CalendarDay.objects.filter(date=day, place=place).first()
    before = (row.kind, row.name) if row else ("", "")
    if before == (kind, name if kind else ""):
        return row
    # A working day redundant with the level below (the weekday rule, or the national calendar
    # for a place) is refused rather than stored as noise; "weekday rule" removes an exception.
    if kind == DayKind.WORKDAY and (
        day.weekday() < 5 if place is None else calendar_for(None).is_workday(day)
    ):
        raise DomainError(
            _("%(day)s is a working day already; choose “weekday rule” to remove an exception.")
            % {"day": day},
            field="kind",
        )
    if not kind:
        if row is not None:  # always: "no exception" on a day without one returned above
            row.delete()
        row = None
    elif row is None:
        row = CalendarDay.objects.create(
            date=day,
            kind=kind,
            name=name,
            place=place,
            source=CalendarSource.ADMIN,
            created_by=actor,
        )
    else:
        row.kind, row.name, row.source, row.created_by = kind, name, CalendarSource.ADMIN, actor
        row.save(update_fields=["kind", "name", "source", "created_by", "updated_at"])
    description = f"{day}: {_describe(*before)} → {_describe(kind, name)}"
    _record(
        actor=actor,
        action=ChangeAction.DAY,
        first_day=day,
        last_day=day,
        place=place,
        description=description + (f"（{note.strip()}）" if note.strip() else ""),
    )
    return row


@transaction.atomic
def calendar_year_confirm(*, year: int, actor: User | None, note: str = "") -> CalendarYear:
    """An administrator checked a provisional year against the notice and found it right.

    No day changes, but ``calendar_changed`` is sent all the same: the deadlines counted on the
    year are recomputed (and any that moved notified) now that they are firm.
    """
    _national(actor)
    _lock()
    found = CalendarYear.objects.filter(year=year).first()
    if found is None:
        raise DomainError(_("%(year)s is not loaded.") % {"year": year})
    if not found.needs_review:
        raise DomainError(_("%(year)s does not need a review.") % {"year": year})
    found.source = CalendarSource.ADMIN
    found.note = (f"{found.note}；{note.strip()}" if note.strip() else found.note)[:300]
    found.save(update_fields=["source", "note", "updated_at"])
    first, last = _year_bounds(year)
    _record(
        actor=actor,
        action=ChangeAction.CONFIRM,
        first_day=first,
        last_day=last,
        place=None,
        description=_("%(year)s checked against the State Council notice.") % {"year": year}
        + (f"（{note.strip()}）" if note.strip() else ""),
    )
    return found
