"""Take screenshots of the main pages as each demo persona (for the README and for review).

Usage: .venv/bin/python scripts/screenshots.py [BASE_URL] [OUT_DIR]
Needs a running server with the demo county loaded and Debian's Chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "var/screenshots")
PASSWORD = os.environ.get("ONEWINDOW_DEMO_PASSWORD", "onewindow-demo")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PERSONAS = ["clerk", "reviewer", "approver", "manager", "supervisor", "hotline", "admin", "citizen"]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 900}, locale="zh-CN")
        page.goto(BASE + "/")
        page.screenshot(path=OUT / "home.png", full_page=True)
        for name in PERSONAS:
            context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="zh-CN")
            page = context.new_page()
            page.goto(BASE + "/accounts/login/")
            page.fill("#id_username", name)
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit].btn-primary")
            page.wait_for_load_state()
            page.screenshot(path=OUT / f"{name}.png", full_page=True)
            context.close()
        browser.close()
    print(f"screenshots in {OUT}/")


if __name__ == "__main__":
    main()
