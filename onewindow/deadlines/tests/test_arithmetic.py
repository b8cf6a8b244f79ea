"""Working-day arithmetic over the real seeded calendar, against a day-by-day count."""

from __future__ import annotations

import datetime

import chinese_calendar
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from onewindow.core.errors import DomainError
from onewindow.deadlines.calendar import CalendarNotLoaded, WorkCalendar, calendar_for
from onewindow.deadlines.tests.conftest import Oracle

D = datetime.date
# The rows are read-only here, so one database per test function is fine for many examples.
db_examples = settings(
    database=None,
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Starts late enough in 2026 still keep 40 working days (plus pauses) inside the loaded years.
starts = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 9, 30))
limits = st.integers(min_value=0, max_value=40)
units = st.sampled_from(["working", "calendar"])


@st.composite
def pauses_near(draw, start_strategy=starts):
    start = draw(start_strategy)
    pauses = []
    for _ in range(draw(st.integers(0, 3))):
        first = start + datetime.timedelta(days=draw(st.integers(-5, 50)))
        last = first + datetime.timedelta(days=draw(st.integers(0, 15)))
        pauses.append((first, last))
    return start, pauses


def test_every_seeded_day_matches_chinese_calendar(national):
    day = D(2004, 1, 1)
    while day <= D(2026, 12, 31):
        assert national.is_workday(day) == chinese_calendar.is_workday(day), day
        day += datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (D(2024, 2, 4), True),  # Sunday, worked before the Spring Festival
        (D(2024, 2, 10), False),  # 春节
        (D(2024, 2, 16), False),  # a Friday off
        (D(2024, 2, 18), True),  # Sunday, worked after it
        (D(2025, 9, 28), True),  # Sunday before National Day
        (D(2025, 10, 8), False),  # Wednesday, still National Day
        (D(2025, 10, 11), True),  # Saturday after it
        (D(2025, 10, 12), False),
        (D(2026, 1, 4), True),
    ],
)
def test_make_up_days_and_holidays(national, day, workday):
    assert national.is_workday(day) is workday


def test_why_is_my_deadline_the_tenth_of_october(national):
    # Accepted on Friday 26 September 2025 with 5 working days: Sunday 28 September is worked,
    # 1–8 October are off, so the fifth working day is Friday 10 October.
    assert national.add_days(D(2025, 9, 26), 5) == D(2025, 10, 10)
    notes = national.explain(D(2025, 9, 26), 5)
    assert [(n.date.day, n.counted, n.ordinal, n.reason) for n in notes[:4]] == [
        (26, False, None, "start"),
        (27, False, None, "weekend"),
        (28, True, 1, "makeup"),
        (29, True, 2, "workday"),
    ]
    assert notes[5].reason == "holiday"
    assert notes[5].name == "国庆节"
    assert notes[-1].date == D(2025, 10, 10)
    assert notes[-1].ordinal == 5
    assert sum(n.counted for n in notes) == 5


def test_spring_festival_2024(national, oracle):
    # Friday 2 February + 3 working days: Sunday 4 Feb counts, Monday 5, Tuesday 6.
    assert national.add_days(D(2024, 2, 2), 3) == D(2024, 2, 6)
    # From Thursday 8 Feb: Friday 9 Feb (除夕 was worked in 2024), 10–17 off, Sunday 18 worked.
    assert national.add_days(D(2024, 2, 8), 2) == D(2024, 2, 18)
    assert national.working_days_between(D(2024, 2, 1), D(2024, 2, 29)) == oracle.between(
        D(2024, 2, 1), D(2024, 2, 29)
    )


def test_year_boundary(national, oracle):
    assert national.add_days(D(2024, 12, 20), 10) == oracle.add_days(D(2024, 12, 20), 10)
    assert national.add_days(D(2024, 12, 31), 1) == D(2025, 1, 2)  # 1 January is off
    assert national.working_days_between(D(2025, 12, 25), D(2026, 1, 10)) == oracle.between(
        D(2025, 12, 25), D(2026, 1, 10)
    )


