"""Test data for the catalog: a valid guide and entries built through the services."""

from __future__ import annotations

import copy
import datetime
import itertools
from typing import Any

from onewindow.catalog import services
from onewindow.catalog.models import Entry
from onewindow.organisations.models import Department, Region

_codes = itertools.count(1)

BASE_GUIDE: dict[str, Any] = {
    "name": "个体工商户设立登记",
    "item_type": "01",
    "service_objects": ["natural_person"],
    "legal_basis": "《促进个体工商户发展条例》；《中华人民共和国市场主体登记管理条例》",
    "conditions": "有经营能力的公民，经营场所符合规定。",
    "statutory_limit": {"value": 20, "unit": "working"},
    "promised_limit": {"value": 3, "unit": "working"},
    "case_type": "2",
    "visits": 1,
    "special_procedures": ["inspection"],
    "result_type": "licence",
    "result_name": "营业执照",
    "handling_forms": ["window", "pc"],
    "questions": [
        {
            "code": "who",
            "text": "办理方式",
            "options": [
                {"code": "self", "label": "本人办理"},
                {"code": "agent", "label": "委托代理人办理"},
            ],
        }
    ],
    "materials": [
        {"name": "个体工商户登记申请书", "kind": "original", "necessity": "1"},
        {
            "name": "经营者身份证件",
            "kind": "copy",
            "necessity": "1",
            "source": "20",
            "issuer": "公安机关",
        },
        {"name": "经营场所使用证明", "kind": "copy", "necessity": "3"},
        {"name": "授权委托书", "kind": "original", "necessity": "1", "situations": ["agent"]},
    ],
    "fees": [],
    "steps": [
        {"name": "受理", "handler": "综合受理窗口", "limit": 0},
        {"name": "审查", "handler": "县市场监管局登记股", "limit": 2},
        {"name": "决定", "handler": "分管负责人", "limit": 1},
    ],
    "faq": [{"question": "可以网上办理吗？", "answer": "可以，通过网上办事大厅申请。"}],
    "place": "榆中县政务服务中心 A01",
    "hours": "工作日 8:30-18:00",
    "consult_phone": "0931-5221312",
    "complaint_phone": "12345",
}


def guide(**overrides: Any) -> dict[str, Any]:
    content = copy.deepcopy(BASE_GUIDE)
    content.update(overrides)
    return content


def make_entry(
    *,
    department: Department,
    region: Region | None = None,
    basic_code: str | None = None,
    category: str = "enterprise",
    themes: tuple[str, ...] = ("establishment",),
    effective_date: datetime.date = datetime.date(2026, 1, 1),
    **content: Any,
) -> Entry:
    code = basic_code or f"0002{next(_codes):08d}"
    body = guide(**content)
    item = services.item_ensure(
        basic_code=code,
        name=body["name"],
        item_type=body["item_type"],
        category=category,
        themes=list(themes),
    )
    return services.entry_create(
        item=item,
        department=department,
        region=region or department.region,
        content=body,
        effective_date=effective_date,
        actor=None,
    )
