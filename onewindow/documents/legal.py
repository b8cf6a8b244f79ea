"""Which law a formal document cites and how it names the act, by the item's type (事项类型).

The Administrative Licensing Law (行政许可法) governs 行政许可 items only: its articles (§32
acceptance and correction, §38 decision, §42 extension, §44 service, §45 special procedures) are
cited only on the documents of a licensing item. Every other type (行政确认, 行政给付, 公共服务 …)
cites the legal basis its catalog entry gives (设定依据, ``item_basis`` in the snapshot) and names
its own act: a 行政确认 is confirmed (予以确认), a 行政给付 granted (予以给付), a public service
done (准予办理).

The snapshot carries the type's national code (``item_type``, the codes of
``catalog.choices.ItemType``: documents sits on the catalog's floor and may not import it; a test
keeps the two lists equal). A snapshot without ``item_type`` was issued before types were told
apart, when every document was worded as a licence: it prints as it did then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LICENSING = "01"

# An item whose name already names the application (工伤认定申请, 居住证申领, 离婚登记, 诊所备案)
# is not followed by another 申请: "“工伤认定申请”申请" is what a careless template prints.
APPLICATION_SUFFIXES = ("申请", "申领", "申报", "申办", "登记", "备案", "注册", "报名", "报告")
# A trailing qualifier in brackets (“离婚登记（内地居民）”) does not change what the name ends in.
_TRAILING_QUALIFIER = re.compile(r"[（(][^（）()]*[）)]\s*$")


@dataclass(frozen=True)
class Frame:
    """The wording of one item type: the act granted and refused, the decision titles."""

    grant: Promise  # what the approval decides (after "it is decided:")
    deny: Promise  # what the denial decides
    approval_title: Promise
    denial_title: Promise


# The licensing frame is the documents' original wording; its sentences cite the articles.
FRAMES: dict[str, Frame] = {
    "01": Frame(
        gettext_lazy("to grant the administrative licence"),
        gettext_lazy("not to grant the administrative licence"),
        gettext_lazy("Decision to grant an administrative licence"),
        gettext_lazy("Decision not to grant an administrative licence"),
    ),
    "05": Frame(
        gettext_lazy("to grant the benefit"),
        gettext_lazy("not to grant the benefit"),
        gettext_lazy("Decision to grant an administrative benefit"),
        gettext_lazy("Decision not to grant an administrative benefit"),
    ),
    "07": Frame(
        gettext_lazy("to confirm"),
        gettext_lazy("not to confirm"),
        gettext_lazy("Decision of administrative confirmation"),
        gettext_lazy("Decision not to confirm"),
    ),
    "08": Frame(
        gettext_lazy("to grant the reward"),
        gettext_lazy("not to grant the reward"),
        gettext_lazy("Decision of administrative reward"),
        gettext_lazy("Decision not to grant a reward"),
    ),
    "09": Frame(
        gettext_lazy("to adjudicate as follows"),
        gettext_lazy("to dismiss the application for adjudication"),
        gettext_lazy("Administrative adjudication decision"),
        gettext_lazy("Decision to dismiss the application for adjudication"),
    ),
    "20": Frame(
        gettext_lazy("to approve the application"),
        gettext_lazy("not to approve the application"),
        gettext_lazy("Notice of the result of the service"),
        gettext_lazy("Notice of refusal of the service"),
    ),
}
# 行政处罚, 强制, 征收, 检查, 其他行政权力: the generic decision of an administrative body.
_OTHER = Frame(
    gettext_lazy("to approve the application"),
    gettext_lazy("not to approve the application"),
    gettext_lazy("Decision to approve the application"),
    gettext_lazy("Decision not to approve the application"),
)
ITEM_TYPES = ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "20")


def item_type_of(data: dict[str, Any]) -> str:
    """The snapshot's item type; an old snapshot without one was worded as a licence."""
    value = data.get("item_type") if isinstance(data, dict) else None
    return str(value) if value else LICENSING


def is_licensing(data: dict[str, Any]) -> bool:
    return item_type_of(data) == LICENSING


def frame(item_type: str) -> Frame:
    return FRAMES.get(item_type, _OTHER)


def names_the_application(item_name: str) -> bool:
    """Whether the item's name already ends in an application word (申请, 登记 …)."""
    name = (item_name or "").strip()
    while _TRAILING_QUALIFIER.search(name):
        name = _TRAILING_QUALIFIER.sub("", name).strip()
    return name.endswith(APPLICATION_SUFFIXES)


def application_phrase(item_name: str) -> str:
    """The application as a sentence names it: “X”申请, or “X” when X already says 申请/登记."""
    if names_the_application(item_name):
        return _("application “%(item)s”") % {"item": item_name}
    return _("application for “%(item)s”") % {"item": item_name}


def under_basis(basis: str) -> str:
    """The clause citing the catalog's legal basis ("根据…的规定"), or "依法" without one."""
    basis = (basis or "").strip().rstrip("。；;")
    if basis:
        return _("under %(basis)s") % {"basis": basis}
    return _("according to law")


def titles(item_type: str) -> dict[str, str]:
    """The printed titles the item type changes (approval and denial), by document kind."""
    f = frame(item_type)
    return {"approval": str(f.approval_title), "denial": str(f.denial_title)}


def legal_context(data: dict[str, Any]) -> dict[str, Any]:
    """What the templates read to word a document for its item type."""
    item_type = item_type_of(data)
    f = frame(item_type)
    name = str(data.get("item_name") or "") if isinstance(data, dict) else ""
    basis = str(data.get("item_basis") or "") if isinstance(data, dict) else ""
    return {
        "licensing": item_type == LICENSING,
        "item_type": item_type,
        "application": application_phrase(name) if name else "",
        "under_item_basis": under_basis(basis),
        "grant_phrase": str(f.grant),
        "deny_phrase": str(f.deny),
    }
