"""Reading a workbook: its structure and cells, then the guide content each entry makes.

Every problem is collected before anything is decided, and a problem the content schema finds is
mapped from its path back to the sheet, row and column it came from.
"""

from __future__ import annotations

import datetime
import io
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.db.models import Choices
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from onewindow.catalog.choices import choice_labels
from onewindow.catalog.schema import (
    RECORD,
    ContentError,
    Guide,
    Problem,
    clean_content,
    specs,
    validate_basic_code,
)
from onewindow.catalog.xlsx.columns import (
    BASIC_CODE,
    BOOL,
    CHILD_SHEETS,
    CHOICE,
    CHOICES,
    ENTRIES,
    INT,
    KEY,
    LIST,
    NO,
    QUESTIONS,
    SHEETS,
    YES,
    Column,
    Sheet,
)
from onewindow.catalog.xlsx.entries import (
    ListEntry,
    ParsedList,
    SheetProblem,
    sheet_problem,
    sort_problems,
)

_TRUE = {"是", "y", "yes", "true", "1", "√", "✓"}
_FALSE = {"否", "n", "no", "false", "0", "×", "✗", ""}
_SEPARATORS = re.compile(r"[,，、;；\n]+")
_SHEET_BY_KEY = {s.key: s for s in SHEETS}
# The elements of a guide spread over several columns (the time limits: value, unit, note).
_LIMITS = tuple(name for name, spec in specs(Guide) if spec.kind == RECORD)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10]
    return str(value).strip()


