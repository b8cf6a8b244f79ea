"""The implementation-list workbook (实施清单 xlsx).

One column table drives the export, the template, the 说明 sheet and the import.

An entry is one row of 事项. Its situations, materials, fees, steps and questions are rows of the
other sheets, tied to it by the basic code *and* the implementing body's credit code: one basic code
is carried out by many bodies, so the code alone is not a key. Row order within a sheet is the order
of the guide. Sheet names and column headers are fixed Chinese identifiers (a file exported in one
UI language imports in the other); the English key is accepted as a header too.

Parsing checks the structure and the cells and runs ``schema.clean_content``, mapping each problem's
path back to a sheet, row and column. Looking up departments and regions, and the importer's scope,
belong to ``services_import``.
"""

from __future__ import annotations

import datetime
import io
import random
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import openpyxl
from django.db.models import Choices, OuterRef, Subquery
from django.utils import translation
from django.utils.functional import Promise
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
    MaterialKind,
    MaterialSource,
    Necessity,
    OnlineDepth,
    ResultType,
    ServiceObject,
    SpecialProcedure,
    Theme,
    TongbanScope,
)
from onewindow.catalog.models import Entry, EntryVersion
from onewindow.catalog.schema import ContentError, Problem, clean_content, validate_basic_code
from onewindow.organisations.choices import BusinessCategory
from onewindow.registries.numbers import make_uscc

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC_SHEET = "说明"
YES, NO = "是", "否"
_TRUE = {"是", "y", "yes", "true", "1", "√", "✓"}
_FALSE = {"否", "n", "no", "false", "0", "×", "✗", ""}
_SEPARATORS = re.compile(r"[,，、;；\n]+")

# Kinds of cell.
TEXT, INT, BOOL, CHOICE, CHOICES, LIST = "text", "int", "bool", "choice", "choices", "list"


@dataclass(frozen=True)
class Column:
    """One column: its key (dotted for a time limit's parts), header, meaning and kind of value."""

    key: str
    header: str
    help: Promise
    kind: str = TEXT
    choices: type[Choices] | None = None
    required: bool = False
    in_content: bool = True  # False: describes the entry or its catalog item, not the guide
    read_only: bool = False
    width: int = 16


@dataclass(frozen=True)
class Sheet:
    key: str  # the list's key in the guide content ("materials"), or "entries"
    name: str
    help: Promise
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


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


@dataclass
class ParsedList:
    entries: list[ListEntry] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


BASIC_CODE = Column(
    "basic_code",
    "基本编码",
    _("Code of the item in the basic catalog (12 digits or capital letters)."),
    required=True,
    in_content=False,
)
DEPARTMENT = Column(
    "department",
    "实施主体统一社会信用代码",
    _("Unified social credit code (18 characters) of the implementing body."),
    required=True,
    in_content=False,
    width=22,
)
KEY = (BASIC_CODE, DEPARTMENT)

