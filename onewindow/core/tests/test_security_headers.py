"""Issue 17 item 6: Content-Security-Policy without inline script or style, HSTS behind TLS, a
Permissions-Policy, and https in the QR codes printed behind TLS."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.test import Client, RequestFactory

from onewindow.core.network import client_ip, public_url

TEMPLATES = Path(django_settings.BASE_DIR) / "onewindow" / "templates"
# Rendered by WeasyPrint into PDFs, never served to a browser: the CSP does not apply to them.
PDF_ONLY = ("catalog/guide_print", "documents/")


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/catalog/"])
def test_pages_carry_a_strict_content_security_policy(db, path):
    response = Client().get(path)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert policy[directive] == ["'self'"], directive
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_the_admin_carries_the_policy_too(db):
    response = Client().get("/admin/login/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_permissions_policy_denies_unused_features(db):
    header = Client().get("/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


def test_hsts_is_sent_over_https_when_tls_is_on(db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = Client().get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_no_hsts_without_tls(db):
    assert django_settings.SECURE_HSTS_SECONDS == 0  # the embedded default: plain http
    assert "Strict-Transport-Security" not in Client().get("/", secure=True)


def _settings_with(env: dict[str, str]) -> dict:
    code = (
        "import json, config.settings as s; print(json.dumps({'hsts': s.SECURE_HSTS_SECONDS, "
        "'cookies': s.SESSION_COOKIE_SECURE, 'tls': s.TLS}))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and a constant program
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_tls_setting_turns_on_hsts_and_secure_cookies():
    assert _settings_with({"TLS": "1"}) == {"hsts": 31_536_000, "cookies": True, "tls": True}
    assert _settings_with({"TLS": "0"}) == {"hsts": 0, "cookies": False, "tls": False}


# --- No inline script or style in any page template ----------------------------------------

_INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    # An attribute with a quoted value (not a template's ``only == "…"``).
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "inline event handler (on…=)"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style", re.I), "inline <style>"),
]


def _page_templates() -> list[Path]:
    return [
        path
        for path in sorted(TEMPLATES.rglob("*.html"))
        if not str(path.relative_to(TEMPLATES)).startswith(PDF_ONLY)
    ]


def test_page_templates_have_no_inline_script_handler_or_style():
    problems = []
    for path in _page_templates():
        text = path.read_text(encoding="utf-8")
        # A JSON data island is data, not script (json_script renders type="application/json").
        for pattern, what in _INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(TEMPLATES)}:{line}: {what}")
    assert problems == []


# --- QR codes behind TLS -----------------------------------------------------------------------


def test_public_urls_are_https_behind_tls(settings):
    request = RequestFactory().get("/", HTTP_HOST="zwfw.example.cn")  # plain http from the proxy
    settings.ALLOWED_HOSTS = ["zwfw.example.cn"]
    settings.TLS = False
    assert public_url(request, "/progress/?number=1") == "http://zwfw.example.cn/progress/?number=1"
    settings.TLS = True
    assert (
        public_url(request, "/progress/?number=1") == "https://zwfw.example.cn/progress/?number=1"
    )


def test_the_qr_codes_of_documents_and_guides_use_https_behind_tls(settings):
    from onewindow.cases.views.lists import progress_url
    from onewindow.portal.views_cases import verify_url

    settings.TLS = True
    settings.ALLOWED_HOSTS = ["zwfw.example.cn"]
    request = RequestFactory().get("/", HTTP_HOST="zwfw.example.cn")
    case = SimpleNamespace(number="YZ-2026-000001")
    assert progress_url(request, case).startswith("https://zwfw.example.cn/")  # type: ignore[arg-type]
    assert verify_url(request, case).startswith("https://zwfw.example.cn/")  # type: ignore[arg-type]


def test_the_guide_pdf_view_builds_its_qr_address_with_public_url():
    # The guide's PDF view passes the address through public_url (a PDF is slow to render here;
    # public_url itself is tested above).
    source = (Path(django_settings.BASE_DIR) / "onewindow/catalog/views_guide.py").read_text()
    assert "render_guide_pdf(version, public_url(request, page_url))" in source


# --- The client's address ------------------------------------------------------------------------


def test_the_client_address_ignores_forwarded_for_without_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "192.0.2.1"


def test_the_client_address_reads_forwarded_for_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9, 10.0.0.1"
    )
    # The client wrote 6.6.6.6 itself; the first untrusted hop from the right is the client.
    assert client_ip(request) == "198.51.100.9"
    spoofed = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="nonsense")
    assert client_ip(spoofed) == "10.0.0.2"
