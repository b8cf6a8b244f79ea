"""Issue 17 item 7: the national calendar is set only by a national or provincial role.

The national schedule moves every center's deadlines and §32 automatic acceptances at once, so a
county's administrator may change only the exceptions of the centers in its region; loading,
entering or confirming a year and changing a national day belong to a superuser or a province's
administrator.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from onewindow.core.errors import NotPermitted
from onewindow.deadlines.calendar import calendar_for
from onewindow.deadlines.choices import CalendarSource, DayKind
from onewindow.deadlines.models import CalendarChange, CalendarDay, CalendarYear
from onewindow.deadlines.policies import may_set_national_calendar
from onewindow.deadlines.services import (
    HolidayRange,
    calendar_day_set,
    calendar_schedule_enter,
    calendar_seed_from_library,
    calendar_year_confirm,
)

D = datetime.date


@pytest.fixture
def provisional_2030(db):
    calendar_seed_from_library(years=[2030])
    assert CalendarYear.objects.get(year=2030).source == CalendarSource.PROVISIONAL


def _national_state():
    return (
        list(CalendarDay.objects.filter(place__isnull=True).values_list("date", "kind")),
        list(CalendarYear.objects.values_list("year", "source")),
        CalendarChange.objects.count(),
    )


def test_who_sets_the_national_calendar(world):
    assert may_set_national_calendar(world.admin_province)
    assert not may_set_national_calendar(world.admin_a)
    assert not may_set_national_calendar(world.admin_b)
    assert not may_set_national_calendar(world.supervisor_a)


def test_a_county_administrator_cannot_change_the_national_calendar_by_service(
    world, provisional_2030
):
    before = _national_state()
    with pytest.raises(NotPermitted):
        calendar_day_set(day=D(2026, 6, 3), kind=DayKind.CLOSED, actor=world.admin_b)
    with pytest.raises(NotPermitted):
        calendar_year_confirm(year=2030, actor=world.admin_b)
    with pytest.raises(NotPermitted):
        calendar_schedule_enter(
            year=2031,
            holidays=[HolidayRange("元旦", D(2031, 1, 1), D(2031, 1, 1))],
            actor=world.admin_b,
        )
    with pytest.raises(NotPermitted):
        calendar_seed_from_library(years=[2031], actor=world.admin_b)
    assert _national_state() == before
    # Its own center's exceptions it may set.
    calendar_day_set(
        day=D(2026, 6, 3), kind=DayKind.CLOSED, place=world.center_b, actor=world.admin_b
    )
    assert not calendar_for(world.center_b).is_workday(D(2026, 6, 3))
    assert calendar_for(world.center_a).is_workday(D(2026, 6, 3))


def test_a_county_administrator_is_refused_the_national_pages(world, login, provisional_2030):
    before = _national_state()
    client = login(world.admin_b)
    assert client.post(reverse("deadlines:year-confirm", args=[2030])).status_code == 403
    assert client.post(reverse("deadlines:load"), {"year": 2031}).status_code == 403
    assert client.get(reverse("deadlines:schedule")).status_code == 403
    response = client.post(reverse("deadlines:day"), {"date": "2026-06-03", "kind": "closed"})
    assert response.status_code == 200
    assert response.context["form"].errors["place"]
    assert _national_state() == before
    page = client.get(reverse("deadlines:year", args=[2030])).content.decode()
    assert reverse("deadlines:year-confirm", args=[2030]) not in page
    assert reverse("deadlines:schedule") not in page


def test_a_provincial_administrator_sets_it(world, login, provisional_2030):
    client = login(world.admin_province)
    assert client.post(reverse("deadlines:year-confirm", args=[2030])).status_code == 302
    assert CalendarYear.objects.get(year=2030).source == CalendarSource.ADMIN
    response = client.post(reverse("deadlines:day"), {"date": "2026-06-03", "kind": "closed"})
    assert response.status_code == 302
    assert not calendar_for().is_workday(D(2026, 6, 3))
