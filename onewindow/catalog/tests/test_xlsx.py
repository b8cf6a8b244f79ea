"""Implementation lists as workbooks: round trip, bad files refused whole, permissions, pages.

The county-A catalog manager exports the list of county A (three entries: item A carried out by
departments X and Y, item B by X), edits it in a spreadsheet and imports it again.
"""

from __future__ import annotations

import copy
import datetime
import io
import random
import re
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from onewindow.catalog import services, xlsx
from onewindow.catalog.choices import EntryStatus
from onewindow.catalog.models import CatalogItem, Entry, EntryVersion, ItemTheme
from onewindow.catalog.schema import clean_content
from onewindow.catalog.services_import import ListRejected, catalog_list_import
from onewindow.core.errors import NotPermitted
from onewindow.core.identity_makers import make_uscc
from onewindow.organisations.choices import Role
from onewindow.organisations.factories import AssignmentFactory, StaffFactory, UserFactory

CJK = re.compile(r"[\u4e00-\u9fff]")
ITEM_A, ITEM_B, ITEM_NEW = "000201001000", "000201002000", "000201003000"
PUBLISHED = datetime.date(2026, 1, 1)

# Every element of a guide, none left at its default, so a lost column shows up as a difference.
GUIDE: dict[str, Any] = {
    "name": "食品经营许可（新办）",
    "item_type": "01",
    "service_objects": ["enterprise", "natural_person"],
    "legal_basis": "《中华人民共和国食品安全法》第三十五条",
    "conditions": "有与经营的食品品种、数量相适应的经营场所；\n有食品安全管理人员。",
    "statutory_limit": {"value": 20, "unit": "working", "note": "不含现场核查时间"},
    "promised_limit": {"value": 10, "unit": "calendar", "note": "自受理之日起"},
    "case_type": "2",
    "visits": 1,
    "special_procedures": ["inspection", "expert_review"],
    "allows_commitment": True,
    "result_type": "licence",
    "result_name": "食品经营许可证",
    "handling_forms": ["window", "pc", "express"],
    "tongban_scope": "city",
    "joint_departments": ["榆中县卫生健康局", "榆中县消防救援大队"],
    "online_depth": 5,
    "appointment": True,
    "online_payment": True,
    "express": False,
    "kiosk": True,
    "place": "榆中县政务服务中心一楼 A01",
    "hours": "工作日 8:30-12:00，14:30-18:00",
    "consult_phone": "0931-5221312",
    "complaint_phone": "12345",
    "questions": [
        {
            "code": "who",
            "text": "由谁办理？",
            "options": [
                {"code": "self", "label": "本人办理"},
                {"code": "agent", "label": "委托代理人办理"},
            ],
        },
        {
            "code": "kind",
            "text": "经营类型",
            "options": [
                {"code": "shop", "label": "食品销售"},
                {"code": "catering", "label": "餐饮服务"},
                {"code": "canteen", "label": "单位食堂"},
            ],
        },
    ],
    "materials": [
        {
            "name": "食品经营许可申请书",
            "kind": "original",
            "form": "both",
            "necessity": "1",
            "copies": 2,
            "paper_size": "A3",
            "basis": "《食品经营许可和备案管理办法》第十二条",
            "standard": "填写完整，经营者签字",
            "notes": "=见附件一",  # looks like a formula: must stay text
            "blank_form": "申请书.docx",
            "sample": "申请书示例.pdf",
        },
        {
            "name": "营业执照",
            "kind": "copy",
            "form": "fetched",
            "necessity": "1",
            "source": "20",
            "issuer": "市场监督管理部门",
        },
        {"name": "授权委托书", "necessity": "3", "situations": ["agent"]},
        {"name": "餐饮服务场所平面图", "situations": ["catering", "canteen"]},
    ],
    "fees": [{"name": "工本费", "standard": "10元/本", "basis": "省物价局文件", "waivable": True}],
    "steps": [
        {"name": "受理", "handler": "综合受理窗口", "limit": 0},
        {"name": "审查", "handler": "食品经营许可股", "limit": 5, "criteria": "现场核查"},
        {"name": "决定", "handler": "分管负责人", "limit": 3},
    ],
    "faq": [
        {"question": "可以网上申请吗？", "answer": "可以，通过网上办事大厅申请。"},
        {"question": "许可证有效期多久？", "answer": "五年。"},
    ],
}


