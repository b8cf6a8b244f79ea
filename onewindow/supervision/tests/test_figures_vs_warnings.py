"""The figures page and the warnings list count different populations and say so; computed from the
same cases they differ exactly as their stated populations say (issue 11 item 12): the figures
count accepted cases decided or falling due within a period, the warnings list every case running
against a clock now, whatever the day its deadline fell."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import override_settings

from onewindow.cases.choices import CaseKind, WarningLevel
from onewindow.cases.models import Case
from onewindow.supervision import warning_list as wl
from onewindow.supervision.choices import Clock
from onewindow.supervision.figures import figures, figures_scope
from onewindow.supervision.sweep import warnings_sweep
from onewindow.supervision.tests.test_figures import TODAY, cases  # noqa: F401 (fixture)

THIS_MONTH = (TODAY.replace(day=1), TODAY)  # the figures page's default period
THIS_YEAR = (datetime.date(2026, 1, 1), TODAY)


def _calendar_days(start: datetime.date, end: datetime.date) -> int:
    """Days after ``start`` up to and including ``end``, counted one by one."""
    n, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        n += 1
    return n


@pytest.fixture
def swept(world, cases):  # noqa: F811 (the fixture imported above)
    warnings_sweep(today=TODAY)
    return cases


def _figures(user, start, end):
    return figures(start=start, end=end, group="center", scope_qs=figures_scope(user), today=TODAY)[
        -1
    ]


@pytest.mark.parametrize(("start", "end"), [THIS_MONTH, THIS_YEAR])
def test_figures_and_warnings_differ_exactly_by_their_populations(world, swept, start, end):
    user = world.supervisor_a
    red = list(wl.warning_cases(user, level=WarningLevel.RED))
    rows = wl.warning_rows(wl.warning_cases(user, level=WarningLevel.RED), limit=500, today=TODAY)
    assert len(rows) == len(red) == wl.warning_counts(user)["red"] > 0

    on_decision = [r for r in rows if r.clock == Clock.DECISION]
    in_period = [r for r in on_decision if start <= r.due < end and r.case.kind != CaseKind.JOINT]
    before_period = [r for r in on_decision if r.due < start]
    other_clocks = [r for r in rows if r.clock != Clock.DECISION]
    # Every red case is in exactly one of the stated parts of the difference.
    assert len(in_period) + len(before_period) + len(other_clocks) == len(rows)

    total = _figures(user, start, end)
    # The period's "open and overdue" are the red cases on the decision clock that fell due in it.
    assert total.open_overdue == len(in_period)
    # The figures' other overdue cases are decided ones, which no warning list shows.
    decided_late = total.overdue - total.open_overdue
    assert decided_late == total.late
    if (start, end) == THIS_MONTH:
        # The observation: this month's figures show few overdue cases, the list many.
        assert total.overdue < len(rows)
        assert before_period  # red since June, before this month
        assert {r.clock for r in other_clocks} >= {Clock.ACCEPTANCE, Clock.DELIVERY}


def test_days_overdue_are_calendar_days_from_the_deadline(world, swept):
    rows = wl.warning_rows(
        wl.warning_cases(world.supervisor_a, level=WarningLevel.RED), limit=500, today=TODAY
    )
    open_case = swept.x_open
    row = next(r for r in rows if r.case.pk == open_case.pk)
    assert row.due == open_case.due_date == datetime.date(2026, 6, 4)
    assert row.days_overdue == _calendar_days(datetime.date(2026, 6, 4), TODAY) == 169
    for r in rows:
        assert r.due is not None
        assert r.days_overdue == _calendar_days(r.due, TODAY) >= 1
    assert wl.days_overdue(TODAY, TODAY) is None  # the last day itself is not overdue
    assert wl.days_overdue(None, TODAY) is None


def test_the_joint_case_shows_the_departments_of_its_parts(world, swept, login):
    joint = Case.objects.get(pk=swept.joint.pk)
    level = joint.warning_level
    assert level != WarningLevel.NORMAL, "the joint application must be on the list"
    rows = wl.warning_rows(wl.warning_cases(world.supervisor_a, level=level), limit=500)
    row = next(r for r in rows if r.case.pk == joint.pk)
    assert row.departments == (world.dept_x.name, world.dept_y.name)

    html = login(world.supervisor_a).get("/supervision/warnings/", {"level": level}).content
    page = html.decode()
    assert f"{world.dept_x.name}、{world.dept_y.name}" in page


@override_settings(LANGUAGE_CODE="en")
def test_each_page_states_its_period_and_population(world, swept, login):
    client = login(world.supervisor_a)
    client.cookies["django_language"] = "en"
    warnings_page = client.get("/supervision/warnings/", {"level": "red"}).content.decode()
    assert 'data-testid="warnings-population"' in warnings_page
    assert "whatever the day its deadline fell" in warnings_page
    assert "No period applies." in warnings_page
    total = re.search(r'data-testid="warnings-total">(\d+)<', warnings_page)
    assert total
    assert int(total.group(1)) == wl.warning_counts(world.supervisor_a)["red"]
    assert "Days overdue" in warnings_page

    start, end = THIS_MONTH
    figures_page = client.get(
        "/supervision/figures/", {"start": start.isoformat(), "end": end.isoformat()}
    ).content.decode()
    assert f"Period {start.isoformat()} to {end.isoformat()}." in figures_page
    red_now = wl.warning_counts(world.supervisor_a)["red"]
    assert f"whatever the period: {red_now} red cases." in figures_page
