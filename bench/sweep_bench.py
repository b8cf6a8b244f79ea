"""The supervision sweep at a million open cases on PostgreSQL.

One case is made through the services (receive, accept: every row a real case has); it is then
copied a million times inside PostgreSQL (``INSERT … SELECT generate_series``) as cases under review
with deadlines spread over the coming weeks, each with its ``next_level_change`` set as the sweep
leaves it. Measured in the same run:

1. the sweep when no case is due for a look, against the raw ``SELECT`` of due cases it issues;
2. the sweep when ``--due`` cases reach their yellow day (each gets a level, a supervision record,
   an audit-chain link and inbox messages), against raw SQL writing the same level change with one
   ``UPDATE`` (no records, chain or messages: the floor);
3. a sweep without the index on ``next_level_change``: computing the level of every open case
   (``level_of``) in Python, what a naive job would do each time;
4. deadline computations per second: ``case_due_date`` on cases loaded from the table.

Usage:  .venv/bin/python bench/sweep_bench.py [--cases 1000000] [--due 10000]
Needs PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/onewindow_bench_sweep);
the database is created when missing and rebuilt on every run.
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
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/onewindow_bench_sweep")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# The consumer sends the outbox in production; the sweep only queues.
os.environ.setdefault("HUEY_IMMEDIATE", "0")


def ensure_database(url: str) -> None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    if "postgresql" not in cfg["ENGINE"]:
        raise SystemExit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    with psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        dbname="postgres",
        autocommit=True,
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
        if not exists.fetchone():
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

TODAY = datetime.date(2026, 6, 1)  # a Monday; deadlines fall in June and July 2026
AT = datetime.datetime(2026, 5, 25, 2, tzinfo=datetime.UTC)


def build() -> int:
    """A small world and one real case under review; returns its primary key."""
    from onewindow.cases.factories import licence_entry, receive_case
    from onewindow.cases.services import acceptance
    from onewindow.core.identity_makers import make_resident_id, make_uscc
    from onewindow.deadlines.services import calendar_seed_from_library
    from onewindow.organisations import services as org
    from onewindow.organisations.choices import PlaceKind, Role
    from onewindow.registries import services as reg

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    calendar_seed_from_library(years=range(2024, 2028), actor=None)
    rng = random.Random(7)
    province = org.region_create(code="620000000000", name="甘肃省")
    city = org.region_create(code="620100000000", name="兰州市", parent=province)
    county = org.region_create(code="620123000000", name="榆中县", parent=city)
    center = org.place_create(
        name="榆中县政务服务中心", kind=PlaceKind.GOVERNMENT_CENTER, region=county
    )
    department = org.department_create(
        name="榆中县市场监督管理局",
        short_name="市场监管局",
        uscc=make_uscc(rng, kind="11", region="620123"),
        region=county,
        places=[center],
    )
    window = org.window_create(
        place=center, number="A01", name="综合受理", kind="comprehensive", category="enterprise"
    )
    people = {}
    for username, role, scope in (
        ("bench_clerk", Role.WINDOW_CLERK, {"place": center, "window": window}),
        ("bench_reviewer", Role.REVIEWER, {"department": department}),
        ("bench_approver", Role.APPROVER, {"department": department}),
    ):
        staff = org.staff_create(
            username=username,
            name=username,
            employee_no=username,
            password="bench-only",  # noqa: S106
        )
        org.role_grant(staff=staff, role=role, **scope)
        people[username] = staff.user
    person = reg.natural_person_register(
        id_number=make_resident_id(rng, female=False), name="王小明", phone="13800001111"
    )
    steps = [
        {"name": "受理", "handler": "窗口", "limit": 0},
        {"name": "审查", "handler": "登记股", "limit": 0},
        {"name": "决定", "handler": "负责人", "limit": 0},
    ]
    entry = licence_entry(department, steps=steps, promised_limit={"value": 20, "unit": "working"})
    case = receive_case(
        clerk=people["bench_clerk"], place=center, entry=entry, applicant=person, at=AT
    )
    acceptance.case_accept(case=case, actor=people["bench_clerk"], at=AT)
    return case.pk


def copy_cases(template: int, n: int) -> float:
    """n copies of the template, deadlines spread over 40 days, next look before the deadline."""
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT column_name FROM information_schema.columns
            WHERE table_name = 'cases_case' AND column_name <> 'id' ORDER BY ordinal_position
            """
        )
        columns = [r[0] for r in cur.fetchall()]
        overrides = {
            "number": "left(t.number, 38) || 'B' || lpad(g::text, 7, '0')",
            "public_id": "md5(t.number || g)::uuid",
            "submission_key": "NULL",
            # deadline between 8 June and 17 July; the first yellow day is the day before
            "due_date": "DATE '2026-06-08' + (g %% 40)",
            "next_level_change": "DATE '2026-06-07' + (g %% 40)",
            "warning_level": "'normal'",
        }
        select = ", ".join(overrides.get(c, f"t.{c}") for c in columns)
        started = time.perf_counter()
        cur.execute(
            f"INSERT INTO cases_case ({', '.join(columns)}) "
            f"SELECT {select} FROM cases_case t, generate_series(1, %s) g WHERE t.id = %s",
            [n, template],
        )
        cur.execute("ANALYZE cases_case")
    return time.perf_counter() - started


