"""Window intake throughput over HTTP, against raw SQL inserting the same rows.

A clerk's intake ("receive and accept") is POSTed to a real gunicorn server N times; then the
same rows (case, materials, events, back-office step, documents, outbox messages, counter) are
written by hand-written INSERTs, one transaction per case, on the same database in the same run.
The figure reported is the ratio of the two throughputs.

Usage:  .venv/bin/python bench/intake.py [--cases 200] [--clients 1]
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/onewindow_bench .venv/bin/python bench/...
Uses its own database (var/bench_intake.sqlite3 by default) and rebuilds it on every run.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_intake.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Production sends the outbox from the task consumer, not in the request: the intake only queues.
os.environ.setdefault("HUEY_IMMEDIATE", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

PASSWORD = "bench-only"  # noqa: S105
TABLES = [
    "cases_case",
    "cases_casematerial",
    "cases_caseevent",
    "cases_casestep",
    "cases_casedocument",
    "cases_casecounter",
    "notifications_message",
]


def build() -> tuple[str, str, str]:
    """A small world: one center, one department, one clerk, one applicant, one entry."""
    from onewindow.catalog.factories import make_entry
    from onewindow.core.identity_makers import make_resident_id, make_uscc
    from onewindow.deadlines.services import calendar_seed_from_library
    from onewindow.organisations import services as org
    from onewindow.organisations.choices import PlaceKind, Role
    from onewindow.registries import services as reg

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    # The server runs with DEBUG off: the hashed static files' manifest must exist.
    call_command("collectstatic", interactive=False, verbosity=0)
    # flush empties the working-day calendar the migrations seeded: load it again.
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
        place=center,
        number="A01",
        name="企业经营综合受理",
        kind="comprehensive",
        category="enterprise",
    )
    staff = org.staff_create(
        username="bench_clerk", name="窗口", employee_no="B0001", password=PASSWORD
    )
    org.role_grant(staff=staff, role=Role.WINDOW_CLERK, place=center, window=window)
    user = staff.user
    person = reg.natural_person_register(
        id_number=make_resident_id(rng, female=False), name="王小明", phone="13800001111"
    )
    entry = make_entry(department=department)
    return str(entry.public_id), person.id_number, user.username


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session:
    """A signed-in browser, minus the browser: cookies and CSRF over http.client."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> http.client.HTTPResponse:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = f"http://127.0.0.1:{self.conn.port}/"
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response

    def login(self, username: str) -> None:
        self.request("GET", "/accounts/login/")
        r = self.request("POST", "/accounts/login/", {"username": username, "password": PASSWORD})
        assert r.status == 302, f"login failed: {r.status}"


def intake_form(entry_public_id: str, id_number: str) -> tuple[str, dict]:
    from onewindow.cases.services.intake import checklist_lines
    from onewindow.catalog.models import Entry

    entry = Entry.objects.get(public_id=entry_public_id)
    data: dict = {
        "applicant": id_number,
        "q-who": "self",
        "decision": "accept",
        "delivery_method": "pickup",
    }
    for position, m in checklist_lines(entry.current_version, ["self"]):
        data[f"m-{position}-status"] = "received"
        data[f"m-{position}-copies"] = str(m.copies if m.copies is not None else 1)
        data[f"m-{position}-original"] = "1"
    return f"/cases/new/{entry_public_id}/", data


