"""Every formal notice cites the law that governs its item (issue 11, item 7).

行政许可法 governs 行政许可 items only (domain.md, "Which statute a notice cites follows the item
type"): a 行政确认, 行政给付, 公共服务 … item's notice cites the catalog's own basis
(设定依据) and names its own act (予以确认, 予以给付, 准予办理), and never reads
"“工伤认定申请”申请".

Every notice kind is rendered for every item type of the demo catalog (read with the demo catalog
loader), from the snapshot the cases app builds for a real case of that item.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.services import backoffice, paperwork
from onewindow.cases.tests.builders import Builder
from onewindow.catalog.choices import ItemType
from onewindow.demo.catalog_loader import demo_items
from onewindow.documents import legal
from onewindow.documents.choices import DocumentKind
from onewindow.documents.render import document_html
from onewindow.documents.samples import SAMPLE_VERIFY_URL, sample_data

ITEMS = demo_items()
LAW = "《中华人民共和国行政许可法》"


def _one_per_type() -> dict[str, dict]:
    chosen: dict[str, dict] = {}
    for spec in ITEMS:
        chosen.setdefault(spec["content"]["item_type"], spec["content"])
    # The item the issue found: a 行政确认 whose name ends in 申请.
    chosen["07"] = next(s["content"] for s in ITEMS if s["content"]["name"] == "工伤认定申请")
    return chosen


BY_TYPE = _one_per_type()
# What the approval decides and the decision titles, in Chinese, per type of the demo catalog.
ACT = {
    "01": ("准予行政许可", "不予行政许可", "准予行政许可决定书", "不予许可决定书"),
    "04": ("准予办理", "不予办理", "准予办理决定书", "不予办理决定书"),
    "05": ("予以给付", "不予给付", "准予行政给付决定书", "不予行政给付决定书"),
    "07": ("予以确认", "不予确认", "行政确认决定书", "不予确认决定书"),
    "10": ("准予办理", "不予办理", "准予办理决定书", "不予办理决定书"),
    "20": ("准予办理", "不予办理", "办理结果通知书", "不予办理通知书"),
}


def _text(html: str) -> str:
    text = re.sub(r"<style.*?</style>|<[^>]+>", "", html, flags=re.S)
    return re.sub(r"\s+", "", text)


def test_the_demo_catalog_types_are_all_worded():
    assert set(BY_TYPE) == set(ACT)
    assert set(legal.ITEM_TYPES) == set(ItemType.values)


@pytest.mark.parametrize("item_type", sorted(BY_TYPE))
def test_every_notice_cites_the_law_of_its_item_type(world, item_type):
    content = BY_TYPE[item_type]
    name, basis = content["name"], content["legal_basis"]
    entry = licence_entry(world.dept_x, name=name, item_type=item_type, legal_basis=basis)
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry, applicant=world.citizen_person
    )
    base = paperwork.base_data(case)
    assert base["item_type"] == item_type
    assert base["item_basis"] == basis
    grant, deny, approval_title, denial_title = ACT[item_type]
    licensing = item_type == ItemType.LICENSING
    # The bases a clerk or approver gives follow the item too (the services' defaults do).
    given_basis = f"{LAW}第三十二条" if licensing else basis

    with translation.override("zh-hans"):
        for kind in DocumentKind.values:
            data = {**sample_data(kind), **base}
            data.pop("document_name", None)  # the sample's licence; the service sends none
            if "basis" in data:
                data["basis"] = given_basis
            text = _text(document_html(kind=kind, data=data, verify_url=SAMPLE_VERIFY_URL))

            assert "申请”申请" not in text, kind
            if not legal.names_the_application(name) and kind != DocumentKind.DELIVERY_RECEIPT:
                assert f"“{name}”" in text, kind
            if licensing:
                continue
            assert "行政许可" not in text, (kind, text)
            assert LAW not in text, kind
            if kind in (DocumentKind.ACCEPTANCE, DocumentKind.CORRECTION):
                assert f"根据{basis}的规定" in text, kind
            if kind == DocumentKind.APPROVAL:
                assert approval_title in text
                assert f"根据{basis}的规定，决定{grant}。" in text
            if kind == DocumentKind.DENIAL:
                assert denial_title in text
                assert f"根据{basis}的规定，决定{deny}。" in text

        if licensing:
            accepted = _text(
                document_html(
                    kind="acceptance", data={**sample_data("acceptance"), **base}, verify_url="x"
                )
            )
            assert f"根据{LAW}第三十二条第一款第（五）项的规定，决定予以受理" in accepted
            approved = _text(
                document_html(
                    kind="approval", data={**sample_data("approval"), **base}, verify_url="x"
                )
            )
            assert approval_title in approved
            assert f"第三十八条第一款的规定，决定{grant}" in approved


def test_the_correction_notice_of_a_confirmation_item_cites_its_own_basis(world):
    """The issue's case: 工伤认定申请 (行政确认), a correction notice issued by the service."""
    content = BY_TYPE["07"]
    builder = Builder(
        world, name="工伤认定申请", item_type="07", legal_basis=content["legal_basis"]
    )
    case = builder.correction()
    document = case.documents.get(kind=DocumentKind.CORRECTION)

    with translation.override("zh-hans"):
        text = _text(document_html(kind=document.kind, data=document.data, verify_url="x"))
    assert "行政许可" not in text
    assert "“工伤认定申请”申请" not in text
    assert "提出的“工伤认定申请”，申请材料不齐全" in text
    assert "根据《工伤保险条例》第十七条、第二十条；《工伤认定办法》的规定，现一次性告知" in text


