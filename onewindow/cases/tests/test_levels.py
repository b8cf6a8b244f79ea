"""Warning levels are written by the cases app for the supervision sweep: only against the
revision the sweep read, a step's level only when it is given, one UPDATE per row."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onewindow.cases.choices import WarningLevel
from onewindow.cases.factories import accepted_case, licence_entry, receive_case
from onewindow.cases.models import Case, CaseStep
from onewindow.cases.services.levels import LevelChange, case_levels_apply

ACCEPTED = datetime.datetime(2026, 6, 1, 2, tzinfo=datetime.UTC)  # Monday 1 June 2026
LATER = datetime.date(2026, 6, 9)

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(world) -> Case:
    return accepted_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=licence_entry(world.dept_x),
        applicant=world.person,
        at=ACCEPTED,
    )


def _open_step(case: Case) -> CaseStep:
    return CaseStep.objects.get(case=case, finished_at__isnull=True)


def test_a_level_is_written_with_its_next_day(accepted):
    written = case_levels_apply(
        changes=[LevelChange(accepted, WarningLevel.YELLOW, LATER)],
    )
    assert written == {accepted.pk}
    row = Case.objects.get(pk=accepted.pk)
    assert (row.warning_level, row.next_level_change) == (WarningLevel.YELLOW, LATER)
    assert row.revision == accepted.revision  # a level is not a transition
    assert _open_step(accepted).warning_level == WarningLevel.NORMAL  # no step level given


def test_a_case_moved_since_it_was_read_is_left_alone(accepted):
    stale = Case.objects.get(pk=accepted.pk)
    Case.objects.filter(pk=accepted.pk).update(revision=accepted.revision + 1)
    step = _open_step(accepted)
    written = case_levels_apply(
        changes=[LevelChange(stale, WarningLevel.RED, None, step, WarningLevel.RED)],
    )
    assert written == set()
    row = Case.objects.get(pk=accepted.pk)
    assert row.warning_level == WarningLevel.NORMAL
    assert row.next_level_change == accepted.next_level_change
    assert _open_step(accepted).warning_level == WarningLevel.NORMAL  # nor its step


def test_a_risen_step_is_written_with_its_case(accepted):
    step = _open_step(accepted)
    written = case_levels_apply(
        changes=[LevelChange(accepted, WarningLevel.NORMAL, LATER, step, WarningLevel.YELLOW)],
    )
    assert written == {accepted.pk}
    assert _open_step(accepted).warning_level == WarningLevel.YELLOW
    assert step.warning_level == WarningLevel.YELLOW  # the caller's objects agree with the rows


def test_one_update_per_case_and_per_risen_step(world, accepted):
    other = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=licence_entry(world.dept_x),
        applicant=world.person,
        at=ACCEPTED,
    )
    step = _open_step(accepted)
    changes = [
        LevelChange(accepted, WarningLevel.YELLOW, LATER, step, WarningLevel.RED),
        LevelChange(other, WarningLevel.RED, None),
    ]
    with CaptureQueriesContext(connection) as queries:
        written = case_levels_apply(changes=changes)
    assert written == {accepted.pk, other.pk}
    assert len(queries) == 3
    assert all(q["sql"].lstrip().upper().startswith("UPDATE") for q in queries)


def test_a_level_another_sweep_wrote_meanwhile_is_not_written_again(accepted):
    """Issue 17 item 10: two sweeps read the same due case at once and both compute its rise;
    the write is a compare-and-set on the level and day they read, so only the first one counts
    (the second gets no record, audit entry or notice). The revision alone did not tell them
    apart: a sweep never changes it."""
    first = Case.objects.get(pk=accepted.pk)
    second = Case.objects.get(pk=accepted.pk)
    assert case_levels_apply(changes=[LevelChange(first, WarningLevel.YELLOW, LATER)]) == {
        accepted.pk
    }
    step = _open_step(accepted)
    written = case_levels_apply(
        changes=[LevelChange(second, WarningLevel.RED, None, step, WarningLevel.RED)]
    )
    assert written == set()
    row = Case.objects.get(pk=accepted.pk)
    assert (row.warning_level, row.next_level_change) == (WarningLevel.YELLOW, LATER)
    assert _open_step(accepted).warning_level == WarningLevel.NORMAL
