"""Printing to PDF: the pieces every printed page of the site shares.

WeasyPrint renders a Django template with the system's Noto CJK fonts (subset and embedded, so the
PDF prints the same anywhere). Rendering never touches the network or the file system: everything a
template needs is inline, and the URL fetcher refuses any address that is not a ``data:`` URI.
Used by the printed service guide (catalog) and the formal documents of a case (documents).
"""

from __future__ import annotations

import functools
import logging
import re
from typing import TYPE_CHECKING, Any

import segno
from django.utils.translation import get_language
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)

# Pixels per QR module and modules of quiet zone around the code.
QR_SCALE, QR_BORDER = 6, 2

# By family name, so the system's fontconfig finds them; Debian's fonts-noto-cjk provides the
# Noto families, WenQuanYi is the usual fallback on older hosts.
FONT_FAMILY = '"Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", sans-serif'
# Song (serif) first: the face of official documents (公文).
SERIF_FONT_FAMILY = '"Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", serif'


# WeasyPrint is imported when the first PDF is made, not when the URLconf is loaded: it takes
# seconds (cairo, pango and fonts through cffi), which every server worker would otherwise pay
# before its first page, PDF or not (issue 11 item 15).
@functools.cache
def _offline_fetcher_class() -> type[URLFetcher]:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OfflineFetcher(URLFetcher):
        """Resolves ``data:`` URIs only. A PDF must not reach the internet (or the file system): a
        link in printed content would otherwise make the server fetch it while rendering."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)

        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if not url.lower().startswith("data:"):
                logger.warning("PDF: refused to fetch %s", url[:200])
                raise ValueError(f"A PDF fetches nothing from outside: {url[:200]}")
            return super().fetch(url, headers)

    OfflineFetcher.__module__ = __name__
    return OfflineFetcher


def __getattr__(name: str) -> Any:
    """``OfflineFetcher``, built on first use (see ``_offline_fetcher_class``)."""
    if name == "OfflineFetcher":
        return _offline_fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def write_pdf(html: str) -> bytes:
    """The PDF of a complete HTML document, rendered offline (no base address, no fetches)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=None, url_fetcher=_offline_fetcher_class()()).write_pdf()


def html_lang() -> str:
    """The ``lang`` attribute of a printed page: ``zh-CN`` picks the Simplified Chinese glyphs."""
    language = get_language() or ""
    return "zh-CN" if language.startswith("zh") else language


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for ``content:`` in the page margins).

    ``<`` is escaped too: the string sits inside ``<style>``, where ``</style>`` would end it.
    """
    escaped = re.sub(r'["\\\n\r<]', lambda m: "\\" + format(ord(m.group()), "x") + " ", text)
    return f'"{escaped}"'


def page_counter_css() -> str:
    """The CSS ``content`` value for "第1页，共3页", built from the site's existing translation
    so the footer follows the reader's language."""
    marker = "\x00"
    pattern = _("Page %(n)s of %(total)s") % {
        "n": f"{marker}page{marker}",
        "total": f"{marker}pages{marker}",
    }
    parts = []
    for i, piece in enumerate(pattern.split(marker)):
        if i % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def qr_data_uri(url: str) -> str:
    """The QR code as a PNG ``data:`` URI, one module = ``QR_SCALE`` pixels.

    The print stylesheet turns interpolation off (``image-rendering: pixelated``), so the modules
    stay square on paper; a PNG also keeps the code one image object a test can read back.
    """
    qr = segno.make(url, error="m", micro=False)
    return qr.png_data_uri(scale=QR_SCALE, border=QR_BORDER, dark="#000", light="#fff")
