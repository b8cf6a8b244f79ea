"""What passes between the workbook and the catalog: entries as rows hold them, and problems.

The export writes ``ListEntry`` values, the parse returns them, and the import service reports what
it finds later with ``entry_problem``, so every problem reads the same wherever it was found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from onewindow.catalog.schema import Guide
from onewindow.catalog.xlsx.columns import ENTRIES, SHEETS, Column, Sheet


class SheetProblem(NamedTuple):
    """One problem of an uploaded workbook; ``row`` is None for the sheet as a whole."""

    sheet: str
    row: int | None
    column: str
    message: str


@dataclass
class ListEntry:
    """One entry as the workbook holds it: written by the export, returned by the parse."""

    basic_code: str
    department: str  # credit code of the implementing body
    region: str  # region code
    category: str
    themes: list[str]
    content: dict[str, Any]
    code: str = ""  # implementation code (read-only on import)
    row: int = 0  # the row of 事项 (import only)
    valid: bool = True  # content passed ``clean_content`` (import only)

    @property
    def guide(self) -> Guide:
        """The content read as a guide (on import: once it is valid)."""
        return Guide.from_content(self.content)


@dataclass
class ParsedList:
    entries: list[ListEntry] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def sheet_problem(
    sheet: Sheet, row: int | None, column: Column | str | None, message: Any
) -> SheetProblem:
    """A problem at a cell; ``column`` may be a header the table does not know (or none)."""
    header = column.header if isinstance(column, Column) else (column or "")
    return SheetProblem(sheet.name, row, header, str(message))


def entry_problem(entry: ListEntry, column_key: str, message: Any) -> SheetProblem:
    """A problem found later (by the import service) on an entry's row of 事项."""
    return sheet_problem(ENTRIES, entry.row, ENTRIES.column(column_key), message)


def sort_problems(problems: Iterable[SheetProblem]) -> list[SheetProblem]:
    order = {s.name: i for i, s in enumerate(SHEETS)}
    columns = {(s.name, c.header): i for s in SHEETS for i, c in enumerate(s.columns)}

    def key(p: SheetProblem) -> tuple:
        return (order.get(p.sheet, -1), p.row or 0, columns.get((p.sheet, p.column), 999))

    return sorted(problems, key=key)
