"""The legal rules of a case's deadlines (issue 11, items 1, 2 and 6), each against a date counted
by hand from the State Council's 2026 schedule (Spring Festival 15–23 February with 14 and 28
February worked; National Day 1–7 October with 20 September and 10 October worked), never against
the code's own arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.translation import override

from onewindow.cases import clock
from onewindow.cases.factories import accepted_case, licence_entry
from onewindow.cases.services import backoffice

D = dt.date


def _at(day: D) -> dt.datetime:
    # 10:00 in Beijing.
    return dt.datetime(day.year, day.month, day.day, 2, tzinfo=dt.UTC)


def _accepted(world, entry, day: D):
    return accepted_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry, applicant=world.person, at=_at(day)
    )


def _calendar_entry(world, days: int, step_limit: int, decision_limit: int = 1):
    """人民调解申请 style: a limit in calendar days and a step with its own limit."""
    return licence_entry(
        world.dept_x,
        name="人民调解申请",
        statutory_limit={"value": days, "unit": "calendar"},
        promised_limit={"value": days, "unit": "calendar"},
        steps=[
            {"name": "受理", "handler": "综合受理窗口", "limit": 0},
            {"name": "调解", "handler": "人民调解委员会", "limit": step_limit},
            {"name": "决定", "handler": "负责人", "limit": decision_limit},
            {"name": "出件", "handler": "统一出件窗口", "limit": 0},
        ],
    )


def test_a_calendar_day_limit_ending_on_national_day_ends_on_the_next_working_day(world):
    # 民法典 §203: 30 calendar days from Wednesday 2 September 2026 end on Friday 2 October,
    # a statutory holiday; the period ends on the first working day after it, Thursday 8 October.
    case = _accepted(world, _calendar_entry(world, 30, 10), D(2026, 9, 2))
    assert case.due_date == D(2026, 10, 8)
    notes = clock.case_deadline_explanation(case)
    assert notes[-1].date == D(2026, 10, 8)
    assert notes[-1].reason == "rolled"
    assert [n.ordinal for n in notes if n.counted] == list(range(1, 31))
    last_counted = [n for n in notes if n.counted][-1]
    assert last_counted.date == D(2026, 10, 2)
    with override("en"):
        words = clock.deadline_in_words(case)
    assert "30 calendar days counted" in words
    assert "2026-10-02, is a day off" in words
    assert words.endswith("the deadline is 2026-10-08.")


def test_a_step_counts_in_the_items_unit_and_never_outlives_the_case(world):
    # The step "调解" of 25 calendar days from 2 September 2026 ends on Sunday 27 September, a day
    # off, so on Monday 28 September (25 working days would have run to 14 October).
    case = _accepted(world, _calendar_entry(world, 30, 25), D(2026, 9, 2))
    step = case.steps.get(index=0)
    assert step.due_date == D(2026, 9, 28)
    # The decision step (10 calendar days) opened late, on 30 September, would run to Saturday
    # 10 October (a make-up working day) but is capped at the case's own deadline, 8 October.
    case = _accepted(world, _calendar_entry(world, 30, 20, decision_limit=10), D(2026, 9, 2))
    backoffice.case_step_pass(
        case=case,
        actor=world.reviewer_x,
        opinion="调解完毕",
        expected_revision=case.revision,
        at=_at(D(2026, 9, 30)),
    )
    assert case.steps.get(index=1).due_date == case.due_date == D(2026, 10, 8)


def test_a_working_day_step_is_capped_by_the_case_deadline_too(world):
    entry = licence_entry(
        world.dept_x,
        promised_limit={"value": 3, "unit": "working"},
        steps=[
            {"name": "受理", "handler": "综合受理窗口", "limit": 0},
            {"name": "审查", "handler": "登记股", "limit": 2},
            {"name": "决定", "handler": "负责人", "limit": 1},
            {"name": "出件", "handler": "统一出件窗口", "limit": 0},
        ],
    )
    # 3 working days from Monday 2 November 2026: Thursday 5 November.
    case = _accepted(world, entry, D(2026, 11, 2))
    assert case.due_date == D(2026, 11, 5)
    assert case.steps.get(index=0).due_date == D(2026, 11, 4)
    # The review took until Thursday 5 November: the decision step's own day, Friday 6 November,
    # would outlive the case, so it ends on 5 November too.
    backoffice.case_step_pass(
        case=case,
        actor=world.reviewer_x,
        opinion="审查通过",
        expected_revision=case.revision,
        at=_at(D(2026, 11, 5)),
    )
    assert case.steps.get(index=1).due_date == D(2026, 11, 5)


def test_the_applicants_sentence_names_the_unit_and_counts_only_paused_working_days(world):
    entry = licence_entry(world.dept_x, promised_limit={"value": 15, "unit": "working"})
    case = _accepted(world, entry, D(2026, 11, 2))
    # An on-site inspection from Monday 9 to Saturday 14 November 2026: six days paused, of
    # which five (Monday to Friday) would have counted.
    backoffice.case_procedure_start(
        case=case,
        actor=world.reviewer_x,
        kind="inspection",
        reason="现场核查经营场所",
        basis="行政许可法第四十五条",
        expected_revision=case.revision,
        at=_at(D(2026, 11, 9)),
    )
    case.refresh_from_db()
    backoffice.case_procedure_end(
        case=case,
        actor=world.reviewer_x,
        result="核查完毕",
        expected_revision=case.revision,
        at=_at(D(2026, 11, 14)),
    )
    case.refresh_from_db()
    # By hand: 15 working days from 2 November skipping 9–13 November → 2 Nov + 3, 4, 5, 6 (4),
    # 16–20 (9), 23–27 (14), 30 November (15).
    assert case.due_date == D(2026, 11, 30)
    with override("en"):
        words = clock.deadline_in_words(case)
    assert words.startswith("15 working days counted")
    assert "5 working days of special procedures not counted" in words
    assert "6 " not in words.split(";")[-1].split(":")[0]
    with override("zh-hans"):
        words = clock.deadline_in_words(case)
    assert "15 个工作日" in words
    assert "5 个工作日" in words


@pytest.mark.parametrize("unit", ["working", "calendar"])
def test_the_sentence_counts_exactly_the_limit(world, unit):
    entry = licence_entry(world.dept_x, promised_limit={"value": 10, "unit": unit})
    case = _accepted(world, entry, D(2026, 9, 25))
    with override("en"):
        words = clock.deadline_in_words(case)
    assert words.startswith(f"10 {unit} days counted")
