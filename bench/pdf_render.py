"""PDF rendering: the service guide (A4, CJK fonts embedded, QR code) and every formal document.

Usage:  .venv/bin/python bench/pdf_render.py [--guides 10] [--repeat 5]
Uses its own database (var/bench.sqlite3 by default) and loads the demo catalog into it when it is
missing (without cases). Needs the CJK fonts (Debian `fonts-noto-cjk`).

The suite used to assert "rendering took < 5 s" inside unit tests, which failed on a busy CI
machine without saying anything about the code. The figure lives here instead: seconds per PDF
and per page (p50 / p95 / max over ``--repeat`` renderings after a warm-up), for the largest demo
guides and for every kind of formal document, against the 5 s budget a citizen waits at most.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from pypdf import PdfReader  # noqa: E402

BUDGET_SECONDS = 5.0
SITE = "https://ywt.example.gov.cn"


def timed(render: Callable[[], bytes], repeat: int) -> tuple[list[float], int]:
    """Seconds of each of ``repeat`` renderings after a warm-up, and the PDF's page count."""
    pages = len(PdfReader(io.BytesIO(render())).pages)  # warm: fonts, templates, QR encoder
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        render()
        samples.append(time.perf_counter() - start)
    return samples, pages


def row(label: str, samples: list[float], pages: int) -> tuple[str, float, float, float, int]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return label, statistics.median(ordered), p95, ordered[-1], pages


def main() -> None:
    from django.urls import reverse

    from onewindow.catalog.models import Entry
    from onewindow.catalog.pdf import guide_pdf
    from onewindow.demo.loader import load_demo
    from onewindow.documents.choices import DocumentKind
    from onewindow.documents.render import document_pdf
    from onewindow.documents.samples import SAMPLE_VERIFY_URL, sample_data

    parser = argparse.ArgumentParser()
    parser.add_argument("--guides", type=int, default=10, help="largest demo guides to render")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    load_demo(password="bench-only", with_cases=False)  # noqa: S106 - returns at once if loaded

    # The longest guides (most characters of content) are the slowest to lay out.
    entries = sorted(
        Entry.objects.exclude(current_version=None).select_related("current_version", "item"),
        key=lambda e: len(str(e.current_version.content)),
        reverse=True,
    )[: args.guides]
    rows = []
    for entry in entries:
        url = SITE + reverse("catalog:guide", args=[entry.public_id])
        samples, pages = timed(lambda e=entry, u=url: guide_pdf(e.current_version, u), args.repeat)
        rows.append(row(f"guide {entry.name[:18]}", samples, pages))
    for kind in DocumentKind:
        data = sample_data(kind.value)
        samples, pages = timed(
            lambda k=kind.value, d=data: document_pdf(kind=k, data=d, verify_url=SAMPLE_VERIFY_URL),
            args.repeat,
        )
        rows.append(row(f"document {kind.value}", samples, pages))

    print(
        f"database: {connection.vendor}; python {sys.version.split()[0]}; "
        f"{args.repeat} renderings each after a warm-up; budget {BUDGET_SECONDS:.0f} s per PDF"
    )
    print(f"{'PDF':<34} {'pages':>5} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'s/page':>7}")
    for label, p50, p95, worst, pages in rows:
        print(f"{label:<34} {pages:>5} {p50:7.2f} {p95:7.2f} {worst:7.2f} {p50 / pages:7.2f}")
    label, _p50, _p95, worst, _pages = max(rows, key=lambda r: r[3])
    verdict = "within" if worst < BUDGET_SECONDS else "OVER"
    print(f"slowest: {label} {worst:.2f} s, {verdict} the {BUDGET_SECONDS:.0f} s budget")
    sys.exit(0 if worst < BUDGET_SECONDS else 1)


if __name__ == "__main__":
    main()
