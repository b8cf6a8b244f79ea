"""The guide (办事指南) of an implementation entry version, declared once as typed records.

A published version stores its guide as one JSON document (``EntryVersion.content``), so a version
is a complete, immutable snapshot (a case filed under it can always show it) and two versions diff
field by field. This module is the single declaration of that document: ``Guide`` and the records
it holds (``Limit``, ``Question``/``Option``, ``Material``, ``Fee``, ``Step``, ``Faq``) are frozen
dataclasses whose fields carry their facts as metadata (``Spec``): the translated label, the kind of
value, its choices, its limits, the xlsx column header and help. Everything else is derived from it:

* validation and normalisation of raw input (a form, an xlsx row set, the demo data):
  ``clean_guide`` / ``clean_content``, reporting every problem with its path;
* reading a stored document: ``Guide.from_content`` (tolerant, no validation: a published version
  is never re-judged by today's rules) and writing one: ``Guide.to_content``;
* the workbook's columns (``xlsx.columns``), the version diff (``diff``), the display
  (``guide``).

Code reads a guide through attributes (``version.guide.materials[0].name``), never string keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import Field, dataclass, field, fields
from typing import Any, NamedTuple, Self, cast

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
    TongbanScope,
    choice_labels,
)
from onewindow.catalog.limits import promise_overrun

CODE_RE = re.compile(r"^[0-9A-Z]{1,12}$")
_SEPARATORS = re.compile(r"[,，、;；\s]+")

# Kinds of value (also the kinds of xlsx cell).
TEXT, INT, BOOL, CHOICE, CHOICES, LIST = "text", "int", "bool", "choice", "choices", "list"
RECORD, RECORDS = "record", "records"  # one nested record (a time limit) / a list of records


# --- the declaration's vocabulary ----------------------------------------------------------------


class Part(NamedTuple):
    """The xlsx column of one part of a nested record (the value, unit or note of a time limit)."""

    header: str
    help: Promise
    required: bool = False


@dataclass(frozen=True)
class Spec:
    """What the schema knows about one field, beyond its Python type and default."""

    kind: str
    label: Promise | None = None  # translated; the diff and the display name the field by it
    # Validation. ``required``: a text must be given, a list must have an item (``too_few`` says
    # so), a nested record must be present; the workbook marks the column required either way.
    required: bool = False
    choices: type[Choices] | None = None
    max_len: int = 2000
    maximum: int = 10_000
    min_items: int = 0
    too_few: Promise | None = None
    invalid: Promise | None = None  # a nested record given as something else than a mapping
    record: Any = None  # RECORD / RECORDS: the record class (a ``Record``)
    key: str = ""  # RECORDS: the field naming a row, so the diff matches rows by it
    # The workbook. A scalar is a column of the entry's row (``header``, ``help``); a nested
    # record spreads over one column per part (``parts``); a list of records is a sheet.
    header: str = ""
    help: Promise | None = None
    width: int = 16
    parts: tuple[tuple[str, Part], ...] = ()
    sheet: str = ""


SPEC = "spec"


def _choices_of(spec: Spec) -> type[Choices]:
    """The choices of a CHOICE/CHOICES field (``choice()`` and ``choices()`` always set them)."""
    if spec.choices is None:  # a programming error in the schema
        raise TypeError(f"a {spec.kind} field declares no choices")
    return spec.choices


def _field(kind: str, default: Any, **spec: Any) -> Any:
    return field(default=default, metadata={SPEC: Spec(kind, **spec)})


def text(*, default: str = "", **spec: Any) -> Any:
    return _field(TEXT, default, **spec)


def integer(*, default: int | None, **spec: Any) -> Any:
    """A whole number from 0 to ``maximum``; required when it has no default."""
    return _field(INT, default, **spec)


def boolean(**spec: Any) -> Any:
    return _field(BOOL, False, **spec)


def choice(choices: type[Choices], default: Choices, **spec: Any) -> Any:
    """One stored code of ``choices``; a blank takes ``default``."""
    return _field(CHOICE, default.value, choices=choices, **spec)


def choices(choices: type[Choices], **spec: Any) -> Any:
    return _field(CHOICES, (), choices=choices, **spec)


def strings(**spec: Any) -> Any:
    """Free strings, several to a cell in the workbook."""
    return _field(LIST, (), **spec)


def nested(cls: type, **spec: Any) -> Any:
    return _field(RECORD, None, record=cls, **spec)


def records(cls: type, **spec: Any) -> Any:
    return _field(RECORDS, (), record=cls, **spec)


def spec_of(f: Field) -> Spec:
    return cast(Spec, f.metadata[SPEC])


def specs(cls: type) -> Iterator[tuple[str, Spec]]:
    """(name, spec) of every field of a record class, in the order of the document."""
    for f in fields(cls):
        yield f.name, spec_of(f)


class Record:
    """A part of the guide: read from and written to its JSON form by its declared fields."""

    @classmethod
    def from_content(cls, data: Mapping[str, Any] | None) -> Self:
        """The record stored as ``data``, as it is: no validation, a missing element takes its
        default (a published version is never judged again by today's rules)."""
        data = data or {}
        values: dict[str, Any] = {}
        for f in fields(cast(Any, cls)):
            if f.name not in data:
                continue
            spec, value = spec_of(f), data[f.name]
            if spec.kind == RECORD:
                value = spec.record.from_content(value) if value else None
            elif spec.kind == RECORDS:
                value = tuple(spec.record.from_content(v) for v in value or ())
            elif spec.kind in (CHOICES, LIST):
                value = tuple(value or ())
            values[f.name] = value
        return cast(Any, cls)(**values)

    def to_content(self) -> dict[str, Any]:
        """The JSON form, exactly as stored (keys in the order of the declaration)."""
        content: dict[str, Any] = {}
        for f in fields(cast(Any, self)):
            spec, value = spec_of(f), getattr(self, f.name)
            if spec.kind == RECORD:
                value = None if value is None else value.to_content()
            elif spec.kind == RECORDS:
                value = [v.to_content() for v in value]
            elif spec.kind in (CHOICES, LIST):
                value = list(value)
            content[f.name] = value
        return content


# --- the guide -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limit(Record):
    """A time limit; its value counts in ``unit``."""

    value: int | None = integer(default=None, maximum=3650)
    unit: str = choice(LimitUnit, LimitUnit.WORKING_DAYS)
    note: str = text(max_len=500)


@dataclass(frozen=True)
class Option(Record):
    """One answer of a situation question; its code selects materials."""

    code: str = text(
        required=True,
        max_len=32,
        header="选项编码",
        help=_("Code of the answer, unique within the entry (named by materials)."),
    )
    label: str = text(
        required=True,
        max_len=200,
        header="选项",
        help=_("The answer as the applicant reads it."),
        width=30,
    )


@dataclass(frozen=True)
class Question(Record):
    """A situation question (情形) whose answers select the materials."""

    code: str = text(
        required=True,
        max_len=32,
        header="情形问题编码",
        help=_("Code of the question, unique within the entry."),
    )
    text: str = text(
        required=True,
        max_len=200,
        header="情形问题",
        help=_("The question asked of the applicant."),
        width=30,
    )
    options: tuple[Option, ...] = records(
        Option, min_items=2, too_few=_("A situation question needs at least two answers.")
    )


@dataclass(frozen=True)
class Material(Record):
    name: str = text(
        required=True, max_len=200, header="材料名称", help=_("Name of the material."), width=30
    )
    kind: str = choice(
        MaterialKind, MaterialKind.ORIGINAL, header="材料类型", help=_("Original or copy.")
    )
    form: str = choice(
        MaterialForm,
        MaterialForm.PAPER,
        header="材料形式",
        help=_("Paper, electronic or fetched by the system."),
    )
    necessity: str = choice(
        Necessity,
        Necessity.REQUIRED,
        header="必要性",
        help=_("Required, optional or deferrable."),
    )
    source: str = choice(
        MaterialSource,
        MaterialSource.APPLICANT,
        header="来源渠道",
        help=_("Who provides the material."),
    )
    issuer: str = text(
        max_len=200, header="出具单位", help=_("Department that issues the material.")
    )
    copies: int | None = integer(
        default=1, maximum=20, header="份数", help=_("Number of copies (0 to 20).")
    )
    # A blank paper size is A4.
    paper_size: str = text(
        default="A4", max_len=16, header="纸张规格", help=_("Paper size (A4 unless stated).")
    )
    basis: str = text(
        max_len=1000,
        header="材料依据",
        help=_("Legal basis for requiring the material."),
        width=30,
    )
    standard: str = text(
        max_len=1000, header="受理标准", help=_("What the window checks."), width=30
    )
    notes: str = text(max_len=1000, header="填报须知", help=_("Notes for filling in."), width=30)
    blank_form: str = text(
        max_len=300, header="空白表格", help=_("Blank form (file name or address).")
    )
    sample: str = text(
        max_len=300, header="示例样表", help=_("Filled-in sample (file name or address).")
    )
    situations: tuple[str, ...] = strings(
        header="适用情形",
        help=_("Codes of the situation answers that require the material; blank: everyone."),
    )


@dataclass(frozen=True)
class Fee(Record):
    name: str = text(
        required=True, max_len=200, header="收费项目", help=_("Name of the fee."), width=24
    )
    standard: str = text(
        required=True, max_len=500, header="收费标准", help=_("Amount or rate."), width=24
    )
    basis: str = text(max_len=1000, header="收费依据", help=_("Legal basis of the fee."), width=30)
    waivable: bool = boolean(header="可减免", help=_("Whether the fee may be reduced or waived."))


@dataclass(frozen=True)
class Step(Record):
    name: str = text(required=True, max_len=100, header="环节名称", help=_("Name of the step."))
    handler: str = text(
        required=True,
        max_len=100,
        header="办理人员",
        help=_("Post or office that handles the step."),
        width=24,
    )
    # In the unit of the promised limit, and all together within it (see ``_check_limits``).
    limit: int | None = integer(
        default=0,
        maximum=3650,
        header="环节时限",
        help=_("Time limit of the step, in the unit of the promised limit."),
    )
    criteria: str = text(max_len=1000, header="审查标准", help=_("What the step checks."), width=30)


@dataclass(frozen=True)
class Faq(Record):
    question: str = text(
        required=True, max_len=300, header="问题", help=_("The question."), width=30
    )
    answer: str = text(required=True, max_len=2000, header="解答", help=_("The answer."), width=40)


@dataclass(frozen=True)
class Guide(Record):
    """The whole guide; the order of the fields is the order of the document and of its diff."""

    name: str = text(
        required=True,
        max_len=200,
        label=_("Name"),
        header="事项名称",
        help=_("Name of the item."),
        width=30,
    )
    item_type: str = choice(
        ItemType,
        ItemType.LICENSING,
        label=_("Item type"),
        header="事项类型",
        help=_("Type of the item."),
        required=True,
    )
    service_objects: tuple[str, ...] = choices(
        ServiceObject,
        label=_("Service objects"),
        header="服务对象",
        help=_("Who may apply."),
        required=True,
        too_few=_("Name at least one kind of applicant."),
    )
    legal_basis: str = text(
        required=True,
        max_len=4000,
        label=_("Legal basis"),
        header="设定依据",
        help=_("Laws and regulations that set up the item."),
        width=40,
    )
    conditions: str = text(
        max_len=4000,
        label=_("Acceptance conditions"),
        header="受理条件",
        help=_("Conditions for acceptance."),
        width=40,
    )
    # ``nested`` returns a ``dataclasses.field`` whose default is None (RUF009 cannot know).
    statutory_limit: Limit | None = nested(  # noqa: RUF009
        Limit,
        required=True,
        label=_("Statutory limit"),
        invalid=_("A time limit has a value and a unit."),
        parts=(
            ("value", Part("法定办结时限", _("Statutory time limit."), required=True)),
            ("unit", Part("法定时限单位", _("Unit of the statutory limit."))),
            ("note", Part("法定时限说明", _("Note on the statutory limit."))),
        ),
    )
    promised_limit: Limit | None = nested(  # noqa: RUF009
        Limit,
        required=True,
        label=_("Promised limit"),
        invalid=_("A time limit has a value and a unit."),
        parts=(
            (
                "value",
                Part(
                    "承诺办结时限",
                    _("Promised time limit (0 for an item done on the spot)."),
                    required=True,
                ),
            ),
            ("unit", Part("承诺时限单位", _("Unit of the promised limit."))),
            ("note", Part("承诺时限说明", _("Note on the promised limit."))),
        ),
    )
    case_type: str = choice(
        CaseType,
        CaseType.PROMISED,
        label=_("Case type"),
        header="办件类型",
        help=_("Done on the spot or within the promised limit."),
    )
    visits: int | None = integer(
        default=1,
        maximum=10,
        label=_("Visits required"),
        header="到现场次数",
        help=_("Visits to a service place required (0 to 10)."),
    )
    special_procedures: tuple[str, ...] = choices(
        SpecialProcedure,
        label=_("Special procedures"),
        header="特别程序",
        help=_("Special procedures the item may need."),
    )
    allows_commitment: bool = boolean(
        label=_("Approval on commitment"),
        header="告知承诺",
        help=_("Whether the item accepts a written commitment."),
    )
    result_type: str = choice(
        ResultType,
        ResultType.APPROVAL,
        label=_("Result type"),
        header="结果类型",
        help=_("Kind of result."),
    )
    result_name: str = text(
        max_len=200,
        label=_("Result"),
        header="结果名称",
        help=_("Name of the licence or document issued."),
        width=24,
    )
    handling_forms: tuple[str, ...] = choices(
        HandlingForm, label=_("Ways to apply"), header="办理形式", help=_("Ways to apply.")
    )
    tongban_scope: str = choice(
        TongbanScope,
        TongbanScope.NONE,
        label=_("Where it can be applied for"),
        header="通办范围",
        help=_("Where else the item can be applied for."),
    )
    joint_departments: tuple[str, ...] = strings(
        label=_("Joint departments"),
        header="联办机构",
        help=_("Departments handling the item jointly."),
        width=24,
    )
    online_depth: int = choice(
        OnlineDepth,
        OnlineDepth.ACCEPTANCE,
        label=_("Online depth"),
        header="网办深度",
        help=_("How far the item can be done online."),
    )
    appointment: bool = boolean(
        label=_("Appointment"),
        header="支持预约",
        help=_("Whether an appointment can be booked."),
    )
    online_payment: bool = boolean(
        label=_("Online payment"),
        header="网上支付",
        help=_("Whether fees can be paid online."),
    )
    express: bool = boolean(
        label=_("Express delivery"),
        header="物流快递",
        help=_("Whether results can be sent by post."),
    )
    kiosk: bool = boolean(
        label=_("Self-service kiosk"),
        header="自助终端",
        help=_("Whether a self-service kiosk handles the item."),
    )
    place: str = text(
        max_len=300, label=_("Place"), header="办理地点", help=_("Where to apply."), width=30
    )
    hours: str = text(
        max_len=300, label=_("Hours"), header="办理时间", help=_("Opening hours."), width=24
    )
    consult_phone: str = text(
        max_len=64,
        label=_("Consultation phone"),
        header="咨询电话",
        help=_("Phone number for questions."),
    )
    complaint_phone: str = text(
        max_len=64,
        label=_("Complaint phone"),
        header="监督投诉电话",
        help=_("Phone number for complaints."),
    )
    questions: tuple[Question, ...] = records(
        Question,
        label=_("Situations"),
        key="code",
        sheet="情形",
        help=_(
            "Situation questions: one row per answer. Rows with the same question code form one "
            "question; the answers' codes select materials."
        ),
    )
    materials: tuple[Material, ...] = records(
        Material,
        label=_("Materials"),
        key="name",
        min_items=1,
        too_few=_("A guide lists at least one material."),
        sheet="材料",
        help=_("Materials to submit: one row per material."),
    )
    fees: tuple[Fee, ...] = records(
        Fee,
        label=_("Fees"),
        key="name",
        sheet="收费",
        help=_("Fees: one row per fee; no rows if the item is free."),
    )
    steps: tuple[Step, ...] = records(
        Step,
        label=_("Steps"),
        key="name",
        min_items=1,
        too_few=_("A guide has at least one step."),
        sheet="环节",
        help=_("Process steps in order: one row per step."),
    )
    faq: tuple[Faq, ...] = records(
        Faq,
        label=_("FAQ"),
        key="question",
        sheet="常见问题",
        help=_("Frequently asked questions: one row per question."),
    )

    def checklist(self, answers: set[str]) -> list[Material]:
        """The materials required for the chosen situation answers (a material without
        situations applies to everyone)."""
        return [m for m in self.materials if not m.situations or set(m.situations) & answers]

    @property
    def promised_days(self) -> int:
        """The promised limit's value, 0 when the guide has none."""
        return (self.promised_limit.value if self.promised_limit else None) or 0

    @property
    def promised_unit(self) -> str:
        unit = self.promised_limit.unit if self.promised_limit else ""
        return unit or LimitUnit.WORKING_DAYS.value


# --- validation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, at a path such as ``materials[2].name``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ContentError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class _Checker:
    """Normalises one value of each kind, collecting every problem with its path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: object) -> None:
        self.problems.append(Problem(path, str(message)))

    def text(
        self, data: Mapping, key: str, path: str, *, required: bool = False, max_len: int = 2000
    ) -> str:
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            value = str(value)
        value = value.strip()
        if required and not value:
            self.add(path + key, _("This element is required."))
        elif len(value) > max_len:
            self.add(path + key, _("At most %(n)d characters.") % {"n": max_len})
        return value

    def choice(
        self, data: Mapping, key: str, path: str, choices: type[Choices], default: Any
    ) -> Any:
        value = data.get(key, default)
        if value in (None, "") and default is not None:
            value = default
        valid = {str(v) for v in choices.values}
        if str(value) not in valid:
            labels = choice_labels(choices)
            self.add(
                path + key,
                _("“%(value)s” is not one of: %(choices)s.") % {"value": value, "choices": labels},
            )
            return default
        return type(choices.values[0])(value) if isinstance(choices.values[0], int) else str(value)

    def choices(self, data: Mapping, key: str, path: str, choices: type[Choices]) -> list:
        values = data.get(key) or []
        if isinstance(values, str):
            values = [v for v in _SEPARATORS.split(values) if v]
        result = []
        valid = {str(v) for v in choices.values}
        for value in values:
            if str(value) not in valid:
                self.add(
                    path + key,
                    _("“%(value)s” is not one of: %(choices)s.")
                    % {"value": value, "choices": "、".join(str(v) for v in choices.values)},
                )
            elif str(value) not in result:
                result.append(str(value))
        return result

    def integer(
        self, data: Mapping, key: str, path: str, *, maximum: int, default: int | None
    ) -> int | None:
        value = data.get(key, default)
        if value in (None, ""):
            if default is None:
                self.add(path + key, _("This element is required."))
            return default
        try:
            number = int(str(value).strip())
        except ValueError:
            self.add(path + key, _("“%(value)s” is not a whole number.") % {"value": value})
            return default
        if not 0 <= number <= maximum:
            self.add(path + key, _("Must be between %(lo)d and %(hi)d.") % {"lo": 0, "hi": maximum})
            return default
        return number

    def boolean(self, data: Mapping, key: str) -> bool:
        value = data.get(key, False)
        if isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "y", "是", "√", "✓"}
        return bool(value)

    def strings(self, data: Mapping, key: str) -> list[str]:
        values = data.get(key)
        if isinstance(values, str):
            return [v for v in _SEPARATORS.split(values) if v]
        return [str(v).strip() for v in values or [] if str(v).strip()]

    def value(self, data: Mapping, key: str, path: str, spec: Spec, default: Any) -> Any:
        """One field of a record, checked and normalised as its spec declares."""
        if spec.kind == TEXT:
            return self.text(data, key, path, required=spec.required, max_len=spec.max_len) or (
                default
            )
        if spec.kind == INT:
            return self.integer(data, key, path, maximum=spec.maximum, default=default)
        if spec.kind == BOOL:
            return self.boolean(data, key)
        if spec.kind == CHOICE:
            return self.choice(data, key, path, _choices_of(spec), default)
        if spec.kind == CHOICES:
            values = self.choices(data, key, path, _choices_of(spec))
            if spec.required and not values:
                self.add(path + key, spec.too_few)
            return tuple(values)
        if spec.kind == LIST:
            return tuple(self.strings(data, key))
        if spec.kind == RECORD:
            raw = data.get(key)
            if raw in (None, "", {}):
                if spec.required:
                    self.add(path + key, _("This element is required."))
                return None
            if not isinstance(raw, Mapping):
                self.add(path + key, spec.invalid)
                return None
            return self.record(spec.record, raw, f"{path}{key}.")
        # RECORDS
        items = data.get(key) or []
        rows = tuple(
            self.record(
                spec.record, item if isinstance(item, Mapping) else {}, f"{path}{key}[{i}]."
            )
            for i, item in enumerate(items)
        )
        if len(rows) < spec.min_items:
            self.add(path + key, spec.too_few)
        return rows

    def record(self, cls: type[Record], data: Mapping, path: str) -> Any:
        return cast(Any, cls)(
            **{
                f.name: self.value(data, f.name, path, spec_of(f), f.default)
                for f in fields(cast(Any, cls))
            }
        )


def clean_guide(raw: Any) -> Guide:
    """Validate and normalise a guide. Raises ``ContentError`` listing every problem found."""
    if not isinstance(raw, Mapping):
        raise ContentError([Problem("", str(_("The guide must be a set of named elements.")))])
    c = _Checker()
    guide = cast(Guide, c.record(Guide, raw, ""))
    _check_situations(c, guide)
    _check_limits(c, guide)
    if c.problems:
        raise ContentError(c.problems)
    return guide


def clean_content(raw: Any) -> dict[str, Any]:
    """``clean_guide`` in its stored JSON form: what a version's ``content`` is written from."""
    return clean_guide(raw).to_content()


def _check_situations(c: _Checker, guide: Guide) -> None:
    # An answer's code is named by materials, so it is unique across every question.
    option_codes: set[str] = set()
    for i, question in enumerate(guide.questions):
        for j, option in enumerate(question.options):
            if option.code in option_codes:
                c.add(
                    f"questions[{i}].options[{j}].code",
                    _("The situation code “%(code)s” is used twice.") % {"code": option.code},
                )
            option_codes.add(option.code)
    for i, material in enumerate(guide.materials):
        for code in material.situations:
            if code not in option_codes:
                c.add(
                    f"materials[{i}].situations",
                    _("No situation answer has the code “%(code)s”.") % {"code": code},
                )


def _check_limits(c: _Checker, guide: Guide) -> None:
    # The promise may not exceed the law, in any unit (limits.py states the rule).
    statutory, promised = guide.statutory_limit, guide.promised_limit
    if statutory and promised and statutory.value and promised.value:
        overrun = promise_overrun(promised.value, promised.unit, statutory.value, statutory.unit)
        if overrun is not None:
            c.add(
                "promised_limit",
                _(
                    "The promised limit (%(p)s %(pu)s) can end after the statutory limit "
                    "(%(s)s %(su)s): accepted on %(day)s, the promise would end on %(pend)s and "
                    "the statutory period on %(send)s. Shorten the promise."
                )
                % {
                    "p": promised.value,
                    "pu": LimitUnit(promised.unit).label,
                    "s": statutory.value,
                    "su": LimitUnit(statutory.unit).label,
                    "day": overrun.accepted.isoformat(),
                    "pend": overrun.promised_end.isoformat(),
                    "send": overrun.statutory_end.isoformat(),
                },
            )
    promised_days = guide.promised_days
    if guide.case_type == CaseType.IMMEDIATE and promised_days > 0:
        c.add("promised_limit", _("An item done on the spot has a promised limit of 0 days."))
    # Step limits are in the unit of the promised limit and must fit inside it.
    step_total = sum(s.limit or 0 for s in guide.steps)
    if promised_days and step_total > promised_days:
        c.add(
            "steps",
            _("The step limits add up to %(n)d days, more than the promised limit.")
            % {"n": step_total},
        )


def validate_basic_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not CODE_RE.match(code) or len(code) != 12:
        raise ContentError(
            [Problem("basic_code", str(_("A basic code has 12 digits or capital letters.")))]
        )
    return code
