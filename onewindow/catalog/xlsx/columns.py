"""The one column table: every sheet of the workbook and every column of each.

The export, the template, the 说明 sheet and the parse all read these definitions, so a column
added here appears everywhere at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Choices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

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
from onewindow.organisations.choices import BusinessCategory

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC_SHEET = "说明"
YES, NO = "是", "否"

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
