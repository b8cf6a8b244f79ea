"""The tamper-evident audit chain: every case transition (and supervision action) is appended
with the SM3 digest of its content and of the previous entry of its chain.

There is no single chain (decision 0011): entries fall into ``PARTITIONS`` chains by a hash of
the object they are about (``ref``: a case number, an urging…), so all entries of one object are
in one chain, in order. Appending locks only that chain's head row until the transaction commits:
transitions of different cases do not queue behind each other (two cases share a chain once in
``PARTITIONS``). Partition 0 is the single chain written before partitions existed; it is kept
and verified as it was.

A periodic anchor (``audit_anchor``) appends the heads of every chain that moved to one more
chain, the top chain: deleting the tail of a chain *and* rewriting its head row to match still
contradicts the last anchor. ``verify`` walks every chain and the anchors and names the first
entry that was altered, deleted, inserted out of order or moved to another chain.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from onewindow.core.models import AuditAnchor, AuditEntry, AuditHead

GENESIS = "0" * 64
# Chains of new entries: 1..PARTITIONS (0 is the chain written before partitions). Changing it
# moves objects to other chains from then on; their older entries stay valid where they are.
PARTITIONS = 256
# The head row of the anchors' own chain (not a chain of entries).
ANCHOR_HEAD = -1


def sm3(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def partition_of(ref: str) -> int:
    """The chain of the object named ``ref`` (stable across processes: not Python's ``hash``)."""
    return 1 + int(sm3(ref.encode())[:8], 16) % PARTITIONS


def _canonical(entry: AuditEntry) -> bytes:
    body = {
        "seq": entry.seq,
        "at": entry.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "kind": entry.kind,
        "ref": entry.ref,
        "actor": entry.actor,
        "content": entry.content,
    }
    if entry.partition:
        # Hashed with the entry, so a row moved to another chain no longer matches its digest.
        # Partition 0 (the chain before partitions) is hashed as it always was.
        body["partition"] = entry.partition
    return json.dumps(
        body, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()


def digest_of(entry: AuditEntry, prev_hash: str) -> str:
    return sm3(prev_hash.encode() + _canonical(entry))


@dataclass(frozen=True)
class Link:
    """One entry to append: what happened (``kind``), to what (``ref``), by whom, with what."""

    kind: str
    ref: str
    actor: str
    content: dict[str, Any]
    at: datetime.datetime | None = None


def _locked_head(partition: int) -> AuditHead:
    head, _created = AuditHead.objects.select_for_update().get_or_create(partition=partition)
    return head


def audit_append_many(links: list[Link]) -> list[AuditEntry]:
    """Append entries, each to its object's chain, in the given order within each chain; call
    inside the transaction that makes the changes they record. Only the heads of the chains
    touched are locked, in ascending order (two batches never wait for each other in a cycle).
    A batch costs two queries per chain touched plus one insert."""
    if not links:
        return []
    ref_partitions = [partition_of(link.ref[:64]) for link in links]
    heads = {p: _locked_head(p) for p in sorted(set(ref_partitions))}
    entries = []
    for link, partition in zip(links, ref_partitions, strict=True):
        head = heads[partition]
        entry = AuditEntry(
            partition=partition,
            seq=head.count + 1,
            at=link.at or timezone.now(),
            kind=link.kind[:48],
            ref=link.ref[:64],
            actor=link.actor[:150],
            # Content goes through JSON once so what is hashed is exactly what the database
            # returns.
            content=json.loads(json.dumps(link.content, cls=DjangoJSONEncoder, ensure_ascii=False)),
            prev_hash=head.last_hash,
        )
        entry.hash = digest_of(entry, head.last_hash)
        head.count, head.last_hash = entry.seq, entry.hash
        entries.append(entry)
    AuditEntry.objects.bulk_create(entries)
    for head in heads.values():
        head.save(update_fields=["count", "last_hash"])
    return entries


def audit_append(
    *, kind: str, ref: str, actor: str, content: dict[str, Any], at: datetime.datetime | None = None
) -> AuditEntry:
    """Append one entry; call inside the transaction that makes the change it records."""
    return audit_append_many([Link(kind, ref, actor, content, at)])[0]


# --- the anchors: the heads of every chain, chained in turn ------------------------------------


def _anchor_canonical(anchor: AuditAnchor) -> bytes:
    body = {
        "seq": anchor.seq,
        "at": anchor.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "heads": anchor.heads,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def anchor_digest_of(anchor: AuditAnchor, prev_hash: str) -> str:
    return sm3(prev_hash.encode() + _anchor_canonical(anchor))


def _anchored_state() -> dict[str, list]:
    """Each chain's last anchored head, ``{partition: [count, hash]}`` (a fold of the anchors)."""
    state: dict[str, list] = {}
    for heads in AuditAnchor.objects.order_by("seq").values_list("heads", flat=True).iterator():
        state.update(heads)
    return state


def audit_anchor(*, at: datetime.datetime | None = None) -> AuditAnchor | None:
    """Append the heads of the chains that moved since the last anchor to the top chain
    (``None``: nothing moved). Run periodically (``core.tasks``); it reads the heads without
    locking them, so it never holds up a transition."""
    with transaction.atomic():
        top = _locked_head(ANCHOR_HEAD)
        anchored = _anchored_state()
        heads = {
            str(p): [count, last]
            for p, count, last in AuditHead.objects.filter(partition__gte=0)
            .exclude(count=0)
            .values_list("partition", "count", "last_hash")
        }
        moved = {p: h for p, h in heads.items() if anchored.get(p) != h}
        if not moved:
            return None
        anchor = AuditAnchor(seq=top.count + 1, at=at or timezone.now(), heads=moved)
        anchor.prev_hash = top.last_hash
        anchor.hash = anchor_digest_of(anchor, top.last_hash)
        anchor.save()
        top.count, top.last_hash = anchor.seq, anchor.hash
        top.save(update_fields=["count", "last_hash"])
        return anchor


# --- verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    seq: int
    problem: str
    partition: int = 0

    def __str__(self) -> str:
        if self.partition == ANCHOR_HEAD:
            return f"anchor {self.seq}: {self.problem}"
        where = f" of chain {self.partition}" if self.partition else ""
        return f"entry {self.seq}{where}: {self.problem}"


def _verify_anchors() -> tuple[Break | None, dict[int, dict[int, str]]]:
    """The anchors' own chain, and what each anchor says each chain held: {partition: {seq:
    hash}} for the entries walk to confirm."""
    expected_seq, prev_hash = 1, GENESIS
    required: dict[int, dict[int, str]] = defaultdict(dict)
    counts: dict[str, int] = {}
    for anchor in AuditAnchor.objects.order_by("seq").iterator(chunk_size=500):
        if anchor.seq != expected_seq:
            return Break(expected_seq, "missing (deleted), or reordered", ANCHOR_HEAD), required
        if anchor.prev_hash != prev_hash:
            return Break(anchor.seq, "does not link to the anchor before it", ANCHOR_HEAD), required
        if anchor_digest_of(anchor, prev_hash) != anchor.hash:
            return Break(anchor.seq, "content altered (hash mismatch)", ANCHOR_HEAD), required
        for p, (count, last) in anchor.heads.items():
            if count < counts.get(p, 0):
                return Break(anchor.seq, f"chain {p} went backwards", ANCHOR_HEAD), required
            counts[p] = count
            required[int(p)][int(count)] = last
        prev_hash, expected_seq = anchor.hash, expected_seq + 1
    top = AuditHead.objects.filter(partition=ANCHOR_HEAD).first()
    count, head_hash = (top.count, top.last_hash) if top else (0, GENESIS)
    if count != expected_seq - 1:
        return (
            Break(
                expected_seq,
                f"missing (deleted): {count} anchors, found {expected_seq - 1}",
                ANCHOR_HEAD,
            ),
            required,
        )
    if head_hash != prev_hash:
        return Break(expected_seq - 1, "the last anchor was replaced", ANCHOR_HEAD), required
    return None, required


def audit_verify(*, batch: int = 5000) -> Break | None:
    """The first broken link, or None when every chain and the anchors hold."""
    broken, required = _verify_anchors()
    if broken is not None:
        return broken
    heads = {
        h.partition: h for h in AuditHead.objects.filter(partition__gte=0).order_by("partition")
    }
    seen: set[int] = set()
    partition, expected_seq, prev_hash, last = None, 1, GENESIS, 0

    def close(p: int, last: int, prev_hash: str) -> Break | None:
        head = heads.get(p)
        count, head_hash = (head.count, head.last_hash) if head else (0, GENESIS)
        if count != last:
            return Break(
                last + 1, f"missing (deleted): the chain has {count} entries, found {last}", p
            )
        if head_hash != prev_hash:
            return Break(last, "the last entry was replaced", p)
        beyond = [s for s in required.get(p, {}) if s > last]
        if beyond:
            return Break(min(beyond), "missing (deleted): an anchor saw it", p)
        return None

    queryset = AuditEntry.objects.order_by("partition", "seq")
    for entry in queryset.iterator(chunk_size=batch):
        if entry.partition != partition:
            if partition is not None:
                broken = close(partition, last, prev_hash)
                if broken is not None:
                    return broken
            partition, expected_seq, prev_hash, last = entry.partition, 1, GENESIS, 0
            seen.add(partition)
        if entry.seq != expected_seq:
            return Break(expected_seq, "missing (deleted), or the sequence was changed", partition)
        if entry.prev_hash != prev_hash:
            return Break(entry.seq, "does not link to the entry before it", partition)
        if digest_of(entry, prev_hash) != entry.hash:
            return Break(entry.seq, "content altered (hash mismatch)", partition)
        anchored = required.get(partition, {}).get(entry.seq)
        if anchored is not None and anchored != entry.hash:
            return Break(entry.seq, "differs from what the anchor recorded", partition)
        prev_hash, expected_seq, last = entry.hash, expected_seq + 1, entry.seq
    if partition is not None:
        broken = close(partition, last, prev_hash)
        if broken is not None:
            return broken
    # Chains whose every entry is gone: their head (or an anchor) still remembers them.
    for p in sorted((set(heads) | set(required)) - seen):
        broken = close(p, 0, GENESIS)
        if broken is not None:
            return broken
    return None
