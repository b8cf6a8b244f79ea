"""Query budgets of the hot transitions (issue 12): each budget is what the transition needs
today, so a change that reads back what it just wrote, or re-reads the calendar, fails here.

Before issue 12 an intake request took 58 statements (the locked re-read joined eight tables,
each transition refreshed the caller's case, every material was its own INSERT, the calendar's
version was read four times, the new case's materials three times)."""

from __future__ import annotations

import pytest

from onewindow.cases.factories import receive_case
from onewindow.cases.services import acceptance, backoffice
from onewindow.cases.tests.test_views import _intake_post
from onewindow.core.audit import audit_append


@pytest.fixture
def warm(world, entry_x):
    """A first case, so that counters, the audit heads and the calendar cache exist."""
    world.window_a.category = "enterprise"
    world.window_a.save()
    receive_case(clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person)
    audit_append(kind="test", ref="warm", actor="system", content={})
    return entry_x


def test_an_intake_request_stays_within_its_budget(
    world, login, warm, django_assert_max_num_queries
):
    clerk = login(world.clerk_a)
    url = f"/cases/new/{warm.public_id}/"
    data = _intake_post(warm, ["self"], applicant=world.person.id_number)
    assert clerk.post(url, data).status_code == 302  # the partition's head now exists
    # session, user, posting, entry + halls, applicant; number, case, materials (one INSERT);
    # per transition: savepoint, locked re-read, update, event, document, audit (3), outbox.
    with django_assert_max_num_queries(33):
        response = clerk.post(url, data)
    assert response.status_code == 302


def test_accepting_a_received_case_stays_within_its_budget(
    world, warm, django_assert_max_num_queries
):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=warm, applicant=world.person
    )
    audit_append(kind="test", ref=case.number, actor="system", content={})
    with django_assert_max_num_queries(19):
        acceptance.case_accept(case=case, actor=world.clerk_a, expected_revision=case.revision)


def test_the_back_office_steps_stay_within_their_budget(world, warm, django_assert_max_num_queries):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=warm, applicant=world.person
    )
    acceptance.case_accept(case=case, actor=world.clerk_a, expected_revision=case.revision)
    with django_assert_max_num_queries(19):
        backoffice.case_step_pass(
            case=case, expected_revision=case.revision, actor=world.reviewer_x, opinion="同意"
        )
    with django_assert_max_num_queries(28):
        backoffice.case_decide(
            case=case,
            expected_revision=case.revision,
            actor=world.approver_x,
            approved=True,
            opinion="准予",
        )
