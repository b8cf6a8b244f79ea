"""Change services: seeding, a year's schedule, single days, per-center exceptions, the log, the
signal, and the administrator's warnings."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.utils import translation

from onewindow.core.errors import DomainError, NotPermitted
from onewindow.deadlines.calendar import CalendarNotLoaded, calendar_for
from onewindow.deadlines.choices import CalendarSource, ChangeAction, DayKind
from onewindow.deadlines.models import CalendarChange, CalendarDay, CalendarState, CalendarYear
from onewindow.deadlines.selectors import (
    calendar_warnings,
    schedule_initial,
    schedule_prompt_year,
)
from onewindow.deadlines.services import (
    HolidayRange,
    MakeupDay,
    ScheduleInvalid,
    calendar_day_set,
    calendar_schedule_enter,
    calendar_seed_from_library,
    calendar_year_confirm,
)
from onewindow.deadlines.signals import calendar_changed
from onewindow.deadlines.tests.conftest import Oracle

D = datetime.date

# The 2026 notice (国办发明电〔2025〕号), as an administrator would type it for a future year.
NOTICE_2026 = [
    HolidayRange("元旦", D(2026, 1, 1), D(2026, 1, 3)),
    HolidayRange("春节", D(2026, 2, 15), D(2026, 2, 23)),
    HolidayRange("清明节", D(2026, 4, 4), D(2026, 4, 6)),
    HolidayRange("劳动节", D(2026, 5, 1), D(2026, 5, 5)),
    HolidayRange("端午节", D(2026, 6, 19), D(2026, 6, 21)),
    HolidayRange("中秋节", D(2026, 9, 25), D(2026, 9, 27)),
    HolidayRange("国庆节", D(2026, 10, 1), D(2026, 10, 7)),
]
MAKEUP_2026 = [
    MakeupDay(D(2026, 1, 4)),
    MakeupDay(D(2026, 2, 14)),
    MakeupDay(D(2026, 2, 28)),
    MakeupDay(D(2026, 5, 9)),
    MakeupDay(D(2026, 9, 20)),
    MakeupDay(D(2026, 10, 10)),
]


@pytest.fixture
def signals():
    sent = []

    def receiver(sender, first_day, last_day, place, **kwargs):
        # Inside the service's transaction, with the new rows visible.
        sent.append((first_day, last_day, place, connection.in_atomic_block, calendar_for()))

    calendar_changed.connect(receiver)
    yield sent
    calendar_changed.disconnect(receiver)


def _forget(year: int) -> None:
    """Unload a year behind the services' back (and tell the caches, as a service would)."""
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarYear.objects.filter(year=year).delete()
    CalendarState.objects.update(token=uuid.uuid4())


def test_seeding_from_the_library_writes_rows_log_and_signal(signals):
    expected = set(CalendarDay.objects.filter(date__year=2025).values_list("date", "kind", "name"))
    _forget(2025)
    with pytest.raises(CalendarNotLoaded):
        calendar_for().is_workday(D(2025, 3, 3))
    (year,) = calendar_seed_from_library(years=[2025])
    assert year.source == CalendarSource.LIBRARY
    assert not year.needs_review
    assert set(CalendarDay.objects.filter(date__year=2025).values_list("date", "kind", "name")) == (
        expected
    )
    assert CalendarChange.objects.filter(action=ChangeAction.SEED, first_day=D(2025, 1, 1)).exists()
    ((first, last, place, atomic, cal),) = signals
    assert (first, last, place, atomic) == (D(2025, 1, 1), D(2025, 12, 31), None, True)
    assert cal.is_workday(D(2025, 9, 28))


def test_seeding_a_loaded_year_is_refused_unless_replaced(signals):
    count = CalendarDay.objects.count()
    with pytest.raises(DomainError, match="2024"):
        calendar_seed_from_library(years=[2023, 2024])
    assert CalendarDay.objects.count() == count
    assert not signals
    calendar_seed_from_library(years=[2024], replace=True)
    assert CalendarDay.objects.count() == count


def test_seeding_refuses_years_out_of_range():
    with pytest.raises(DomainError):
        calendar_seed_from_library(years=[1999])
    with pytest.raises(DomainError):
        calendar_seed_from_library(years=[])


