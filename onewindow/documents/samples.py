"""A realistic snapshot per document kind: the data contract by example.

One case of the demo county (榆中县, 甘肃省兰州市): a small restaurant applies for a food business
licence (食品经营许可证核发) at the county government service center; the market regulation bureau
decides. Used by the tests and by previews; ``sample_data`` returns a fresh copy.

Common keys: number, case_number, issued_at, issuer, applicant_name, applicant_id (masked by the
caller), agent_name (optional), item_name, department_name, place_name, received_at.
Dates are ISO strings (``2026-11-20``) or ISO datetimes with offset (``2026-11-20T10:15:00+08:00``).
"""

from __future__ import annotations

import copy
from typing import Any

from onewindow.documents.choices import DocumentKind

SAMPLE_VERIFY_URL = (
    "https://ywt.yuzhong.gov.cn/progress/11620123MB1869372K4000117003000202611200007"
)

CENTER = "榆中县政务服务中心"
BUREAU = "榆中县市场监督管理局"
WINDOW = "榆中县政务服务中心一楼企业经营类综合受理窗口"

COMMON: dict[str, Any] = {
    "case_number": "11620123MB1869372K4000117003000202611200007",
    "issued_at": "2026-11-20",
    "issuer": BUREAU,
    "applicant_name": "王建华",
    "applicant_id": "620123********1234",
    "agent_name": "",
    "item_name": "食品经营许可证核发",
    "department_name": BUREAU,
    "place_name": WINDOW,
    "received_at": "2026-11-20T10:15:00+08:00",
}

MATERIALS: list[dict[str, Any]] = [
    {
        "name": "食品经营许可申请书",
        "kind_label": "原件",
        "copies": 1,
        "status": "received",
        "note": "",
    },
    {
        "name": "营业执照",
        "kind_label": "复印件",
        "copies": 1,
        "status": "received",
        "note": "系统调取",
    },
    {
        "name": "经营者（负责人）身份证件",
        "kind_label": "复印件",
        "copies": 1,
        "status": "received",
        "note": "",
    },
    {
        "name": "经营场所和设备布局、操作流程示意图",
        "kind_label": "原件",
        "copies": 1,
        "status": "received",
        "note": "",
    },
    {
        "name": "食品安全管理制度",
        "kind_label": "原件",
        "copies": 1,
        "status": "deferred",
        "note": "容缺后补，承诺于2026年11月27日前提交",
    },
]

APPEAL = {"appeal_government": "榆中县人民政府", "appeal_court": "榆中县人民法院"}

