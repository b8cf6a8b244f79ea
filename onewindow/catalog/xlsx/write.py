"""Writing workbooks: the export of a list of entries, and the template with its example."""

from __future__ import annotations

import io
import random
from collections.abc import Iterable, Iterator
from typing import Any

import openpyxl
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from onewindow.catalog.choices import (
    CaseType,
    HandlingForm,
    ItemType,
    LimitUnit,
    MaterialForm,
    OnlineDepth,
    ResultType,
    ServiceObject,
    SpecialProcedure,
    Theme,
    TongbanScope,
)
from onewindow.catalog.models import Entry, EntryVersion
from onewindow.catalog.schema import Guide, clean_content
from onewindow.catalog.xlsx.columns import (
    BOOL,
    CHOICE,
    CHOICES,
    DOC_SHEET,
    ENTRIES,
    LIST,
    NO,
    QUESTIONS,
    SHEETS,
    YES,
    Column,
    Sheet,
)
from onewindow.catalog.xlsx.docs import documentation, notes
from onewindow.catalog.xlsx.entries import ListEntry
from onewindow.core.identity_makers import make_uscc
from onewindow.organisations.choices import BusinessCategory


def latest_versions(entries: Iterable[Entry]) -> dict[int, EntryVersion]:
    """Each entry's newest published version (it may take effect later), in one query.

    The export shows it and the import compares with it, so exporting and importing again never
    publishes anything and importing the same file twice changes nothing the second time.
    """
    ids = [e.pk for e in entries]
    newest = EntryVersion.objects.filter(entry=OuterRef("entry")).order_by("-number")
    versions = EntryVersion.objects.filter(
        entry_id__in=ids, number=Subquery(newest.values("number")[:1])
    )
    return {v.entry_id: v for v in versions}


def _list_entries(entries: Iterable[Entry]) -> list[ListEntry]:
    if hasattr(entries, "select_related"):
        entries = entries.select_related("item", "department", "region").prefetch_related(
            "item__themes"
        )
    entries = list(entries)
    versions = latest_versions(entries)
    result = []
    for entry in entries:
        version = versions.get(entry.pk)
        if version is None:  # never published: nothing to export
            continue
        result.append(
            ListEntry(
                basic_code=entry.item.basic_code,
                department=entry.department.uscc,
                region=entry.region.code,
                category=entry.item.category,
                themes=[t.theme for t in entry.item.themes.all()],
                content=version.content,
                code=entry.code,
            )
        )
    return result


def export_workbook(entries: Iterable[Entry]) -> bytes:
    """The list of ``entries`` (their latest published versions) as an xlsx workbook."""
    return _write(_list_entries(entries))


def template_workbook() -> bytes:
    """Empty sheets with their headers, the 说明 sheet, and one example entry to copy."""
    return _write([_example()])


def _get(guide: Guide, key: str) -> Any:
    """The element a column shows: ``name``, or a time limit's part (``promised_limit.value``)."""
    value: Any = guide
    for part in key.split("."):
        value = getattr(value, part, None)
    return value


def _records(sheet: Sheet, entries: list[ListEntry]) -> Iterator[dict[str, Any]]:
    """The rows of ``sheet`` as dicts keyed by column key."""
    for entry in entries:
        key = {"basic_code": entry.basic_code, "department": entry.department}
        guide = entry.guide
        if sheet is ENTRIES:
            record = {
                **key,
                "code": entry.code,
                "region": entry.region,
                "category": entry.category,
                "themes": entry.themes,
            }
            yield {
                c.key: record.get(c.key) if not c.in_content else _get(guide, c.key)
                for c in sheet.columns
            }
        elif sheet is QUESTIONS:
            for q in guide.questions:
                for o in q.options:
                    yield {
                        **key,
                        "code": q.code,
                        "text": q.text,
                        "option_code": o.code,
                        "option_label": o.label,
                    }
        else:
            # A child sheet is one of the guide's lists of records, named by the sheet's key.
            for item in getattr(guide, sheet.key):
                yield {**key, **item.to_content()}


def _cell_value(column: Column, value: Any) -> Any:
    if column.kind == BOOL:
        return YES if value else NO
    if column.kind in (CHOICES, LIST):
        return "、".join(str(v) for v in value or []) or None
    if value is None or isinstance(value, int):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value)) or None


_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_READ_ONLY_FILL = PatternFill("solid", fgColor="EDEDED")


