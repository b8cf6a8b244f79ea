"""Working-day arithmetic: due dates computed per second on the real seeded calendar.

Usage:  .venv/bin/python bench/deadlines_bench.py [--n 200000] [--repeat 5]
Uses its own database (var/bench.sqlite3 by default): migrating it seeds 2004–2026; when another
benchmark flushed it, the calendar is loaded again from the library.

Reports the best of ``--repeat`` runs for: add_days(start, 20 working days) on a calendar held by
the caller (what a deadline sweep does), the same with a pause, working_days_between, the same
through calendar_for() on every call (one primary-key read of the cache token), and the cold
build of a calendar after a change.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

FIRST, LAST = datetime.date(2004, 1, 1), datetime.date(2026, 10, 31)


def best_rate(fn, items: list, repeat: int) -> float:
    """Calls per second of ``fn(item)`` over all items, best of ``repeat`` runs."""
    fn(items[0])  # warm
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - start)
    return len(items) / best


def main() -> None:
    from onewindow.deadlines.calendar import calendar_for, forget_cached_calendars
    from onewindow.deadlines.models import CalendarYear
    from onewindow.deadlines.services import calendar_seed_from_library

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200_000, help="due dates per run")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    calendar_seed_from_library(years=range(2004, 2027), missing_only=True)

    rng = random.Random(20)
    span = (LAST - FIRST).days
    starts = [FIRST + datetime.timedelta(days=rng.randrange(span)) for _ in range(args.n)]
    paused = [
        (s, ((s + datetime.timedelta(days=3), s + datetime.timedelta(days=3 + rng.randrange(15))),))
        for s in starts
    ]
    ends = [(s, s + datetime.timedelta(days=rng.randrange(60))) for s in starts]
    cal = calendar_for()
    few = starts[: max(1, args.n // 50)]

    rows = [
        ("add_days 20 working", best_rate(lambda s: cal.add_days(s, 20), starts, args.repeat)),
        (
            "add_days 20 working + pause",
            best_rate(lambda sp: cal.add_days(sp[0], 20, pauses=sp[1]), paused, args.repeat),
        ),
        ("add_days 20 calendar", best_rate(lambda s: cal.add_days(s, 20, "calendar"), starts, 3)),
        (
            "working_days_between",
            best_rate(lambda se: cal.working_days_between(*se), ends, args.repeat),
        ),
        (
            "calendar_for() + add_days",
            best_rate(lambda s: calendar_for().add_days(s, 20), few, args.repeat),
        ),
    ]
    cold = []
    for _ in range(args.repeat):
        forget_cached_calendars()
        start = time.perf_counter()
        calendar_for()
        cold.append((time.perf_counter() - start) * 1000)

    print(
        f"database: {connection.vendor}; years loaded: {CalendarYear.objects.count()}; "
        f"python {sys.version.split()[0]}; best of {args.repeat}"
    )
    print(f"{'operation':<30} {'per second':>14}")
    for label, rate in rows:
        print(f"{label:<30} {rate:14,.0f}")
    print(f"{'cold calendar_for() (load)':<30} {min(cold):11.1f} ms")


if __name__ == "__main__":
    main()
