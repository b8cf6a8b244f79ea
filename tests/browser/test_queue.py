"""The hall's queue in three windows at once: a visitor takes a ticket at the kiosk, the clerk
of C01 calls at the console, the board shows (and would speak) the call."""

from __future__ import annotations

import re
from pathlib import Path

from journeys import sign_in
from playwright.sync_api import Page, expect

from onewindow.organisations.models import ServicePlace
from onewindow.registries.models import NaturalPerson

DOCS_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_kiosk_console_board(page: Page, live_server, demo_county, shot, settings):
    # The live test server is WSGI: a stream is delivered when it ends, so end it quickly and
    # let EventSource reconnect with Last-Event-ID (under `make run` it is a real live stream).
    settings.QUEUE_STREAM_SECONDS = 1
    base, password = live_server.url, settings.ONEWINDOW_DEMO_PASSWORD
    center = ServicePlace.objects.get(name="榆中县政务服务中心")
    person = NaturalPerson.objects.order_by("pk").last()
    browser = page.context.browser
    assert browser is not None

    board = browser.new_context(locale="zh-CN", viewport={"width": 1600, "height": 900}).new_page()
    board.goto(f"{base}/queue/{center.pk}/board/")
    expect(board.get_by_test_id("board-counts")).to_contain_text("公民个人")

    kiosk = browser.new_context(locale="zh-CN", viewport={"width": 1080, "height": 1500}).new_page()
    kiosk.goto(f"{base}/queue/{center.pk}/kiosk/")
    kiosk.get_by_text("公民个人").click()
    kiosk.screenshot(path=str(DOCS_SHOTS / "queue-kiosk.png"), full_page=True)
    kiosk.get_by_test_id("kiosk-number").fill(person.id_number[:-1] + "0")  # a mistyped digit
    kiosk.get_by_test_id("kiosk-take").click()
    expect(kiosk.get_by_test_id("kiosk-error")).to_contain_text("校验码")
    kiosk.get_by_text("公民个人").click()
    kiosk.get_by_test_id("kiosk-number").fill(person.id_number)
    kiosk.get_by_test_id("kiosk-take").click()
    expect(kiosk.get_by_test_id("ticket-number")).to_have_text(re.compile(r"^C\d{3}$"))
    assert person.id_number not in kiosk.url
    expect(kiosk.get_by_test_id("ticket")).not_to_contain_text(person.id_number)
    kiosk.screenshot(path=str(DOCS_SHOTS / "queue-ticket.png"), full_page=True)

    # The clerk of C01 is logged in to the window (demo): call the next visitor.
    sign_in(page, base, "clerk", password)
    page.goto(base + "/queue/console/")
    page.get_by_test_id("call-next").click()
    called = page.locator(".alert-success, .alert").first.inner_text()
    number = re.search(r"[A-D]\d{3}", called)
    assert number, called
    expect(page.get_by_test_id("console-ticket").first).to_be_visible()
    page.screenshot(path=str(DOCS_SHOTS / "queue-console.png"), full_page=True)

    expect(board.get_by_test_id("board-now")).to_contain_text(number.group(0), timeout=15000)
    expect(board.get_by_test_id("board-recent")).to_contain_text(number.group(0))
    board.screenshot(path=str(DOCS_SHOTS / "queue-board.png"))
    shot(board, "queue-board")
