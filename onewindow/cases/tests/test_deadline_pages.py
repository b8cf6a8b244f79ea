"""Issue 11 items 3, 4 and 5: what every page says about a case's deadline.

* 3 — a case's promised deadline is never later than its statutory one (行政许可法 §42 and the
  item's own statute: a promise is a commitment inside the law), clamped with a visible reason;
* 4 — while a §45 special procedure runs, every page says "特别程序中，暂停计时" and shows the
  deadline as it stands if the pause ended today (not the stale day stored when it began);
* 5 — a deadline counted on a provisional (estimated) calendar year, or waiting for a year whose
  schedule is not entered, says so everywhere, with the reason and when it will be confirmed.

Dates are checked against the brute-force ``Oracle`` of the deadlines tests (a day-by-day walk
over the stored rows), never against the code's own arithmetic.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from onewindow.cases import clock
from onewindow.cases.factories import accepted_case, licence_entry
from onewindow.cases.models import Case
from onewindow.cases.services import backoffice
from onewindow.deadlines.calendar import forget_cached_calendars
from onewindow.deadlines.choices import CalendarSource
from onewindow.deadlines.models import CalendarDay, CalendarYear
from onewindow.deadlines.services import calendar_seed_from_library
from onewindow.deadlines.tests.conftest import Oracle

D = dt.date
PAUSED = "特别程序中，暂停计时"


def _at(day: D) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 2, tzinfo=dt.UTC)  # 10:00 in Beijing


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- item 3: the promise never ends after the law ------------------------------------------------


def _residence_permit(world, promised: int = 7):
    """居住证申领 as the issue found it: 7 working days promised, 15 calendar days by law.

    Stored as published before the catalog refused it, which is how existing items are."""
    entry = licence_entry(
        world.dept_x,
        name="居住证申领",
        statutory_limit={"value": 15, "unit": "calendar"},
        promised_limit={"value": 5, "unit": "working"},
        steps=[{"name": "审查", "handler": "户政大队", "limit": 3}],
    )
    version = entry.current_version
    content = dict(version.content)
    content["promised_limit"] = {"value": promised, "unit": "working", "note": ""}
    type(version).objects.filter(pk=version.pk).update(content=content)
    entry.refresh_from_db()  # drops the cached version and its parsed guide
    return entry


def test_a_promise_past_the_statutory_deadline_is_clamped_with_a_visible_reason(world, login):
    # Accepted Friday 13 February 2026: 7 working days run to Monday 2 March (Spring Festival
    # 15–23 February off, 14 and 28 February worked); 15 calendar days end on Saturday 28
    # February, a make-up working day (民法典 §203 needs no roll).
    entry = _residence_permit(world)
    case = accepted_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry,
        applicant=world.person,
        at=_at(D(2026, 2, 13)),
    )
    oracle = Oracle(world.center_a)
    assert oracle.add_days(D(2026, 2, 13), 7) == D(2026, 3, 2)
    assert oracle.add_days(D(2026, 2, 13), 15, "calendar") == D(2026, 2, 28)

    assert case.due_date == D(2026, 2, 28)
    deadline = clock.case_deadline(case)
    assert deadline.capped
    assert (deadline.promised, deadline.statutory) == (D(2026, 3, 2), D(2026, 2, 28))
    # The explanation counts the statutory fifteen calendar days, and says why.
    notes = clock.case_deadline_explanation(case)
    assert notes[-1].date == D(2026, 2, 28)
    with override("zh-hans"):
        words = clock.deadline_in_words(case)
    assert "15 个自然日" in words
    assert "承诺时限将于2026-03-02届满，晚于法定时限，按法定期限2026-02-28办结" in words

    page = _text(login(world.clerk_a).get(reverse("cases:detail", args=[case.number])))
    assert "2026-02-28" in page
    assert "按法定期限2026-02-28办结" in page


def test_a_promise_within_the_law_is_not_clamped(world):
    entry = _residence_permit(world, promised=5)
    case = accepted_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry,
        applicant=world.person,
        at=_at(D(2026, 2, 13)),
    )
    assert case.due_date == Oracle(world.center_a).add_days(D(2026, 2, 13), 5) == D(2026, 2, 27)
    assert not clock.case_deadline(case).capped


# --- item 4: a paused clock shows no stale date -------------------------------------------------


@pytest.fixture
def _years_around_today(db):
    """The calendar of this year and the next, whatever today is (a later year is estimated)."""
    today = timezone.localdate()
    calendar_seed_from_library(years=[today.year, today.year + 1], missing_only=True)
    forget_cached_calendars()


@pytest.fixture
def paused_case(world, _years_around_today) -> Case:
    """15 working days from 20 days ago, under a §45 inspection since 6 days ago."""
    today = timezone.localdate()
    entry = licence_entry(
        world.dept_x,
        statutory_limit={"value": 20, "unit": "working"},
        promised_limit={"value": 15, "unit": "working"},
    )
    case = accepted_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry,
        applicant=world.citizen_person,
        contact_phone="13912345678",
        at=_at(today - dt.timedelta(days=20)),
    )
    backoffice.case_procedure_start(
        case=case,
        actor=world.reviewer_x,
        kind="inspection",
        reason="现场核查经营场所",
        basis="行政许可法第四十五条",
        expected_revision=case.revision,
        at=_at(today - dt.timedelta(days=6)),
    )
    case.refresh_from_db()
    return case


def _as_it_stands(case: Case) -> D:
    today = timezone.localdate()
    accepted = timezone.localdate(case.accepted_at)
    return Oracle(case.home_place).add_days(
        accepted, 15, pauses=[(today - dt.timedelta(days=6), today)]
    )


def test_the_deadline_of_a_paused_case_is_where_it_stands_if_the_pause_ended_today(paused_case):
    expected = _as_it_stands(paused_case)
    # The stored date is the one of the day the pause began: stale by the days paused since.
    assert paused_case.due_date != expected
    deadline = clock.case_deadline(paused_case)
    assert deadline.paused
    assert deadline.due == expected
    assert clock.deadline_shown(paused_case).due == expected


def test_every_staff_page_says_the_clock_is_paused_and_shows_the_date_as_it_stands(
    world, login, paused_case
):
    expected = _as_it_stands(paused_case).isoformat()
    stale = paused_case.due_date.isoformat()
    detail = login(world.clerk_a).get(reverse("cases:detail", args=[paused_case.number]))
    html = detail.content.decode()
    header = html.split('data-testid="due-date"')[1].split("</dd>")[0]
    assert PAUSED in header
    assert expected in header
    assert stale not in header
    clocks = html.split('data-clock="decision"')[1].split("</li>")[0]
    assert PAUSED in clocks
    assert expected in clocks
    assert stale not in clocks

    for user, url in (
        (world.reviewer_x, reverse("cases:inbox")),
        (world.clerk_a, reverse("cases:list")),
    ):
        page = login(user).get(url).content.decode()
        row = page.split(paused_case.number)[-1].split("</tr>")[0]
        assert PAUSED in row, url
        assert expected in row, url
        assert stale not in row, url


def test_the_applicants_page_and_the_public_look_up_say_so_too(world, login, client, paused_case):
    expected = _as_it_stands(paused_case).isoformat()
    citizen = login(world.citizen)
    mine = citizen.get(reverse("portal:applications")).content.decode()
    row = mine.split(paused_case.number, 1)[1].split("</tr>")[0]
    assert PAUSED in row
    assert expected in row

    own = _text(citizen.get(reverse("portal:application", args=[paused_case.number])))
    assert PAUSED in own
    assert expected in own

    looked_up = client.post(
        reverse("portal:progress"),
        {"number": paused_case.number, "id_number": world.citizen_person.id_number},
        follow=True,
    )
    public = _text(looked_up)
    assert PAUSED in public
    assert expected in public
    assert paused_case.due_date.isoformat() not in public.split("办结期限")[-1][:40]


# --- item 5: a provisional or missing calendar year is never a firm date ------------------------


def _provisional(year: int) -> None:
    CalendarYear.objects.filter(year=year).update(source=CalendarSource.PROVISIONAL)
    forget_cached_calendars()


def _late_case(world, *, at: D, days: int = 20) -> Case:
    entry = licence_entry(
        world.dept_x,
        statutory_limit={"value": days, "unit": "working"},
        promised_limit={"value": days, "unit": "working"},
        steps=[{"name": "审查", "handler": "登记股", "limit": 1}],
    )
    return accepted_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry,
        applicant=world.citizen_person,
        contact_phone="13912345678",
        at=_at(at),
    )


def test_a_deadline_on_a_provisional_year_is_marked_everywhere_with_reason_and_when(
    world, login, client
):
    # 2026 stands in for "a year loaded by rule without make-up days": its deadline is real
    # arithmetic, but not firm.
    _provisional(2026)
    case = _late_case(world, at=D(2026, 12, 1), days=10)
    deadline = clock.case_deadline(case)
    assert deadline.due == Oracle(world.center_a).add_days(D(2026, 12, 1), 10)
    assert deadline.provisional == (2026,)
    reason = (
        "暂定：按2026年的预估日历（尚无调休上班日）计算。国务院办公厅一般在上一年11月至12月公布"
    )

    detail = _text(login(world.clerk_a).get(reverse("cases:detail", args=[case.number])))
    assert reason in detail
    listing = login(world.clerk_a).get(reverse("cases:list")).content.decode()
    assert "暂定" in listing.split(case.number)[-1].split("</tr>")[0]
    own = _text(login(world.citizen).get(reverse("portal:application", args=[case.number])))
    assert reason in own
    public = _text(
        client.post(
            reverse("portal:progress"),
            {"number": case.number, "id_number": world.citizen_person.id_number},
            follow=True,
        )
    )
    assert reason in public
    # The 受理通知书 records it: the date marked provisional, and why.
    notice = case.documents.get(kind="acceptance")
    assert notice.data["due_status"] == "provisional"
    assert "2026年的预估日历" in notice.data["due_note"]
    # The applicant's message says it too.
    from onewindow.notifications.models import Message

    accepted = Message.objects.filter(case_number=case.number, event="case.accepted").first()
    assert accepted is not None
    assert "暂定" in accepted.body


def test_a_missing_year_says_which_schedule_is_awaited_and_the_notice_says_so(world, login):
    # 2027 is not entered in this test's calendar: 20 working days from 14 December 2026 run
    # into it.
    CalendarDay.objects.filter(date__year=2027, place__isnull=True).delete()
    CalendarYear.objects.filter(year=2027).delete()
    forget_cached_calendars()
    case = _late_case(world, at=D(2026, 12, 14))
    assert case.due_date is None
    deadline = clock.case_deadline(case)
    assert deadline.missing == 2027

    detail = _text(login(world.clerk_a).get(reverse("cases:detail", args=[case.number])))
    assert "待定：2027年节假日安排尚未公布" in detail
    assert "2027年节假日安排尚未公布（国务院办公厅一般在上一年11月至12月公布）" in detail
    own = _text(login(world.citizen).get(reverse("portal:application", args=[case.number])))
    assert "2027年节假日安排尚未公布" in own
    notice = case.documents.get(kind="acceptance")
    assert notice.data["due_status"] == "pending"
    assert "2027年节假日安排尚未公布" in notice.data["due_note"]
    # The PDF's facts carry the note (never the date left blank without a word).
    from onewindow.documents.choices import DocumentKind
    from onewindow.documents.render import _kind_context

    facts = _kind_context(DocumentKind.ACCEPTANCE, notice.data)["extra_facts"]
    flat = [value for row in facts for _label, value in row]
    assert "待确定" in flat
    assert any("2027年节假日安排尚未公布" in str(v) for v in flat)


def test_entering_the_official_schedule_recomputes_and_notifies_whose_date_moved(world):
    from onewindow.deadlines.services import HolidayRange as Range
    from onewindow.deadlines.services import calendar_schedule_enter
    from onewindow.notifications.models import Message

    # 2027 loaded by rule (no make-up days): a case of 20 working days from 14 December 2026
    # ends in January 2027 on that estimate.
    CalendarDay.objects.filter(date__year=2027, place__isnull=True).delete()
    CalendarYear.objects.filter(year=2027).delete()
    calendar_seed_from_library(years=[2027])
    assert CalendarYear.objects.get(year=2027).source == CalendarSource.PROVISIONAL
    forget_cached_calendars()
    case = _late_case(world, at=D(2026, 12, 14))
    estimated = case.due_date
    assert estimated is not None
    assert estimated.year == 2027
    assert clock.case_deadline(case).provisional == (2027,)

    # The official schedule gives a longer New Year (1–5 January): the deadline moves.
    calendar_schedule_enter(
        year=2027,
        holidays=[Range("元旦", D(2027, 1, 1), D(2027, 1, 5))],
        actor=world.admin_province,
        replace=True,
    )
    case.refresh_from_db()
    expected = Oracle(world.center_a).add_days(D(2026, 12, 14), 20)
    assert case.due_date == expected != estimated
    assert clock.case_deadline(case).provisional == ()

    moved = Message.objects.filter(case_number=case.number, event="case.deadline_moved")
    to_applicant = moved.get(recipient_phone="13912345678")
    to_clerk = moved.get(recipient_user=world.clerk_a)
    for message in (to_applicant, to_clerk):
        assert expected.isoformat() in message.body
        assert estimated.isoformat() in message.body


def test_the_administrator_is_prompted_for_next_years_schedule_only_where_it_may_be_entered(
    world, login
):
    from onewindow.deadlines.selectors import schedule_prompt_year

    prompt = schedule_prompt_year()
    province = login(world.admin_province).get(reverse("accounts:ws-admin")).content.decode()
    county = login(world.admin_a).get(reverse("accounts:ws-admin")).content.decode()
    assert ('data-testid="schedule-prompt"' in province) is (prompt is not None)
    # A county's administrator cannot enter it: no task to do what it may not do.
    assert 'data-testid="schedule-prompt"' not in county
