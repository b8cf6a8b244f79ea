"""Each 工作台 shows its role's to-do counts, most urgent first, each a link to the list behind
it, and that list shows the same number (issue 11 item 9). Counts cost a fixed number of queries."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onewindow.cases.choices import CaseState, WarningLevel
from onewindow.cases.factories import accepted_case, licence_entry, receive_case
from onewindow.cases.models import Case
from onewindow.cases.services import acceptance
from onewindow.supervision.sweep import warnings_sweep
from onewindow.supervision.urging import urging_send

JUNE_1 = datetime.datetime(2026, 6, 1, 10, tzinfo=datetime.UTC)  # Monday
JUNE_3 = datetime.datetime(2026, 6, 3, 10, tzinfo=datetime.UTC)
URGING_ROW = re.compile(r'href="/supervision/urgings/[0-9a-f-]{36}/"')
TILE = re.compile(r'data-testid="tile-([a-z_]+)" data-count="(\d+)"')


def tiles(html: str) -> dict[str, int]:
    return {key: int(n) for key, n in TILE.findall(html)}


def tile_url(html: str, key: str) -> str:
    found = re.search(r'href="([^"]+)" data-testid="tile-' + key + '"', html)
    assert found, key
    return unescape(found.group(1))


def list_count(html: str, testid: str = "count") -> list[int]:
    """The numbers a list page shows in its count badges."""
    return [int(n) for n in re.findall(r'data-testid="' + testid + r'"[^>]*>(\d+)<', html)]


@pytest.fixture
def desk(world):
    """Window cases at center A in every list, and one at center B that A's clerk never sees."""
    w = world
    entry = licence_entry(w.dept_x)  # promised 3 working days
    received_now = receive_case(clerk=w.clerk_a, place=w.center_a, entry=entry, applicant=w.person)
    # Received in June and never decided on: its §32 notice is long due.
    received_june = receive_case(
        clerk=w.clerk_a, place=w.center_a, entry=entry, applicant=w.person, at=JUNE_1
    )
    corrected = receive_case(
        clerk=w.clerk_a,
        place=w.center_a,
        entry=entry,
        applicant=w.person,
        missing=("个体工商户登记申请书",),
    )
    acceptance.case_request_correction(
        case=corrected, actor=w.clerk_a, opinion="请补正", expected_revision=corrected.revision
    )
    refused = receive_case(clerk=w.clerk_a, place=w.center_a, entry=entry, applicant=w.person)
    acceptance.case_propose_refusal(
        case=refused,
        actor=w.clerk_a,
        reason="不属于本机关职权范围",
        basis="《中华人民共和国行政许可法》第三十二条",
        expected_revision=refused.revision,
    )
    receive_case(
        clerk=w.clerk_b, place=w.center_b, entry=licence_entry(w.dept_z), applicant=w.person
    )
    # In review: red (due 4 June), yellow (due 8 June, its last day), and one running on time.
    red = accepted_case(
        clerk=w.clerk_a, place=w.center_a, entry=entry, applicant=w.person, at=JUNE_1
    )
    yellow = accepted_case(
        clerk=w.clerk_a, place=w.center_a, entry=entry, applicant=w.person, at=JUNE_3
    )
    calm = accepted_case(clerk=w.clerk_a, place=w.center_a, entry=entry, applicant=w.person)
    warnings_sweep(today=datetime.date(2026, 6, 8))
    for case in (red, yellow, calm):
        case.refresh_from_db()
    assert (red.warning_level, yellow.warning_level) == (WarningLevel.RED, WarningLevel.YELLOW)
    assert calm.warning_level == WarningLevel.NORMAL
    urging_send(case=red, actor=w.supervisor_a, message="请尽快办结并说明超期原因。")
    return {
        "received": [received_now, received_june],
        "received_june": received_june,
        "corrected": corrected,
        "refused": refused,
        "red": red,
        "yellow": yellow,
        "calm": calm,
        "entry": entry,
    }


def test_clerk_counts_link_to_lists_showing_the_same_number(world, login, desk):
    client = login(world.clerk_a)
    html = client.get("/accounts/work/window/").content.decode()

    counts = tiles(html)
    assert counts == {
        "notices_due": 1,
        "to_accept": 2,
        "correction": 1,
        "to_deliver": 0,
        "refusal_pending": 1,
    }
    for key in ("to_accept", "correction", "refusal_pending", "to_deliver"):
        url = tile_url(html, key)
        assert url == f"/cases/window/?list={key}"
        page = client.get(url).content.decode()
        assert list_count(page) == [counts[key]], key  # only that list, with the same count
        assert page.count('data-testid="case-row"') == counts[key]
    page = client.get(tile_url(html, "notices_due")).content.decode()
    assert 'data-testid="acceptance-warnings" data-count="1"' in page
    assert desk["received_june"].number in page