def guide(**overrides: Any) -> dict[str, Any]:
    return {**copy.deepcopy(GUIDE), **overrides}


def make_entry(department, basic_code: str, region=None, **overrides: Any) -> Entry:
    item = services.item_ensure(
        basic_code=basic_code,
        name="食品经营许可",
        item_type="01",
        category="enterprise",
        themes=["establishment", "operation"],
    )
    return services.entry_create(
        item=item,
        department=department,
        region=region or department.region,
        content=guide(**overrides),
        effective_date=PUBLISHED,
        actor=None,
    )


@pytest.fixture
def list_manager_a(world):
    """The catalog manager of county A: imports and exports the lists of its departments."""
    staff = StaffFactory(user=UserFactory(username="list_manager_a"))
    AssignmentFactory(staff=staff, role=Role.CATALOG_MANAGER, region=world.county_a)
    return staff.user


@pytest.fixture
def list_manager_b(world):
    staff = StaffFactory(user=UserFactory(username="list_manager_b"))
    AssignmentFactory(staff=staff, role=Role.CATALOG_MANAGER, region=world.county_b)
    return staff.user


@pytest.fixture
def catalog(world):
    """Item A by X and Y, item B by X (county A); item A by Z (county B)."""
    return {
        "a_x": make_entry(world.dept_x, ITEM_A),
        "a_y": make_entry(world.dept_y, ITEM_A, name="食品经营许可（税务协办）"),
        "b_x": make_entry(world.dept_x, ITEM_B, name="食品经营许可（延续）", faq=[]),
        "a_z": make_entry(world.dept_z, ITEM_A),
    }


def run_import(actor, data: bytes, on: datetime.date | None = None):
    return catalog_list_import(actor=actor, data=data, effective_date=on or timezone.localdate())


def snapshot(entries) -> dict[str, tuple]:
    """What an import must reproduce: who carries out which item where, and the guide."""
    return {
        e.code: (
            e.department.uscc,
            e.region.code,
            e.item.basic_code,
            e.item.category,
            sorted(t.theme for t in e.item.themes.all()),
            e.status,
            e.versions.order_by("-number").first().content,
        )
        for e in entries
    }


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (CatalogItem, ItemTheme, Entry, EntryVersion))


def wipe_catalog() -> None:
    Entry.objects.update(current_version=None)
    EntryVersion.objects.all().delete()
    Entry.objects.all().delete()
    CatalogItem.objects.all().delete()


class Book:
    """An exported workbook opened for editing, addressed by sheet name and column header."""

    def __init__(self, data: bytes) -> None:
        self.wb = openpyxl.load_workbook(io.BytesIO(data))
        self.raw: bytes | None = None  # a case may replace the whole file

    def col(self, sheet: str, header: str) -> int:
        headers = [c.value for c in self.wb[sheet][1]]
        return headers.index(header) + 1

    def rows_of(self, sheet: str, basic_code: str, uscc: str) -> list[int]:
        ws = self.wb[sheet]
        code, dept = self.col(sheet, "基本编码"), self.col(sheet, "实施主体统一社会信用代码")
        return [
            r
            for r in range(2, ws.max_row + 1)
            if ws.cell(r, code).value == basic_code and ws.cell(r, dept).value == uscc
        ]

    def row_of(self, sheet: str, basic_code: str, uscc: str) -> int:
        return self.rows_of(sheet, basic_code, uscc)[0]

    def set(self, sheet: str, row: int, header: str, value: Any) -> None:
        self.wb[sheet].cell(row, self.col(sheet, header)).value = value

    def copy_row(self, sheet: str, row: int) -> int:
        ws = self.wb[sheet]
        ws.append([c.value for c in ws[row]])
        return ws.max_row

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.wb.save(buffer)
        return buffer.getvalue()


def county_a_export(manager) -> bytes:
    return xlsx.export_workbook(Entry.objects.visible_to(manager))


def rejection(actor, data: bytes) -> list[xlsx.SheetProblem]:
    before = counts()
    with pytest.raises(ListRejected) as info:
        run_import(actor, data)
    assert counts() == before, "a refused file must change nothing"
    return info.value.problems


# --- the format -----------------------------------------------------------------------------------


