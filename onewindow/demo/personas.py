"""The demo logins, and whether the demo county is there: light to import.

`make run` asks on every start whether the county is loaded; the loader and everything it imports
take seconds to import, so the answer and the logins it prints live here.
"""

from __future__ import annotations

from dataclasses import dataclass

from onewindow.demo import county
from onewindow.organisations.models import Region


@dataclass(frozen=True)
class Persona:
    username: str
    role_label: str
    where: str


# The logins printed by `make run`. Order = order printed.
PERSONAS = (
    ("clerk", "窗口受理人员 Window clerk", "县政务服务中心 C01"),
    ("clerk_town", "窗口受理人员 Window clerk", "城关镇便民服务中心 01"),
    ("reviewer", "后台审查人员 Back-office reviewer", "县市场监督管理局"),
    ("approver", "审批负责人 Approver", "县市场监督管理局"),
    ("manager", "中心管理人员 Center manager", "县政务服务中心"),
    ("supervisor", "电子监察人员 Supervisor", "榆中县"),
    ("hotline", "热线坐席 Hotline agent", "榆中县 12345"),
    ("admin", "系统管理员 Administrator", "榆中县"),
    ("admin_province", "系统管理员 Provincial administrator (national calendar)", "甘肃省"),
    ("catalog", "事项目录管理员 Catalog manager", "榆中县"),
    ("citizen", "群众 Citizen", "网上办事大厅"),
    ("company", "企业 Company", "网上办事大厅"),
)


def demo_personas() -> list[Persona]:
    return [Persona(*p) for p in PERSONAS]


def is_loaded() -> bool:
    """One query: the demo county's region exists."""
    return Region.objects.filter(code=county.COUNTY[0]).exists()