def test_a_year_without_make_up_days_is_provisional_and_warned():
    (year,) = calendar_seed_from_library(years=[2030])  # holidays' rule-based fallback
    assert year.source == CalendarSource.PROVISIONAL
    assert year.needs_review
    assert not CalendarDay.objects.filter(date__year=2030, kind=DayKind.WORKDAY).exists()
    # The note says it in the administrator's words and language (issue 11, item 14).
    assert "调休上班日" in year.note
    assert "国务院" in year.note
    assert "rule-based" not in year.note
    warnings = calendar_warnings(D(2026, 3, 1))
    assert any("2030" in w for w in warnings)
    calendar_year_confirm(year=2030, actor=None, note="已核对")
    assert not any("2030" in w for w in calendar_warnings(D(2026, 3, 1)))
    with pytest.raises(DomainError):
        calendar_year_confirm(year=2030, actor=None)


def test_warnings_about_next_year():
    # The State Council publishes next year's schedule in November or December: the
    # administrator is prompted from 1 November (issue 11 item 5).
    assert calendar_warnings(D(2026, 10, 31)) == []
    assert schedule_prompt_year(D(2026, 10, 31)) is None
    (warning,) = calendar_warnings(D(2026, 11, 1))
    assert "2027" in warning
    assert schedule_prompt_year(D(2026, 11, 1)) == 2027
    assert calendar_warnings(D(2025, 12, 31)) == []  # 2026 is loaded
    _forget(2026)
    assert len(calendar_warnings(D(2026, 1, 5))) == 1  # this year missing; next not yet due


def test_entering_a_schedule_by_hand(world, signals):
    expected = Oracle()
    _forget(2026)
    year = calendar_schedule_enter(
        year=2026,
        holidays=NOTICE_2026,
        makeup_days=MAKEUP_2026,
        actor=world.admin_province,
        note="测试",
    )
    assert year.source == CalendarSource.ADMIN
    assert year.loaded_by == world.admin_province
    cal = calendar_for()
    day = D(2026, 1, 1)
    while day.year == 2026:
        assert cal.is_workday(day) == expected.is_workday(day), day
        day += datetime.timedelta(days=1)
    assert CalendarDay.objects.get(date=D(2026, 2, 28)).name == "春节"  # nearest holiday
    change = CalendarChange.objects.get(action=ChangeAction.SCHEDULE)
    assert change.actor == world.admin_province
    assert "国庆节" in change.description
    assert [s[:3] for s in signals] == [(D(2026, 1, 1), D(2026, 12, 31), None)]
    ranges, makeup = schedule_initial(year=2026)
    assert [r["name"] for r in ranges] == [h.name for h in NOTICE_2026]
    assert [m["day"] for m in makeup] == [m.day for m in MAKEUP_2026]


@pytest.mark.parametrize(
    ("holidays", "makeup", "fragment"),
    [
        ([], [], "at least one holiday"),
        ([HolidayRange("", D(2027, 1, 1), D(2027, 1, 1))], [], "needs a name"),
        ([HolidayRange("春节", D(2027, 2, 10), D(2027, 2, 5))], [], "ends before"),
        ([HolidayRange("春节", D(2027, 2, 1), D(2027, 4, 1))], [], "longer than"),
        ([HolidayRange("元旦", D(2026, 11, 1), D(2026, 11, 1))], [], "outside"),
        (
            [
                HolidayRange("A", D(2027, 5, 1), D(2027, 5, 5)),
                HolidayRange("B", D(2027, 5, 5), D(2027, 5, 6)),
            ],
            [],
            "both",
        ),
        (
            [HolidayRange("劳动节", D(2027, 5, 1), D(2027, 5, 5))],
            [MakeupDay(D(2027, 4, 28))],
            "weekday",
        ),
        (
            [HolidayRange("劳动节", D(2027, 5, 1), D(2027, 5, 5))],
            [MakeupDay(D(2027, 5, 1))],
            "both a holiday",
        ),
        (
            [HolidayRange("劳动节", D(2027, 5, 1), D(2027, 5, 5))],
            [MakeupDay(D(2027, 4, 25)), MakeupDay(D(2027, 4, 25))],
            "twice",
        ),
    ],
)
def test_a_bad_schedule_changes_nothing(world, signals, holidays, makeup, fragment):
    with pytest.raises(ScheduleInvalid) as info, translation.override("en"):
        calendar_schedule_enter(
            year=2027, holidays=holidays, makeup_days=makeup, actor=world.admin_province
        )
    assert any(fragment in p for p in info.value.problems), info.value.problems
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    assert not signals