def test_pause_spanning_national_day(national, oracle):
    pauses = [(D(2025, 9, 28), D(2025, 10, 9))]
    # 26 Sep (1); paused 28 Sep – 9 Oct; 10 Oct (2), Saturday 11 Oct worked (3), 13 (4), 14 (5).
    assert national.add_days(D(2025, 9, 25), 5, pauses=pauses) == D(2025, 10, 14)
    assert oracle.add_days(D(2025, 9, 25), 5, pauses=pauses) == D(2025, 10, 14)
    reasons = {n.date: n.reason for n in national.explain(D(2025, 9, 25), 5, pauses=pauses)}
    assert reasons[D(2025, 10, 1)] == "paused"
    assert reasons[D(2025, 10, 11)] == "makeup"


def test_start_day_is_not_counted_and_zero_is_the_start(national):
    assert national.add_days(D(2025, 10, 9), 1) == D(2025, 10, 10)
    assert national.add_days(D(2025, 10, 4), 0) == D(2025, 10, 4)
    assert national.add_days(D(2025, 10, 4), 1) == D(2025, 10, 9)  # accepted on a holiday


def test_calendar_unit_skips_only_pauses(national):
    # 3 calendar days from Tuesday 30 September 2025: Friday 3 October is in the National Day
    # holiday (1–8 October 2025 by the State Council's schedule), so by 民法典 §203
    # the period ends on the next working day, Thursday 9 October.
    assert national.add_days(D(2025, 9, 30), 3, "calendar") == D(2025, 10, 9)
    paused = [(D(2025, 10, 1), D(2025, 10, 2))]
    assert national.add_days(D(2025, 9, 30), 3, "calendar", paused) == D(2025, 10, 9)
    assert national.days_between(D(2025, 9, 30), D(2025, 10, 5), "calendar", paused) == 3
    # A last day on a working day stays: 10 days from Thursday 1 January 2026 → Sunday 11
    # January is a day off → Monday 12 January.
    assert national.add_days(D(2026, 1, 1), 10, "calendar") == D(2026, 1, 12)
    assert national.add_days(D(2026, 1, 1), 12, "calendar") == D(2026, 1, 13)
    # Whether the last day is a day off needs the calendar of its year: 2099 is not loaded.
    with pytest.raises(CalendarNotLoaded):
        national.add_days(D(2099, 1, 1), 10, "calendar")


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # The four items of the demo catalog found ending on National Day 2026 (1–7 October
        # by the State Council's 2026 schedule): 30 calendar days from 2 September end on
        # Friday 2 October, a holiday, so on Thursday 8 October.
        (D(2026, 9, 2), 30, D(2026, 10, 8)),
        # 15 calendar days from Friday 13 February 2026 end on Saturday 28 February, a make-up
        # working day of the Spring Festival: it is a working day, so the period ends there.
        (D(2026, 2, 13), 15, D(2026, 2, 28)),
        # A last day on an ordinary Saturday moves to Monday.
        (D(2026, 3, 2), 5, D(2026, 3, 9)),
    ],
)
def test_a_calendar_day_period_ending_on_a_day_off_ends_on_the_next_working_day(
    national, start, days, due
):
    assert national.add_days(start, days, "calendar") == due
    notes = national.explain(start, days, "calendar")
    assert notes[-1].date == due
    assert [n.ordinal for n in notes if n.counted] == list(range(1, days + 1))
    if notes[-1].date != start + datetime.timedelta(days=days):
        assert notes[-1].reason == "rolled"
        assert not notes[-1].counted


def test_open_pause_runs_until_today(national):
    start, open_pause = D(2025, 3, 3), [(D(2025, 3, 5), None)]
    closed_pause = [(D(2025, 3, 5), D(2025, 3, 14))]
    assert national.add_days(start, 5, pauses=open_pause, today=D(2025, 3, 14)) == (
        national.add_days(start, 5, pauses=closed_pause)
    )
    # Before its first day, an open pause covers its first day only.
    assert national.add_days(start, 5, pauses=open_pause, today=D(2025, 3, 1)) == (
        national.add_days(start, 5, pauses=[(D(2025, 3, 5), D(2025, 3, 5))])
    )


def test_refusals(national):
    with pytest.raises(ValueError, match="negative"):
        national.add_days(D(2025, 1, 6), -1)
    with pytest.raises(ValueError, match="unit"):
        national.add_days(D(2025, 1, 6), 1, "fortnights")
    with pytest.raises(DomainError):
        national.add_days(D(2025, 1, 6), 3, pauses=[(D(2025, 1, 9), D(2025, 1, 8))])


