"""One runner at a time for a periodic job (the warning sweep), whatever starts it.

A job can be started twice at once: a cron ``supervision_run`` beside the consumer's scheduler, two
consumers both running the scheduler, a run longer than its period. The jobs are written so that a
second run changes nothing twice (each write is guarded on the state it read, a compare-and-set);
this lock only keeps the second run from doing the same work and waiting on the first one's rows.

PostgreSQL: a session-level advisory lock, taken with ``pg_try_advisory_lock`` (never waits) and
released when the block ends; if the process is killed, the server releases it with the
connection, so a ``kill -9`` never leaves the job locked out. Other engines (SQLite): no lock. A
SQLite database takes one writer at a time anyway (IMMEDIATE transactions), and a lock row would
stay held after a ``kill -9`` until some lease ran out; the guarded writes are enough there.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (advisory locks are keyed by bigint)."""
    digest = hashlib.blake2b(f"onewindow:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def single_runner(name: str) -> Iterator[bool]:
    """Yield True when this process may run the job ``name`` now, False while another run holds it.

    The caller skips its work on False: the run that holds the lock does it."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        row = cursor.fetchone()
    held = bool(row and row[0])
    try:
        yield held
    finally:
        if held:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            except DatabaseError:
                # The connection is gone (server restart, killed backend): the lock went with it.
                logger.warning("Could not release the %s lock; its connection is gone", name)
