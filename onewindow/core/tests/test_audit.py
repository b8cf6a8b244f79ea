"""The audit chain catches rows edited or deleted directly in the database."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.services import acceptance, backoffice
from onewindow.core.audit import audit_append, audit_verify, sm3
from onewindow.core.models import AuditEntry


def test_sm3_known_answer():
    # GB/T 32905-2016 example 1
    assert sm3(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


@pytest.fixture
def chain(world):
    entry = licence_entry(world.dept_x)
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry, applicant=world.person
    )
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    backoffice.case_step_pass(
        case=case, expected_revision=case.revision, actor=world.reviewer_x, opinion="同意"
    )
    backoffice.case_decide(
        case=case,
        expected_revision=case.revision,
        actor=world.approver_x,
        approved=True,
        opinion="准予",
    )
    return case


def test_every_transition_is_chained(chain):
    kinds = list(AuditEntry.objects.values_list("kind", flat=True))
    assert kinds == ["case.receive", "case.accept", "case.pass", "case.approve"]
    assert audit_verify() is None
    call_command("audit_verify")  # no error


def test_an_edited_row_is_named(chain):
    AuditEntry.objects.filter(seq=2).update(content={"opinion": "改过的意见"})
    broken = audit_verify()
    assert broken is not None
    assert broken.seq == 2
    with pytest.raises(CommandError, match="entry 2"):
        call_command("audit_verify")


def test_a_rehashed_row_breaks_the_next_link(chain):
    # A forger who recomputes the edited row's own hash still breaks the link after it.
    row = AuditEntry.objects.get(seq=2)
    row.content = {"opinion": "伪造"}
    from onewindow.core.audit import digest_of

    row.hash = digest_of(row, row.prev_hash)
    AuditEntry.objects.filter(pk=row.pk).update(content=row.content, hash=row.hash)
    assert audit_verify().seq == 3


def test_a_deleted_row_is_named(chain):
    AuditEntry.objects.filter(seq=3).delete()
    assert audit_verify().seq == 3


def test_deleting_the_last_row_is_caught(chain):
    AuditEntry.objects.filter(seq=4).delete()
    broken = audit_verify()
    assert broken is not None
    assert broken.seq == 4


def test_appending_continues_the_chain(db):
    # One object's entries are one chain (decision 0011).
    first = audit_append(kind="test", ref="R1", actor="system", content={"n": 1})
    second = audit_append(kind="test", ref="R1", actor="system", content={"n": 2})
    assert second.partition == first.partition
    assert second.prev_hash == first.hash
    assert second.seq == first.seq + 1
    assert audit_verify() is None


def test_reordered_rows_are_caught(chain):
    # Swapping two entries' places in the chain (their sequence numbers).
    two, three = AuditEntry.objects.get(seq=2), AuditEntry.objects.get(seq=3)
    AuditEntry.objects.filter(pk=two.pk).update(seq=99)
    AuditEntry.objects.filter(pk=three.pk).update(seq=2)
    AuditEntry.objects.filter(pk=two.pk).update(seq=3)
    broken = audit_verify()
    assert broken is not None
    assert broken.seq == 2
