"""A citizen finds a service by pinyin initials, reads its guide and prints it as a PDF."""

from __future__ import annotations

import io
import re

from journeys import sign_in
from playwright.sync_api import Page, expect
from pypdf import PdfReader


def test_search_guide_and_pdf(page: Page, live_server, demo_county, shot) -> None:
    page.goto(live_server.url + "/")
    page.fill("#home-q", "gtgsh")  # 个体工商户 by its initials
    page.locator("#home-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/catalog/\?q=gtgsh"))
    results = page.locator("#results a")
    expect(results.first).to_contain_text("个体工商户")
    shot(page, "catalog-search")

    results.filter(has_text="个体工商户设立登记").first.click()
    expect(page.locator("h1")).to_contain_text("个体工商户设立登记")
    expect(page.get_by_text("申请材料").first).to_be_visible()
    shot(page, "catalog-guide")

    pdf_link = page.locator("a[href$='guide.pdf']").first
    href = pdf_link.get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "个体工商户设立登记" in text
    assert "榆中县市场监督管理局" in text or "市场监管" in text


def test_theme_browsing(page: Page, live_server, demo_county, shot) -> None:
    page.goto(live_server.url + "/catalog/")
    page.get_by_role("link", name="婚姻登记").click()
    expect(page.locator("#results")).to_contain_text("结婚登记")
    shot(page, "catalog-theme-marriage")


def test_change_is_drafted_reviewed_and_published(
    page: Page, browser, live_server, demo_county, settings, shot
) -> None:
    from onewindow.catalog.models import Entry

    entry = Entry.objects.get(name="个体工商户设立登记")
    sign_in(page, live_server.url, "reviewer", settings.ONEWINDOW_DEMO_PASSWORD)
    page.goto(f"{live_server.url}/catalog/changes/new/?kind=change&entry={entry.public_id}")
    page.fill("#id_reason", "落实“一件事一次办”，增加说明")
    page.fill("#id_conditions", "有经营能力的自然人均可申请。")
    shot(page, "catalog-change-form")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator("#diff")).to_contain_text("有经营能力的自然人均可申请。")
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator("[data-testid=change-status]")).to_have_text("待审核")
    change_url = page.url

    manager = browser.new_context(
        locale="zh-CN", viewport={"width": 1360, "height": 900}
    ).new_page()
    sign_in(manager, live_server.url, "catalog", settings.ONEWINDOW_DEMO_PASSWORD)
    manager.goto(change_url)
    manager.fill("#id_opinion", "同意")
    shot(manager, "catalog-change-review")
    manager.get_by_role("button", name="审核通过并发布").click()
    expect(manager.locator("[data-testid=change-status]")).to_have_text("已审核发布")

    manager.goto(f"{live_server.url}/catalog/entries/{entry.public_id}/versions/")
    expect(manager.locator("[data-testid=version-2]")).to_contain_text(
        "有经营能力的自然人均可申请。"
    )
    shot(manager, "catalog-versions")