def make_due(n: int) -> None:
    """n cases whose deadline is today reach their yellow day (the last working day)."""
    with connection.cursor() as cur:
        cur.execute(
            """
            UPDATE cases_case SET next_level_change = %s, due_date = %s
            WHERE id IN (SELECT id FROM cases_case WHERE next_level_change IS NOT NULL
                         ORDER BY id LIMIT %s)
            """,
            [TODAY, TODAY, n],
        )


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def raw_due_select() -> int:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT id, revision, state, due_date, warning_level FROM cases_case "
            "WHERE next_level_change <= %s ORDER BY next_level_change, id",
            [TODAY],
        )
        return len(cur.fetchall())


def raw_due_update() -> int:
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE cases_case SET warning_level = 'yellow', next_level_change = due_date + 1 "
            "WHERE next_level_change <= %s",
            [TODAY],
        )
        return cur.rowcount


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=10_000)
    args = parser.parse_args()

    from onewindow.cases.clock import case_due_date
    from onewindow.cases.models import Case
    from onewindow.deadlines.calendar import calendar_for
    from onewindow.supervision.models import SupervisionRecord
    from onewindow.supervision.sweep import deadline_level, warnings_sweep

    template = build()
    seconds = copy_cases(template, args.cases)
    open_cases = Case.objects.filter(state="in_review").count()
    print(f"{open_cases:,} open cases under review (copied in {seconds:.1f} s)")

    # 1. nothing due: the template case itself is due today, so take it out first
    Case.objects.filter(pk=template).update(next_level_change=None)
    raw_idle = min(timed(raw_due_select)[0] for _ in range(5))
    idle = min(timed(warnings_sweep, today=TODAY)[0] for _ in range(5))
    print(f"idle sweep: {idle * 1000:.2f} ms; raw SELECT of due cases: {raw_idle * 1000:.2f} ms")

    # 2. --due cases reach their yellow day
    make_due(args.due)
    sweep_s, raised = timed(warnings_sweep, today=TODAY)
    records = SupervisionRecord.objects.count()
    print(
        f"sweep with {args.due:,} due: {sweep_s:.2f} s, {raised:,} rises, {records:,} records "
        f"({args.due / sweep_s:,.0f} cases/s)"
    )
    make_due(args.due)
    raw_s, updated = timed(raw_due_update)
    print(f"raw UPDATE of the same {updated:,} levels: {raw_s:.3f} s")

    # 3. the naive job: every open case's level computed each time (one calendar held)
    calendar = calendar_for(None)
    started = time.perf_counter()
    looked = 0
    rows = Case.objects.filter(state="in_review").values_list("due_date", flat=True)
    for due in rows.iterator(chunk_size=5000):
        deadline_level(due, TODAY, calendar)
        looked += 1
    naive = time.perf_counter() - started
    print(f"naive full pass over {looked:,} open cases: {naive:.1f} s")

    # 4. deadline computations per second
    cases = list(
        Case.objects.filter(state="in_review")
        .select_related("home_place")
        .prefetch_related("procedures")[:20000]
    )
    started = time.perf_counter()
    for case in cases:
        case_due_date(case)
    per_second = len(cases) / (time.perf_counter() - started)
    print(f"case_due_date: {per_second:,.0f} deadlines/s")

    print()
    print("| measure | figure |")
    print("|---|---|")
    print(f"| open cases | {open_cases:,} |")
    print(
        f"| idle sweep / raw SELECT of due cases | {idle * 1000:.1f} ms / {raw_idle * 1000:.1f} ms"
        f" = {idle / raw_idle:.1f}× |"
    )
    print(
        f"| sweep of {args.due:,} rises / raw UPDATE | {sweep_s:.1f} s / {raw_s:.2f} s"
        f" = {sweep_s / raw_s:.0f}× |"
    )
    print(
        f"| naive full pass / idle sweep | {naive:.1f} s / {idle * 1000:.1f} ms"
        f" = {naive / idle:,.0f}× |"
    )
    print(f"| deadlines computed per second (case_due_date) | {per_second:,.0f} |")


if __name__ == "__main__":
    main()
