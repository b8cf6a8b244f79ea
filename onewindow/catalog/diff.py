"""Readable differences between two versions of a guide.

Which elements are compared, in which order, under which label, and which element names a row of
a list (so a changed material reads "changed", not "removed + added") all come from the guide's
declaration in ``schema``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from onewindow.catalog.schema import RECORDS, Guide, specs


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


def guide_diff(old: Guide | None, new: Guide) -> list[DiffRow]:
    """Every element that differs, in the order of the guide."""
    # Compared in the stored JSON form: what a version is, and what ``_show`` spells out.
    before_all = old.to_content() if old is not None else {}
    after_all = new.to_content()
    rows: list[DiffRow] = []
    for field, spec in specs(Guide):
        label = str(spec.label)
        before, after = before_all.get(field), after_all.get(field)
        if before == after:
            continue
        key = spec.key if spec.kind == RECORDS else ""
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
        rows.append(DiffRow(field, label, kind, _show(before), _show(after)))
    return rows