def test_every_scalar_element_of_the_guide_has_a_column():
    content = clean_content(GUIDE)
    scalars = {
        k for k, v in content.items() if not (isinstance(v, list) and v and isinstance(v[0], dict))
    }
    scalars -= {"questions", "materials", "fees", "steps", "faq"}
    columns = {c.key.split(".")[0] for c in xlsx.ENTRIES.columns if c.in_content}
    assert scalars == columns
    for sheet in xlsx.CHILD_SHEETS[1:]:
        item_keys = set(content[sheet.key][0]) if content[sheet.key] else set()
        assert item_keys <= {c.key for c in sheet.columns}, sheet.name


def test_template_documents_every_column_and_its_example_is_valid():
    data = xlsx.template_workbook()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["事项", "情形", "材料", "收费", "环节", "常见问题", "说明"]
    documented = {(r[0], r[1], r[2]) for r in wb["说明"].iter_rows(values_only=True)}
    for sheet in xlsx.SHEETS:
        assert [c.value for c in wb[sheet.name][1]] == [c.header for c in sheet.columns]
        for column in sheet.columns:
            assert (sheet.name, column.header, column.key) in documented
    assert wb["事项"].max_row == 2  # one example entry
    parsed = xlsx.parse_workbook(data)
    assert parsed.ok, parsed.problems
    assert len(parsed.entries) == 1


# --- the round trip -------------------------------------------------------------------------------


def test_export_then_import_into_an_empty_catalog_gives_the_same_catalog(catalog, list_manager_a):
    visible = Entry.objects.visible_to(list_manager_a)
    before = snapshot(visible)
    assert len(before) == 3  # county B's entry is not the manager's
    data = county_a_export(list_manager_a)

    wipe_catalog()
    result = run_import(list_manager_a, data)

    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert snapshot(Entry.objects.all()) == before
    assert CatalogItem.objects.count() == 2  # item A is created once for X and Y


def test_importing_an_export_again_changes_nothing(catalog, list_manager_a):
    data = county_a_export(list_manager_a)
    before = counts()

    result = run_import(list_manager_a, data)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert counts() == before


def test_a_changed_cell_publishes_a_new_version_and_only_for_that_entry(
    catalog, list_manager_a, world
):
    book = Book(county_a_export(list_manager_a))
    row = book.row_of("事项", ITEM_A, world.dept_x.uscc)
    book.set("事项", row, "承诺办结时限", 9)
    material = book.rows_of("材料", ITEM_B, world.dept_x.uscc)[1]
    book.set("材料", material, "材料名称", "营业执照副本")
    today = timezone.localdate()

    result = run_import(list_manager_a, book.bytes(), on=today)

    assert (result.created, result.updated, result.unchanged) == (0, 2, 1)
    a_x = Entry.objects.get(pk=catalog["a_x"].pk)
    assert a_x.versions.count() == 2
    assert a_x.current_version.number == 2
    assert a_x.current_version.effective_date == today
    assert a_x.current_version.published_by == list_manager_a
    assert a_x.current_version.content["promised_limit"]["value"] == 9
    assert a_x.promised_days == 9
    b_x = Entry.objects.get(pk=catalog["b_x"].pk)
    assert b_x.current_version.content["materials"][1]["name"] == "营业执照副本"
    assert catalog["a_y"].versions.count() == 1

    # The same file again: everything is now as it says.
    again = run_import(list_manager_a, book.bytes())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_a_future_effective_date_keeps_the_current_version_until_then(
    catalog, list_manager_a, world
):
    book = Book(county_a_export(list_manager_a))
    book.set("事项", book.row_of("事项", ITEM_B, world.dept_x.uscc), "办理时间", "工作日全天")
    later = timezone.localdate() + datetime.timedelta(days=30)

    run_import(list_manager_a, book.bytes(), on=later)
    again = run_import(list_manager_a, book.bytes(), on=later)

    b_x = Entry.objects.get(pk=catalog["b_x"].pk)
    assert b_x.current_version.number == 1
    assert b_x.versions.count() == 2  # the second import compared with the pending version
    assert again.unchanged == 3


