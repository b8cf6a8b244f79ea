"""Sign-in protection in the browser: a supervisor turns on two-step sign-in (QR code made by the
server, no script from elsewhere), signs in again with a code, and a run of wrong passwords ends
on the lockout page in Chinese."""

from __future__ import annotations

import base64
import re

from django_otp.oath import totp
from journeys import sign_in
from playwright.sync_api import Page, expect


def test_supervisor_turns_on_two_step_sign_in(
    page: Page, live_server, demo_county, settings, shot
) -> None:
    settings.ONEWINDOW_OTP_REQUIRED = True
    sign_in(page, live_server.url, "supervisor", settings.ONEWINDOW_DEMO_PASSWORD)
    # Required for a supervisor: the set-up page comes first.
    expect(page).to_have_url(re.compile(r"/accounts/two-step/setup/"))
    expect(page.get_by_test_id("otp-qr").locator("svg")).to_be_visible()
    secret = page.get_by_test_id("otp-secret").inner_text().strip()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#id_token", f"{totp(key):06d}")
    page.get_by_role("button", name="开启两步登录").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    shot(page, "two-step-recovery-codes")
    page.get_by_role("link", name="继续").click()
    expect(page.locator("h1")).to_contain_text("电子监察")

    # The next sign-in asks for the code after the password.
    sign_in(page, live_server.url, "supervisor", settings.ONEWINDOW_DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/two-step/verify/"))
    page.fill("#id_token", f"{totp(key, drift=1):06d}")  # the next step: not yet used
    page.get_by_role("button", name="继续").click()
    expect(page).to_have_url(re.compile(r"/accounts/work/supervision/$"))


def test_wrong_passwords_end_on_the_lockout_page(
    page: Page, live_server, demo_county, settings, shot
) -> None:
    for _ in range(5):
        sign_in(page, live_server.url, "manager", "not-the-password")
    expect(page.get_by_test_id("locked-out")).to_contain_text("登录失败次数过多")
    shot(page, "sign-in-locked")
    sign_in(page, live_server.url, "manager", settings.ONEWINDOW_DEMO_PASSWORD)
    expect(page.get_by_test_id("locked-out")).to_be_visible()


def test_the_admin_keeps_to_the_content_security_policy(
    page: Page, live_server, demo_county, settings
) -> None:
    # The Django admin's own scripts and widgets under the strict policy (the page fixture fails
    # the test on any violation Chromium reports).
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", settings.ONEWINDOW_DEMO_PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    for path in (
        "/admin/organisations/serviceplace/",
        "/admin/organisations/serviceplace/add/",
        "/admin/organisations/staff/add/",
        "/admin/deadlines/calendarday/",
    ):
        page.goto(live_server.url + path)
        expect(page.locator("#content")).to_be_visible()
