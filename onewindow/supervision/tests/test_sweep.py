"""The warning sweep over every statutory clock: each crosses yellow then red exactly once, the
sweep reads only the cases whose level may change, and every rise is on the audit chain."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onewindow.cases.choices import WarningLevel
from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.models import Case, CaseStep
from onewindow.cases.services import acceptance, backoffice, delivery
from onewindow.core.models import AuditEntry
from onewindow.notifications.models import Message
from onewindow.supervision.choices import Clock
from onewindow.supervision.models import SupervisionRecord
from onewindow.supervision.sweep import level_of, warnings_sweep

ACCEPTED = datetime.datetime(2026, 6, 1, 2, tzinfo=datetime.UTC)  # Monday 1 June 2026
NO_STEP_LIMITS = [
    {"name": "受理", "handler": "综合受理窗口", "limit": 0},
    {"name": "审查", "handler": "登记股", "limit": 0},
    {"name": "决定", "handler": "分管负责人", "limit": 0},
]


def _receive(world, **content):
    return receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=licence_entry(world.dept_x, **content),  # promised: 3 working days
        applicant=world.person,
        at=ACCEPTED,
    )


@pytest.fixture
def running(world):
    case = _receive(world, steps=NO_STEP_LIMITS)
    acceptance.case_accept(
        case=case, expected_revision=case.revision, actor=world.clerk_a, at=ACCEPTED
    )
    case.refresh_from_db()
    assert case.due_date == datetime.date(2026, 6, 4)  # Thursday
    return case


def _level(case: Case) -> str:
    case.refresh_from_db()
    return case.warning_level


def _records(**filters) -> list[tuple[str, str]]:
    rows = SupervisionRecord.objects.filter(**filters).order_by("id")
    return list(rows.values_list("clock", "level"))


def test_yellow_then_red_exactly_once(world, running):
    assert warnings_sweep(today=datetime.date(2026, 6, 2)) == 0
    assert _level(running) == WarningLevel.NORMAL
    assert running.next_level_change == datetime.date(2026, 6, 4)  # yellow on the last day
    assert warnings_sweep(today=datetime.date(2026, 6, 4)) == 1
    assert _level(running) == WarningLevel.YELLOW
    assert warnings_sweep(today=datetime.date(2026, 6, 4)) == 0  # no second record
    assert warnings_sweep(today=datetime.date(2026, 6, 5)) == 1
    assert _level(running) == WarningLevel.RED
    assert warnings_sweep(today=datetime.date(2026, 6, 8)) == 0
    assert _records() == [(Clock.DECISION, "yellow"), (Clock.DECISION, "red")]
    assert SupervisionRecord.objects.filter(department=world.dept_x).count() == 2
    # the department's reviewer and approver are told in their inbox
    told = set(
        Message.objects.filter(event="supervision.warning").values_list(
            "recipient_user__username", flat=True
        )
    )
    assert told == {"reviewer_x", "approver_x"}
    # two people answer for the department: the records name the department only
    assert set(SupervisionRecord.objects.values_list("staff", flat=True)) == {None}


def test_every_rise_is_on_the_audit_chain(world, running):
    warnings_sweep(today=datetime.date(2026, 6, 5))
    entry = AuditEntry.objects.get(kind="supervision.warning.raised")
    assert entry.ref == running.number
    assert entry.actor == "system"
    assert entry.content["clock"] == Clock.DECISION
    assert entry.content["level"] == "red"
    call_command("audit_verify")  # raises CommandError on a broken chain


def test_the_sweep_reads_only_cases_due_for_a_look(world, running):
    warnings_sweep(today=datetime.date(2026, 6, 2))
    with CaptureQueriesContext(connection) as queries:
        warnings_sweep(today=datetime.date(2026, 6, 3))  # nothing changes before 4 June
    assert len(queries) == 1


def test_a_step_limit_has_its_own_warnings(world):
    case = _receive(world)  # 审查 2 working days (reviewer), 决定 1 (approver)
    acceptance.case_accept(
        case=case, expected_revision=case.revision, actor=world.clerk_a, at=ACCEPTED
    )
    step = CaseStep.objects.get(case=case, finished_at__isnull=True)
    assert step.due_date == datetime.date(2026, 6, 3)
    case.refresh_from_db()
    assert warnings_sweep(today=datetime.date(2026, 6, 3)) == 1  # step yellow only
    assert _records() == [(Clock.STEP, "yellow")]
    assert warnings_sweep(today=datetime.date(2026, 6, 4)) == 2  # step red, case yellow
    assert warnings_sweep(today=datetime.date(2026, 6, 4)) == 0
    assert _records() == [(Clock.STEP, "yellow"), (Clock.DECISION, "yellow"), (Clock.STEP, "red")]
    step.refresh_from_db()
    assert step.warning_level == WarningLevel.RED
    assert SupervisionRecord.objects.filter(step=step).count() == 2
    # a step warning goes to the step's role only
    step_told = Message.objects.filter(body__contains="审查").values_list(
        "recipient_user__username", flat=True
    )
    assert set(step_told) == {"reviewer_x"}
    # passing the step starts the next one with its own limit (1 working day from 4 June would
    # be 5 June), which never ends after the case's own deadline, 4 June (issue 11, item 2)
    backoffice.case_step_pass(
        case=case,
        expected_revision=case.revision,
        actor=world.reviewer_x,
        opinion="同意",
        at=datetime.datetime(2026, 6, 4, 3, tzinfo=datetime.UTC),
    )
    case.refresh_from_db()
    assert case.due_date == datetime.date(2026, 6, 4)
    assert CaseStep.objects.get(case=case, finished_at__isnull=True).due_date == datetime.date(
        2026, 6, 4
    )


def test_the_acceptance_notice_clock(world):
    case = _receive(world, steps=NO_STEP_LIMITS)
    case.refresh_from_db()
    assert case.acceptance_due == datetime.date(2026, 6, 8)  # five working days (§32)
    assert warnings_sweep(today=datetime.date(2026, 6, 5)) == 0
    assert warnings_sweep(today=datetime.date(2026, 6, 8)) == 1
    assert warnings_sweep(today=datetime.date(2026, 6, 9)) == 1
    assert _records() == [(Clock.ACCEPTANCE, "yellow"), (Clock.ACCEPTANCE, "red")]
    told = Message.objects.filter(event="supervision.warning").values_list(
        "recipient_user__username", flat=True
    )
    assert set(told) == {"clerk_a"}  # the window that received it
    # one clerk answers for that window, so the records name her
    assert set(SupervisionRecord.objects.values_list("staff__username", flat=True)) == {"clerk_a"}
    assert set(SupervisionRecord.objects.values_list("result", flat=True)) == {""}
    # accepted: a new clock starts at normal and warns again on its own deadline
    acceptance.case_accept(
        case=case,
        expected_revision=case.revision,
        actor=world.clerk_a,
        at=datetime.datetime(2026, 6, 9, 2, tzinfo=datetime.UTC),
    )
    case.refresh_from_db()
    assert case.warning_level == WarningLevel.NORMAL
    assert case.due_date == datetime.date(2026, 6, 12)
    # the acceptance warnings are settled by the acceptance
    results = set(SupervisionRecord.objects.values_list("result", flat=True))
    assert len(results) == 1
    assert "受理" in results.pop()
    assert warnings_sweep(today=datetime.date(2026, 6, 12)) == 1
    assert _records()[-1] == (Clock.DECISION, "yellow")


def _decide(world, case, day):
    at = datetime.datetime(2026, 6, day, 3, tzinfo=datetime.UTC)
    backoffice.case_step_pass(
        case=case, expected_revision=case.revision, actor=world.reviewer_x, opinion="同意", at=at
    )
    backoffice.case_decide(
        case=case,
        expected_revision=case.revision,
        actor=world.approver_x,
        approved=True,
        opinion="准予",
        at=at,
    )
    case.refresh_from_db()


def test_the_delivery_clock_of_section_44(world, running):
    _decide(world, running, 3)
    assert running.delivery_due == datetime.date(2026, 6, 17)  # ten working days (§44)
    assert running.next_level_change == datetime.date(2026, 6, 3)
    assert level_of(running, datetime.date(2026, 6, 10)) == (
        WarningLevel.NORMAL,
        datetime.date(2026, 6, 17),
    )
    assert warnings_sweep(today=datetime.date(2026, 6, 17)) == 1
    assert warnings_sweep(today=datetime.date(2026, 6, 18)) == 1
    assert _records() == [(Clock.DELIVERY, "yellow"), (Clock.DELIVERY, "red")]
    told = Message.objects.filter(event="supervision.warning").values_list(
        "recipient_user__username", flat=True
    )
    assert set(told) == {"clerk_a"}
    # handed to the delivery window: no clock runs any more
    delivery.case_ready(case=running, expected_revision=running.revision, actor=world.clerk_a)
    running.refresh_from_db()
    assert running.next_level_change is None
    assert warnings_sweep(today=datetime.date(2026, 6, 30)) == 0


def test_the_decision_figures_are_kept(world, running):
    _decide(world, running, 5)  # one day late
    assert running.days_used == 4
    assert running.paused_days == 0
    assert running.decided_on_spot is False


def test_a_suspended_case_keeps_its_level(world, running):
    warnings_sweep(today=datetime.date(2026, 6, 4))
    backoffice.case_procedure_start(
        case=running,
        expected_revision=running.revision,
        actor=world.reviewer_x,
        kind="inspection",
        reason="现场核查",
        basis="《市场主体登记管理条例》",
        at=datetime.datetime(2026, 6, 4, 3, tzinfo=datetime.UTC),
    )
    running.refresh_from_db()
    assert level_of(running, datetime.date(2026, 6, 20)) == (WarningLevel.YELLOW, None)
    assert warnings_sweep(today=datetime.date(2026, 6, 20)) == 0
    assert _level(running) == WarningLevel.YELLOW


@pytest.mark.parametrize(
    ("persona", "status"),
    [("supervisor_a", 200), ("manager_a", 200), ("admin_a", 200), ("clerk_a", 403)],
)
def test_red_list_per_role(world, login, running, persona, status):
    warnings_sweep(today=datetime.date(2026, 6, 5))
    response = login(getattr(world, persona)).get("/supervision/warnings/?level=red")
    assert response.status_code == status
    if status == 200:
        assert running.number in response.content.decode()
    other = login(world.manager_b).get("/supervision/warnings/?level=red")
    assert running.number not in other.content.decode()


def test_a_calendar_change_moves_every_running_clock(world):
    from onewindow.deadlines.services import calendar_day_set

    received = _receive(world, steps=NO_STEP_LIMITS)  # §32 clock: due 8 June
    in_review = _receive(world)  # promised limit and step limit
    acceptance.case_accept(
        case=in_review, expected_revision=in_review.revision, actor=world.clerk_a, at=ACCEPTED
    )
    decided = _receive(world, steps=NO_STEP_LIMITS)  # §44 clock
    acceptance.case_accept(
        case=decided, expected_revision=decided.revision, actor=world.clerk_a, at=ACCEPTED
    )
    _decide(world, decided, 1)
    step = CaseStep.objects.get(case=in_review, finished_at__isnull=True)
    before = {
        "acceptance": Case.objects.get(pk=received.pk).acceptance_due,
        "due": Case.objects.get(pk=in_review.pk).due_date,
        "step": step.due_date,
        "delivery": Case.objects.get(pk=decided.pk).delivery_due,
    }
    assert before == {
        "acceptance": datetime.date(2026, 6, 8),
        "due": datetime.date(2026, 6, 4),
        "step": datetime.date(2026, 6, 3),
        "delivery": datetime.date(2026, 6, 15),
    }
    # an extra day off on Tuesday 2 June pushes every running clock one working day later
    calendar_day_set(
        day=datetime.date(2026, 6, 2), kind="closed", name="临时停电", actor=world.admin_province
    )
    step.refresh_from_db()
    assert Case.objects.get(pk=received.pk).acceptance_due == datetime.date(2026, 6, 9)
    assert Case.objects.get(pk=in_review.pk).due_date == datetime.date(2026, 6, 5)
    assert step.due_date == datetime.date(2026, 6, 4)
    assert Case.objects.get(pk=decided.pk).delivery_due == datetime.date(2026, 6, 16)
    # and the sweep looks at them again
    assert set(Case.objects.values_list("next_level_change", flat=True)) == {datetime.date.today()}


def test_the_case_page_explains_every_clock(world, login):
    from onewindow.supervision.selectors import case_clocks

    case = _receive(world)  # 审查 2 working days, 决定 1
    acceptance.case_accept(
        case=case, expected_revision=case.revision, actor=world.clerk_a, at=ACCEPTED
    )
    case.refresh_from_db()
    rows = {row.clock: row for row in case_clocks(case)}
    assert list(rows) == [Clock.ACCEPTANCE, Clock.DECISION, Clock.STEP, Clock.DELIVERY]
    assert [rows[c].running for c in rows] == [False, True, True, False]
    acceptance_days = rows[Clock.ACCEPTANCE].notes
    assert sum(n.counted for n in acceptance_days) == 5
    assert acceptance_days[-1].date == case.acceptance_due
    step_days = rows[Clock.STEP].notes
    assert [n.date for n in step_days if n.counted] == [
        datetime.date(2026, 6, 2),
        datetime.date(2026, 6, 3),
    ]
    assert rows[Clock.DELIVERY].notes == ()  # not decided yet
    _decide(world, case, 3)
    rows = {row.clock: row for row in case_clocks(case)}
    delivery_days = rows[Clock.DELIVERY].notes
    assert rows[Clock.DELIVERY].running
    assert sum(n.counted for n in delivery_days) == 10
    assert delivery_days[-1].date == case.delivery_due == datetime.date(2026, 6, 17)
    html = login(world.supervisor_a).get(f"/cases/{case.number}/").content.decode()
    assert html.count('data-testid="clock-explanation"') == 2  # §32 and §44
