"""Blank application forms and filled-in samples for the demo guides, made as xlsx workbooks
(most county forms are handed out as Excel or Word files)."""

from __future__ import annotations

import functools
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

PERSON_FIELDS = [
    ("申请人姓名", "张示例"),
    ("公民身份号码", "620123********0000"),
    ("联系电话", "139****0000"),
    ("住址", "甘肃省兰州市榆中县城关镇兴隆路1号"),
]
COMPANY_FIELDS = [
    ("单位名称", "兰州示例商贸有限公司"),
    ("统一社会信用代码", "91620123MA7XXXXXX0"),
    ("法定代表人", "李示例"),
    ("联系电话", "0931-5200000"),
    ("住所（经营场所）", "甘肃省兰州市榆中县栖云北路1号"),
]
COMMON_FIELDS = [
    ("申请事项", None),
    ("申请内容及理由", "按办事指南要求填写申请内容。"),
    ("委托代理人（如有）", "无"),
    ("申请人承诺", "本人承诺所填内容及所附材料真实、合法、有效，如有不实，愿承担相应法律责任。"),
    ("申请人签字（盖章）", "张示例"),
    ("申请日期", "2026年1月5日"),
]


def form_title(label: str) -> str:
    """ "个体工商户登记（备案）申请书（空白表格）" → "个体工商户登记（备案）申请书"."""
    return re.sub(r"（(空白表格|填写样例|样表|空表)）$", "", label).strip()


@functools.lru_cache(maxsize=512)  # the demo is loaded many times in one test run
def form_workbook(*, title: str, item_name: str, for_companies: bool, sample: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    if not isinstance(sheet, Worksheet):  # a new workbook starts with one worksheet
        raise TypeError("openpyxl gave no active worksheet")
    sheet.title = "样例" if sample else "申请表"
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 60
    sheet.merge_cells("A1:B1")
    sheet["A1"] = title + ("（填写样例）" if sample else "")
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.merge_cells("A2:B2")
    sheet["A2"] = f"办理事项：{item_name}    榆中县政务服务中心制"
    sheet["A2"].alignment = Alignment(horizontal="center")
    fields = (COMPANY_FIELDS if for_companies else PERSON_FIELDS) + COMMON_FIELDS
    for row, (label, example) in enumerate(fields, start=4):
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        value = (example if example is not None else item_name) if sample else ""
        cell = sheet.cell(row=row, column=2, value=value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 36
        for column in (1, 2):
            sheet.cell(row=row, column=column).border = _BOX
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
