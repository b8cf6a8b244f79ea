"""Issue 17 item 10: two warning sweeps at once (a cron ``supervision_run`` beside the consumer's,
two schedulers, a sweep longer than its period) give each rise exactly one supervision record, one
audit entry and one notice per person told.

Real concurrency needs a server that runs two transactions at once, so these run on PostgreSQL
(``transaction=True``: each thread has its own connection and commits). SQLite serialises writers;
its side of the guarantee is the compare-and-set, tested in ``cases/tests/test_levels.py``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection

from onewindow.cases.models import Case
from onewindow.core.audit import audit_verify
from onewindow.core.models import AuditEntry
from onewindow.notifications.models import Message
from onewindow.supervision import sweep
from onewindow.supervision.models import SupervisionRecord
from onewindow.supervision.tests.concurrency import at_once, copies_of
from onewindow.supervision.tests.test_sweep import running  # noqa: F401 (a fixture)

RED_DAY = datetime.date(2026, 6, 5)  # the day after the promised limit of ``running``
CASES = 300

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="two transactions at once need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


@contextmanager
def _always_ours(name: str) -> Iterator[bool]:
    yield True


@pytest.mark.parametrize("lock", [True, False], ids=["advisory-lock", "compare-and-set-alone"])
def test_two_sweeps_at_once_give_each_rise_once(world, running, monkeypatch, lock):  # noqa: F811
    if not lock:
        # Without the single-runner lock both sweeps do every batch: the guarded write alone
        # must keep the second from recording the rises again.
        monkeypatch.setattr(sweep, "single_runner", _always_ours)
    copies_of(running, CASES - 1)

    results = at_once(lambda: sweep.warnings_sweep(today=RED_DAY))

    assert [r for r in results if isinstance(r, Exception)] == []
    counts = sorted(r for r in results if isinstance(r, int))
    # With the lock the second sweep steps aside (or finds nothing left); without it the two
    # share the rises between them, each counted once.
    if lock:
        assert counts == [0, CASES]
    assert sum(counts) == CASES
    assert Case.objects.filter(warning_level="red").count() == CASES
    per_case = Counter(SupervisionRecord.objects.values_list("case_id", flat=True))
    assert len(per_case) == CASES
    assert set(per_case.values()) == {1}
    entries = AuditEntry.objects.filter(kind="supervision.warning.raised")
    assert entries.count() == CASES
    assert len(set(entries.values_list("ref", flat=True))) == CASES
    notices = Counter(
        Message.objects.filter(event="supervision.warning").values_list(
            "case_number", "recipient_user__username"
        )
    )
    assert len(notices) == CASES * 2  # the department's reviewer and approver
    assert set(notices.values()) == {1}
    assert audit_verify() is None
