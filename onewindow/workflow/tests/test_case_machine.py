"""The engine with a real machine (the case machine): what it refuses, what it writes, and that an
exception inside the block leaves nothing behind."""

from __future__ import annotations

import pytest
from django.db import transaction

from onewindow.cases.choices import Action, CaseState
from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.machines import CASE
from onewindow.cases.models import Case
from onewindow.cases.services import acceptance
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.core.models import AuditEntry
from onewindow.notifications.models import Message
from onewindow.workflow.engine import Stale, available_actions, refusal, transition


@pytest.fixture
def received(world) -> Case:
    return receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=licence_entry(world.dept_x),
        applicant=world.citizen_person,
    )


def _counts(case: Case) -> tuple:
    case.refresh_from_db()
    return (
        case.state,
        case.revision,
        case.events.count(),
        case.documents.count(),
        AuditEntry.objects.count(),
        Message.objects.count(),
    )


def test_a_stale_revision_is_refused_and_changes_nothing(world, received):
    before = _counts(received)
    with (
        pytest.raises(Stale),
        transition(
            CASE,
            received,
            Action.ACCEPT,
            actor=world.clerk_a,
            expected_revision=received.revision - 1,
        ),
    ):
        pytest.fail("the block must not run")
    assert _counts(received) == before


def test_a_state_the_table_does_not_allow_is_refused(world, received):
    with (
        pytest.raises(Stale),
        transition(
            CASE, received, Action.PASS, actor=world.reviewer_x, expected_revision=received.revision
        ),
    ):
        pytest.fail("the block must not run")


def test_an_actor_without_the_capacity_is_refused(world, received):
    for outsider in (world.reviewer_x, world.clerk_b, world.supervisor_a, world.citizen):
        assert refusal(CASE, received, Action.ACCEPT, outsider) is not None
        with (
            pytest.raises(NotPermitted),
            transition(
                CASE, received, Action.ACCEPT, actor=outsider, expected_revision=received.revision
            ),
        ):
            pytest.fail("the block must not run")


def test_a_failing_guard_is_refused_and_not_offered(world, received):
    # The guide of this item does not allow approval on commitment: the guard says so.
    assert Action.ACCEPT_COMMITMENT not in available_actions(CASE, world.clerk_a, received)
    assert Action.ACCEPT in available_actions(CASE, world.clerk_a, received)
    with (
        pytest.raises(DomainError) as refused,
        transition(
            CASE,
            received,
            Action.ACCEPT_COMMITMENT,
            actor=world.clerk_a,
            expected_revision=received.revision,
        ),
    ):
        pytest.fail("the block must not run")
    assert type(refused.value) is DomainError  # the guard's reason, not a stale or a capacity


class Boom(Exception):
    pass


def _fail_inside_the_block(world, case: Case) -> None:
    with transition(
        CASE, case, Action.ACCEPT, actor=world.clerk_a, expected_revision=case.revision
    ) as change:
        change.obj.accepted_at = change.at
        # The case machine's change is a CaseChange; transition() is typed with the generic one.
        change.issue("acceptance", {"materials": []})  # type: ignore[attr-defined]
        raise Boom


def _fail_after_the_hooks(world, case: Case, messages_before: int) -> None:
    with transaction.atomic():
        acceptance.case_accept(case=case, actor=world.clerk_a, expected_revision=case.revision)
        assert case.state == CaseState.IN_REVIEW
        assert Message.objects.count() > messages_before  # the outbox row was written
        raise Boom


def test_an_exception_inside_the_block_rolls_back_everything(world, received):
    before = _counts(received)
    with pytest.raises(Boom):
        _fail_inside_the_block(world, received)
    assert _counts(received) == before
    # …including when it comes after the hooks wrote the event, documents, audit and outbox.
    with pytest.raises(Boom):
        _fail_after_the_hooks(world, received, before[5])
    assert _counts(received) == before


def test_an_accepted_transition_writes_event_audit_and_notification(world, received):
    _state, revision, _events, _documents, audits, messages = _counts(received)
    acceptance.case_accept(case=received, actor=world.clerk_a, expected_revision=revision)
    assert _counts(received)[:2] == (CaseState.IN_REVIEW, revision + 1)
    event = received.events.order_by("-id").first()
    assert (event.action, event.from_state, event.to_state, event.actor_role) == (
        Action.ACCEPT,
        CaseState.RECEIVED,
        CaseState.IN_REVIEW,
        "clerk",
    )
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.kind == "case.accept"
    assert entry.ref == received.number
    assert entry.actor == world.clerk_a.username
    assert set(entry.content) == {
        "event",
        "from",
        "to",
        "as",
        "step",
        "opinion",
        "data",
        "documents",
    }
    assert entry.content["event"] == event.pk
    assert entry.content["documents"] == [
        {"kind": d.kind, "number": d.number} for d in event.documents.all()
    ]
    assert AuditEntry.objects.count() == audits + 1
    assert Message.objects.count() > messages  # the applicant is told, on commit
