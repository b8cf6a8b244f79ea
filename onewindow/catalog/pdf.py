"""The printed guide: an A4 PDF for the hall's self-service terminals and the window counter.

WeasyPrint renders ``catalog/guide_print.html`` with the system's Noto CJK fonts and a QR code that
opens the guide online; the shared printing pieces (offline fetcher, fonts, QR code, page counter)
are in ``onewindow.core.pdf``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from onewindow.catalog.guide import guide_context
from onewindow.core import pdf as _core_pdf
from onewindow.core.pdf import (
    FONT_FAMILY,
    QR_BORDER,
    QR_SCALE,
    css_string,
    html_lang,
    page_counter_css,
    qr_data_uri,
    write_pdf,
)

if TYPE_CHECKING:
    from onewindow.catalog.models import EntryVersion

# Re-exported: the guide's tests and older callers import them from here.
__all__ = [  # noqa: F822 (OfflineFetcher comes from the module __getattr__ below)
    "QR_BORDER",
    "QR_SCALE",
    "OfflineFetcher",
    "css_string",
    "guide_pdf",
    "qr_data_uri",
]


def __getattr__(name: str) -> Any:
    """``OfflineFetcher`` from ``core.pdf``, which builds it when first asked (WeasyPrint is
    imported then, not with this module)."""
    if name == "OfflineFetcher":
        return _core_pdf.OfflineFetcher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
            "lang": html_lang(),
        }
    )
    html = render_to_string("catalog/guide_print.html", context)
    return write_pdf(html)