def test_a_licensing_notice_still_cites_article_32(world):
    case = Builder(world).correction()
    document = case.documents.get(kind=DocumentKind.CORRECTION)

    with translation.override("zh-hans"):
        text = _text(document_html(kind=document.kind, data=document.data, verify_url="x"))
    assert f"根据{LAW}第三十二条第一款第（四）项的规定" in text
    assert "提出的“个体工商户设立登记”，申请材料不齐全" in text


def test_decision_titles_are_stored_by_item_type(world):
    builder = Builder(
        world, name="最低生活保障审批", item_type="05", legal_basis="《社会救助暂行办法》"
    )
    case = builder.at_decision()

    backoffice.case_decide(
        case=case,
        actor=world.approver_x,
        approved=False,
        opinion="不予",
        reason="家庭收入超过当地最低生活保障标准。",
        basis="《社会救助暂行办法》第九条",
        expected_revision=case.revision,
    )
    assert case.documents.get(kind=DocumentKind.DENIAL).title == "不予行政给付决定书"


def test_an_extension_of_a_non_licensing_item_cites_its_basis(world):

    builder = Builder(world, name="临时救助", item_type="05", legal_basis="《社会救助暂行办法》")
    case = builder.in_review()
    procedure = backoffice.case_extend(
        case=case,
        actor=world.approver_x,
        days=5,
        reason="需入户调查核实家庭经济状况",
        expected_revision=case.revision,
    )
    assert procedure.basis == "《社会救助暂行办法》"


@pytest.mark.parametrize("spec", ITEMS, ids=[s["basic_code"] for s in ITEMS])
def test_no_item_name_gets_a_second_application_word(spec):
    name = spec["content"]["name"]
    with translation.override("zh-hans"):
        phrase = legal.application_phrase(name)
    assert not re.search(r"(申请|申领|申报|登记|备案)[）)]?”申请$", phrase), phrase
    assert phrase.startswith(f"“{name}”")


def test_acceptance_service_unchanged_for_old_snapshots():
    """A snapshot issued before types were told apart reprints as it was worded then."""
    data = sample_data("acceptance")
    assert "item_type" not in data
    with translation.override("zh-hans"):
        text = _text(document_html(kind="acceptance", data=data, verify_url="x"))
    assert f"根据{LAW}第三十二条第一款第（五）项的规定" in text
