"""The implementation-list workbook (实施清单 xlsx).

One column table (``columns``) drives the export and the template (``write``), the 说明 sheet
(``docs``) and the import (``read``).

An entry is one row of 事项. Its situations, materials, fees, steps and questions are rows of the
other sheets, tied to it by the basic code *and* the implementing body's credit code: one basic code
is carried out by many bodies, so the code alone is not a key. Row order within a sheet is the order
of the guide. Sheet names and column headers are fixed Chinese identifiers (a file exported in one
UI language imports in the other); the English key is accepted as a header too.

Parsing checks the structure and the cells and runs ``schema.clean_content``, mapping each problem's
path back to a sheet, row and column. Looking up departments and regions, and the importer's scope,
belong to ``services_import``.

Callers import from this package, not its modules, so the split stays free to change.
"""

from onewindow.catalog.xlsx.columns import (
    BASIC_CODE,
    BOOL,
    CHILD_SHEETS,
    CHOICE,
    CHOICES,
    DEPARTMENT,
    DOC_SHEET,
    ENTRIES,
    FAQ,
    FEES,
    INT,
    KEY,
    LIST,
    MATERIALS,
    NO,
    QUESTIONS,
    SHEETS,
    STEPS,
    TEXT,
    XLSX_CONTENT_TYPE,
    YES,
    Column,
    Sheet,
)
from onewindow.catalog.xlsx.docs import DocRow, allowed_values, documentation, notes
from onewindow.catalog.xlsx.entries import (
    ListEntry,
    ParsedList,
    SheetProblem,
    entry_problem,
    sort_problems,
)
from onewindow.catalog.xlsx.read import parse_workbook
from onewindow.catalog.xlsx.write import export_workbook, latest_versions, template_workbook

__all__ = [
    "BASIC_CODE",
    "BOOL",
    "CHILD_SHEETS",
    "CHOICE",
    "CHOICES",
    "DEPARTMENT",
    "DOC_SHEET",
    "ENTRIES",
    "FAQ",
    "FEES",
    "INT",
    "KEY",
    "LIST",
    "MATERIALS",
    "NO",
    "QUESTIONS",
    "SHEETS",
    "STEPS",
    "TEXT",
    "XLSX_CONTENT_TYPE",
    "YES",
    "Column",
    "DocRow",
    "ListEntry",
    "ParsedList",
    "Sheet",
    "SheetProblem",
    "allowed_values",
    "documentation",
    "entry_problem",
    "export_workbook",
    "latest_versions",
    "notes",
    "parse_workbook",
    "sort_problems",
    "template_workbook",
]
