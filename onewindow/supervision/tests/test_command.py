"""The cron-only way to run the supervision jobs."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.services import acceptance
from onewindow.supervision.models import Card, SupervisionRecord


def test_supervision_run_sweeps_and_with_daily_evaluates_cards(world):
    at = timezone.now() - datetime.timedelta(days=60)
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=licence_entry(world.dept_x),
        applicant=world.person,
        at=at,
    )
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a, at=at)
    out = io.StringIO()
    call_command("supervision_run", stdout=out)
    assert "warnings raised: 2" in out.getvalue()  # the promised limit and the step, both red
    assert SupervisionRecord.objects.filter(case=case, level="red").count() == 2
    assert not Card.objects.exists()
    out = io.StringIO()
    call_command("supervision_run", "--daily", stdout=out)
    assert "warnings raised: 0" in out.getvalue()
    assert "urgings marked overdue: 0" in out.getvalue()
    assert "cards issued:" in out.getvalue()
