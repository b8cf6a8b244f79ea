"""Readable differences between two versions of a guide."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FIELD_LABELS: dict[str, Promise] = {
    "name": _("Name"),
    "item_type": _("Item type"),
    "service_objects": _("Service objects"),
    "legal_basis": _("Legal basis"),
    "conditions": _("Acceptance conditions"),
    "statutory_limit": _("Statutory limit"),
    "promised_limit": _("Promised limit"),
    "case_type": _("Case type"),
    "visits": _("Visits required"),
    "special_procedures": _("Special procedures"),
    "allows_commitment": _("Approval on commitment"),
    "result_type": _("Result type"),
    "result_name": _("Result"),
    "handling_forms": _("Ways to apply"),
    "tongban_scope": _("Where it can be applied for"),
    "joint_departments": _("Joint departments"),
    "online_depth": _("Online depth"),
    "appointment": _("Appointment"),
    "online_payment": _("Online payment"),
    "express": _("Express delivery"),
    "kiosk": _("Self-service kiosk"),
    "place": _("Place"),
    "hours": _("Hours"),
    "consult_phone": _("Consultation phone"),
    "complaint_phone": _("Complaint phone"),
    "questions": _("Situations"),
    "materials": _("Materials"),
    "fees": _("Fees"),
    "steps": _("Steps"),
    "faq": _("FAQ"),
}

# Lists whose rows are matched by a key, so a changed row reads "changed", not "removed + added".
_KEYS = {
    "materials": "name",
    "fees": "name",
    "steps": "name",
    "faq": "question",
    "questions": "code",
}


@dataclass(frozen=True)
class DiffRow:
    field: str
    label: str
    kind: str  # "changed" | "added" | "removed"
    old: str
    new: str


def _show(value: Any) -> str:
    if isinstance(value, dict):
        if {"value", "unit"} <= value.keys():
            return f"{value['value']} {value['unit']}" + (
                f"（{value['note']}）" if value.get("note") else ""
            )
        return "；".join(
            f"{k}: {_show(v)}" for k, v in value.items() if v not in ("", None, [], False)
        )
    if isinstance(value, list):
        return "、".join(_show(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)


def content_diff(old: dict[str, Any] | None, new: dict[str, Any]) -> list[DiffRow]:
    """Every element that differs, in the order of the guide."""
    old = old or {}
    rows: list[DiffRow] = []
    for field, label in FIELD_LABELS.items():
        before, after = old.get(field), new.get(field)
        if before == after:
            continue
        key = _KEYS.get(field)
        if key and isinstance(before, list) and isinstance(after, list):
            old_rows = {r.get(key): r for r in before}
            new_rows = {r.get(key): r for r in after}
            for name, row in new_rows.items():
                if name not in old_rows:
                    rows.append(DiffRow(field, f"{label} · {name}", "added", "", _show(row)))
                elif old_rows[name] != row:
                    rows.append(
                        DiffRow(
                            field, f"{label} · {name}", "changed", _show(old_rows[name]), _show(row)
                        )
                    )
            for name, row in old_rows.items():
                if name not in new_rows:
                    rows.append(DiffRow(field, f"{label} · {name}", "removed", _show(row), ""))
            continue
        kind = (
            "added"
            if before in (None, "", [])
            else "removed"
            if after in (None, "", [])
            else "changed"
        )
        rows.append(DiffRow(field, str(label), kind, _show(before), _show(after)))
    return rows
