"""Window intake throughput with 1, 4 and 16 clerks of different centers at once (PostgreSQL).

Each clerk is its own process with its own database connection, signed in at its own center
(each center its own county, department and guide), and posts the counter's intake form
("receive and accept") through Django's full request path (middleware, session, view, services)
in-process, as fast as it can for ``--seconds``. Then, in the same run and at the same
concurrency, each process writes the same rows as its own last intake with hand-written INSERTs,
one transaction per case: the raw-SQL floor. The figure to read is how throughput grows with the
clerks: before decision 0011 every intake of the province took the one audit-chain head lock and
held it to its commit, so the clerks queued behind each other.

Usage:  .venv/bin/python bench/intake_concurrency.py [--clerks 1 4 16] [--seconds 15]
Needs PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/onewindow_bench_conc);
the database is created if missing and rebuilt on every run.
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing as mp
import os
import random
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/onewindow_bench_conc")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Production sends the outbox from the task consumer, not in the request: the intake only queues.
os.environ.setdefault("HUEY_IMMEDIATE", "0")

TABLES = [
    "cases_case",
    "cases_casematerial",
    "cases_caseevent",
    "cases_casestep",
    "cases_casedocument",
    "notifications_message",
]


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


def setup() -> None:
    import django

    django.setup()


def build(clerks: int) -> list[dict[str, Any]]:
    """One province, one city, ``clerks`` counties each with a center, a department, a window,
    a clerk and a published guide; one applicant."""
    from django.core.management import call_command

    from onewindow.catalog.factories import make_entry
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
    person = reg.natural_person_register(
        id_number=make_resident_id(rng, female=False), name="王小明", phone="13800001111"
    )
    seats = []
    for i in range(clerks):
        code = f"6201{i + 1:02d}"
        county = org.region_create(code=f"{code}000000", name=f"县{i + 1}", parent=city)
        center = org.place_create(
            name=f"县{i + 1}政务服务中心", kind=PlaceKind.GOVERNMENT_CENTER, region=county
        )
        department = org.department_create(
            name=f"县{i + 1}市场监督管理局",
            short_name="市场监管局",
            uscc=make_uscc(rng, kind="11", region=code),
            region=county,
            places=[center],
        )
        window = org.window_create(
            place=center, number="A01", name="综合受理", kind="comprehensive", category="enterprise"
        )
        staff = org.staff_create(
            username=f"clerk{i}",
            name=f"窗口{i}",
            employee_no=f"C{i:04d}",
            password="bench-only",  # noqa: S106
        )
        org.role_grant(staff=staff, role=Role.WINDOW_CLERK, place=center, window=window)
        entry = make_entry(department=department)
        seats.append(
            {"username": staff.user.username, "entry": str(entry.public_id), "applicant": ""}
        )
    for seat in seats:
        seat["applicant"] = person.id_number
    return seats


def intake_request(seat: dict[str, Any]) -> tuple[str, dict[str, str]]:
    from onewindow.cases.services.intake import checklist_lines
    from onewindow.catalog.models import Entry

    entry = Entry.objects.get(public_id=seat["entry"])
    data = {
        "applicant": seat["applicant"],
        "q-who": "self",
        "decision": "accept",
        "delivery_method": "pickup",
    }
    for position, m in checklist_lines(entry.effective_version, ["self"]):
        data[f"m-{position}-status"] = "received"
        data[f"m-{position}-copies"] = str(m.copies if m.copies is not None else 1)
        data[f"m-{position}-original"] = "1"
    return f"/cases/new/{seat['entry']}/", data


def _templates(cursor: Any, case_id: int) -> dict[str, tuple[list[str], list[tuple]]]:
    templates = {}
    cursor.execute("SELECT number FROM cases_case WHERE id = %s", [case_id])
    number = cursor.fetchone()[0]
    for table in TABLES:
        if table == "cases_case":
            cursor.execute("SELECT * FROM cases_case WHERE id = %s", [case_id])
        elif table == "notifications_message":
            cursor.execute(f"SELECT * FROM {table} WHERE case_number = %s", [number])
        else:
            cursor.execute(f"SELECT * FROM {table} WHERE case_id = %s", [case_id])
        templates[table] = ([c[0] for c in cursor.description], cursor.fetchall())
    # A case number is the counter's prefix, the day (yyyymmdd) and a six-digit sequence.
    day = datetime.date(int(number[-14:-10]), int(number[-10:-8]), int(number[-8:-6]))
    templates["counter"] = ([], [(number[:-14], day)])
    return templates


def raw_intake(cursor: Any, templates: dict, tag: str) -> None:
    """The rows of one intake by plain INSERTs (and the counter's UPDATE), as bench/intake.py."""
    from django.db import connection

    prefix, day = templates["counter"][1][0] or (None, None)
    if prefix is not None:
        cursor.execute(
            "UPDATE cases_casecounter SET last = last + 1 WHERE prefix = %s AND day = %s",
            [prefix, day],
        )
    new_case_id = None
    for table in TABLES:
        columns, records = templates[table]
        for record in records:
            values = dict(zip(columns, record, strict=True))
            values.pop("id", None)
            if "public_id" in values:
                values["public_id"] = uuid.uuid4().hex
            if table == "cases_case":
                values["number"] = tag
                values["submission_key"] = None
            elif table == "cases_casedocument":
                values["case_id"] = new_case_id
                values["number"] = f"{tag}-{values['number'][-2:]}"
            elif table == "notifications_message":
                values["case_number"] = tag
            else:
                values["case_id"] = new_case_id
            names = ", ".join(connection.ops.quote_name(c) for c in values)
            marks = ", ".join(["%s"] * len(values))
            returning = " RETURNING id" if table == "cases_case" else ""
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES ({marks}){returning}",
                [_adapt(v) for v in values.values()],
            )
            if table == "cases_case":
                new_case_id = cursor.fetchone()[0]