def _write(entries: list[ListEntry]) -> bytes:
    workbook = openpyxl.Workbook()
    if workbook.active is not None:  # the blank sheet a new workbook starts with
        workbook.remove(workbook.active)
    for sheet in SHEETS:
        ws = workbook.create_sheet(sheet.name)
        for index, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(1, index, column.header)
            cell.font = Font(bold=True)
            cell.fill = _READ_ONLY_FILL if column.read_only else _HEADER_FILL
            cell.comment = Comment(f"{column.key}\n{column.help}", "OneWindow")
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = column.width
            if column.kind in (CHOICE, BOOL):
                values = (
                    [YES, NO] if column.kind == BOOL else [str(v) for v in column.choices or ()]
                )
                rule = DataValidation(
                    type="list",
                    formula1=f'"{",".join(values)}"',
                    allow_blank=True,
                    showErrorMessage=False,
                )
                rule.add(f"{letter}2:{letter}5000")
                ws.add_data_validation(rule)
        ws.freeze_panes = "A2"
        for row, record in enumerate(_records(sheet, entries), start=2):
            for index, column in enumerate(sheet.columns, start=1):
                value = _cell_value(column, record.get(column.key))
                cell = ws.cell(row, index, value)
                if isinstance(value, str):
                    # Text stays text: "01" is not a number and "=…" is not a formula.
                    cell.data_type = "s"
                    cell.number_format = "@"
    _write_documentation(workbook.create_sheet(DOC_SHEET))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_documentation(ws: Any) -> None:
    ws.append([str(_("Implementation list workbook"))])
    ws["A1"].font = Font(bold=True, size=14)
    for note in notes():
        ws.append([note])
    ws.append([])
    headers = (_("Sheet"), _("Column"), _("Key"), _("Required"), _("Meaning"), _("Allowed values"))
    ws.append([str(h) for h in headers])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for row in documentation():
        ws.append(list(row))
        if not row.header:
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (10, 24, 22, 8, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
    for cells in ws.iter_rows(min_row=header_row + 1):
        cells[4].alignment = cells[5].alignment = Alignment(wrap_text=True, vertical="top")


def _example() -> ListEntry:
    # Cleaned like an import, so the example shows every element with its default filled in.
    content = clean_content(
        {
            "name": "食品经营许可",
            "item_type": ItemType.LICENSING,
            "service_objects": [ServiceObject.ENTERPRISE, ServiceObject.NATURAL_PERSON],
            "legal_basis": "《中华人民共和国食品安全法》第三十五条",
            "conditions": "有与经营的食品品种、数量相适应的经营场所。",
            "statutory_limit": {"value": 20, "unit": LimitUnit.WORKING_DAYS},
            "promised_limit": {"value": 5, "unit": LimitUnit.WORKING_DAYS},
            "case_type": CaseType.PROMISED,
            "visits": 0,
            "special_procedures": [SpecialProcedure.INSPECTION],
            "allows_commitment": True,
            "result_type": ResultType.LICENCE,
            "result_name": "食品经营许可证",
            "handling_forms": [HandlingForm.WINDOW, HandlingForm.PC],
            "tongban_scope": TongbanScope.COUNTY,
            "online_depth": OnlineDepth.HANDLING,
            "appointment": True,
            "express": True,
            "place": "县政务服务中心一楼综合受理窗口",
            "hours": "工作日 9:00-17:00",
            "consult_phone": "0931-1234567",
            "complaint_phone": "12345",
            "questions": [
                {
                    "code": "who",
                    "text": "由谁办理？",
                    "options": [
                        {"code": "self", "label": "本人办理"},
                        {"code": "agent", "label": "委托代理人办理"},
                    ],
                }
            ],
            "materials": [
                {"name": "食品经营许可申请书", "form": MaterialForm.PAPER_OR_ELECTRONIC},
                {"name": "授权委托书", "situations": ["agent"]},
            ],
            "steps": [
                {"name": "受理", "handler": "综合受理窗口", "limit": 0},
                {"name": "审查", "handler": "食品经营许可股", "limit": 3},
                {"name": "决定", "handler": "分管负责人", "limit": 2},
            ],
            "faq": [{"question": "可以网上申请吗？", "answer": "可以，通过网上办事大厅申请。"}],
        }
    )
    return ListEntry(
        basic_code="000201001000",
        department=make_uscc(random.Random(0), kind="11"),  # noqa: S311 — a fixed example
        region="620123000000",
        category=BusinessCategory.ENTERPRISE,
        themes=[Theme.ESTABLISHMENT],
        content=content,
    )