def test_a_new_row_creates_an_entry(catalog, list_manager_a, world):
    book = Book(county_a_export(list_manager_a))
    source = book.row_of("事项", ITEM_B, world.dept_x.uscc)
    row = book.copy_row("事项", source)
    book.set("事项", row, "基本编码", ITEM_NEW)
    book.set("事项", row, "实施编码", None)
    book.set("事项", row, "事项名称", "食品小作坊登记")
    for sheet in ("情形", "材料", "环节"):
        for child in book.rows_of(sheet, ITEM_B, world.dept_x.uscc):
            book.set(sheet, book.copy_row(sheet, child), "基本编码", ITEM_NEW)

    result = run_import(list_manager_a, book.bytes())

    assert (result.created, result.updated, result.unchanged) == (1, 0, 3)
    entry = Entry.objects.get(item__basic_code=ITEM_NEW)
    assert entry.code == f"{world.dept_x.uscc}4{ITEM_NEW}"
    assert entry.name == "食品小作坊登记"
    assert entry.current_version.content["faq"] == []
    assert len(entry.current_version.content["materials"]) == 4


def test_codes_and_labels_people_type_are_understood(catalog, list_manager_a, world):
    book = Book(county_a_export(list_manager_a))
    row = book.row_of("事项", ITEM_A, world.dept_x.uscc)
    book.set("事项", row, "事项类型", 1)  # Excel dropped the leading zero of 01
    book.set("事项", row, "网办深度", "Fully online")  # a label instead of the code 5
    book.set("事项", row, "服务对象", "enterprise, Natural person")
    book.set("事项", row, "告知承诺", True)

    result = run_import(list_manager_a, book.bytes())

    assert result.unchanged == 3


# --- bad files ------------------------------------------------------------------------------------

# Each case edits the county-A export and names the problem expected: (sheet, row, column, text).
Case = Callable[[Book, Any], tuple[str, int | None, str, str]]


def not_a_workbook(book, w):
    book.raw = b"basic_code,name\n000201001000,food\n"
    return ("", None, "", "not an xlsx workbook")


def zip_of_something_else(book, w):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    book.raw = buffer.getvalue()
    return ("", None, "", "not an xlsx workbook")


def missing_sheet(book, w):
    del book.wb["收费"]
    return ("收费", None, "", "The sheet “收费” is missing")


def renamed_sheet(book, w):
    book.wb["材料"].title = "材料清单"
    return ("材料", None, "", "the workbook has: 事项、情形、材料清单")


def missing_header(book, w):
    book.wb["事项"].delete_cols(book.col("事项", "事项名称"))
    return ("事项", 1, "事项名称", "The column is missing.")


def renamed_header(book, w):
    book.set("环节", 1, "环节名称", "名称")
    return ("环节", 1, "名称", "Unknown column “名称”.")


def merged_cells(book, w):
    row = book.row_of("材料", ITEM_B, w.dept_x.uscc)
    column = book.col("材料", "材料名称")
    book.wb["材料"].merge_cells(
        start_row=row, start_column=column, end_row=row + 1, end_column=column
    )
    return ("材料", row, "材料名称", "Merged cells")


def unknown_department(book, w):
    row = book.row_of("事项", ITEM_B, w.dept_x.uscc)
    book.set("事项", row, "实施主体统一社会信用代码", make_uscc(random.Random(99), kind="11"))
    book.set("事项", row, "实施编码", None)
    return ("事项", row, "实施主体统一社会信用代码", "No implementing body has the credit code")


def region_outside_scope(book, w):
    row = book.row_of("事项", ITEM_B, w.dept_x.uscc)
    book.set("事项", row, "实施区划代码", w.county_b.code)
    return ("事项", row, "实施区划代码", "永登县 is outside the region whose lists you manage")


def unknown_region(book, w):
    row = book.row_of("事项", ITEM_B, w.dept_x.uscc)
    book.set("事项", row, "实施区划代码", "629999000000")
    return ("事项", row, "实施区划代码", "No region has the code 629999000000")


def duplicate_basic_code(book, w):
    source = book.row_of("事项", ITEM_B, w.dept_x.uscc)
    row = book.copy_row("事项", source)
    return ("事项", row, "基本编码", f"Row {source} already lists this basic code")


def orphan_child_row(book, w):
    row = book.copy_row("材料", 2)
    book.set("材料", row, "基本编码", "999999999999")
    return ("材料", row, "基本编码", "No row of 事项 has basic code 999999999999")


def bad_basic_code(book, w):
    row = book.row_of("事项", ITEM_B, w.dept_x.uscc)
    for sheet in ("事项", "情形", "材料", "环节", "常见问题", "收费"):
        for child in book.rows_of(sheet, ITEM_B, w.dept_x.uscc):
            book.set(sheet, child, "基本编码", "B-1")
    return ("事项", row, "基本编码", "A basic code has 12 digits or capital letters.")


