"""The clerk's and reviewer's 工作台 show counts that open lists with the same number, and no row
of any staff list wraps beyond two lines at 1366 px with the demo county's cases (issue 11 items
9 and 10)."""

from __future__ import annotations

import re

import pytest
from journeys import sign_in
from playwright.sync_api import Page, expect

WIDTH = 1366

# Every staff list page, by the persona that sees it (with the demo's cases in it).
LIST_PAGES: dict[str, list[str]] = {
    "clerk": [
        "/accounts/work/window/",
        "/cases/",
        "/cases/window/",
        "/cases/window/?list=to_accept",
        "/notifications/",
    ],
    "reviewer": [
        "/accounts/work/review/",
        "/cases/inbox/",
        "/cases/",
        "/supervision/urgings/",
        "/supervision/cards/",
    ],
    "approver": ["/accounts/work/approve/", "/cases/inbox/"],
    "manager": [
        "/accounts/work/center/",
        "/cases/refusals/",
        "/cases/",
        "/supervision/warnings/",
        "/notifications/",
    ],
    "supervisor": [
        "/accounts/work/supervision/",
        "/supervision/warnings/?level=red",
        "/supervision/warnings/?level=yellow",
        "/supervision/figures/",
        "/supervision/urgings/",
        "/supervision/cards/",
        "/cases/supervision/acceptance-check/",
        "/cases/?page=2",
    ],
}

# The lines each cell's content takes, the most of any cell per row: the content's height over
# the cell's line height (a wrapped line adds a whole line height; a badge's padding does not).
MEASURE_ROWS = """() => Array.from(document.querySelectorAll('main table tbody tr, table tbody tr'))
  .filter((row, i, all) => all.indexOf(row) === i && row.offsetParent !== null)
  .map(row => {
    let lines = 0;
    for (const cell of row.cells) {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const style = getComputedStyle(cell);
      const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
      const inside = cell.clientHeight - padding;
      // A clamped text's range runs on below what is shown; the cell's box holds what is shown.
      const height = Math.min(range.getBoundingClientRect().height, inside);
      const lineHeight = parseFloat(style.lineHeight);
      lines = Math.max(lines, Math.round(height / lineHeight));
    }
    return {lines: lines, text: row.innerText.replace(/\\s+/g, ' ').slice(0, 80)};
  })"""


@pytest.fixture
def demo_with_cases(transactional_db: None, settings) -> None:
    from onewindow.demo.loader import load_demo

    load_demo(password=settings.ONEWINDOW_DEMO_PASSWORD, with_cases=True)


def _tile(page: Page, key: str) -> int:
    return int(page.get_by_test_id(f"tile-{key}").get_attribute("data-count") or "-1")


def test_workspaces_and_lists_are_readable_at_1366(
    page: Page, live_server, demo_with_cases, settings, shot
) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 900})
    password = settings.ONEWINDOW_DEMO_PASSWORD

    # The clerk lands on a 工作台 of counts; each opens its list with the same number.
    sign_in(page, live_server.url, "clerk", password)
    expect(page).to_have_url(re.compile(r"/accounts/work/window/$"))
    expect(page.get_by_test_id("todo-tiles")).to_be_visible()
    to_accept = _tile(page, "to_accept")
    assert to_accept > 0
    assert _tile(page, "notices_due") >= 0
    shot(page, "desk-workspace-clerk")
    page.get_by_test_id("tile-to_accept").click()
    expect(page).to_have_url(re.compile(r"/cases/window/\?list=to_accept$"))
    expect(page.get_by_test_id("list-to_accept").get_by_test_id("count")).to_have_text(
        str(to_accept)
    )
    expect(page.get_by_test_id("list-correction")).to_have_count(0)  # only the one list

    # The readable case list: short numbers with the whole one in the title, search by a part.
    page.goto(live_server.url + "/cases/")
    first = page.locator("td.ow-case-no a").first
    full, short = first.get_attribute("title") or "", first.inner_text()
    assert len(full) > 40
    assert short.startswith("…")
    assert full.endswith(short[-6:])
    shot(page, "desk-case-list")
    page.fill("input[name=q]", short)
    page.get_by_role("button", name="查询").click()
    expect(page.locator(f'td.ow-case-no a[title="{full}"]')).to_have_count(1)
    page.locator(f'td.ow-case-no a[title="{full}"]').click()
    expect(page.get_by_test_id("case-number")).to_have_text(full)
    expect(page.get_by_test_id("copy-number")).to_have_attribute("data-copy", full)

    # The reviewer lands on the inbox counts, red and yellow first.
    sign_in(page, live_server.url, "reviewer", password)
    expect(page).to_have_url(re.compile(r"/accounts/work/review/$"))
    inbox = _tile(page, "inbox")
    assert inbox > 0
    red = _tile(page, "red")
    shot(page, "desk-workspace-reviewer")
    page.get_by_test_id("tile-red").click()
    expect(page).to_have_url(re.compile(r"/cases/inbox/\?level=red$"))
    expect(page.get_by_test_id("inbox-box").first.get_by_test_id("count")).to_have_text(str(red))
    page.goto(live_server.url + "/accounts/work/review/")
    page.get_by_test_id("tile-inbox").click()
    expect(page.get_by_test_id("inbox-box").first.get_by_test_id("count")).to_have_text(str(inbox))

    # No row of any staff list wraps beyond two lines.
    too_tall: list[str] = []
    measured = 0
    for username, paths in LIST_PAGES.items():
        sign_in(page, live_server.url, username, password)
        for path in paths:
            page.goto(live_server.url + path)
            rows = page.evaluate(MEASURE_ROWS)
            measured += len(rows)
            too_tall += [
                f"{username} {path}: {r['lines']} lines: {r['text']}"
                for r in rows
                if r["lines"] > 2
            ]
    assert measured > 200  # the demo's cases are on the pages, not empty tables
    assert too_tall == []
