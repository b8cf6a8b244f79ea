"""Helpers for tests of what runs at once: many cases fast, work in another connection."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.db import connections

from onewindow.cases.models import Case

T = TypeVar("T")


def copies_of(case: Case, count: int) -> list[Case]:
    """``count`` more cases like ``case`` (same department, state and clocks), in one INSERT."""
    rows = []
    for index in range(count):
        copy = Case.objects.get(pk=case.pk)
        copy.pk = None
        copy.public_id = uuid.uuid4()
        copy.number = f"{case.number}-{index:04d}"
        rows.append(copy)
    return Case.objects.bulk_create(rows)


def at_once(job: Callable[[], T], runs: int = 2) -> list[T | Exception]:
    """Run ``job`` in ``runs`` threads released together, each with its own connection; return
    each run's result or the exception it raised."""
    barrier = threading.Barrier(runs)
    results: list[T | Exception] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(job())
        except Exception as exc:  # handed to the caller, which asserts there is none
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def in_another_connection(job: Callable[[], T]) -> T:
    """Run ``job`` now on a connection of its own (another thread), as another process would,
    and wait for it; its exception, if any, is raised here."""
    [result] = at_once(job, runs=1)
    if isinstance(result, Exception):
        raise result
    return result
