"""Electronic supervision in the browser: the supervisor's red list leads to an overdue case and
its deadline explanation, day by day."""

from __future__ import annotations

import datetime

from journeys import sign_in
from playwright.sync_api import Page, expect

from onewindow.accounts.models import User
from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.models import Case
from onewindow.cases.services import acceptance
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Assignment
from onewindow.registries.models import NaturalPerson
from onewindow.supervision.sweep import warnings_sweep


def _overdue_case() -> Case:
    """A case accepted on the eve of National Day 2026 at the demo clerk's center: its three
    working days jump the Golden Week and end on the make-up Saturday; long overdue now."""
    clerk = User.objects.get(username="clerk")
    place = Assignment.objects.get(staff__user=clerk, role=Role.WINDOW_CLERK).place
    department = (
        Assignment.objects.filter(role=Role.APPROVER, department__places=place)
        .order_by("pk")
        .first()
        .department
    )
    entry = licence_entry(department)
    person = NaturalPerson.objects.filter(user__isnull=True).order_by("pk").first()
    at = datetime.datetime(2026, 9, 30, 2, tzinfo=datetime.UTC)
    case = receive_case(clerk=clerk, place=place, entry=entry, applicant=person, at=at)
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=clerk, at=at)
    warnings_sweep()
    case.refresh_from_db()
    assert case.warning_level == "red"
    return case


def test_red_list_to_deadline_explanation(page: Page, live_server, demo_county, shot, settings):
    base, password = live_server.url, settings.ONEWINDOW_DEMO_PASSWORD
    case = _overdue_case()

    sign_in(page, base, "supervisor", password)
    page.goto(base + "/supervision/warnings/?level=red")
    # Tables show the short number; the full one is the link's title.
    link = page.locator(f'a[title="{case.number}"]')
    row = page.get_by_test_id("warnings").locator("tr").filter(has=link)
    expect(row).to_contain_text(case.department.name)
    expect(row).to_contain_text(case.due_date.isoformat())
    expect(page.get_by_test_id("warnings-by-department")).to_contain_text(case.department.name)
    shot(page, "supervision-red-list")

    row.locator(f'a[title="{case.number}"]').click()
    expect(page.get_by_test_id("case-number")).to_contain_text(case.number)
    clocks = page.get_by_test_id("case-clocks")
    expect(clocks.locator("[data-clock=decision]")).to_contain_text(case.due_date.isoformat())
    expect(clocks.locator("[data-clock=decision]")).to_contain_text("红灯")
    explanation = page.get_by_test_id("deadline-explanation")
    explanation.locator("summary").click()
    table = explanation.locator("table")
    expect(table).to_contain_text("法定节假日（国庆节）")
    expect(table).to_contain_text("调休上班日")
    expect(table.locator("tr").last).to_contain_text(case.due_date.isoformat())
    shot(page, "supervision-deadline-explanation")


def test_urging_is_sent_answered_and_closed(page: Page, live_server, demo_county, shot, settings):
    base, password = live_server.url, settings.ONEWINDOW_DEMO_PASSWORD
    case = _overdue_case()
    reviewer = (
        Assignment.objects.filter(role=Role.REVIEWER, department=case.department)
        .order_by("pk")
        .values_list("staff__user__username", flat=True)
        .first()
    )

    # The supervisor urges the department from the case page
    sign_in(page, base, "supervisor", password)
    page.goto(base + f"/cases/{case.number}/")
    page.get_by_test_id("urging-new").click()
    page.fill("#id_message", "该件已超期，请于回复期限内说明原因并尽快办结。")
    page.fill("#id_days", "2")
    page.get_by_test_id("urging-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("urging-message")).to_contain_text("该件已超期")
    due = page.get_by_test_id("urging-due").inner_text()
    shot(page, "supervision-urging-sent")

    # The department's reviewer finds it in the list and replies
    sign_in(page, base, reviewer, password)
    page.goto(base + "/supervision/urgings/")
    page.locator("tr").filter(has=page.locator(f'a[title="{case.number}"]')).get_by_role(
        "link"
    ).first.click()
    expect(page.get_by_test_id("urging-due")).to_have_text(due)
    page.fill("#urging-reply-text", "已安排专人审查，两个工作日内作出决定。")
    page.get_by_test_id("urging-reply-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("urging-reply")).to_contain_text("已安排专人审查")

    # The supervisor closes it with the result
    sign_in(page, base, "supervisor", password)
    page.goto(base + f"/cases/{case.number}/")
    page.get_by_test_id("urging-panel").locator("li a").first.click()
    page.fill("#urging-result-text", "部门已说明原因并承诺限期办结，督办办结。")
    page.get_by_test_id("urging-close-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("urging-result")).to_contain_text("督办办结")
    shot(page, "supervision-urging-closed")