ENTRIES = Sheet(
    "entries",
    "事项",
    _("One row per implementation entry: the item, who carries it out where, and its guide."),
    (
        BASIC_CODE,
        Column(
            "code",
            "实施编码",
            _(
                "Filled in by the export; leave it blank for a new entry. "
                "An import checks it and never changes it."
            ),
            in_content=False,
            read_only=True,
            width=34,
        ),
        DEPARTMENT,
        Column(
            "region",
            "实施区划代码",
            _("12-digit code of the region where the item is carried out."),
            required=True,
            in_content=False,
        ),
        Column(
            "category",
            "业务类别",
            _("Business category of the catalog item."),
            CHOICE,
            BusinessCategory,
            required=True,
            in_content=False,
        ),
        Column(
            "themes",
            "主题",
            _("Life events or company stages of the catalog item."),
            CHOICES,
            Theme,
            in_content=False,
        ),
        Column("name", "事项名称", _("Name of the item."), required=True, width=30),
        Column("item_type", "事项类型", _("Type of the item."), CHOICE, ItemType, required=True),
        Column(
            "service_objects",
            "服务对象",
            _("Who may apply."),
            CHOICES,
            ServiceObject,
            required=True,
        ),
        Column(
            "legal_basis",
            "设定依据",
            _("Laws and regulations that set up the item."),
            required=True,
            width=40,
        ),
        Column("conditions", "受理条件", _("Conditions for acceptance."), width=40),
        Column(
            "statutory_limit.value",
            "法定办结时限",
            _("Statutory time limit."),
            INT,
            required=True,
        ),
        Column(
            "statutory_limit.unit",
            "法定时限单位",
            _("Unit of the statutory limit."),
            CHOICE,
            LimitUnit,
        ),
        Column("statutory_limit.note", "法定时限说明", _("Note on the statutory limit.")),
        Column(
            "promised_limit.value",
            "承诺办结时限",
            _("Promised time limit (0 for an item done on the spot)."),
            INT,
            required=True,
        ),
        Column(
            "promised_limit.unit",
            "承诺时限单位",
            _("Unit of the promised limit."),
            CHOICE,
            LimitUnit,
        ),
        Column("promised_limit.note", "承诺时限说明", _("Note on the promised limit.")),
        Column(
            "case_type",
            "办件类型",
            _("Done on the spot or within the promised limit."),
            CHOICE,
            CaseType,
        ),
        Column("visits", "到现场次数", _("Visits to a service place required (0 to 10)."), INT),
        Column(
            "special_procedures",
            "特别程序",
            _("Special procedures the item may need."),
            CHOICES,
            SpecialProcedure,
        ),
        Column(
            "allows_commitment",
            "告知承诺",
            _("Whether the item accepts a written commitment."),
            BOOL,
        ),
        Column("result_type", "结果类型", _("Kind of result."), CHOICE, ResultType),
        Column("result_name", "结果名称", _("Name of the licence or document issued."), width=24),
        Column("handling_forms", "办理形式", _("Ways to apply."), CHOICES, HandlingForm),
        Column(
            "tongban_scope",
            "通办范围",
            _("Where else the item can be applied for."),
            CHOICE,
            TongbanScope,
        ),
        Column(
            "joint_departments",
            "联办机构",
            _("Departments handling the item jointly."),
            LIST,
            width=24,
        ),
        Column(
            "online_depth",
            "网办深度",
            _("How far the item can be done online."),
            CHOICE,
            OnlineDepth,
        ),
        Column("appointment", "支持预约", _("Whether an appointment can be booked."), BOOL),
        Column("online_payment", "网上支付", _("Whether fees can be paid online."), BOOL),
        Column("express", "物流快递", _("Whether results can be sent by post."), BOOL),
        Column("kiosk", "自助终端", _("Whether a self-service kiosk handles the item."), BOOL),
        Column("place", "办理地点", _("Where to apply."), width=30),
        Column("hours", "办理时间", _("Opening hours."), width=24),
        Column("consult_phone", "咨询电话", _("Phone number for questions.")),
        Column("complaint_phone", "监督投诉电话", _("Phone number for complaints.")),
    ),
)

QUESTIONS = Sheet(
    "questions",
    "情形",
    _(
        "Situation questions: one row per answer. Rows with the same question code form one "
        "question; the answers' codes select materials."
    ),
    (
        *KEY,
        Column(
            "code",
            "情形问题编码",
            _("Code of the question, unique within the entry."),
            required=True,
        ),
        Column(
            "text", "情形问题", _("The question asked of the applicant."), required=True, width=30
        ),
        Column(
            "option_code",
            "选项编码",
            _("Code of the answer, unique within the entry (named by materials)."),
            required=True,
        ),
        Column(
            "option_label",
            "选项",
            _("The answer as the applicant reads it."),
            required=True,
            width=30,
        ),
    ),
)

MATERIALS = Sheet(
    "materials",
    "材料",
    _("Materials to submit: one row per material."),
    (
        *KEY,
        Column("name", "材料名称", _("Name of the material."), required=True, width=30),
        Column("kind", "材料类型", _("Original or copy."), CHOICE, MaterialKind),
        Column(
            "form",
            "材料形式",
            _("Paper, electronic or fetched by the system."),
            CHOICE,
            MaterialForm,
        ),
        Column("necessity", "必要性", _("Required, optional or deferrable."), CHOICE, Necessity),
        Column("source", "来源渠道", _("Who provides the material."), CHOICE, MaterialSource),
        Column("issuer", "出具单位", _("Department that issues the material.")),
        Column("copies", "份数", _("Number of copies (0 to 20)."), INT),
        Column("paper_size", "纸张规格", _("Paper size (A4 unless stated).")),
        Column("basis", "材料依据", _("Legal basis for requiring the material."), width=30),
        Column("standard", "受理标准", _("What the window checks."), width=30),
        Column("notes", "填报须知", _("Notes for filling in."), width=30),
        Column("blank_form", "空白表格", _("Blank form (file name or address).")),
        Column("sample", "示例样表", _("Filled-in sample (file name or address).")),
        Column(
            "situations",
            "适用情形",
            _("Codes of the situation answers that require the material; blank: everyone."),
            LIST,
        ),
    ),
)

FEES = Sheet(
    "fees",
    "收费",
    _("Fees: one row per fee; no rows if the item is free."),
    (
        *KEY,
        Column("name", "收费项目", _("Name of the fee."), required=True, width=24),
        Column("standard", "收费标准", _("Amount or rate."), required=True, width=24),
        Column("basis", "收费依据", _("Legal basis of the fee."), width=30),
        Column("waivable", "可减免", _("Whether the fee may be reduced or waived."), BOOL),
    ),
)

