"""The in-memory exception sets: reused while the token stands, reloaded when it changes."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import transaction

from onewindow.deadlines.calendar import calendar_for, forget_cached_calendars
from onewindow.deadlines.choices import DayKind
from onewindow.deadlines.models import CalendarDay, CalendarState
from onewindow.deadlines.services import calendar_day_set

D = datetime.date
THURSDAY = D(2025, 10, 9)


def test_reuse_costs_one_primary_key_read(django_assert_num_queries):
    forget_cached_calendars()
    with django_assert_num_queries(3):  # token, years, rows
        first = calendar_for()
    with django_assert_num_queries(1):  # token only
        again = calendar_for()
    assert again is first
    with django_assert_num_queries(0):
        for day in range(1, 28):
            first.add_days(D(2025, 2, day), 20)


def test_a_change_bumps_the_version_and_invalidates(world):
    before = calendar_for()
    version = CalendarState.objects.get().version
    calendar_day_set(day=THURSDAY, kind=DayKind.CLOSED, name="停电", actor=world.admin_province)
    assert CalendarState.objects.get().version == version + 1
    after = calendar_for()
    assert after is not before
    assert before.is_workday(THURSDAY)  # a calendar already handed out does not change
    assert not after.is_workday(THURSDAY)


def test_a_change_by_another_process_is_seen():
    before = calendar_for()
    # What another process's service does: write the row, then a new token.
    CalendarDay.objects.create(date=THURSDAY, kind=DayKind.CLOSED, source="admin")
    assert calendar_for() is before  # same token: the in-memory copy is still used
    CalendarState.objects.update(token=uuid.uuid4())
    assert not calendar_for().is_workday(THURSDAY)


def test_a_rolled_back_change_does_not_stay_cached(world):
    class Rollback(Exception):
        pass

    seen_inside = []

    def change_then_fail():
        with transaction.atomic():
            calendar_day_set(day=THURSDAY, kind=DayKind.CLOSED, actor=world.admin_province)
            seen_inside.append(calendar_for().is_workday(THURSDAY))
            raise Rollback

    with pytest.raises(Rollback):
        change_then_fail()
    assert seen_inside == [False]  # the change was seen (and cached) inside the transaction
    assert calendar_for().is_workday(THURSDAY)