def run_http(port: int, username: str, path: str, form: dict, cases: int, clients: int) -> float:
    per_client = cases // clients
    errors: list[str] = []
    slowest = [0.0]

    def work() -> None:
        try:
            session = Session(port)
            session.login(username)
            for _ in range(per_client):
                started = time.perf_counter()
                r = session.request("POST", path, form)
                slowest[0] = max(slowest[0], time.perf_counter() - started)
                if r.status != 302:
                    errors.append(str(r.status))
        except Exception as exc:  # a failed client must fail the run, not vanish with its thread
            errors.append(repr(exc))

    threads = [threading.Thread(target=work) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{len(errors)} intakes failed: {errors[:5]}")
    if cases > 10:
        print(f"slowest intake request: {slowest[0] * 1000:.0f} ms")
    return per_client * clients / elapsed


def counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        result = {}
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            result[table] = cursor.fetchone()[0]
        return result


def run_raw(cases: int) -> float:
    """The same rows per case, written by plain INSERTs copied from the last HTTP case."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(id) FROM cases_case")
        template_id = cursor.fetchone()[0]
        templates = {}
        for table in TABLES:
            key = "id" if table in ("cases_case", "cases_casecounter") else "case_id"
            if table == "notifications_message":
                cursor.execute("SELECT number FROM cases_case WHERE id = %s", [template_id])
                number = cursor.fetchone()[0]
                cursor.execute(f"SELECT * FROM {table} WHERE case_number = %s", [number])
            elif table == "cases_casecounter":
                cursor.execute(f"SELECT * FROM {table} ORDER BY id DESC LIMIT 1")
            else:
                cursor.execute(f"SELECT * FROM {table} WHERE {key} = %s", [template_id])
            columns = [c[0] for c in cursor.description]
            templates[table] = (columns, cursor.fetchall())
    started = time.perf_counter()
    for i in range(cases):
        with transaction.atomic(), connection.cursor() as cursor:
            new_case_id = None
            for table in TABLES:
                columns, records = templates[table]
                for record in records:
                    values = dict(zip(columns, record, strict=True))
                    values.pop("id", None)
                    if "public_id" in values:
                        values["public_id"] = uuid.uuid4().hex
                    if table == "cases_case":
                        values["number"] = f"RAW{i:08d}{time.perf_counter_ns()}"[:50]
                        values["submission_key"] = None
                    elif table == "cases_casecounter":
                        cursor.execute(
                            "UPDATE cases_casecounter SET last = last + 1 "
                            "WHERE prefix = %s AND day = %s",
                            [values["prefix"], values["day"]],
                        )
                        continue
                    elif table == "cases_casedocument":
                        values["case_id"] = new_case_id
                        values["number"] = f"RAW{i:08d}-{values['number'][-2:]}"
                    elif table == "notifications_message":
                        values["case_number"] = f"RAW{i:08d}"
                    else:
                        values["case_id"] = new_case_id
                    names = ", ".join(connection.ops.quote_name(c) for c in values)
                    marks = ", ".join(["%s"] * len(values))
                    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
                    cursor.execute(sql, list(values.values()))
                    if table == "cases_case":
                        cursor.execute("SELECT MAX(id) FROM cases_case")
                        new_case_id = cursor.fetchone()[0]
    return cases / (time.perf_counter() - started)


def queries_per_intake(username: str, path: str, form: dict) -> int:
    """The statements one intake request sends (session and sign-in included), counted
    in-process through the same middleware and view."""
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        client.post(path, form)  # warm-up: the audit chain's head exists from now on
        with CaptureQueriesContext(connection) as captured:
            response = client.post(path, form)
    if response.status_code != 302:
        raise SystemExit(f"intake failed in-process: {response.status_code}")
    return len(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--clients", type=int, default=1)
    args = parser.parse_args()
    entry_id, id_number, username = build()
    path, form = intake_form(entry_id, id_number)
    port = free_port()
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
            # A cold worker's first request imports the URL conf (weasyprint…): on a busy shared
            # machine that exceeded gunicorn's default 30 s and the worker was killed.
            "--timeout",
            "300",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        # Warm-up of both workers (two clients at once): imports, templates, first queries.
        run_http(port, username, path, form, 10, 2)
        mid = counts()
        http_rate = run_http(port, username, path, form, args.cases, args.clients)
        after = counts()
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)  # graceful: gunicorn lets its workers finish
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    per_case = {t: (after[t] - mid[t]) / args.cases for t in TABLES}
    raw_rate = run_raw(args.cases)
    queries = queries_per_intake(username, path, form)
    engine = connection.vendor
    print(f"engine: {engine}; {args.cases} intakes, {args.clients} client(s)")
    print(
        "rows per intake: "
        + ", ".join(f"{re.sub('^.*_', '', t)} {v:g}" for t, v in per_case.items())
    )
    print(f"queries per intake request:     {queries}")
    print(f"HTTP intake (receive + accept): {http_rate:.1f} cases/s")
    print(f"raw SQL, same rows:             {raw_rate:.1f} cases/s")
    print(f"ratio raw / HTTP:               {raw_rate / http_rate:.1f}x")


if __name__ == "__main__":
    main()