def test_clerk_sees_the_soonest_section_32_decision_first(world, login, desk):
    html = login(world.clerk_a).get("/accounts/work/window/").content.decode()
    urgent = html[html.index('data-testid="urgent"') :]
    june, now = desk["received_june"], desk["received"][0]
    assert urgent.index(june.number) < urgent.index(now.number)
    # The staff and windows of the place stay on the workspace, below the work.
    assert "公民个人综合受理" in html


def test_reviewer_counts_red_and_yellow_first_and_urgings(world, login, desk):
    client = login(world.reviewer_x)
    html = client.get("/accounts/work/review/").content.decode()

    counts = tiles(html)
    assert counts == {"red": 1, "yellow": 1, "inbox": 3, "urgings": 1}
    for key, level in (("red", "red"), ("yellow", "yellow"), ("inbox", "")):
        assert tile_url(html, key) == "/cases/inbox/" + (f"?level={level}" if level else "")
        page = client.get(tile_url(html, key)).content.decode()
        assert list_count(page) == [counts[key]], key
        assert page.count('data-testid="case-row"') == counts[key]
    urgings_page = client.get(tile_url(html, "urgings")).content.decode()
    assert len(URGING_ROW.findall(urgings_page)) == counts["urgings"]
    assert desk["red"].number in urgings_page

    urgent = html[html.index('data-testid="urgent"') :]
    red, yellow, calm = desk["red"], desk["yellow"], desk["calm"]
    assert urgent.index(red.number) < urgent.index(yellow.number) < urgent.index(calm.number)


def test_approver_lands_on_counts_of_the_approver_inbox(world, login, desk):
    html = login(world.approver_x).get("/accounts/work/approve/").content.decode()
    # Nothing has reached the approval step yet: the counts say so, the urging still waits.
    assert tiles(html) == {"red": 0, "yellow": 0, "inbox": 0, "urgings": 1}


def test_manager_counts_refusals_and_todays_figures(world, login, desk):
    client = login(world.manager_a)
    html = client.get("/accounts/work/center/").content.decode()

    counts = tiles(html)
    assert counts["refusals"] == 1
    assert counts["decided_today"] == 0
    assert counts["red"] == 1
    page = client.get(tile_url(html, "refusals")).content.decode()
    assert list_count(page) == [1]
    assert desk["refused"].number in page
    warnings = client.get(tile_url(html, "red")).content.decode()
    assert list_count(warnings, "warnings-total") == [counts["red"]]


def test_supervisor_counts_red_yellow_and_urgings(world, login, desk):
    client = login(world.supervisor_a)
    html = client.get("/accounts/work/supervision/").content.decode()

    counts = tiles(html)
    # On 8 June (the sweep's day) the case accepted on 1 June is past its promised limit (red);
    # yellow: the case due that day and the application received on 1 June, whose §32 day it is.
    assert counts == {"red": 1, "yellow": 2, "urgings_overdue": 0, "urgings": 1}
    for key in ("red", "yellow"):
        page = client.get(tile_url(html, key)).content.decode()
        assert list_count(page, "warnings-total") == [counts[key]], key
    page = client.get(tile_url(html, "urgings")).content.decode()
    assert len(URGING_ROW.findall(page)) == counts["urgings"]


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("clerk_a", "/accounts/work/window/"),
        ("reviewer_x", "/accounts/work/review/"),
        ("manager_a", "/accounts/work/center/"),
        ("supervisor_a", "/accounts/work/supervision/"),
    ],
)
def test_workspace_queries_do_not_grow_with_the_cases(world, login, desk, persona, url):
    client = login(getattr(world, persona))
    client.get(url)  # sessions, caches, the calendar warmed

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    for at in (JUNE_1, JUNE_3, None):
        for _ in range(3):
            receive_case(
                clerk=world.clerk_a,
                place=world.center_a,
                entry=desk["entry"],
                applicant=world.person,
                at=at,
            )
            accepted_case(
                clerk=world.clerk_a,
                place=world.center_a,
                entry=desk["entry"],
                applicant=world.person,
                at=at,
            )
    warnings_sweep(today=datetime.date(2026, 6, 8))
    assert Case.objects.filter(state=CaseState.RECEIVED).count() > 10
    assert queries() == before
    assert before <= 40  # a page, its menu and a handful of counts, not a query per case