def _choice_lookup(choices: type[Choices]) -> dict[str, str]:
    """Accept a code or its label in Chinese or English (labels are what people type)."""
    lookup: dict[str, str] = {}
    for language in ("en", "zh-hans", translation.get_language() or "zh-hans"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[str(label).strip().lower()] = str(value)
    for value in choices.values:
        lookup[str(value).lower()] = str(value)
    return lookup


def _pad(text: str, choices: type[Choices]) -> str:
    # Excel turns a typed 01 into the number 1: give national codes their leading zeros back.
    widths = {len(str(v)) for v in choices.values}
    if text.isdigit() and len(widths) == 1 and all(str(v).isdigit() for v in choices.values):
        return text.zfill(widths.pop())
    return text


def _one_of(value: str, choices: type[Choices]) -> str:
    labels = choice_labels(choices)
    # Same message as the content schema's, so it is translated once.
    return _("“%(value)s” is not one of: %(choices)s.") % {"value": value, "choices": labels}


def _split(text: str) -> list[str]:
    return [p.strip() for p in _SEPARATORS.split(text) if p.strip()]


def _key(values: dict[str, Any]) -> tuple[str, str]:
    """The entry a row belongs to: one basic code is carried out by many bodies."""
    return values.get("basic_code", ""), values.get("department", "")


class _Reader:
    """One pass over a workbook, collecting every problem before anything is decided."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.problems: list[SheetProblem] = []
        self.broken: set[str] = set()  # sheets whose rows could not be read
        self.absent: set[tuple[str, str]] = set()  # (sheet key, column key) with no header
        self.lookups = {
            c.choices: _choice_lookup(c.choices) for s in SHEETS for c in s.columns if c.choices
        }

    def add(self, sheet: Sheet, row: int | None, column: Column | str | None, message: Any) -> None:
        self.problems.append(sheet_problem(sheet, row, column, message))

    # Structure.

    def rows(self, sheet: Sheet) -> list[tuple[int, dict[str, Any]]]:
        if sheet.name not in self.workbook.sheetnames:
            self.broken.add(sheet.key)
            found = "、".join(self.workbook.sheetnames)
            self.add(
                sheet,
                None,
                None,
                _("The sheet “%(sheet)s” is missing (the workbook has: %(found)s).")
                % {"sheet": sheet.name, "found": found},
            )
            return []
        ws = self.workbook[sheet.name]
        headers = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
        by_name = {c.header: c for c in sheet.columns} | {c.key: c for c in sheet.columns}
        positions: dict[str, int] = {}
        by_position: dict[int, str] = {}
        for index, value in enumerate(headers):
            text = _text(value)
            if not text:
                continue
            by_position[index + 1] = text
            column = by_name.get(text) or by_name.get(text.rstrip("*＊ "))
            if column is None:
                self.add(sheet, 1, text, _("Unknown column “%(header)s”.") % {"header": text})
            elif column.key in positions:
                self.add(sheet, 1, column, _("The column appears twice."))
            else:
                positions[column.key] = index
        for column in sheet.columns:
            if column.key not in positions:
                self.absent.add((sheet.key, column.key))
                self.add(sheet, 1, column, _("The column is missing."))
        if any((sheet.key, c.key) in self.absent for c in KEY):
            self.broken.add(sheet.key)
        for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            self.add(
                sheet,
                merged.min_row,
                by_position.get(merged.min_col, get_column_letter(merged.min_col)),
                _("Merged cells (%(range)s) are not allowed: unmerge them and fill in every cell.")
                % {"range": merged.coord},
            )
        if sheet.key in self.broken:
            return []
        rows = []
        for number, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            if all(_text(v) == "" for v in values):
                continue
            rows.append(
                (
                    number,
                    {
                        key: values[index] if index < len(values) else None
                        for key, index in positions.items()
                    },
                )
            )
        return rows

    # Cells.

    def cell(self, sheet: Sheet, row: int, column: Column, raw: Any) -> Any:
        """The cell as the content schema expects it; flags what the schema cannot see."""
        if column.kind == BOOL:
            if isinstance(raw, bool):
                return raw
            text = _text(raw).lower()
            if text not in _TRUE | _FALSE:
                self.add(
                    sheet,
                    row,
                    column,
                    _("“%(value)s” is not %(yes)s or %(no)s.")
                    % {"value": _text(raw), "yes": YES, "no": NO},
                )
            return text in _TRUE
        text = _text(raw)
        if column.kind == INT:
            return raw if isinstance(raw, int) and not isinstance(raw, bool) else text
        if column.kind == LIST:
            return _split(text)
        if column.kind in (CHOICE, CHOICES) and column.choices is not None:
            texts = [_pad(text, column.choices)] if column.kind == CHOICE else _split(text)
            values = [self.lookups[column.choices].get(t.lower(), t) for t in texts]
            # The content schema checks its own choices; only the catalog item's are left here.
            bad = [v for v in values if v and v not in column.choices.values]
            if not column.in_content and bad:
                self.add(sheet, row, column, _one_of("、".join(bad), column.choices))
            return values[0] if column.kind == CHOICE else values
        if not column.in_content:
            text = text.upper().replace(" ", "")
        if column.required and not column.in_content and not text:
            self.add(sheet, row, column, _("This cell is required."))
        return text

    def record(self, sheet: Sheet, row: int, raw: dict[str, Any]) -> dict[str, Any]:
        return {
            c.key: self.cell(sheet, row, c, raw.get(c.key))
            for c in sheet.columns
            if (sheet.key, c.key) not in self.absent
        }

    # The whole workbook.

    def parse(self) -> ParsedList:
        entries: dict[tuple[str, str], ListEntry] = {}
        places: dict[tuple[str, str], _Places] = {}
        for row, raw in self.rows(ENTRIES):
            values = self.record(ENTRIES, row, raw)
            key = _key(values)
            if key[0]:
                try:
                    validate_basic_code(key[0])
                except ContentError as exc:
                    self.add(ENTRIES, row, BASIC_CODE, exc.problems[0].message)
            if not all(key):
                # Reported as a required cell; still check the rest of the row. Rows of other
                # sheets cannot name it, so give it a key of its own.
                key = ("", f"#{row}")
            elif key in entries:
                self.add(
                    ENTRIES,
                    row,
                    BASIC_CODE,
                    _("Row %(row)d already lists this basic code for the same implementing body.")
                    % {"row": entries[key].row},
                )
                continue
            content: dict[str, Any] = {}
            for column in ENTRIES.columns:
                if column.in_content and column.key in values:
                    part, _dot, sub = column.key.partition(".")
                    if sub:
                        content.setdefault(part, {})[sub] = values[column.key]
                    else:
                        content[part] = values[column.key]
            for limit in _LIMITS:
                parts = content.get(limit)
                if isinstance(parts, dict) and all(v in ("", None) for v in parts.values()):
                    content[limit] = None
            entries[key] = ListEntry(
                basic_code=key[0],
                department=key[1],
                region=values.get("region", ""),
                category=values.get("category", ""),
                themes=values.get("themes", []),
                content=content,
                code=values.get("code", ""),
                row=row,
            )
            places[key] = _Places(row)
        if ENTRIES.key not in self.broken and not entries:
            self.add(ENTRIES, None, None, _("The sheet lists no entries."))

        for sheet in CHILD_SHEETS:
            for row, raw in self.rows(sheet):
                values = self.record(sheet, row, raw)
                key = _key(values)
                if not all(key):
                    continue  # reported as a required cell
                if key not in entries:
                    if ENTRIES.key not in self.broken:
                        self.add(
                            sheet,
                            row,
                            BASIC_CODE,
                            _(
                                "No row of %(sheet)s has basic code %(code)s with this "
                                "implementing body."
                            )
                            % {"sheet": ENTRIES.name, "code": key[0]},
                        )
                    continue
                self.attach(sheet, row, values, entries[key].content, places[key])

        for key, entry in entries.items():
            try:
                entry.content = clean_content(entry.content)
            except ContentError as exc:
                entry.valid = False
                for problem in exc.problems:
                    self.place(problem, places[key])
        return ParsedList(list(entries.values()), sort_problems(self.problems))

    def attach(
        self, sheet: Sheet, row: int, values: dict[str, Any], content: dict, places: _Places
    ) -> None:
        fields = {k: v for k, v in values.items() if k not in ("basic_code", "department")}
        if sheet is not QUESTIONS:
            content.setdefault(sheet.key, []).append(fields)
            places.lists.setdefault(sheet.key, []).append(row)
            return
        questions = content.setdefault("questions", [])
        code = fields.get("code", "")
        index = next((i for i, q in enumerate(questions) if q["code"] == code), None)
        if index is None:
            index = len(questions)
            questions.append({"code": code, "text": fields.get("text", ""), "options": []})
            places.questions.append((row, []))
        question = questions[index]
        text = fields.get("text", "")
        if text and question["text"] and text != question["text"]:
            self.add(
                sheet,
                row,
                QUESTIONS.column("text"),
                _("The question differs from row %(row)d, which has the same question code.")
                % {"row": places.questions[index][0]},
            )
        question["text"] = question["text"] or text
        question["options"].append(
            {"code": fields.get("option_code", ""), "label": fields.get("option_label", "")}
        )
        places.questions[index][1].append(row)

    def place(self, problem: Problem, places: _Places) -> None:
        """Report a content problem at its sheet, row and column (unless its cause is reported)."""
        sheet, row, key = places.locate(problem.path)
        if sheet.key in self.broken or (sheet.key, key) in self.absent:
            return
        list_key = _LIST_PATH.match(problem.path)
        if list_key and list_key.group(1) in _SHEET_BY_KEY and list_key.group(1) in self.broken:
            return
        column = next((c for c in sheet.columns if c.key == key), None)
        self.add(sheet, row, column, problem.message)


_LIST_PATH = re.compile(r"^(\w+)")
_ITEM_PATH = re.compile(r"^(\w+)\[(\d+)\](?:\.options\[(\d+)\])?\.?(\w*)$")


@dataclass
class _Places:
    """Where an entry's parts are in the workbook, to map a content path back to a cell."""

    row: int
    lists: dict[str, list[int]] = field(default_factory=dict)
    questions: list[tuple[int, list[int]]] = field(default_factory=list)  # (first row, options)

    def locate(self, path: str) -> tuple[Sheet, int | None, str]:
        match = _ITEM_PATH.match(path)
        if match:
            name, index, option, key = (
                match.group(1),
                int(match.group(2)),
                match.group(3),
                match.group(4),
            )
            if name == "questions" and index < len(self.questions):
                first, options = self.questions[index]
                if option is not None and int(option) < len(options):
                    return QUESTIONS, options[int(option)], f"option_{key}"
                if key == "options":
                    return QUESTIONS, first, "option_code"
                return QUESTIONS, first, key
            rows = self.lists.get(name, [])
            if name in _SHEET_BY_KEY and index < len(rows):
                return _SHEET_BY_KEY[name], rows[index], key
        if path in _LIMITS:
            return ENTRIES, self.row, f"{path}.value"
        # A scalar element, or a whole list (no materials, step limits too long): the entry's row.
        return ENTRIES, self.row, path


def parse_workbook(data: bytes) -> ParsedList:
    """Read a workbook: its entries, or every problem found (then nothing may be imported)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:
        # Anything that stops openpyxl (not a zip, a zip of something else, .xls) means the same.
        message = str(_("The file is not an xlsx workbook (Excel 2007 or later)."))
        return ParsedList([], [SheetProblem("", None, "", message)])
    return _Reader(workbook).parse()
