"""The audit chains of decision 0011: one chain per partition of the objects, anchored in a top
chain. Each test alters the database the way a forger with SQL access would."""

from __future__ import annotations

import datetime
import itertools
import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from onewindow.core import audit
from onewindow.core.audit import (
    ANCHOR_HEAD,
    GENESIS,
    Link,
    audit_anchor,
    audit_append,
    audit_append_many,
    audit_verify,
    partition_of,
)
from onewindow.core.models import AuditAnchor, AuditEntry, AuditHead


def _two_refs() -> tuple[str, str]:
    """Two object names whose entries fall into different chains."""
    first = "CASE-A"
    second = next(
        f"CASE-{n}" for n in range(1000) if partition_of(f"CASE-{n}") != partition_of(first)
    )
    return first, second


@pytest.fixture
def chains(db):
    a, b = _two_refs()
    for n in range(3):
        audit_append(kind="test", ref=a, actor="clerk", content={"n": n})
        audit_append(kind="test", ref=b, actor="clerk", content={"n": n})
    return partition_of(a), partition_of(b)


def test_each_object_has_its_own_chain(chains):
    pa, pb = chains
    assert pa != pb
    for p in (pa, pb):
        rows = list(AuditEntry.objects.filter(partition=p).order_by("seq"))
        assert [r.seq for r in rows] == [1, 2, 3]
        assert rows[0].prev_hash == GENESIS
        assert all(r.prev_hash == q.hash for q, r in itertools.pairwise(rows))
    assert AuditHead.objects.get(partition=pa).count == 3
    assert audit_verify() is None


def test_an_edit_inside_one_chain_names_that_chain(chains):
    _pa, pb = chains
    AuditEntry.objects.filter(partition=pb, seq=2).update(content={"n": "forged"})
    broken = audit_verify()
    assert (broken.partition, broken.seq) == (pb, 2)
    assert f"entry 2 of chain {pb}" in str(broken)


def test_a_whole_chain_deleted_is_caught_by_its_head(chains):
    pa, _pb = chains
    AuditEntry.objects.filter(partition=pa).delete()
    broken = audit_verify()
    assert (broken.partition, broken.seq) == (pa, 1)


def test_a_chain_tail_deleted_and_its_head_rewritten_is_caught_by_the_anchor(chains):
    pa, _pb = chains
    assert audit_anchor() is not None
    second = AuditEntry.objects.get(partition=pa, seq=2)
    AuditEntry.objects.filter(partition=pa, seq=3).delete()
    # Without the anchor this forgery is invisible: the head agrees with the shortened chain.
    AuditHead.objects.filter(partition=pa).update(count=2, last_hash=second.hash)
    broken = audit_verify()
    assert (broken.partition, broken.seq) == (pa, 3)
    assert "anchor" in broken.problem


def test_a_row_moved_to_another_chain_is_caught(chains):
    pa, pb = chains
    AuditEntry.objects.filter(partition=pa, seq=3).update(partition=pb, seq=4)
    AuditHead.objects.filter(partition=pb).update(count=4)
    broken = audit_verify()
    assert broken is not None
    # Chain pa lost its last entry (its head still says 3) — or pb's new row does not hash.
    assert (broken.partition, broken.seq) in {(pa, 3), (pb, 4)}


def test_a_moved_row_with_its_chain_fixed_still_does_not_hash(chains):
    # The forger moves the row and rewrites both heads: the partition is part of the digest.
    pa, pb = chains
    moved = AuditEntry.objects.get(partition=pa, seq=3)
    last_b = AuditEntry.objects.get(partition=pb, seq=3)
    AuditEntry.objects.filter(pk=moved.pk).update(partition=pb, seq=4, prev_hash=last_b.hash)
    before = AuditEntry.objects.get(partition=pa, seq=2)
    AuditHead.objects.filter(partition=pa).update(count=2, last_hash=before.hash)
    AuditHead.objects.filter(partition=pb).update(count=4, last_hash=moved.hash)
    broken = audit_verify()
    assert (broken.partition, broken.seq) == (pb, 4)
    assert "hash" in broken.problem


