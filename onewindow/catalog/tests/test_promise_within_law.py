"""Issue 11 item 3: the promise may not exceed the law, compared across units honestly.

行政许可法 §42 and the item's own statute set the statutory limit; the promised limit (承诺时限)
is a commitment inside it. A promise in working days against a statute in calendar days (or the
reverse) has no fixed ratio, so the rule (``catalog/limits.py``) asks whether, on any day of
acceptance of any schedule the State Council has published, the promise ends after the
statutory period (whose last day, when a day off, moves to the next working day: 民法典 §203).
Checked here against a day-by-day walk over ``chinese_calendar.is_workday``, sharing no code with
the rule.
"""

from __future__ import annotations

import datetime as dt
import functools

import chinese_calendar
import pytest
from django.utils.translation import override

from onewindow.catalog.factories import guide
from onewindow.catalog.limits import promise_overrun
from onewindow.catalog.schema import ContentError, clean_guide

D = dt.date
ONE = dt.timedelta(days=1)
FIRST, LAST = D(2004, 1, 1), D(2026, 12, 31)


@functools.cache
def _workday(day: D) -> bool:
    return chinese_calendar.is_workday(day)


def _end(start: D, n: int, unit: str) -> D | None:
    """Walk one day at a time: the n-th counted day, rolled to a working day for calendar days."""
    day, left = start, n
    while left:
        day += ONE
        if day > LAST:
            return None
        if unit == "calendar" or _workday(day):
            left -= 1
    while not _workday(day):
        day += ONE
        if day > LAST:
            return None
    return day


def _brute_force_overruns(promised: int, p_unit: str, statutory: int, s_unit: str) -> bool:
    day = FIRST - ONE
    while day < LAST - dt.timedelta(days=120):
        p, s = _end(day, promised, p_unit), _end(day, statutory, s_unit)
        if p and s and p > s:
            return True
        day += ONE
    return False


def test_the_residence_permit_example_of_the_issue():
    # 居住证暂行条例: 15 days. Accepted Friday 13 February 2026: seven working days run to Monday
    # 2 March (Spring Festival 15–23 February off, 14 and 28 February worked), the statutory
    # fifteen calendar days to Saturday 28 February, a make-up working day.
    assert _end(D(2026, 2, 13), 7, "working") == D(2026, 3, 2)
    assert _end(D(2026, 2, 13), 15, "calendar") == D(2026, 2, 28)
    assert promise_overrun(7, "working", 15, "calendar") is not None
    # Five working days end on 27 February: within the law on that day and on every other.
    assert _end(D(2026, 2, 13), 5, "working") == D(2026, 2, 27)
    assert promise_overrun(5, "working", 15, "calendar") is None


@pytest.mark.parametrize(
    ("promised", "p_unit", "statutory", "s_unit"),
    [
        (7, "working", 15, "calendar"),
        (5, "working", 15, "calendar"),
        (6, "working", 15, "calendar"),
        (15, "working", 30, "calendar"),
        (20, "working", 30, "calendar"),
        (20, "working", 36, "calendar"),
        (10, "calendar", 7, "working"),
        (9, "calendar", 7, "working"),
        (8, "calendar", 7, "working"),
        (30, "calendar", 20, "working"),
        (28, "calendar", 20, "working"),
        (20, "working", 20, "working"),
        (21, "working", 20, "working"),
        (31, "calendar", 30, "calendar"),
    ],
)
def test_the_rule_agrees_with_a_day_by_day_count_over_every_published_schedule(
    promised, p_unit, statutory, s_unit
):
    found = promise_overrun(promised, p_unit, statutory, s_unit)

    assert (found is not None) == _brute_force_overruns(promised, p_unit, statutory, s_unit)
    if found is not None:
        # The example the message shows is itself true, by the walk.
        assert _end(found.accepted, promised, p_unit) == found.promised_end
        assert _end(found.accepted, statutory, s_unit) == found.statutory_end
        assert found.promised_end > found.statutory_end


def test_the_guide_refuses_a_promise_that_can_exceed_the_law_with_a_clear_message():
    raw = guide(
        statutory_limit={"value": 15, "unit": "calendar"},
        promised_limit={"value": 7, "unit": "working"},
        steps=[{"name": "审查", "handler": "户政大队", "limit": 5}],
    )
    with override("zh-hans"), pytest.raises(ContentError) as info:
        clean_guide(raw)

    problem = next(p for p in info.value.problems if p.path == "promised_limit")
    assert "承诺时限（7 工作日）可能晚于法定时限（15 自然日）届满" in problem.message
    assert "2020-01-23" in problem.message


def test_the_guide_accepts_a_promise_within_the_law_on_every_day():
    raw = guide(
        statutory_limit={"value": 15, "unit": "calendar"},
        promised_limit={"value": 5, "unit": "working"},
        steps=[{"name": "审查", "handler": "户政大队", "limit": 5}],
    )
    assert clean_guide(raw).promised_days == 5