def bad_choice(book, w):
    row = book.row_of("事项", ITEM_A, w.dept_y.uscc)
    book.set("事项", row, "事项类型", "99")
    return ("事项", row, "事项类型", "“99” is not one of")


def bad_category(book, w):
    row = book.row_of("事项", ITEM_A, w.dept_y.uscc)
    book.set("事项", row, "业务类别", "food")
    return ("事项", row, "业务类别", "“food” is not one of")


def category_differs_from_the_basic_catalog(book, w):
    row = book.row_of("事项", ITEM_A, w.dept_y.uscc)
    book.set("事项", row, "业务类别", "personal")
    return ("事项", row, "业务类别", "an import does not change it")


def bad_child_choice(book, w):
    row = book.rows_of("材料", ITEM_A, w.dept_x.uscc)[2]
    book.set("材料", row, "必要性", "必须")
    return ("材料", row, "必要性", "“必须” is not one of")


def bad_yes_no(book, w):
    row = book.row_of("事项", ITEM_A, w.dept_x.uscc)
    book.set("事项", row, "告知承诺", "也许")
    return ("事项", row, "告知承诺", "“也许” is not 是 or 否.")


def not_a_number(book, w):
    row = book.row_of("事项", ITEM_A, w.dept_x.uscc)
    book.set("事项", row, "到现场次数", "两次")
    return ("事项", row, "到现场次数", "“两次” is not a whole number.")


def blank_required_element(book, w):
    row = book.row_of("事项", ITEM_A, w.dept_x.uscc)
    book.set("事项", row, "事项名称", None)
    return ("事项", row, "事项名称", "This element is required.")


def promised_longer_than_statutory(book, w):
    row = book.row_of("事项", ITEM_A, w.dept_x.uscc)
    book.set("事项", row, "承诺办结时限", 300)
    return ("事项", row, "承诺办结时限", "can end after the statutory limit")


def unknown_situation(book, w):
    row = book.rows_of("材料", ITEM_A, w.dept_x.uscc)[2]
    book.set("材料", row, "适用情形", "nobody")
    return ("材料", row, "适用情形", "No situation answer has the code “nobody”.")


def question_with_one_answer(book, w):
    rows = book.rows_of("情形", ITEM_A, w.dept_x.uscc)
    book.wb["情形"].delete_rows(rows[1])
    return ("情形", rows[0], "选项编码", "at least two answers")


def blank_answer(book, w):
    row = book.rows_of("情形", ITEM_A, w.dept_x.uscc)[3]
    book.set("情形", row, "选项", None)
    return ("情形", row, "选项", "This element is required.")


def blank_step_handler(book, w):
    row = book.rows_of("环节", ITEM_A, w.dept_y.uscc)[1]
    book.set("环节", row, "办理人员", "")
    return ("环节", row, "办理人员", "This element is required.")


def wrong_implementation_code(book, w):
    row = book.row_of("事项", ITEM_A, w.dept_x.uscc)
    book.set("事项", row, "实施编码", "X" * 31)
    return ("事项", row, "实施编码", "does not match")


def no_entries(book, w):
    ws = book.wb["事项"]
    ws.delete_rows(2, ws.max_row)
    return ("事项", None, "", "The sheet lists no entries.")


def change_to_a_cancelled_entry(book, w):
    Entry.objects.filter(department=w.dept_y).update(status=EntryStatus.CANCELLED)
    row = book.row_of("事项", ITEM_A, w.dept_y.uscc)
    book.set("事项", row, "办理地点", "新地址")
    return ("事项", row, "实施编码", "A cancelled entry cannot be changed.")


BAD_FILES = [
    not_a_workbook,
    zip_of_something_else,
    missing_sheet,
    renamed_sheet,
    missing_header,
    renamed_header,
    merged_cells,
    unknown_department,
    region_outside_scope,
    unknown_region,
    duplicate_basic_code,
    orphan_child_row,
    bad_basic_code,
    bad_choice,
    bad_category,
    category_differs_from_the_basic_catalog,
    bad_child_choice,
    bad_yes_no,
    not_a_number,
    blank_required_element,
    promised_longer_than_statutory,
    unknown_situation,
    question_with_one_answer,
    blank_answer,
    blank_step_handler,
    wrong_implementation_code,
    no_entries,
    change_to_a_cancelled_entry,
]


