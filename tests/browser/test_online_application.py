"""A citizen applies online with uploads; the window asks for a correction; the citizen re-uploads;
the window accepts; the citizen and the public progress look-up both see the review under way."""

from __future__ import annotations

import re
from pathlib import Path

from journeys import sign_in
from playwright.sync_api import Page, expect

ITEM = "食品经营许可（新办）"
# A minimal but well-formed one-page PDF: what a scanner would produce, only smaller.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def scans(tmp_path: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        path = tmp_path / f"扫描件{i + 1}.pdf"
        path.write_bytes(PDF_BYTES)
        paths.append(path)
    return paths


def new_page(browser) -> Page:
    return browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900}).new_page()


def test_apply_correct_accept_and_track(
    page: Page, browser, live_server, demo_county, settings, shot, tmp_path
) -> None:
    from onewindow.cases.models import Case
    from onewindow.catalog.models import Entry
    from onewindow.registries.models import NaturalPerson

    base, password = live_server.url, settings.ONEWINDOW_DEMO_PASSWORD
    entry = Entry.objects.get(name=ITEM)
    citizen = NaturalPerson.objects.get(user__username="citizen")

    # The citizen finds the guide and chooses to apply online.
    sign_in(page, base, "citizen", password)
    page.goto(f"{base}/catalog/guides/{entry.public_id}/")
    page.locator("#apply-online").click()
    expect(page).to_have_url(re.compile(rf"/apply/{entry.public_id}/"))
    expect(page.locator("#answer-first")).to_be_visible()
    # Answering the situation questions reloads the checklist.
    page.locator("label[for=answer-catering]").click()
    page.wait_for_url(re.compile(r"kind=catering"))
    page.locator("label[for=answer-self]").click()
    page.wait_for_url(re.compile(r"who=self"))
    expect(page.locator("#application-form")).to_be_visible()
    expect(page.locator("[data-testid=fetched]").first).to_be_visible()  # 营业执照: fetched
    inputs = page.locator("#application-form input[type=file]")
    files = scans(tmp_path, inputs.count())
    # Two materials now, the rest after saving the draft.
    inputs.nth(0).set_input_files(files[0])
    inputs.nth(1).set_input_files(files[1])
    page.locator("input[name=delivery_method][value=mail]").check()
    expect(page.locator("#address-group")).to_be_visible()
    page.fill("#id_delivery_address", "甘肃省兰州市榆中县城关镇兴隆路8号")
    shot(page, "apply-form")
    page.locator("#save-draft").click()
    expect(page).to_have_url(re.compile(r"/me/applications/.+/edit/"))
    expect(page.locator("[data-testid=uploaded]")).to_have_count(2)
    number = page.locator("[data-testid=draft-number]").inner_text().split()[-1]
    shot(page, "apply-draft")

    # Reopened from "my applications", the draft is completed and submitted.
    page.goto(f"{base}/me/applications/")
    expect(page.locator(f"[data-number='{number}']")).to_be_visible()
    shot(page, "apply-my-applications")
    page.locator(f"[data-number='{number}'] a[href$='/edit/']").click()
    inputs = page.locator("#application-form input[type=file]")
    for i in range(2, inputs.count()):
        inputs.nth(i).set_input_files(files[i])
    page.locator("#submit-application").click()
    expect(page).to_have_url(re.compile(rf"/me/applications/{number}/$"))
    expect(page.locator("#state")).to_have_attribute("data-state", "received")
    shot(page, "apply-submitted")
    case = Case.objects.get(number=number)
    assert case.state == "received"
    first_material = case.materials.exclude(status="fetched").order_by("position").first()

    # The window clerk pre-reviews: the application form is not signed → one correction notice.
    clerk = new_page(browser)
    sign_in(clerk, base, "clerk", password)
    clerk.goto(f"{base}/cases/{number}/")
    clerk.select_option(f"select[name=m-{first_material.position}-status]", "defective")
    clerk.fill(f"input[name=m-{first_material.position}-note]", "申请书未签字")
    clerk.fill("[data-testid=decision-panel] textarea[name=opinion]", "请补正申请书后重新提交")
    shot(clerk, "apply-clerk-prereview")
    clerk.locator("button[name=decision][value=correction]").click()
    clerk.wait_for_load_state()
    case.refresh_from_db()
    assert case.state == "correction"

    # The citizen sees the notice, and the form asks only for that material.
    page.reload()
    expect(page.locator("#state")).to_have_attribute("data-state", "correction")
    expect(page.locator("#correction")).to_contain_text("申请书未签字")
    expect(page.locator("[data-testid=requested-material]")).to_have_count(1)
    expect(page.locator("[data-testid=requested-material]")).to_contain_text(first_material.name)
    shot(page, "apply-correction")
    page.locator("#resubmit-form input[type=file]").set_input_files(files[0])
    page.locator("#resubmit-submit").click()
    expect(page.locator("#state")).to_have_attribute("data-state", "received")

    # The clerk accepts the corrected application.
    clerk.goto(f"{base}/cases/{number}/")
    clerk.locator("button[name=decision][value=accept]").click()
    clerk.wait_for_load_state()
    case.refresh_from_db()
    assert case.state == "in_review"

    # The citizen's progress page shows the review, its department, the documents.
    page.reload()
    expect(page.locator("#state")).to_have_attribute("data-state", "in_review")
    expect(page.locator("#next-step")).to_contain_text(case.department.name)
    expect(page.locator("[data-testid=document]")).to_have_count(case.documents.count())
    shot(page, "apply-in-review")
    html = page.content()
    assert citizen.id_number not in html
    assert citizen.phone not in html

    # Anyone with the number and the ID number can follow it (the documents' QR code).
    public = new_page(browser)
    public.goto(f"{base}/progress/?number={number}")
    expect(public.locator("#id_number")).to_have_value(number)
    public.fill("#id_id_number", "110101199003071234")
    public.locator("#lookup-submit").click()
    expect(public.locator("#lookup-error")).to_be_visible()
    shot(public, "progress-lookup-mismatch")
    public.fill("#id_id_number", citizen.id_number)
    public.locator("#lookup-submit").click()
    expect(public).to_have_url(re.compile(rf"/progress/{number}/$"))
    expect(public.locator("#state")).to_have_attribute("data-state", "in_review")
    expect(public.locator("#facts")).to_contain_text(citizen.name[0] + "*")
    shot(public, "progress-public")
    html = public.content()
    assert citizen.id_number not in html
    assert citizen.name not in html
    href = public.locator("[data-testid=document] a").first.get_attribute("href")
    response = public.request.get(base + href)
    assert response.status == 200
    assert response.body().startswith(b"%PDF")
