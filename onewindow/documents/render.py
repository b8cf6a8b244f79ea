"""The formal documents (文书) of a case as A4 PDFs, and the same page as HTML for a preview.

A pure renderer: no models, no queries. The cases app stores each document as a kind and a JSON
snapshot of its data and calls ``document_pdf`` / ``document_html`` whenever it is printed, so a
reprint years later reads as the first print did. The snapshot (``samples.py`` has one per kind):

- every kind: number, case_number, issued_at, issuer, applicant_name, applicant_id (masked by the
  caller), agent_name, item_name, department_name, place_name, received_at, item_type (the national
  事项类型 code) and item_basis (the catalog's 设定依据), which decide the law cited and the words
  of the act (``legal.py``: 行政许可法 for a 行政许可 item only; missing = an old licence snapshot);
- materials (receipt, acceptance, correction, deferral_commitment, withdrawal): a list of
  {name, kind_label, copies, status (received / missing / defective / deferred), note};
- receipt: window_name, clerk_name; acceptance: promised_days, limit_unit_label, due_date,
  due_status (firm / provisional / pending) and due_note (why not firm, and when it will be),
  result_name; correction: opinion, resubmit_place, resubmit_by;
- refusal: reason, basis, competent_body, appeal_government, appeal_court;
- deferral_commitment: due_date, commitment; notification_commitment: conditions, basis,
  check_note, check_due, commitment;
- special_procedure: procedure_kind_label, reason, basis, started_at, expected_end, and for an
  extension (行政许可法第四十二条) extension_days, new_due_date;
- approval: result_name, licence_number, valid_until, decided_at, decision, basis;
- completion: outcome_label, decided_at, result_name, licence_number, delivery_method_label,
  pickup_place, pickup_code, and for a joint case parts = [{title, department, outcome_label}];
- denial: reason, basis, appeal_government, appeal_court;
- delivery_receipt: document_name (else result_name), document_number, recipient_name,
  delivery_method_label, delivered_at, delivery_place, tracking_number, server_name, note;
- withdrawal: reason (withdrawn or returned).

The snapshot is trusted for content but not for shape: every value is escaped by the template,
a missing optional key drops its line, a missing required one prints a blank to fill in, and a
date that is not ISO prints as given. Printing follows the active language (titles included).
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from onewindow.core.pdf import (
    SERIF_FONT_FAMILY,
    css_string,
    html_lang,
    page_counter_css,
    qr_data_uri,
    write_pdf,
)
from onewindow.documents import legal
from onewindow.documents.choices import DocumentKind, MaterialStatus

# What a required value missing from the snapshot prints as: a line to fill in by hand.
BLANK = "＿＿＿＿＿＿"

# Required everywhere; printed as BLANK when missing.
REQUIRED_KEYS = (
    "case_number",
    "issuer",
    "issued_at",
    "applicant_name",
    "item_name",
    "received_at",
)
# Dates printed without their time even when the snapshot has one (a document's date, a due day).
DATE_ONLY_KEYS = frozenset(
    {
        "issued_at",
        "due_date",
        "valid_until",
        "expected_end",
        "resubmit_by",
        "new_due_date",
        "check_due",
    }
)
# Dates printed with their time when the snapshot has one (moments of the procedure).
MOMENT_KEYS = frozenset({"received_at", "accepted_at", "started_at", "decided_at", "delivered_at"})

# The seal placeholder follows the State Council's rule for a state organ's seal: 42 mm across,
# a star in the centre, the organ's name around it from left to right.
SEAL_DIAMETER_MM = 42
_SEAL_TEXT_RADIUS_MM = 16.5  # to the middle of the ring of characters
_SEAL_MAX_FONT_MM = 5.6


class Snapshot(dict):
    """The snapshot as the template reads it: a missing key is an empty string.

    Django resolves a filter's argument (``d.a|default:d.b``) strictly and raises when the key is
    missing; an old snapshot without a newer key must still print.
    """

    def __missing__(self, key: str) -> str:
        return ""


def format_date(value: Any, *, with_time: bool = True) -> str:
    """An ISO date or datetime from the snapshot in the reader's language.

    ``2026-11-20`` → ``2026年11月20日``; ``2026-11-20T10:15:00+08:00`` → ``2026年11月20日 10:15``
    (in the site's time zone). Anything else prints as it is: a reprint must never fail on a date.
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        return str(value)
    text = value.strip()
    try:
        if len(text) > 10:
            moment = datetime.datetime.fromisoformat(text)
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            moment = timezone.localtime(moment)
            if with_time:
                return formats.date_format(moment, "DATETIME_FORMAT")
            return formats.date_format(moment.date(), "DATE_FORMAT")
        return formats.date_format(datetime.date.fromisoformat(text), "DATE_FORMAT")
    except ValueError:
        return value


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _materials(rows: Any) -> list[dict[str, str]]:
    """Material rows with a printable status; a bare string is a material's name."""
    if not isinstance(rows, list):
        return []
    labels = dict(MaterialStatus.choices)
    materials = []
    for row in rows:
        if isinstance(row, str):
            row = {"name": row}
        if not isinstance(row, dict):
            continue
        status = _text(row.get("status"))
        materials.append(
            {
                "name": _text(row.get("name")),
                "kind_label": _text(row.get("kind_label")),
                "copies": _text(row.get("copies")),
                "status": status,
                "status_label": str(labels.get(status, status)),
                "note": _text(row.get("note")),
            }
        )
    return materials


def _seal(issuer: str) -> dict[str, Any]:
    """Where each character of the issuer's name sits on the seal's ring (degrees from the top)."""
    chars = [c for c in issuer if not c.isspace()][:40]
    n = len(chars) or 1
    span = min(240.0, max(120.0, 24.0 * n))
    per_char_mm = _SEAL_TEXT_RADIUS_MM * math.radians(span) / n
    return {
        "chars": [
            {"char": c, "angle": round(-span / 2 + span * (i + 0.5) / n, 2)}
            for i, c in enumerate(chars)
        ],
        "font_mm": round(min(_SEAL_MAX_FONT_MM, per_char_mm * 0.86), 2),
        "diameter_mm": SEAL_DIAMETER_MM,
    }


def _prepare(data: dict[str, Any]) -> Snapshot:
    """The snapshot as the template reads it: dates formatted, blanks where required."""
    prepared = Snapshot(data if isinstance(data, dict) else {})
    for key, value in list(prepared.items()):
        if key in DATE_ONLY_KEYS:
            prepared[key] = format_date(value, with_time=False)
        elif key in MOMENT_KEYS:
            prepared[key] = format_date(value)
    for key in REQUIRED_KEYS:
        if not prepared.get(key):
            prepared[key] = BLANK
    prepared["materials"] = _materials(prepared.get("materials"))
    parts = prepared.get("parts")
    parts = parts if isinstance(parts, list) else []
    prepared["parts"] = [Snapshot(p) for p in parts if isinstance(p, dict)]
    return prepared


def _kind_context(kind: DocumentKind, d: dict[str, Any]) -> dict[str, Any]:
    """What a kind needs beyond the snapshot itself."""
    materials = d["materials"]
    if kind == DocumentKind.CORRECTION:
        # Every material that is not in order, all at once (行政许可法第三十二条).
        open_statuses = {MaterialStatus.MISSING, MaterialStatus.DEFECTIVE, ""}
        return {"problems": [m for m in materials if m["status"] in open_statuses]}
    if kind == DocumentKind.DEFERRAL_COMMITMENT:
        return {"deferred": [m for m in materials if m["status"] in {MaterialStatus.DEFERRED, ""}]}
    if kind == DocumentKind.ACCEPTANCE:
        days = d.get("promised_days")
        unit = d.get("limit_unit_label") or _("working days")
        limit = "" if days in (None, "") else _("%(days)s %(unit)s") % {"days": days, "unit": unit}
        # The cases app may not know the day yet (a calendar year not published), or know it only
        # on an estimated calendar: the notice says so, with the reason, never a bare date.
        due = d.get("due_date") or _("as calculated by the system")
        status = d.get("due_status", "")
        if status == "pending":
            due = _("to be set")
        elif status == "provisional" and d.get("due_date"):
            due = _("%(date)s (provisional)") % {"date": d["due_date"]}
        facts = [[(_("Promised time limit"), limit), (_("Expected completion date"), due)]]
        if d.get("due_note"):
            facts.append([(_("About the deadline"), d["due_note"])])
        if d.get("result_name"):
            facts.append([(_("Result of the case"), d["result_name"])])
        return {
            "has_deferred": any(m["status"] == MaterialStatus.DEFERRED for m in materials),
            "extra_facts": facts,
        }
    if kind == DocumentKind.SPECIAL_PROCEDURE:
        return {"is_extension": bool(d.get("extension_days"))}
    if kind in (DocumentKind.REFUSAL, DocumentKind.DENIAL):
        return {
            "appeal_government": d.get("appeal_government")
            or _("the competent administrative reconsideration body"),
            "appeal_court": d.get("appeal_court") or _("the competent people's court"),
        }
    return {}


def document_title(kind: str, data: dict[str, Any]) -> str:
    """The printed title: the kind's, except the decisions, which name the item type's act
    (准予行政许可决定书 for a licence, 不予确认决定书 for a 行政确认 …)."""
    kind = DocumentKind(kind)
    return legal.titles(legal.item_type_of(data)).get(kind.value, str(kind.label))


def document_context(*, kind: str, data: dict[str, Any], verify_url: str) -> dict[str, Any]:
    """The template context of one document.

    ``data`` is the snapshot described at the top of this module. Raises ``ValueError`` for an
    unknown kind.
    """
    try:
        kind = DocumentKind(kind)
    except ValueError:
        raise ValueError(f"Unknown document kind: {kind!r}") from None
    d = _prepare(data)
    title = document_title(kind, d)
    header = _("Case no. %(number)s") % {"number": d["case_number"]}
    return {
        "kind": kind.value,
        "title": title,
        "d": d,
        "blank": BLANK,
        **_kind_context(kind, d),
        **legal.legal_context(d),
        "verify_url": verify_url,
        "qr_data_uri": qr_data_uri(verify_url),
        "seal": _seal(_text(data.get("issuer")) if isinstance(data, dict) else ""),
        "lang": html_lang(),
        "font_family": mark_safe(SERIF_FONT_FAMILY),  # noqa: S308 - a constant
        # Margin-box texts are CSS strings, escaped by css_string.
        "css_page_counter": mark_safe(page_counter_css()),  # noqa: S308
        "css_header_left": mark_safe(css_string(f"{d['issuer']} · {title}")),  # noqa: S308
        "css_header_right": mark_safe(css_string(header)),  # noqa: S308
        "css_footer_left": mark_safe(css_string(_("Verify at: %(url)s") % {"url": verify_url})),  # noqa: S308
    }


def document_html(*, kind: str, data: dict[str, Any], verify_url: str) -> str:
    """The document as a complete HTML page (the PDF's source, also shown as a preview)."""
    context = document_context(kind=kind, data=data, verify_url=verify_url)
    return render_to_string(f"documents/{context['kind']}.html", context)


def document_pdf(*, kind: str, data: dict[str, Any], verify_url: str) -> bytes:
    """The document as an A4 PDF whose QR code opens ``verify_url`` (the case's progress page)."""
    return write_pdf(document_html(kind=kind, data=data, verify_url=verify_url))
