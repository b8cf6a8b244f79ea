"""The warning sweep: a case crosses yellow then red exactly once, and the sweep reads only the
cases whose level may change."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onewindow.cases.choices import WarningLevel
from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.models import Case
from onewindow.cases.services import acceptance
from onewindow.deadlines.models import SupervisionRecord
from onewindow.deadlines.supervision import level_of, warnings_sweep
from onewindow.notifications.models import Message

ACCEPTED = datetime.datetime(2026, 6, 1, 2, tzinfo=datetime.UTC)  # Monday 1 June 2026


@pytest.fixture
def running(world):
    entry = licence_entry(world.dept_x)  # promised: 3 working days
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry,
        applicant=world.person,
        at=ACCEPTED,
    )
    acceptance.case_accept(case=case, actor=world.clerk_a, at=ACCEPTED)
    case.refresh_from_db()
    assert case.due_date == datetime.date(2026, 6, 4)  # Thursday
    return case


def _level(case: Case) -> str:
    case.refresh_from_db()
    return case.warning_level


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
    records = list(SupervisionRecord.objects.values_list("level", flat=True).order_by("id"))
    assert records == [WarningLevel.YELLOW, WarningLevel.RED]
    assert SupervisionRecord.objects.filter(department=world.dept_x).count() == 2
    # the department's reviewer and approver are told in their inbox
    told = set(
        Message.objects.filter(event="supervision.warning").values_list(
            "recipient_user__username", flat=True
        )
    )
    assert told == {"reviewer_x", "approver_x"}


def test_the_sweep_reads_only_cases_due_for_a_look(world, running):
    warnings_sweep(today=datetime.date(2026, 6, 2))
    with CaptureQueriesContext(connection) as queries:
        warnings_sweep(today=datetime.date(2026, 6, 3))  # nothing changes before 4 June
    assert len(queries) == 1


def test_a_decided_case_leaves_the_sweep(world, running):
    from onewindow.cases.services import backoffice

    backoffice.case_step_pass(case=running, actor=world.reviewer_x, opinion="同意")
    backoffice.case_decide(case=running, actor=world.approver_x, approved=True, opinion="准予")
    running.refresh_from_db()
    assert running.next_level_change is None
    assert level_of(running, datetime.date(2026, 6, 10)) == (WarningLevel.NORMAL, None)
    assert warnings_sweep(today=datetime.date(2026, 6, 10)) == 0


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