def edited_export(manager, world, case: Case) -> tuple[bytes, tuple]:
    book = Book(county_a_export(manager))
    expected = case(book, world)
    return (book.raw or book.bytes()), expected


@pytest.mark.parametrize("case", BAD_FILES, ids=lambda c: c.__name__)
def test_a_bad_file_is_refused_with_the_place_of_each_problem(catalog, list_manager_a, world, case):
    with translation.override("en"):
        data, (sheet, row, column, text) = edited_export(list_manager_a, world, case)
        problems = rejection(list_manager_a, data)

    matching = [p for p in problems if (p.sheet, p.row, p.column) == (sheet, row, column)]
    assert matching, f"no problem at {sheet}/{row}/{column} in {problems}"
    assert any(text in p.message for p in matching), matching


def test_every_problem_of_a_file_is_reported_at_once(catalog, list_manager_a, world):
    book = Book(county_a_export(list_manager_a))
    expected = [
        case(book, world)
        for case in (missing_sheet, bad_choice, bad_child_choice, unknown_department, blank_answer)
    ]

    with translation.override("en"):
        problems = rejection(list_manager_a, book.bytes())

    places = [(p.sheet, p.row, p.column) for p in problems]
    for sheet, row, column, _text in expected:
        assert (sheet, row, column) in places
    # No noise: the missing 收费 sheet does not make every entry "lack" its fees.
    assert not [p for p in problems if p.sheet == "收费" and p.row]
    # Listed in the workbook's order: sheet by sheet, row by row.
    places_sorted = [p[:3] for p in xlsx.sort_problems(reversed(problems))]
    assert [p[:3] for p in problems] == places_sorted


def _translated() -> bool:
    with translation.override("zh-hans"):
        return translation.gettext("The column is missing.") != "The column is missing."


@pytest.mark.xfail(
    not _translated(),
    reason="the Chinese translations of the list import are not in locale/zh_Hans yet",
    strict=True,
)
def test_problems_are_told_in_chinese(catalog, list_manager_a, world):
    book = Book(county_a_export(list_manager_a))
    for case in (missing_header, bad_choice, unknown_situation, region_outside_scope, bad_yes_no):
        case(book, world)
    data = book.bytes()

    with translation.override("zh-hans"):
        chinese = rejection(list_manager_a, data)
    with translation.override("en"):
        english = rejection(list_manager_a, data)

    assert len(chinese) == len(english) >= 5
    for zh, en in zip(chinese, english, strict=True):
        assert (zh.sheet, zh.row, zh.column) == (en.sheet, en.row, en.column)
        assert CJK.search(zh.sheet)
        assert CJK.search(zh.column)
        assert CJK.search(zh.message), zh
        assert zh.message != en.message, zh


# --- permissions ----------------------------------------------------------------------------------


def test_rows_of_another_county_are_refused(catalog, list_manager_a, list_manager_b, world):
    data = xlsx.export_workbook(Entry.objects.visible_to(list_manager_b))
    book = Book(data)
    row = book.row_of("事项", ITEM_A, world.dept_z.uscc)

    with translation.override("en"):
        problems = rejection(list_manager_a, data)

    assert ("事项", row, "实施主体统一社会信用代码") in [
        (p.sheet, p.row, p.column) for p in problems
    ]
    assert any("永登县市场监督管理局 is outside" in p.message for p in problems)


def test_only_a_catalog_manager_may_import(catalog, list_manager_a, world):
    data = county_a_export(list_manager_a)
    for user in (world.reviewer_x, world.admin_a, world.supervisor_a):
        with pytest.raises(NotPermitted):
            run_import(user, data)


@pytest.mark.parametrize(
    "name", ["catalog:lists-import", "catalog:lists-export", "catalog:lists-template"]
)
def test_the_pages_are_for_catalog_managers(world, login, name):
    url = reverse(name)
    assert login(world.reviewer_x).get(url).status_code == 403
    assert login(world.admin_a).get(url).status_code == 403
    response = login(None).get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- the pages ------------------------------------------------------------------------------------


