"""Steps shared by the browser journeys."""

from __future__ import annotations

from playwright.sync_api import Page


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    """Sign in afresh: the cookies of the previous user are dropped first."""
    page.context.clear_cookies()
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="登录").click()