def test_a_loaded_year_needs_replace(world):
    with pytest.raises(ScheduleInvalid, match="replace"), translation.override("en"):
        calendar_schedule_enter(year=2026, holidays=NOTICE_2026, actor=world.admin_province)
    calendar_schedule_enter(
        year=2026, holidays=NOTICE_2026[:1], actor=world.admin_province, replace=True
    )
    assert calendar_for().is_workday(D(2026, 10, 1))  # only 元旦 is left


def test_single_national_day(world, signals):
    row = calendar_day_set(
        day=D(2025, 6, 3), kind=DayKind.CLOSED, name="抢修", actor=world.admin_province
    )
    assert row.place is None
    assert not calendar_for().is_workday(D(2025, 6, 3))
    assert calendar_day_set(day=D(2025, 6, 3), kind=None, actor=world.admin_province) is None
    assert calendar_for().is_workday(D(2025, 6, 3))
    assert [s[:3] for s in signals] == [(D(2025, 6, 3), D(2025, 6, 3), None)] * 2
    assert CalendarChange.objects.filter(action=ChangeAction.DAY).count() == 2
    with pytest.raises(DomainError):  # a weekday is a working day already
        calendar_day_set(day=D(2025, 6, 4), kind=DayKind.WORKDAY, actor=world.admin_province)
    with pytest.raises(DomainError):
        calendar_day_set(day=D(2099, 6, 4), kind=DayKind.CLOSED, actor=world.admin_province)
    with pytest.raises(DomainError):
        calendar_day_set(day=D(2025, 6, 4), kind="nonsense", actor=world.admin_province)


def test_per_center_override(world, signals):
    # Center A is closed on Thursday 9 October 2025 and opens on Wednesday 8 October instead.
    calendar_day_set(
        day=D(2025, 10, 9),
        kind=DayKind.CLOSED,
        name="搬迁",
        place=world.center_a,
        actor=world.admin_a,
    )
    calendar_day_set(
        day=D(2025, 10, 8), kind=DayKind.WORKDAY, place=world.center_a, actor=world.admin_a
    )
    a, b, national = calendar_for(world.center_a), calendar_for(world.center_b), calendar_for()
    assert not a.is_workday(D(2025, 10, 9))
    assert a.is_workday(D(2025, 10, 8))
    assert b is national
    assert national.is_workday(D(2025, 10, 9))
    assert national.add_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert a.add_days(D(2025, 9, 30), 1) == D(2025, 10, 8)
    assert a.add_days(D(2025, 9, 30), 2) == D(2025, 10, 10)
    oracle = Oracle(world.center_a)
    assert a.add_days(D(2025, 9, 20), 15) == oracle.add_days(D(2025, 9, 20), 15)
    assert signals[0][2] == world.center_a
    with pytest.raises(DomainError):  # already a working day nationally
        calendar_day_set(
            day=D(2025, 10, 10), kind=DayKind.WORKDAY, place=world.center_a, actor=None
        )
    with pytest.raises(NotPermitted):  # center B lies outside county A
        calendar_day_set(
            day=D(2025, 10, 9), kind=DayKind.CLOSED, place=world.center_b, actor=world.admin_a
        )
    assert not CalendarDay.objects.filter(place=world.center_b).exists()


def test_missing_only_fills_the_gaps_after_a_flush():
    _forget(2024)
    loaded = calendar_seed_from_library(years=range(2004, 2027), missing_only=True)
    assert [y.year for y in loaded] == [2024]
    assert calendar_seed_from_library(years=[2024, 2025], missing_only=True) == []
    assert calendar_for().is_workday(D(2024, 2, 4))
