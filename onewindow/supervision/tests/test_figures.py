"""Supervision figures: every figure equals a direct count over the cases, for several periods and
every grouping; the page is for supervisors, administrators and center managers, within scope."""

from __future__ import annotations

import csv
import datetime
import io
import zoneinfo
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from onewindow.cases.choices import RUNNING_STATES, CaseKind
from onewindow.cases.factories import instant_entry, licence_entry, receive_case
from onewindow.cases.models import Case, JointService, JointServiceItem
from onewindow.cases.services import acceptance, backoffice, delivery, joint
from onewindow.cases.services.intake import MaterialInput
from onewindow.core.errors import DomainError
from onewindow.organisations.choices import Role
from onewindow.organisations.factories import (
    AssignmentFactory,
    DepartmentFactory,
    StaffFactory,
    UserFactory,
    WindowFactory,
)
from onewindow.organisations.models import Region
from onewindow.supervision.figures import (
    GROUPS,
    REGION_DIGITS,
    Row,
    as_percent,
    figures,
    figures_scope,
    ratio,
)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 11, 20)  # the day the figures are read, after every event below


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A Beijing wall-clock time in 2026."""
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def _staff(username: str, role: Role, **scope: object):
    staff = StaffFactory(user=UserFactory(username=username))
    AssignmentFactory(staff=staff, role=role, **scope)
    return staff.user


@pytest.fixture
def cases(world) -> SimpleNamespace:
    """Cases across departments X, Y (center A), Z (center B, county B) and a township body T."""
    w = world
    w.window_a.decides_on_spot = True
    w.window_a.save()
    approver_y = _staff("approver_y", Role.APPROVER, department=w.dept_y)
    approver_z = _staff("approver_z", Role.APPROVER, department=w.dept_z)
    dept_t = DepartmentFactory.create(name="城关镇人民政府", region=w.town_a)
    dept_t.places.add(w.town_center_a)
    window_t = WindowFactory(place=w.town_center_a, number="A01", name="综合受理")
    clerk_t = _staff("clerk_t", Role.WINDOW_CLERK, place=w.town_center_a, window=window_t)
    reviewer_t = _staff("reviewer_t", Role.REVIEWER, department=dept_t)
    approver_t = _staff("approver_t", Role.APPROVER, department=dept_t)
    staff = {
        w.dept_x.pk: (w.clerk_a, w.center_a, w.reviewer_x, w.approver_x),
        w.dept_y.pk: (w.clerk_a, w.center_a, w.reviewer_y, approver_y),
        w.dept_z.pk: (w.clerk_b, w.center_b, w.reviewer_z, approver_z),
        dept_t.pk: (clerk_t, w.town_center_a, reviewer_t, approver_t),
    }
    entries = {d: licence_entry(d) for d in (w.dept_x, w.dept_y, w.dept_z, dept_t)}  # 3 days

    def accepted(dept, when):
        clerk, place, _r, _a = staff[dept.pk]
        case = receive_case(
            clerk=clerk, place=place, entry=entries[dept], applicant=w.person, at=when
        )
        acceptance.case_accept(case=case, expected_revision=case.revision, actor=clerk, at=when)
        return case

    def decide(case, when, *, approved=True):
        _c, _p, reviewer, approver = staff[case.department_id]
        backoffice.case_step_pass(
            case=case, expected_revision=case.revision, actor=reviewer, opinion="同意", at=when
        )
        backoffice.case_decide(
            case=case,
            expected_revision=case.revision,
            actor=approver,
            approved=approved,
            opinion="决定",
            reason="" if approved else "条件不符",
            basis="" if approved else "《行政许可法》第三十八条",
            at=when,
        )
        return case

    c = SimpleNamespace()
    # Accepted Monday 1 June: due Thursday 4 June.
    c.x_on_time = decide(accepted(w.dept_x, at(6, 1)), at(6, 3))
    c.x_due_day = decide(accepted(w.dept_x, at(6, 1)), at(6, 4, 17, 59))  # on the last day
    c.x_late = decide(accepted(w.dept_x, at(6, 1)), at(6, 10))
    c.x_denied_late = decide(accepted(w.dept_x, at(6, 1)), at(6, 5), approved=False)
    # Paused by an on-site inspection for a week, decided after the first due date but on time.
    c.x_paused = accepted(w.dept_x, at(6, 1))
    backoffice.case_procedure_start(
        case=c.x_paused,
        expected_revision=c.x_paused.revision,
        actor=w.reviewer_x,
        kind="inspection",
        reason="需现场核查经营场所",
        basis="《中华人民共和国行政许可法》第四十五条",
        at=at(6, 2),
    )
    backoffice.case_procedure_end(
        case=c.x_paused,
        expected_revision=c.x_paused.revision,
        actor=w.reviewer_x,
        result="核查合格",
        at=at(6, 9),
    )
    decide(c.x_paused, at(6, 10))
    # Extended by five days on the approver's word, decided within the extension.
    c.x_extended = accepted(w.dept_x, at(6, 1))
    backoffice.case_extend(
        case=c.x_extended,
        expected_revision=c.x_extended.revision,
        actor=w.approver_x,
        days=5,
        reason="情况复杂",
        at=at(6, 2),
    )
    decide(c.x_extended, at(6, 9))
    # 即办件 at the window.
    c.x_on_spot = receive_case(
        clerk=w.clerk_a,
        place=w.center_a,
        entry=instant_entry(w.dept_x),
        applicant=w.person,
        at=at(6, 5),
    )
    acceptance.case_decide_on_spot(
        case=c.x_on_spot, expected_revision=c.x_on_spot.revision, actor=w.clerk_a, at=at(6, 5, 11)
    )
    # Still open and long overdue.
    c.x_open = accepted(w.dept_x, at(6, 1))
    # Decided at 23:30 on 30 June in Beijing (15:30 UTC): June. At 00:30 on 1 July: July.
    c.x_june_night = decide(accepted(w.dept_x, at(6, 25)), at(6, 30, 23, 30))
    c.x_july_night = decide(accepted(w.dept_x, at(6, 25)), at(7, 1, 0, 30))
    # Withdrawn after acceptance, past its deadline: no longer promised, not counted as open.
    c.x_withdrawn = accepted(w.dept_x, at(6, 1))
    delivery.case_withdraw(
        case=c.x_withdrawn,
        expected_revision=c.x_withdrawn.revision,
        actor=w.clerk_a,
        reason="申请人撤回",
        at=at(6, 8),
    )
    # Received, never accepted: outside every figure.
    c.x_received = receive_case(
        clerk=w.clerk_a, place=w.center_a, entry=entries[w.dept_x], applicant=w.person, at=at(6, 1)
    )
    # Department Y: on time in June; overdue at the end of June, decided late in July.
    c.y_on_time = decide(accepted(w.dept_y, at(6, 1)), at(6, 2))
    c.y_late_in_july = decide(accepted(w.dept_y, at(6, 22)), at(7, 3))
    # County B.
    c.z_late = decide(accepted(w.dept_z, at(6, 1)), at(6, 15))
    c.z_on_time = decide(accepted(w.dept_z, at(6, 8)), at(6, 9))
    c.z_open_not_due = accepted(w.dept_z, at(11, 18))  # due after TODAY
    # Township body.
    c.t_on_time = decide(accepted(dept_t, at(6, 15)), at(6, 16))
    # A joint application of X and Y: the parent is left out, the parts count.
    js = JointService.objects.create(code="YJS620123009", name="开办餐馆一件事", region=w.county_a)
    JointServiceItem.objects.create(joint=js, entry=licence_entry(w.dept_x, name="食品经营许可"))
    JointServiceItem.objects.create(joint=js, entry=licence_entry(w.dept_y, name="税务登记"))
    answers = {item.entry.code: ["self"] for item in js.items.all()}
    _clean, lines = joint.joint_checklist(js, answers)
    c.joint = joint.case_receive_joint(
        actor=w.clerk_a,
        place=w.center_a,
        joint=js,
        applicant=w.company,
        answers=answers,
        materials=[MaterialInput(position=p, status="received", copies=1) for p, _m in lines],
        at=at(6, 1),
    )
    acceptance.case_accept(
        case=c.joint, expected_revision=c.joint.revision, actor=w.clerk_a, at=at(6, 1)
    )
    for part in c.joint.parts.all():
        decide(part, at(6, 3) if part.department_id == w.dept_x.pk else at(6, 12))
    c.dept_t = dept_t
    for case in vars(c).values():
        if isinstance(case, Case):
            case.refresh_from_db()
    return c


# --- the direct count ------------------------------------------------------------------------


def _local(value: datetime.datetime | None) -> datetime.date | None:
    return value.astimezone(SHANGHAI).date() if value else None


def _key(case: Case, group: str) -> str:
    if group == "department":
        return str(case.department_id)
    if group == "center":
        return str(case.home_place_id)
    return case.region_code[: REGION_DIGITS[group]]


def brute_force(start, end, group, cases, today=TODAY) -> dict[str, Row]:
    """The definitions of the module docstring, case by case in plain Python."""
    as_of = min(end, today)
    rows: dict[str, Row] = {}
    for case in cases:
        if case.kind == CaseKind.JOINT or case.accepted_at is None:
            continue
        decided_on = _local(case.decided_at)
        decided = decided_on is not None and start <= decided_on <= end
        open_at_end = (decided_on is not None and decided_on > end) or (
            case.decided_at is None and case.state in RUNNING_STATES
        )
        overdue_open = (
            case.due_date is not None
            and start <= case.due_date < as_of
            and _local(case.accepted_at) <= end
            and open_at_end
        )
        if not decided and not overdue_open:
            continue
        row = rows.setdefault(_key(case, group), Row(key=_key(case, group), label=""))
        row.open_overdue += overdue_open
        if decided:
            row.decided += 1
            if case.due_date is not None:
                row.on_time += decided_on <= case.due_date
                row.late += decided_on > case.due_date
            row.on_spot += case.decided_on_spot
            row.paused_days += case.paused_days
            if case.days_used is not None:
                row.timed += 1
                row.days_used += case.days_used
                row.days_promised += case.promised_days + case.extension_days
    return rows


COUNT_NAMES = (
    "decided",
    "on_time",
    "late",
    "open_overdue",
    "on_spot",
    "timed",
    "days_used",
    "days_promised",
    "paused_days",
)


def _counts(row: Row) -> tuple:
    return tuple(getattr(row, n) for n in COUNT_NAMES)


PERIODS = [
    (datetime.date(2026, 6, 1), datetime.date(2026, 6, 30)),
    (datetime.date(2026, 7, 1), datetime.date(2026, 7, 31)),
    (datetime.date(2026, 6, 1), datetime.date(2026, 6, 4)),
    (datetime.date(2026, 6, 5), datetime.date(2026, 6, 10)),
    (datetime.date(2026, 6, 30), datetime.date(2026, 6, 30)),
    (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),  # reaches past TODAY
    (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),  # nothing at all
]


@pytest.mark.parametrize("group", list(GROUPS))
@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_every_figure_equals_a_direct_count(cases, start, end, group):
    rows = figures(start=start, end=end, group=group, scope_qs=Case.objects.all(), today=TODAY)
    *groups, total = rows
    expected = brute_force(start, end, group, Case.objects.all())
    assert {r.key: _counts(r) for r in groups} == {k: _counts(r) for k, r in expected.items()}
    assert total.is_total
    assert not any(r.is_total for r in groups)
    assert _counts(total) == tuple(sum(_counts(r)[i] for r in expected.values()) for i in range(9))


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    # the cases are only read, so sharing the function-scoped fixture between examples is fine
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    start=st.dates(datetime.date(2026, 5, 20), datetime.date(2026, 7, 10)),
    days=st.integers(0, 45),
    today=st.dates(datetime.date(2026, 6, 1), datetime.date(2026, 12, 31)),
    group=st.sampled_from(list(GROUPS)),
)
def test_any_period_equals_a_direct_count(cases, start, days, today, group):
    end = start + datetime.timedelta(days=days)
    *groups, total = figures(
        start=start, end=end, group=group, scope_qs=Case.objects.all(), today=today
    )
    expected = brute_force(start, end, group, Case.objects.all(), today=today)
    assert {r.key: _counts(r) for r in groups} == {k: _counts(r) for k, r in expected.items()}
    assert total.decided == sum(r.decided for r in expected.values())


def test_the_story_in_numbers(world, cases):
    """The same figures as a person would count them on paper."""
    june = figures(
        start=datetime.date(2026, 6, 1),
        end=datetime.date(2026, 6, 30),
        group="department",
        scope_qs=Case.objects.all(),
        today=TODAY,
    )
    by_key = {r.key: r for r in june}
    x = by_key[str(world.dept_x.pk)]
    # on time: on_time, due_day, paused, extended, on_spot, june_night, joint part
    # late: late, denied_late; open overdue: x_open (withdrawn and unaccepted left out)
    assert (x.decided, x.on_time, x.late, x.open_overdue) == (9, 7, 2, 1)
    assert (x.overdue, x.on_spot) == (3, 1)
    assert x.on_time_rate == ratio(7, 9) == Decimal("77.8")
    assert x.limit_rate == ratio(7, 10) == Decimal("70.0")
    assert x.paused_days == cases.x_paused.paused_days > 0
    assert cases.x_extended.extension_days == 5
    y = by_key[str(world.dept_y.pk)]
    # y_on_time, and the joint part decided late on 12 June (due 4 June);
    # y_late_in_july was overdue and still open on 30 June
    assert (y.decided, y.on_time, y.late, y.open_overdue) == (2, 1, 1, 1)
    assert y.limit_rate == ratio(1, 3) == Decimal("33.3")
    z = by_key[str(world.dept_z.pk)]
    assert (z.decided, z.on_time, z.late, z.open_overdue) == (2, 1, 1, 0)
    total = june[-1]
    assert total.decided == 9 + 2 + 2 + 1
    july = figures(
        start=datetime.date(2026, 7, 1),
        end=datetime.date(2026, 7, 31),
        group="department",
        scope_qs=Case.objects.all(),
        today=TODAY,
    )
    x_july = {r.key: r for r in july}[str(world.dept_x.pk)]
    # Both night cases are due on 30 June: 23:30 that day was on time, 00:30 on 1 July is late.
    assert cases.x_june_night.due_date == cases.x_july_night.due_date == datetime.date(2026, 6, 30)
    assert (x_july.decided, x_july.on_time, x_july.late) == (1, 0, 1)
    assert x_july.open_overdue == 0  # x_open's deadline lies in June
    y_july = {r.key: r for r in july}[str(world.dept_y.pk)]
    assert (y_july.decided, y_july.late, y_july.open_overdue) == (1, 1, 0)


def test_a_case_due_on_the_last_day_is_not_yet_overdue(world, cases):
    # x_open is due on 4 June: on that day it is red only the next morning.
    rows = figures(
        start=datetime.date(2026, 6, 1),
        end=cases.x_open.due_date,
        group="department",
        scope_qs=Case.objects.filter(pk=cases.x_open.pk),
        today=TODAY,
    )
    assert rows[-1].open_overdue == 0
    rows = figures(
        start=datetime.date(2026, 6, 1),
        end=cases.x_open.due_date + datetime.timedelta(days=1),
        group="department",
        scope_qs=Case.objects.filter(pk=cases.x_open.pk),
        today=TODAY,
    )
    assert rows[-1].open_overdue == 1
    # and a period that reaches past today reads the open cases as of today
    rows = figures(
        start=datetime.date(2026, 6, 1),
        end=datetime.date(2026, 6, 30),
        group="department",
        scope_qs=Case.objects.filter(pk=cases.x_open.pk),
        today=cases.x_open.due_date,
    )
    assert rows[-1].open_overdue == 0


def test_region_levels_are_labelled_by_region_name(world, cases):
    with translation.override("en"):
        labels = {
            group: {
                r.key: r.label
                for r in figures(
                    start=datetime.date(2026, 6, 1),
                    end=datetime.date(2026, 6, 30),
                    group=group,
                    scope_qs=Case.objects.all(),
                    today=TODAY,
                )
            }
            for group in ("province", "city", "county", "town", "center")
        }
    assert labels["province"] == {"62": "甘肃省", "": "Total"}
    assert labels["city"] == {"6201": "兰州市", "": "Total"}
    assert labels["county"] == {"620123": "榆中县", "620121": "永登县", "": "Total"}
    assert labels["town"] == {
        "620123000": "榆中县 (own level)",
        "620123100": "城关镇",
        "620121000": "永登县 (own level)",
        "": "Total",
    }
    assert set(labels["center"].values()) == {
        world.center_a.name,
        world.center_b.name,
        world.town_center_a.name,
        "Total",
    }
    assert Region.objects.get(code="620123100000").name == "城关镇"


def test_a_fixed_number_of_queries(world, cases):
    readable = figures_scope(world.supervisor_a)  # reads the assignments once

    def count(group: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            figures(
                start=datetime.date(2026, 1, 1),
                end=datetime.date(2026, 12, 31),
                group=group,
                scope_qs=readable,
                today=TODAY,
            )
        return len(queries)

    before = {group: count(group) for group in GROUPS}
    assert before["department"] == 1
    assert before["county"] == 2  # plus the region names
    for _ in range(3):
        acceptance.case_accept(
            case=receive_case(
                clerk=world.clerk_a,
                place=world.center_a,
                entry=licence_entry(world.dept_y),
                applicant=world.person,
                at=at(6, 1),
            ),
            actor=world.clerk_a,
            expected_revision=None,  # received a moment ago
            at=at(6, 1),
        )
    assert {group: count(group) for group in GROUPS} == before


def test_empty_population_shows_a_dash(world):
    (total,) = figures(
        start=datetime.date(2026, 6, 1),
        end=datetime.date(2026, 6, 30),
        group="department",
        scope_qs=Case.objects.all(),
    )
    assert total.decided == 0
    assert total.on_time_rate is None
    assert as_percent(total.on_time_rate) == "—"
    assert total.avg_days_used is None
    assert as_percent(ratio(1, 3)) == "33.3%"
    assert as_percent(ratio(1, 16)) == "6.3%"  # half up, not to even
    assert as_percent(ratio(0, 4)) == "0.0%"


@pytest.mark.parametrize(
    ("start", "end", "group"),
    [
        (datetime.date(2026, 6, 30), datetime.date(2026, 6, 1), "department"),
        (datetime.date(2020, 1, 1), datetime.date(2025, 1, 1), "department"),
        (datetime.date(1999, 1, 1), datetime.date(1999, 1, 2), "department"),
        (datetime.date(2026, 1, 1), datetime.date(2026, 1, 2), "village"),
    ],
)
def test_bad_periods_and_groups_are_refused(world, start, end, group):
    with pytest.raises(DomainError):
        figures(start=start, end=end, group=group, scope_qs=Case.objects.all())


def test_five_years_exactly_is_allowed(world):
    rows = figures(
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2024, 12, 31),
        group="department",
        scope_qs=Case.objects.all(),
    )
    assert rows[-1].is_total


# --- the page --------------------------------------------------------------------------------

JUNE = "?start=2026-06-01&end=2026-06-30"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("supervisor_a", 200),
        ("admin_a", 200),
        ("manager_a", 200),
        ("clerk_a", 403),
        ("reviewer_x", 403),
        ("hotline_a", 403),
        ("citizen", 403),
        ("stranger", 403),
    ],
)
def test_page_per_role(world, login, persona, status):
    response = login(getattr(world, persona)).get("/supervision/figures/" + JUNE)
    assert response.status_code == status


def test_anonymous_is_sent_to_sign_in(world, login):
    response = login(None).get("/supervision/figures/")
    assert response.status_code == 302


def test_scope_of_each_reader(world, login, cases):
    from django.urls import reverse

    url = reverse("supervision:figures") + JUNE
    page = login(world.supervisor_a).get(url).content.decode()
    assert world.dept_x.name in page
    assert world.dept_y.name in page
    assert world.dept_z.name not in page
    page = login(world.admin_b).get(url).content.decode()
    assert world.dept_z.name in page
    assert world.dept_x.name not in page
    # the center manager reads the cases whose competent center is theirs
    page = login(world.manager_a).get(url + "&group=center").content.decode()
    assert world.center_a.name in page
    assert world.center_b.name not in page
    assert world.town_center_a.name not in page
    scoped = {c.pk for c in figures_scope(world.manager_a)}
    assert scoped == set(
        Case.objects.filter(home_place=world.center_a).values_list("pk", flat=True)
    )


def test_page_shows_the_figures_and_the_legend(world, login, cases):
    response = login(world.supervisor_a).get("/supervision/figures/" + JUNE)
    assert response.status_code == 200
    rows = {r.key: r for r in response.context["rows"]}
    x = rows[str(world.dept_x.pk)]
    assert (x.decided, x.on_time, x.open_overdue) == (9, 7, 1)
    html = response.content.decode()
    assert "77.8%" in html
    assert "70.0%" in html
    assert 'data-testid="figures-legend"' in html


def test_page_default_period_is_this_month(world, login):
    response = login(world.supervisor_a).get("/supervision/figures/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.cleaned_data["start"].day == 1
    assert form.cleaned_data["group"] == "department"


@pytest.mark.parametrize(
    "query",
    [
        "?start=2026-06-30&end=2026-06-01",
        "?start=2019-01-01&end=2026-06-01",
        "?start=not-a-date&end=2026-06-01",
        "?start=2026-02-30&end=2026-03-01",
        "?start=9999-12-31&end=9999-12-31",
        "?start=&end=2026-06-01",
        "?start=2026-06-01&end=2026-06-30&group=village",
        "?start=2026-06-30&end=2026-06-01&format=csv",
    ],
)
def test_bad_input_gives_a_message_not_a_500(world, login, query):
    response = login(world.supervisor_a).get("/supervision/figures/" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert 'data-testid="figures-errors"' in response.content.decode()
    assert response.context["rows"] == []


def test_csv_download(world, login, cases):
    response = login(world.supervisor_a).get(
        "/supervision/figures/" + JUNE + "&group=county&format=csv"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, *body = table
    assert len(body) == 2  # 榆中县 and the total, not 永登县
    county = body[0]
    assert county[0] == "620123"
    assert county[1] == "榆中县"
    x_and_y_and_t = brute_force(
        datetime.date(2026, 6, 1), datetime.date(2026, 6, 30), "county", Case.objects.all()
    )["620123"]
    assert county[2] == str(x_and_y_and_t.decided)
    assert county[3] == str(x_and_y_and_t.on_time)
    assert county[4] == as_percent(x_and_y_and_t.on_time_rate)
    assert body[1][2] == county[2]  # the total of a single county
    assert len(header) == len(county)


def test_csv_of_an_empty_period_shows_dashes(world, login):
    response = login(world.admin_a).get(
        "/supervision/figures/?start=2025-01-01&end=2025-01-31&format=csv"
    )
    body = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    total = body[-1]
    assert total[0] == "合计" or total[0] == "Total"
    assert total[1] == "0"  # decided
    assert "—" in total


def test_a_refused_period_is_explained(world, login, settings):
    response = login(world.supervisor_a).get(
        "/supervision/figures/?start=2020-01-01&end=2026-01-01"
    )
    with translation.override(settings.LANGUAGE_CODE):
        expected = translation.gettext("The period may cover at most %(n)d years.") % {"n": 5}
    assert response.context["form"].non_field_errors() == [expected]
    assert expected in response.content.decode()


def test_the_csv_link_repeats_the_shown_period(world, login):
    response = login(world.manager_a).get("/supervision/figures/?group=center")
    query = response.context["csv_query"]
    assert "format=csv" in query
    assert "group=center" in query
    download = login(world.manager_a).get("/supervision/figures/?" + query)
    assert download["Content-Type"] == "text/csv; charset=utf-8"
