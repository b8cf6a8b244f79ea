"""The workbook explained: the rules and every column, for the 说明 sheet and the import page."""

from __future__ import annotations

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from onewindow.catalog.choices import choice_labels
from onewindow.catalog.xlsx.columns import (
    BOOL,
    CHOICE,
    CHOICES,
    ENTRIES,
    INT,
    LIST,
    MATERIALS,
    NO,
    SHEETS,
    YES,
    Column,
)


class DocRow(NamedTuple):
    sheet: str
    header: str
    key: str
    required: str
    meaning: str
    allowed: str


def allowed_values(column: Column) -> str:
    if column.kind == BOOL:
        return f"{YES} / {NO}"
    if column.kind == INT:
        return str(_("A whole number."))
    if column.kind in (CHOICE, CHOICES) and column.choices is not None:
        values = choice_labels(column.choices)
        if column.kind == CHOICES:
            return _("One or more of, separated by 、: %(values)s") % {"values": values}
        return values
    if column.kind == LIST:
        return str(_("Several values separated by 、"))
    return ""


def documentation() -> list[DocRow]:
    """Every column of every sheet, as the 说明 sheet and the import page list them."""
    rows = []
    for sheet in SHEETS:
        rows.append(DocRow(sheet.name, "", "", "", str(sheet.help), ""))
        for column in sheet.columns:
            required = str(_("required")) if column.required else ""
            if column.read_only:
                required = str(_("read-only"))
            rows.append(
                DocRow(
                    sheet.name,
                    column.header,
                    column.key,
                    required,
                    str(column.help),
                    allowed_values(column),
                )
            )
    return rows


def notes() -> list[str]:
    """The rules of the workbook as a whole."""
    rules = [
        _(
            "Keep every sheet's name and its first row of column headers: do not rename, delete "
            "or merge them. Merged cells in the data sheets are refused."
        ),
        _(
            "An entry is one row of %(entries)s. A row of another sheet belongs to the entry with "
            "the same basic code and implementing body; the rows' order is the guide's order."
        )
        % {"entries": ENTRIES.name},
        _(
            "Leave the implementation code blank for a new entry. An entry whose content differs "
            "from its latest published version gets a new version from the effective date; "
            "entries left out of the file are not changed."
        ),
        _(
            "A file with any problem is refused as a whole, with every problem listed by sheet, "
            "row and column: nothing is imported until all are fixed."
        ),
        _(
            "To publish blank forms and samples with the list, import a .zip holding the workbook "
            "at its top and the files in folders: a %(form)s or %(sample)s cell that gives a "
            "file's path in the archive (such as forms/申请书.docx) links that file."
        )
        % {
            "form": MATERIALS.column("blank_form").header,
            "sample": MATERIALS.column("sample").header,
        },
    ]
    return [str(rule) for rule in rules]