def test_an_altered_anchor_is_caught(chains):
    pa, _pb = chains
    anchor = audit_anchor()
    heads = dict(anchor.heads)
    heads[str(pa)] = [2, heads[str(pa)][1]]
    AuditAnchor.objects.filter(pk=anchor.pk).update(heads=heads)
    broken = audit_verify()
    assert (broken.partition, broken.seq) == (ANCHOR_HEAD, 1)
    assert str(broken) == "anchor 1: content altered (hash mismatch)"


def test_a_deleted_last_anchor_is_caught(chains):
    audit_anchor()
    a, _b = _two_refs()
    audit_append(kind="test", ref=a, actor="clerk", content={"n": 9})
    second = audit_anchor()
    assert second.seq == 2
    AuditAnchor.objects.filter(pk=second.pk).delete()
    broken = audit_verify()
    assert (broken.partition, broken.seq) == (ANCHOR_HEAD, 2)


def test_an_anchor_records_only_the_chains_that_moved(chains):
    pa, pb = chains
    first = audit_anchor()
    assert set(first.heads) == {str(pa), str(pb)}
    assert audit_anchor() is None  # nothing moved
    a, _b = _two_refs()
    audit_append(kind="test", ref=a, actor="clerk", content={"n": 9})
    second = audit_anchor()
    assert set(second.heads) == {str(pa)}
    assert second.heads[str(pa)][0] == 4
    assert audit_verify() is None


def test_a_batch_spans_chains_in_order(db):
    a, b = _two_refs()
    entries = audit_append_many(
        [
            Link("test", a, "system", {"n": 1}),
            Link("test", b, "system", {"n": 1}),
            Link("test", a, "system", {"n": 2}),
        ]
    )
    assert [(e.partition, e.seq) for e in entries] == [
        (partition_of(a), 1),
        (partition_of(b), 1),
        (partition_of(a), 2),
    ]
    assert entries[2].prev_hash == entries[0].hash
    assert audit_verify() is None


def _legacy_append(n: int, prev: str) -> AuditEntry:
    """An entry as the single chain wrote it before partitions (no partition in the digest)."""
    entry = AuditEntry(
        partition=0,
        seq=n,
        at=timezone.now(),
        kind="case.receive",
        ref=f"OLD{n}",
        actor="clerk",
        content={"n": n},
        prev_hash=prev,
    )
    entry.hash = audit.sm3(prev.encode() + audit._canonical(entry))
    entry.save()
    return entry


def test_the_chain_from_before_partitions_still_verifies(db):
    # What migration 0002 leaves: the old rows in chain 0 under the old head row.
    prev = GENESIS
    for n in (1, 2, 3):
        prev = _legacy_append(n, prev).hash
    AuditHead.objects.create(partition=0, count=3, last_hash=prev)
    assert b'"partition"' not in audit._canonical(AuditEntry.objects.get(seq=1, partition=0))
    audit_append(kind="test", ref="NEW", actor="clerk", content={})
    assert audit_verify() is None
    AuditEntry.objects.filter(partition=0, seq=2).update(actor="someone else")
    assert (audit_verify().partition, audit_verify().seq) == (0, 2)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every writer anyway"
)
@pytest.mark.django_db(transaction=True)
def test_appends_to_different_chains_do_not_wait_for_each_other():
    """The global lock is gone: a transaction holding one chain open does not hold up an append
    to another chain (before decision 0011 the second append waited for the first to commit)."""
    a, b = _two_refs()
    holding, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                audit_append(kind="test", ref=a, actor="clerk", content={})
                holding.set()
                release.wait(10)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert holding.wait(10)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            audit_append(kind="test", ref=b, actor="clerk", content={})
    finally:
        release.set()
        thread.join()
    assert not errors
    assert audit_verify() is None


def test_the_verify_command_names_a_broken_chain(chains):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    _pa, pb = chains
    call_command("audit_verify")
    AuditEntry.objects.filter(partition=pb, seq=1).update(kind="forged")
    with pytest.raises(CommandError, match=f"entry 1 of chain {pb}"):
        call_command("audit_verify")


def test_anchor_time_is_hashed(chains):
    anchor = audit_anchor(at=timezone.now())
    AuditAnchor.objects.filter(pk=anchor.pk).update(at=anchor.at - datetime.timedelta(days=1))
    assert audit_verify().partition == ANCHOR_HEAD
