"""Issue 17 item 11: the sweeps finish while another connection writes between their batches.

The warning sweep, the urgings sweep and the calendar-change recompute used to iterate an open
cursor while they wrote. On SQLite that cursor holds the snapshot it started with; once another
connection commits (the consumer's other thread sending the notices the first batch queued), the
next write fails at once with "database is locked". Here the other writer is real: another thread,
with its own connection, sends the outbox after each commit that queued messages, exactly what
the task consumer does.

The suite's SQLite database is in memory and cannot show this, so on SQLite the tests of this
module run again in a subprocess against a database file (``test_on_a_sqlite_file``, settings
``config.settings_sqlite_file``). On PostgreSQL they run directly.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from onewindow.cases import clock
from onewindow.cases.choices import WarningLevel
from onewindow.cases.models import Case
from onewindow.cases.receivers import recompute_open_deadlines
from onewindow.core.audit import audit_verify
from onewindow.notifications import services as outbox
from onewindow.notifications.choices import MessageStatus
from onewindow.notifications.models import Message
from onewindow.supervision import urging
from onewindow.supervision.models import SupervisionRecord, Urging
from onewindow.supervision.sweep import BATCH, warnings_sweep
from onewindow.supervision.tests.concurrency import copies_of, in_another_connection
from onewindow.supervision.tests.test_sweep import running  # noqa: F401 (a fixture)

RED_DAY = datetime.date(2026, 6, 5)  # the day after the promised limit of ``running``
SENT = datetime.datetime(2026, 6, 2, 2, tzinfo=datetime.UTC)
ROOT = Path(__file__).resolve().parents[3]
FILE_ENV = "ONEWINDOW_TEST_SQLITE_FILE"
# The old code read 500 rows at a time from its open cursor: a smaller set was read whole at once
# and never showed the fault.
MORE_THAN_A_CHUNK = 501

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two_connections(db: None) -> None:
    """Skip where a second connection is no real second connection (the in-memory database)."""
    if connection.vendor == "sqlite" and "mode=memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("needs a database file: run by test_on_a_sqlite_file")


@pytest.fixture
def consumer_sends_after_each_commit(monkeypatch) -> list[int]:
    """After each commit that queued messages, the outbox is sent from another connection (as the
    consumer's other thread does) before the committing code goes on: after the first three such
    commits (enough to come between batches; later messages wait for the periodic send). Returns
    the sends' counts."""
    sends: list[int] = []

    def dispatch_elsewhere() -> None:
        if len(sends) < 3:
            sends.append(in_another_connection(outbox.outbox_dispatch))

    monkeypatch.setattr(outbox, "_enqueue_dispatch", dispatch_elsewhere)
    return sends


def _write_elsewhere() -> None:
    """One small committed write from another connection."""

    def write() -> None:
        Session.objects.create(
            session_key=uuid.uuid4().hex, session_data="", expire_date=timezone.now()
        )

    in_another_connection(write)


@pytest.mark.usefixtures("two_connections")
def test_the_warning_sweep_goes_on_while_the_consumer_sends(
    world,
    running,  # noqa: F811
    consumer_sends_after_each_commit,
):
    cases = 2 * BATCH + 50  # three batches
    copies_of(running, cases - 1)

    assert warnings_sweep(today=RED_DAY) == cases

    assert Case.objects.filter(warning_level=WarningLevel.RED).count() == cases
    assert SupervisionRecord.objects.count() == cases
    # the other connection did write between the batches: it sent the first batch's notices
    assert len(consumer_sends_after_each_commit) == 3
    assert consumer_sends_after_each_commit[0] > 0
    assert Message.objects.filter(status=MessageStatus.SENT).count() > 0
    assert audit_verify() is None


@pytest.mark.usefixtures("two_connections")
def test_the_urgings_sweep_goes_on_while_the_consumer_sends(
    world,
    running,  # noqa: F811
    consumer_sends_after_each_commit,
):
    first = urging.urging_send(
        case=running, actor=world.supervisor_a, message="请说明进度。", at=SENT
    )
    copies = []
    for case in copies_of(running, MORE_THAN_A_CHUNK - 1):
        copy = Urging.objects.get(pk=first.pk)
        copy.pk, copy.public_id, copy.case = None, uuid.uuid4(), case
        copies.append(copy)
    Urging.objects.bulk_create(copies)
    sends_before = len(consumer_sends_after_each_commit)

    marked = urging.urgings_overdue_sweep(today=datetime.date(2026, 6, 10))

    assert marked == MORE_THAN_A_CHUNK
    assert Urging.objects.filter(overdue=True).count() == MORE_THAN_A_CHUNK
    # the other connection wrote after the first urgings' commits
    assert len(consumer_sends_after_each_commit) == 3 > sends_before
    assert audit_verify() is None


@pytest.mark.usefixtures("two_connections")
def test_the_calendar_recompute_goes_on_while_another_connection_writes(
    world,
    running,  # noqa: F811
    monkeypatch,
):
    copies_of(running, MORE_THAN_A_CHUNK - 1)
    right = running.due_date
    # Deadlines a calendar change made wrong (as if stored before the change).
    Case.objects.update(due_date=datetime.date(2026, 6, 30))
    computed = clock.case_due_date
    calls: list[int] = []

    def due_date_then_another_write(case, today=None):
        calls.append(case.pk)
        if len(calls) == 1:
            _write_elsewhere()
        return computed(case, today)

    monkeypatch.setattr(clock, "case_due_date", due_date_then_another_write)
    # Called as a receiver outside any transaction: it must not rely on its caller's.
    recompute_open_deadlines(
        sender=None, first_day=datetime.date(2026, 6, 1), last_day=datetime.date(2026, 6, 30)
    )

    assert len(calls) == MORE_THAN_A_CHUNK
    assert set(Case.objects.values_list("due_date", flat=True)) == {right}
    assert Case.objects.filter(next_level_change=datetime.date.today()).count() == len(calls)


@pytest.mark.skipif(
    connection.vendor != "sqlite" or bool(os.environ.get(FILE_ENV)),
    reason="the tests above run directly on PostgreSQL; this is their SQLite-file run",
)
def test_on_a_sqlite_file(tmp_path):
    """The tests above, again, in pytest in a subprocess whose test database is a file."""
    env = {
        **os.environ,
        FILE_ENV: str(tmp_path / "test.sqlite3"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "ONEWINDOW_VAR_DIR": str(tmp_path / "var"),
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    env.pop("PYTEST_ADDOPTS", None)
    done = subprocess.run(  # noqa: S603 (our own interpreter and test file)
        [
            sys.executable,
            "-m",
            "pytest",
            __file__,
            "--ds=config.settings_sqlite_file",
            "--create-db",
            "-p",
            "no:xdist",
            "-q",
            "-k",
            "not test_on_a_sqlite_file",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = done.stdout[-4000:] + done.stderr[-2000:]
    assert done.returncode == 0, report
    assert "3 passed" in done.stdout, report
