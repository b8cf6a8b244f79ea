"""A case at the counter: the clerk receives and accepts it, the department reviews and approves
it, and the delivery window hands the result over against the pickup code."""

from __future__ import annotations

import re

from journeys import sign_in
from playwright.sync_api import Page, expect

from onewindow.cases.models import Case
from onewindow.catalog.models import Entry
from onewindow.organisations.models import Assignment
from onewindow.registries.models import NaturalPerson


def _staff_of(entry: Entry, role: str) -> str:
    return (
        Assignment.objects.filter(department=entry.department, role=role)
        .order_by("pk")
        .values_list("staff__user__username", flat=True)
        .first()
    )


def test_counter_to_back_office_to_pickup(page: Page, live_server, demo_county, shot, settings):
    base, password = live_server.url, settings.ONEWINDOW_DEMO_PASSWORD
    entry = (
        Entry.objects.public()
        .filter(item__category="personal", case_type="2")
        .order_by("name")
        .first()
    )
    person = NaturalPerson.objects.filter(user__isnull=True).order_by("pk").last()
    before = Case.objects.count()

    # The clerk of window C01 finds the applicant and the item
    sign_in(page, base, "clerk", password)
    page.goto(base + "/cases/new/")
    page.fill("#id_applicant", person.id_number)
    page.fill("#id_q", entry.name)
    page.get_by_role("button", name="查找").click()
    expect(page.get_by_test_id("applicant-found")).to_contain_text(person.name)
    page.get_by_test_id("intake-items").get_by_role("link", name="收件").first.click()
    # answers the situation questions (first option of each), then sees the checklist
    situations = page.get_by_test_id("situations")
    if situations.count():
        for radio_group in situations.locator("fieldset").all():
            radio_group.locator("input[type=radio]").first.check()
        situations.get_by_role("button").click()
    expect(page.get_by_test_id("checklist")).to_be_visible()
    shot(page, "case-intake-checklist")
    page.locator("button[name=decision][value=accept]").click()
    shot(page, "case-after-accept")
    expect(page.get_by_test_id("case-state")).to_contain_text("审查")
    number = page.get_by_test_id("case-number").inner_text().strip()
    assert Case.objects.count() == before + 1
    shot(page, "case-accepted")

    # The department's reviewer passes every reviewer step, the approver decides
    for username in [_staff_of(entry, "reviewer")] * 5 + [_staff_of(entry, "approver")]:
        case = Case.objects.get(number=number)
        if case.state != "in_review":
            break
        sign_in(page, base, username, password)
        page.goto(f"{base}/cases/{number}/")
        if page.get_by_test_id("decide-form").count():
            form = page.get_by_test_id("decide-form")
            form.locator("textarea").fill("经审查，符合条件，准予许可。")
            shot(page, "case-decision")
            form.get_by_role("button").click()
        elif page.get_by_test_id("pass-form").count():
            form = page.get_by_test_id("pass-form")
            form.locator("textarea").fill("材料齐全，符合法定形式。")
            form.get_by_role("button").click()
        else:
            continue
        expect(page.locator(".ow-messages")).to_contain_text("完成")

    case = Case.objects.get(number=number)
    assert case.state == "decided", case.state

    # The delivery window: ready for pickup, then handed over against the code
    sign_in(page, base, "clerk", password)
    page.goto(f"{base}/cases/{number}/")
    page.get_by_role("button", name=re.compile("领取")).click()
    expect(page.get_by_test_id("case-state")).to_contain_text("待领取")
    code = Case.objects.get(number=number).pickup_code
    form = page.get_by_test_id("handover-form")
    form.locator("input[name=pickup_code]").fill(code)
    form.locator("input[name=recipient_name]").fill(person.name)
    form.get_by_role("button").click()
    expect(page.get_by_test_id("case-state")).to_contain_text("办结")
    expect(page.get_by_test_id("documents")).to_contain_text("送达回执")
    shot(page, "case-completed")
