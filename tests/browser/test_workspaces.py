"""Each role signs in through the real login page and lands on its own workspace."""

from __future__ import annotations

import re

import pytest
from journeys import sign_in
from playwright.sync_api import Page, expect

PERSONAS = [
    # username, workspace path, a heading the workspace shows (Chinese UI), menu entries not shown
    ("clerk", "/accounts/work/window/", "窗口工作台", ["数据管理后台", "电子监察"]),
    ("reviewer", "/accounts/work/review/", "后台审查", ["查询申请人", "数据管理后台"]),
    ("approver", "/accounts/work/approve/", "审批决定", ["查询申请人", "窗口工作台"]),
    ("manager", "/accounts/work/center/", "中心管理", ["查询申请人", "数据管理后台"]),
    ("supervisor", "/accounts/work/supervision/", "电子监察", ["查询申请人", "窗口工作台"]),
    ("hotline", "/accounts/work/hotline/", "热线工作台", ["登记自然人", "数据管理后台"]),
    ("admin", "/accounts/work/admin/", "系统管理", ["窗口工作台", "登记自然人"]),
    ("catalog", "/catalog/manage/", "事项目录管理", ["查询申请人", "窗口工作台"]),
    ("citizen", "/me/", "我的办事", ["查询申请人", "人员名册"]),
]


@pytest.mark.parametrize(("username", "path", "heading", "hidden"), PERSONAS)
def test_role_lands_on_its_workspace(
    page: Page, live_server, demo_county, settings, shot, username, path, heading, hidden
) -> None:
    sign_in(page, live_server.url, username, settings.ONEWINDOW_DEMO_PASSWORD)

    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.locator("h1")).to_contain_text(heading)
    side = page.locator("#side-nav")
    for entry in hidden:
        expect(side).not_to_contain_text(entry)
    shot(page, f"workspace-{username}")


def test_home_page_is_chinese_and_switches_to_english(page: Page, live_server, demo_county, shot):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator(".ow-hero h1")).to_have_text("一窗受理，一次办成")
    expect(page.get_by_text("榆中县政务服务中心").first).to_be_visible()
    shot(page, "home-zh")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".ow-hero h1")).to_have_text("One window, every service")
    shot(page, "home-en")


def test_clerk_registers_a_person_and_bad_id_is_refused(
    page: Page, live_server, demo_county, settings, shot
):
    sign_in(page, live_server.url, "clerk", settings.ONEWINDOW_DEMO_PASSWORD)
    page.goto(live_server.url + "/registries/persons/new/")
    page.fill("#id_id_number", "62012319900101123X")  # wrong check digit (5 is right)
    page.fill("#id_name", "测试人")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("校验码")
    shot(page, "register-person-bad-id")

    page.fill("#id_id_number", "620123199001011235")
    page.fill("#id_name", "测试人")
    page.fill("#id_phone", "13912345678")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("[data-testid=id-number]")).to_have_text("620123199001011235")
    shot(page, "register-person-ok")