def test_upload_page_imports_a_file_and_shows_a_summary(catalog, list_manager_a, world, login):
    book = Book(county_a_export(list_manager_a))
    book.set("事项", book.row_of("事项", ITEM_B, world.dept_x.uscc), "咨询电话", "0931-5220000")
    client = login(list_manager_a)
    assert client.get(reverse("catalog:lists-import")).status_code == 200

    upload = io.BytesIO(book.bytes())
    upload.name = "list.xlsx"
    response = client.post(
        reverse("catalog:lists-import"),
        {"workbook": upload, "effective_date": timezone.localdate().isoformat()},
    )

    assert response.status_code == 200
    result = response.context["result"]
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert 'id="result"' in response.content.decode()
    assert Entry.objects.get(pk=catalog["b_x"].pk).versions.count() == 2


def test_upload_page_lists_the_problems_and_changes_nothing(catalog, list_manager_a, world, login):
    book = Book(county_a_export(list_manager_a))
    _sheet, row, column, _text = bad_child_choice(book, world)
    upload = io.BytesIO(book.bytes())
    upload.name = "list.xlsx"
    before = counts()

    response = login(list_manager_a).post(
        reverse("catalog:lists-import"),
        {"workbook": upload, "effective_date": timezone.localdate().isoformat()},
    )

    assert response.status_code == 200
    assert "result" not in response.context
    problems = response.context["rejection"].problems
    assert ("材料", row, column) in [(p.sheet, p.row, p.column) for p in problems]
    html = response.content.decode()
    assert 'id="problems"' in html
    assert "必要性" in html
    assert counts() == before


def test_upload_without_a_file_asks_for_one(list_manager_a, login):
    response = login(list_manager_a).post(reverse("catalog:lists-import"), {})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"workbook", "effective_date"}


def test_export_downloads_the_entries_the_manager_sees(catalog, list_manager_a, world, login):
    response = login(list_manager_a).get(reverse("catalog:lists-export"))

    assert response.status_code == 200
    assert response["Content-Type"] == xlsx.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    book = Book(response.content)
    departments = {r[2] for r in book.wb["事项"].iter_rows(min_row=2, values_only=True)}
    assert departments == {world.dept_x.uscc, world.dept_y.uscc}


def test_export_of_one_department(catalog, list_manager_a, world, login):
    response = login(list_manager_a).get(
        reverse("catalog:lists-export"), {"department": world.dept_y.uscc}
    )
    rows = list(Book(response.content).wb["事项"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2]) for r in rows] == [(ITEM_A, world.dept_y.uscc)]


def test_cancelled_entries_are_not_exported(catalog, list_manager_a, world, login):
    Entry.objects.filter(pk=catalog["b_x"].pk).update(status=EntryStatus.CANCELLED)
    response = login(list_manager_a).get(reverse("catalog:lists-export"))
    codes = {r[0] for r in Book(response.content).wb["事项"].iter_rows(min_row=2, values_only=True)}
    assert codes == {ITEM_A}


def test_template_download_opens_as_a_workbook(list_manager_a, login):
    response = login(list_manager_a).get(reverse("catalog:lists-template"))

    assert response.status_code == 200
    assert response["Content-Type"] == xlsx.XLSX_CONTENT_TYPE
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "说明" in wb.sheetnames
    assert wb["事项"]["A1"].value == "基本编码"


def test_a_failure_while_applying_undoes_the_rows_already_applied(
    catalog, list_manager_a, world, monkeypatch
):
    book = Book(county_a_export(list_manager_a))
    for basic_code, department in ((ITEM_A, world.dept_x), (ITEM_B, world.dept_x)):
        book.set("事项", book.row_of("事项", basic_code, department.uscc), "办理时间", "全天")
    publish, calls = services.version_publish, []

    def publish_then_fail(**kwargs):
        calls.append(kwargs["entry"])
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return publish(**kwargs)

    monkeypatch.setattr(services, "version_publish", publish_then_fail)
    before = counts()

    with pytest.raises(RuntimeError):
        run_import(list_manager_a, book.bytes())

    assert len(calls) == 2
    assert counts() == before


def test_export_and_an_unchanged_import_take_a_fixed_number_of_queries(
    catalog, list_manager_a, world, django_assert_max_num_queries
):
    for n in range(10):
        make_entry(world.dept_y, f"0002019{n:02d}000")
    visible = Entry.objects.visible_to(list_manager_a)
    with django_assert_max_num_queries(3):
        data = xlsx.export_workbook(visible)
    with django_assert_max_num_queries(8):
        result = run_import(list_manager_a, data)
    assert result.unchanged == 13
