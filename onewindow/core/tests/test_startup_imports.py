"""A server worker's first page does not wait for the PDF and pinyin libraries: they load when a
PDF is made or a name is romanised, not with the URLconf (issue 11 item 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.conf import settings

HEAVY = ("weasyprint", "pypinyin")


def test_loading_every_url_imports_neither_weasyprint_nor_pypinyin() -> None:
    script = (
        "import os, sys, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')\n"
        "django.setup()\n"
        "from django.urls import get_resolver\n"
        "get_resolver().url_patterns\n"
        "from django.core.wsgi import get_wsgi_application\n"
        "get_wsgi_application()\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", script],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr[-2000:]


def test_the_pdf_pieces_still_load_when_asked() -> None:
    from onewindow.catalog import pdf as catalog_pdf
    from onewindow.core import pdf

    fetcher = pdf.OfflineFetcher()
    assert catalog_pdf.OfflineFetcher is pdf.OfflineFetcher
    assert pdf.write_pdf("<p>一窗通</p>").startswith(b"%PDF")
    assert fetcher.fetch("data:text/plain,ok") is not None
