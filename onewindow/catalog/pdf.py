"""The printed guide: an A4 PDF for the hall's self-service terminals and the window counter.

WeasyPrint renders ``catalog/guide_print.html`` with the system's Noto CJK fonts (subset and
embedded, so the PDF prints the same anywhere) and a QR code that opens the guide online. It never
touches the network: everything the template needs is inline, and the URL fetcher refuses any
address that is not a ``data:`` URI.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import segno
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from onewindow.catalog.guide import guide_context

if TYPE_CHECKING:
    from onewindow.catalog.models import EntryVersion

logger = logging.getLogger(__name__)

# Pixels per QR module and modules of quiet zone around the code.
QR_SCALE, QR_BORDER = 6, 2

# By family name, so the system's fontconfig finds them; Debian's fonts-noto-cjk provides the
# first two, WenQuanYi is the usual fallback on older hosts.
FONT_FAMILY = '"Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", sans-serif'


class OfflineFetcher(URLFetcher):
    """Resolves ``data:`` URIs only. A guide PDF must not reach the internet (or the file system):
    a link in guide content would otherwise make the server fetch it while rendering."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if not url.lower().startswith("data:"):
            logger.warning("guide PDF: refused to fetch %s", url[:200])
            raise ValueError(f"The guide PDF fetches nothing from outside: {url[:200]}")
        return super().fetch(url, headers)


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


def _absolute_links(context: dict, url: str) -> None:
    """Blank forms and samples on this site become absolute links: a PDF has no base address."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    for material in context["materials"]:
        for key in ("blank_form", "sample"):
            link = material[key]
            if link and link["url"].startswith("/"):
                link["url"] = origin + link["url"]


def guide_pdf(version: EntryVersion, url: str) -> bytes:
    """Render the guide of one published version as an A4 PDF whose QR code opens ``url``."""
    context = guide_context(version)
    _absolute_links(context, url)
    context.update(
        {
            "url": url,
            "qr_data_uri": qr_data_uri(url),
            "font_family": mark_safe(FONT_FAMILY),  # noqa: S308 - a constant
            # Margin-box texts are CSS strings, escaped by css_string.
            "css_page_counter": mark_safe(page_counter_css()),  # noqa: S308
            "css_header": mark_safe(css_string(_("OneWindow · service guide"))),  # noqa: S308
            "css_footer": mark_safe(css_string(context["version_note"])),  # noqa: S308
            "printed_at": timezone.localtime(),
            "lang": "zh-CN" if (get_language() or "").startswith("zh") else get_language(),
        }
    )
    html = render_to_string("catalog/guide_print.html", context)
    return HTML(string=html, base_url=None, url_fetcher=OfflineFetcher()).write_pdf()
