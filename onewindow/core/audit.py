"""The tamper-evident audit chain: every case transition (and, later, supervision action) is
appended with the SM3 digest of its content and of the previous entry.

Appending locks the chain's head row, so entries are numbered without gaps in commit order and
the chain stays linear under concurrent writers (SQLite serialises writers anyway). ``verify``
walks the chain and names the first entry that was altered, deleted or inserted out of order.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from onewindow.core.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def sm3(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def _canonical(entry: AuditEntry) -> bytes:
    body = {
        "seq": entry.seq,
        "at": entry.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "kind": entry.kind,
        "ref": entry.ref,
        "actor": entry.actor,
        "content": entry.content,
    }
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


def audit_append_many(links: list[Link]) -> list[AuditEntry]:
    """Append entries in order under one lock of the head; call inside the transaction that
    makes the changes they record. A batch costs three queries however long it is."""
    if not links:
        return []
    head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
    entries, seq, prev = [], head.count, head.last_hash
    for link in links:
        seq += 1
        entry = AuditEntry(
            seq=seq,
            at=link.at or timezone.now(),
            kind=link.kind[:48],
            ref=link.ref[:64],
            actor=link.actor[:150],
            # Content goes through JSON once so what is hashed is exactly what the database
            # returns.
            content=json.loads(json.dumps(link.content, cls=DjangoJSONEncoder, ensure_ascii=False)),
            prev_hash=prev,
        )
        entry.hash = prev = digest_of(entry, prev)
        entries.append(entry)
    AuditEntry.objects.bulk_create(entries)
    head.count, head.last_hash = seq, prev
    head.save(update_fields=["count", "last_hash"])
    return entries


def audit_append(
    *, kind: str, ref: str, actor: str, content: dict[str, Any], at: datetime.datetime | None = None
) -> AuditEntry:
    """Append one entry; call inside the transaction that makes the change it records."""
    return audit_append_many([Link(kind, ref, actor, content, at)])[0]


@dataclass(frozen=True)
class Break:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"entry {self.seq}: {self.problem}"


def audit_verify(*, batch: int = 5000) -> Break | None:
    """The first broken link, or None when the whole chain holds."""
    expected_seq, prev_hash = 1, GENESIS
    last = 0
    queryset = AuditEntry.objects.order_by("seq")
    for entry in queryset.iterator(chunk_size=batch):
        if entry.seq != expected_seq:
            return Break(expected_seq, "missing (deleted), or the sequence was changed")
        if entry.prev_hash != prev_hash:
            return Break(entry.seq, "does not link to the entry before it")
        if digest_of(entry, prev_hash) != entry.hash:
            return Break(entry.seq, "content altered (hash mismatch)")
        prev_hash, expected_seq, last = entry.hash, expected_seq + 1, entry.seq
    head = AuditHead.objects.filter(pk=1).first()
    count, head_hash = (head.count, head.last_hash) if head else (0, GENESIS)
    if count != last:
        return Break(last + 1, f"missing (deleted): the chain has {count} entries, found {last}")
    if head_hash != prev_hash:
        return Break(last, "the last entry was replaced")
    return None
