"""The one column table: every sheet of the workbook and every column of each.

The guide's columns and sheets are derived from the guide's declaration (``catalog.schema``: each
field's header, help, kind, choices and width); only the columns that describe the entry and its
catalog item are declared here. The export, the template, the 说明 sheet and the parse all read
these definitions, so an element added to the guide appears everywhere at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from django.db.models import Choices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from onewindow.catalog.choices import Theme

# The kinds of cell are the schema's kinds of value (re-exported for the readers and writers).
from onewindow.catalog.schema import BOOL as BOOL
from onewindow.catalog.schema import (
    CHOICE,
    CHOICES,
    RECORD,
    RECORDS,
    Guide,
    Option,
    Question,
    Spec,
    specs,
)
from onewindow.catalog.schema import INT as INT
from onewindow.catalog.schema import LIST as LIST
from onewindow.catalog.schema import TEXT as TEXT
from onewindow.organisations.choices import BusinessCategory

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC_SHEET = "说明"
YES, NO = "是", "否"


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


def _column(key: str, spec: Spec) -> Column:
    return Column(
        key,
        spec.header,
        cast(Promise, spec.help),
        spec.kind,
        spec.choices,
        required=spec.required,
        width=spec.width,
    )


def _guide_columns() -> Iterator[Column]:
    """The entry row's columns of the guide: every element but the lists (those are sheets)."""
    for name, spec in specs(Guide):
        if spec.kind == RECORDS:
            continue
        if spec.kind == RECORD:
            # A time limit spreads over one column per part: ``statutory_limit.value`` …
            parts = dict(specs(spec.record))
            for part, column in spec.parts:
                yield Column(
                    f"{name}.{part}",
                    column.header,
                    column.help,
                    parts[part].kind,
                    parts[part].choices,
                    required=column.required,
                    width=parts[part].width,
                )
            continue
        yield _column(name, spec)


def _record_columns(cls: type, prefix: str = "") -> Iterator[Column]:
    for name, spec in specs(cls):
        if spec.kind != RECORDS:
            yield _column(prefix + name, spec)


def _sheet(name: str) -> Sheet:
    spec = dict(specs(Guide))[name]
    record = cast(type, spec.record)
    columns = tuple(_record_columns(record))
    if record is Question:
        # One row per answer: the question's columns, then its answer's (``option_code`` …).
        columns += tuple(_record_columns(Option, prefix="option_"))
    return Sheet(name, spec.sheet, cast(Promise, spec.help), (*KEY, *columns))


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
        *_guide_columns(),
    ),
)

QUESTIONS = _sheet("questions")
MATERIALS = _sheet("materials")
FEES = _sheet("fees")
STEPS = _sheet("steps")
FAQ = _sheet("faq")

SHEETS = (ENTRIES, QUESTIONS, MATERIALS, FEES, STEPS, FAQ)
CHILD_SHEETS = SHEETS[1:]