STEPS = Sheet(
    "steps",
    "环节",
    _("Process steps in order: one row per step."),
    (
        *KEY,
        Column("name", "环节名称", _("Name of the step."), required=True),
        Column(
            "handler",
            "办理人员",
            _("Post or office that handles the step."),
            required=True,
            width=24,
        ),
        Column(
            "limit",
            "环节时限",
            _("Time limit of the step, in the unit of the promised limit."),
            INT,
        ),
        Column("criteria", "审查标准", _("What the step checks."), width=30),
    ),
)

FAQ = Sheet(
    "faq",
    "常见问题",
    _("Frequently asked questions: one row per question."),
    (
        *KEY,
        Column("question", "问题", _("The question."), required=True, width=30),
        Column("answer", "解答", _("The answer."), required=True, width=40),
    ),
)

SHEETS = (ENTRIES, QUESTIONS, MATERIALS, FEES, STEPS, FAQ)
CHILD_SHEETS = SHEETS[1:]
_SHEET_BY_KEY = {s.key: s for s in SHEETS}


# --- reading the catalog --------------------------------------------------------------------------


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


# --- writing --------------------------------------------------------------------------------------


def export_workbook(entries: Iterable[Entry]) -> bytes:
    """The list of ``entries`` (their latest published versions) as an xlsx workbook."""
    return _write(_list_entries(entries))


def template_workbook() -> bytes:
    """Empty sheets with their headers, the 说明 sheet, and one example entry to copy."""
    return _write([_example()])


def _get(data: dict, key: str) -> Any:
    for part in key.split("."):
        data = (data or {}).get(part) if isinstance(data, dict) else None
    return data


def _records(sheet: Sheet, entries: list[ListEntry]) -> Iterator[dict[str, Any]]:
    """The rows of ``sheet`` as dicts keyed by column key."""
    for entry in entries:
        key = {"basic_code": entry.basic_code, "department": entry.department}
        if sheet is ENTRIES:
            record = {
                **key,
                "code": entry.code,
                "region": entry.region,
                "category": entry.category,
                "themes": entry.themes,
            }
            yield {
                c.key: record.get(c.key) if not c.in_content else _get(entry.content, c.key)
                for c in sheet.columns
            }
        elif sheet is QUESTIONS:
            for q in entry.content.get("questions") or []:
                for o in q.get("options") or []:
                    yield {
                        **key,
                        "code": q.get("code"),
                        "text": q.get("text"),
                        "option_code": o.get("code"),
                        "option_label": o.get("label"),
                    }
        else:
            for item in entry.content.get(sheet.key) or []:
                yield {**key, **item}


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
                values = [YES, NO] if column.kind == BOOL else [str(v) for v in column.choices]
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
    if column.kind in (CHOICE, CHOICES):
        values = "、".join(f"{value}（{label}）" for value, label in column.choices.choices)
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
    ]
    return [str(rule) for rule in rules]


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


# --- reading --------------------------------------------------------------------------------------


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
    labels = "、".join(f"{v}（{label}）" for v, label in choices.choices)
    # Same message as the content schema's, so it is translated once.
    return _("“%(value)s” is not one of: %(choices)s.") % {"value": value, "choices": labels}


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
        header = column.header if isinstance(column, Column) else (column or "")
        self.problems.append(SheetProblem(sheet.name, row, header, str(message)))

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
        if column.kind == CHOICE:
            text = _pad(text, column.choices)
            value = self.lookups[column.choices].get(text.lower(), text)
            if not column.in_content and text and value not in column.choices.values:
                self.add(sheet, row, column, _one_of(text, column.choices))
            return value
        if column.kind in (CHOICES, LIST):
            parts = [p.strip() for p in _SEPARATORS.split(text) if p.strip()]
            if column.kind == LIST:
                return parts
            values = [self.lookups[column.choices].get(p.lower(), p) for p in parts]
            bad = [p for p in values if p not in column.choices.values]
            if not column.in_content and bad:
                self.add(sheet, row, column, _one_of("、".join(bad), column.choices))
            return values
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
            key = (values.get("basic_code", ""), values.get("department", ""))
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
            for limit in ("statutory_limit", "promised_limit"):
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
                key = (values["basic_code"], values["department"])
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
        if path in ("statutory_limit", "promised_limit"):
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


def entry_problem(entry: ListEntry, column_key: str, message: Any) -> SheetProblem:
    """A problem found later (by the import service) on an entry's row of 事项."""
    return SheetProblem(ENTRIES.name, entry.row, ENTRIES.column(column_key).header, str(message))


def sort_problems(problems: Iterable[SheetProblem]) -> list[SheetProblem]:
    order = {s.name: i for i, s in enumerate(SHEETS)}
    columns = {(s.name, c.header): i for s in SHEETS for i, c in enumerate(s.columns)}

    def key(p: SheetProblem) -> tuple:
        return (order.get(p.sheet, -1), p.row or 0, columns.get((p.sheet, p.column), 999))

    return sorted(problems, key=key)