def _adapt(value: Any) -> Any:
    from psycopg.types.json import Jsonb

    return Jsonb(value) if isinstance(value, dict | list) else value


def clerk(
    index: int, seat: dict, seconds: float, ready: Any, go: Any, results: Any, mode: str
) -> None:
    """One clerk's process: sign in, wait for the start, intake until the time is up."""
    setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client, override_settings

    with override_settings(ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(get_user_model().objects.get(username=seat["username"]))
        path, form = intake_request(seat)
        response = client.post(path, form)  # warm-up, and the template of the raw rows
        if response.status_code != 302:
            raise SystemExit(f"clerk {index}: intake failed ({response.status_code})")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT MAX(c.id) FROM cases_case c JOIN catalog_entry e ON e.id = c.entry_id "
                "WHERE e.public_id = %s",
                [uuid.UUID(seat["entry"])],
            )
            templates = _templates(cursor, cursor.fetchone()[0])
        ready.put(index)
        go.wait()
        done, failed, n = 0, 0, 0
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            if mode == "http":
                response = client.post(path, form)
                if response.status_code == 302:
                    done += 1
                else:
                    failed += 1
            else:
                n += 1
                with transaction.atomic(), connection.cursor() as cursor:
                    raw_intake(cursor, templates, f"RAW{index:02d}{os.getpid()}{n:08d}")
                done += 1
        results.put((index, done, failed))


def run_level(seats: list[dict], clerks: int, seconds: float, mode: str) -> tuple[float, int]:
    ctx = mp.get_context("spawn")
    ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [
        ctx.Process(target=clerk, args=(i, seats[i], seconds, ready, go, results, mode))
        for i in range(clerks)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=300)
    go.set()
    totals = [results.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join()
    done = sum(t[1] for t in totals)
    failed = sum(t[2] for t in totals)
    return done / seconds, failed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clerks", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    ensure_database(os.environ["DATABASE_URL"])
    setup()
    seats = build(max(args.clerks))
    from django.db import connection

    connection.close()  # the clerks' processes open their own
    print(f"engine: {connection.vendor}; {args.seconds:g} s per level; {os.cpu_count()} CPUs")
    print("clerks | HTTP intakes/s | x one clerk | raw SQL/s | x one clerk | raw / HTTP")
    base_http = base_raw = None
    for n in args.clerks:
        http, failed = run_level(seats, n, args.seconds, "http")
        raw, _ = run_level(seats, n, args.seconds, "raw")
        base_http = base_http or http
        base_raw = base_raw or raw
        note = f"  ({failed} failed)" if failed else ""
        print(
            f"{n:6d} | {http:14.1f} | {http / base_http:10.2f}x | {raw:9.1f} | "
            f"{raw / base_raw:10.2f}x | {raw / http:9.1f}x{note}",
            flush=True,
        )


if __name__ == "__main__":
    main()