def test_unloaded_year_raises(national):
    with pytest.raises(CalendarNotLoaded) as info:
        national.add_days(D(2099, 3, 1), 5)
    assert info.value.year == 2099
    assert "2099" in str(info.value.message)
    with pytest.raises(CalendarNotLoaded):
        national.is_workday(D(2003, 6, 2))
    with pytest.raises(CalendarNotLoaded):
        national.working_days_between(D(2026, 12, 1), D(2099, 1, 10))


def test_crossing_into_an_unloaded_year_raises():
    only_2024 = WorkCalendar(years=[2024], exceptions={})
    assert only_2024.add_days(D(2024, 12, 2), 5) == D(2024, 12, 9)
    with pytest.raises(CalendarNotLoaded) as info:
        only_2024.add_days(D(2024, 12, 20), 20)
    assert info.value.year == 2025
    gap = WorkCalendar(years=[2024, 2026], exceptions={})
    with pytest.raises(CalendarNotLoaded) as info:
        gap.add_days(D(2024, 12, 20), 20)
    assert info.value.year == 2025
    # A pause covering the whole missing year needs no calendar for it (no holidays here:
    # 31 December 2024 counts 1, Thursday 1 January 2026 counts 2).
    whole_2025 = [(D(2025, 1, 1), D(2025, 12, 31))]
    assert gap.add_days(D(2024, 12, 30), 2, pauses=whole_2025) == D(2026, 1, 1)


@db_examples
@given(case=pauses_near(), n=limits, unit=units)
@example(case=(D(2024, 2, 1), [(D(2024, 2, 8), D(2024, 2, 20))]), n=10, unit="working")
@example(case=(D(2025, 9, 26), [(D(2025, 9, 27), D(2025, 10, 12))]), n=3, unit="working")
@example(case=(D(2019, 12, 20), [(D(2019, 12, 30), D(2020, 1, 3))]), n=15, unit="working")
@example(case=(D(2020, 1, 20), [(D(2020, 1, 24), D(2020, 2, 9))]), n=20, unit="calendar")
def test_add_days_matches_brute_force(national, oracle, case, n, unit):
    start, pauses = case
    due = national.add_days(start, n, unit, pauses)
    assert due == oracle.add_days(start, n, unit, pauses)
    last = oracle.nth_day(start, n, unit, pauses)
    # Exactly n days are counted up to the n-th counted day; after it only days off follow
    # until the due date (民法典 §203), which is a working day.
    assert national.days_between(start, last, unit, pauses) == n
    if n:
        assert oracle.counts(last, unit, pauses)
        assert oracle.is_workday(due) or unit == "working"
        day = last + datetime.timedelta(days=1)
        while day < due:
            assert not oracle.is_workday(day)
            day += datetime.timedelta(days=1)


@db_examples
@given(case=pauses_near(), span=st.integers(-3, 90))
@example(case=(D(2023, 12, 28), []), span=10)
def test_working_days_between_matches_brute_force(national, oracle, case, span):
    start, pauses = case
    end = start + datetime.timedelta(days=span)
    assert national.working_days_between(start, end, pauses) == oracle.between(
        start, end, "working", pauses
    )
    assert national.days_between(start, end, "calendar", pauses) == oracle.between(
        start, end, "calendar", pauses
    )


@db_examples
@given(case=pauses_near(), n=st.integers(0, 25), unit=units)
def test_explain_agrees_with_add_days(national, case, n, unit):
    start, pauses = case
    notes = national.explain(start, n, unit, pauses)
    assert notes[0].date == start
    assert notes[0].reason == "start"
    assert notes[-1].date == national.add_days(start, n, unit, pauses)
    counted = [note.ordinal for note in notes if note.counted]
    assert counted == list(range(1, n + 1))
    assert all(note.reason == "paused" for note in notes[1:] if Oracle.paused(note.date, pauses))


def test_calendar_for_a_place_without_overrides_is_the_national_one(world):
    assert calendar_for(world.center_a) is calendar_for()
    assert calendar_for(world.center_a.pk) is calendar_for(None)