SAMPLES: dict[str, dict[str, Any]] = {
    DocumentKind.RECEIPT: {
        "number": "榆政服收〔2026〕第001532号",
        "issuer": CENTER,
        "materials": MATERIALS,
        "window_name": "C05 企业经营类综合受理窗口",
        "clerk_name": "赵敏",
    },
    DocumentKind.ACCEPTANCE: {
        "number": "榆市监许受〔2026〕第000123号",
        "materials": MATERIALS,
        "promised_days": 5,
        "limit_unit_label": "工作日",
        "due_date": "2026-11-27",
        "result_name": "食品经营许可证",
    },
    DocumentKind.REFUSAL: {
        "number": "榆市监许不受〔2026〕第000007号",
        "item_name": "食品经营许可证核发",
        "reason": (
            "申请人申请的经营项目为“预包装食品（不含冷藏冷冻食品）销售”。仅销售预包装食品的，"
            "依法不需要取得食品经营许可，应当向所在地县级市场监督管理部门备案。"
            "请通过一窗通办理“仅销售预包装食品备案”。"
        ),
        "basis": (
            "《中华人民共和国食品安全法》第三十五条第一款；"
            "《中华人民共和国行政许可法》第三十二条第一款第（一）项"
        ),
        **APPEAL,
    },
    DocumentKind.CORRECTION: {
        "number": "榆市监许补〔2026〕第000045号",
        "materials": [
            {
                "name": "食品经营许可申请书",
                "kind_label": "原件",
                "copies": 1,
                "status": "defective",
                "note": "第3页“经营项目”未勾选，“食品安全管理人员”栏未签字，请补充填写并签字",
            },
            {
                "name": "经营场所和设备布局、操作流程示意图",
                "kind_label": "原件",
                "copies": 1,
                "status": "defective",
                "note": "未标注粗加工区、烹饪区、就餐区的面积，请按实际尺寸标注",
            },
            {
                "name": "食品安全管理人员健康证明",
                "kind_label": "复印件",
                "copies": 1,
                "status": "missing",
                "note": "缺少，请提供有效期内的健康证明",
            },
            {"name": "营业执照", "kind_label": "复印件", "copies": 1, "status": "received"},
        ],
        "resubmit_place": WINDOW,
        "resubmit_by": "2026-12-04",
    },
    DocumentKind.DEFERRAL_COMMITMENT: {
        "number": "榆政服容缺〔2026〕第000018号",
        "issuer": CENTER,
        "agent_name": "李秀兰",
        "materials": [
            {
                "name": "食品安全管理制度",
                "kind_label": "原件",
                "copies": 1,
                "status": "deferred",
                "note": "含从业人员健康管理、进货查验记录、食品安全自查等制度",
            },
            {
                "name": "从业人员健康证明",
                "kind_label": "复印件",
                "copies": 3,
                "status": "deferred",
                "note": "",
            },
        ],
        "due_date": "2026-11-27",
        "commitment": "补齐上述材料并经审核通过前，不开展食品经营活动。",
    },
    DocumentKind.NOTIFICATION_COMMITMENT: {
        "number": "榆市监告承〔2026〕第000031号",
        "conditions": (
            "1. 具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，"
            "保持该场所环境整洁，并与有毒、有害场所以及其他污染源保持规定的距离；\n"
            "2. 具有与经营的食品品种、数量相适应的经营设备或者设施，有相应的消毒、更衣、盥洗、"
            "采光、照明、通风、防腐、防尘、防蝇、防鼠、防虫、洗涤以及处理废水、存放垃圾和废弃物的"
            "设备或者设施；\n"
            "3. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；\n"
            "4. 具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染，"
            "避免食品接触有毒物、不洁物。"
        ),
        "basis": "《中华人民共和国食品安全法》第三十三条、第三十五条",
    },
    DocumentKind.SPECIAL_PROCEDURE: {
        "number": "榆市监许特〔2026〕第000009号",
        "issued_at": "2026-11-23",
        "procedure_kind_label": "检验、检测",
        "reason": "经营场所使用自备水井供水，需对生活饮用水水质进行检验检测。",
        "basis": "《中华人民共和国行政许可法》第四十五条",
        "started_at": "2026-11-23T09:00:00+08:00",
        "expected_end": "2026-12-04",
    },
    DocumentKind.APPROVAL: {
        "number": "榆市监许准〔2026〕第000123号",
        "issued_at": "2026-11-26",
        "result_name": "食品经营许可证",
        "licence_number": "JY26201230012345",
        "valid_until": "2031-11-25",
        "decided_at": "2026-11-26T16:30:00+08:00",
        "decision": (
            "许可内容如下：\n"
            "经营者名称：榆中县城关镇建华小吃店\n"
            "经营场所：甘肃省兰州市榆中县城关镇栖云北路88号\n"
            "主体业态：餐饮服务经营者（小型餐馆）\n"
            "经营项目：热食类食品制售"
        ),
    },
    DocumentKind.COMPLETION: {
        "number": "榆政服结〔2026〕第001532号",
        "issuer": CENTER,
        "issued_at": "2026-11-26",
        "outcome_label": "准予许可",
        "decided_at": "2026-11-26T16:30:00+08:00",
        "result_name": "食品经营许可证",
        "licence_number": "JY26201230012345",
        "delivery_method_label": "窗口领取",
        "pickup_place": "榆中县政务服务中心一楼统一出件窗口（D01）",
        "pickup_code": "836152",
    },
    DocumentKind.DENIAL: {
        "number": "榆市监许不准〔2026〕第000003号",
        "issued_at": "2026-11-26",
        "reason": (
            "经2026年11月24日现场核查，经营场所内加工操作区与卫生间直接相通，未设置有效隔断；"
            "食品处理区面积与经营规模不相适应。经告知后，申请人未在规定期限内完成整改。"
        ),
        "basis": "《中华人民共和国食品安全法》第三十三条第一款第（一）项、第（四）项",
        **APPEAL,
    },
    DocumentKind.DELIVERY_RECEIPT: {
        "number": "榆市监送〔2026〕第000123号",
        "issued_at": "2026-11-27",
        "document_name": "准予行政许可决定书、食品经营许可证（正本、副本）",
        "document_number": "榆市监许准〔2026〕第000123号",
        "recipient_name": "王建华",
        "delivery_method_label": "直接送达（窗口领取）",
        "delivered_at": "2026-11-27T10:40:00+08:00",
        "delivery_place": "榆中县政务服务中心一楼统一出件窗口（D01）",
        "server_name": "孙丽",
    },
    DocumentKind.WITHDRAWAL: {
        "number": "榆政服退〔2026〕第000011号",
        "issuer": CENTER,
        "issued_at": "2026-11-21",
        "reason": (
            "申请人于2026年11月21日书面申请撤回本次申请（经营场所拟重新选址，选址确定后另行申请）。"
        ),
        "materials": [
            {"name": "食品经营许可申请书", "kind_label": "原件", "copies": 1},
            {"name": "经营场所和设备布局、操作流程示意图", "kind_label": "原件", "copies": 1},
            {"name": "经营者（负责人）身份证件", "kind_label": "复印件", "copies": 1},
        ],
    },
}


def sample_data(kind: str, **overrides: Any) -> dict[str, Any]:
    """A fresh, JSON-serialisable snapshot for ``kind``: the common keys, the kind's, overrides."""
    data = copy.deepcopy({**COMMON, **SAMPLES[DocumentKind(kind)]})
    data.update(copy.deepcopy(overrides))
    return data
