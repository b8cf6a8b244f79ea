"""The formal documents of a case: every kind renders to an A4 PDF with its title, the case, a QR
code to the case's progress page, embedded fonts, escaped text and no fetch from outside."""

from __future__ import annotations

import functools
import io
import json
import re

import pytest
import segno
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from onewindow.core.pdf import QR_BORDER, QR_SCALE, OfflineFetcher
from onewindow.documents.choices import DocumentKind
from onewindow.documents.render import (
    BLANK,
    document_context,
    document_html,
    document_pdf,
    format_date,
)
from onewindow.documents.samples import COMMON, SAMPLE_VERIFY_URL, SAMPLES, sample_data

KINDS = [kind.value for kind in DocumentKind]


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@functools.cache
def _sample_pdf(kind: str) -> bytes:
    """Each sample rendered once for the module (0.4–0.8 s apiece), in the default language."""
    return document_pdf(kind=kind, data=sample_data(kind), verify_url=SAMPLE_VERIFY_URL)


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def _pdf_text(pdf: bytes) -> str:
    return _compact("".join(page.extract_text() for page in _reader(pdf).pages))


def _fonts(reader: PdfReader) -> list[dict]:
    fonts = []
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts.append(font)
            for descendant in font.get("/DescendantFonts") or []:
                fonts.append(descendant.get_object())
    return fonts


def _qr_matrix(image) -> list[list[bool]]:
    """Read a QR image written by core.pdf back module by module (one module = QR_SCALE px)."""
    pixels = image.convert("L")
    size = pixels.size[0] // QR_SCALE - 2 * QR_BORDER
    middle = QR_BORDER * QR_SCALE + QR_SCALE // 2
    return [
        [pixels.getpixel((middle + x * QR_SCALE, middle + y * QR_SCALE)) < 128 for x in range(size)]
        for y in range(size)
    ]


# What each sample must show besides its title, number, case number, applicant and issuer.
KEY_FIELDS: dict[str, list[str]] = {
    "receipt": ["食品经营许可申请书", "食品安全管理制度", "C05企业经营类综合受理窗口", "赵敏"],
    "acceptance": ["食品经营许可证", "经营场所和设备布局、操作流程示意图", "容缺后补，承诺于"],
    "refusal": ["仅销售预包装食品备案", "《中华人民共和国食品安全法》第三十五条第一款"],
    "correction": ["“经营项目”未勾选", "缺少，请提供有效期内的健康证明"],
    "deferral_commitment": ["从业人员健康证明", "李秀兰", "不开展食品经营活动"],
    "notification_commitment": ["有专职或者兼职的食品安全管理人员", "第三十三条、第三十五条"],
    "special_procedure": ["检验、检测", "自备水井供水"],
    "approval": ["JY26201230012345", "热食类食品制售", "食品经营许可证"],
    "completion": ["准予许可", "836152", "统一出件窗口（D01）", "窗口领取"],
    "denial": ["加工操作区与卫生间直接相通", "第三十三条第一款第（一）项"],
    "delivery_receipt": ["准予行政许可决定书、食品经营许可证（正本、副本）", "孙丽"],
    "withdrawal": ["书面申请撤回本次申请", "经营者（负责人）身份证件"],
}


# --- the samples and the API ---------------------------------------------------------------------


def test_every_kind_has_a_sample_and_key_fields():
    assert set(SAMPLES) == set(KINDS)
    assert set(KEY_FIELDS) == set(KINDS)


def test_sample_data_is_a_fresh_json_copy():
    first = sample_data("receipt")
    first["materials"][0]["name"] = "changed"
    assert sample_data("receipt")["materials"][0]["name"] == "食品经营许可申请书"
    assert json.loads(json.dumps(first)) == first
    assert sample_data("refusal", reason="x")["reason"] == "x"


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="Unknown document kind"):
        document_html(kind="licence", data={}, verify_url=SAMPLE_VERIFY_URL)


# --- every kind as a PDF -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_its_title_the_case_and_its_fields(kind):
    data = sample_data(kind)
    pdf = _sample_pdf(kind)

    assert pdf.startswith(b"%PDF")
    reader = _reader(pdf)
    # A4 portrait: 595 x 842 points.
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]
    text = _pdf_text(pdf)
    assert _compact(str(DocumentKind(kind).label)) in text
    for value in (data["case_number"], data["number"], data["applicant_name"], data["issuer"]):
        assert _compact(value) in text
    for value in KEY_FIELDS[kind]:
        assert _compact(value) in text, value
    # The issue date in the reader's language, under the issuer.
    assert _compact(format_date(data["issued_at"])) in text
    # The running header names the case on every page; the footer counts the pages.
    header = _compact(_("Case no. %(number)s") % {"number": data["case_number"]})
    assert all(header in _compact(page.extract_text()) for page in reader.pages)


@pytest.mark.parametrize("kind", KINDS)
def test_fonts_are_embedded(kind):
    # Every font is embedded: the PDF prints the same on a kiosk without CJK fonts.
    descriptors = [
        f["/FontDescriptor"].get_object()
        for f in _fonts(_reader(_sample_pdf(kind)))
        if "/FontDescriptor" in f
    ]
    assert descriptors
    assert all(
        any(key in d for key in ("/FontFile", "/FontFile2", "/FontFile3")) for d in descriptors
    )


@pytest.mark.parametrize("kind", ["acceptance", "delivery_receipt"])
def test_qr_code_encodes_the_progress_page(kind):
    url = "https://ywt.example.gov.cn/progress/11620123MB1869372K4000117003000202611200042"

    reader = _reader(document_pdf(kind=kind, data=sample_data(kind), verify_url=url))

    # WeasyPrint shares one resource dictionary between pages: the same image on each.
    images = list({image.data: image for page in reader.pages for image in page.images}.values())
    assert len(images) == 1  # the QR code, and no other image
    # The same matrix as segno's code for the URL means the same URL, without a QR decoder.
    expected = segno.make(url, error="m", micro=False).matrix
    assert _qr_matrix(images[0].image) == [[bool(module) for module in row] for row in expected]
    # The code is also a link, and the footer prints the address.
    links = [
        annotation.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    ]
    assert url in links
    assert url in _pdf_text(reader.stream.getvalue())


# --- legal content -------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "written"), [("refusal", "notice"), ("denial", "decision")])
def test_refusal_and_denial_state_the_appeal_rights(kind, written):
    text = _pdf_text(_sample_pdf(kind))

    sentence = {
        "notice": (
            "If you disagree with this decision, you may apply to %(government)s for "
            "administrative reconsideration within 60 days of receiving this notice, or bring an "
            "administrative lawsuit before %(court)s within 6 months of receiving it."
        ),
        "decision": (
            "If you disagree with this decision, you may apply to %(government)s for "
            "administrative reconsideration within 60 days of receiving this written decision, or "
            "bring an administrative lawsuit before %(court)s within 6 months of receiving it."
        ),
    }[written]
    paragraph = _(sentence) % {"government": "榆中县人民政府", "court": "榆中县人民法院"}
    assert _compact(paragraph) in text


def test_appeal_rights_without_named_bodies_name_the_competent_ones():
    data = sample_data("denial")
    del data["appeal_government"], data["appeal_court"]

    text = _pdf_text(document_pdf(kind="denial", data=data, verify_url=SAMPLE_VERIFY_URL))

    assert _compact(_("the competent administrative reconsideration body")) in text
    assert _compact(_("the competent people's court")) in text


def test_only_refusal_and_denial_carry_the_appeal_paragraph():
    for kind in KINDS:
        html = document_html(kind=kind, data=sample_data(kind), verify_url=SAMPLE_VERIFY_URL)
        assert ("榆中县人民法院" in html) == (kind in ("refusal", "denial")), kind


ARTICLE_45 = (
    "Under Article 45 of the Administrative Licensing Law of the People's Republic of China, the "
    "time needed for the special procedure is not counted in the time limit of the case; the time "
    "limit runs on when it ends."
)
ARTICLE_42 = (
    "Under Article 42(1) of the Administrative Licensing Law of the People's Republic of China, "
    "with the approval of the head of this body, the time limit is extended by %(days)s days, and "
    "you are hereby told the reason."
)


def test_special_procedure_is_not_counted_in_the_limit():
    text = _pdf_text(_sample_pdf("special_procedure"))

    assert _compact(_(ARTICLE_45)) in text
    assert _compact(format_date("2026-11-23T09:00:00+08:00")) in text  # started
    assert _compact(format_date("2026-12-04")) in text  # expected end


def test_an_extension_cites_article_42_and_the_new_end():
    data = sample_data(
        "special_procedure",
        procedure_kind_label="延长审批期限",
        reason="涉及跨部门联合现场核查，二十日内不能作出决定。",
        basis="",
        extension_days=10,
        expected_end="2026-12-18",
    )

    html = document_html(kind="special_procedure", data=data, verify_url=SAMPLE_VERIFY_URL)

    assert _(ARTICLE_42) % {"days": 10} in html
    assert _(ARTICLE_45) not in html
    assert format_date("2026-12-18") in html
    assert "涉及跨部门联合现场核查" in html


def test_acceptance_without_a_due_date_defers_to_the_system():
    html = document_html(
        kind="acceptance",
        data=sample_data("acceptance", due_date=None),
        verify_url=SAMPLE_VERIFY_URL,
    )

    assert _("as calculated by the system") in html
    assert _("%(days)s %(unit)s") % {"days": 5, "unit": "工作日"} in html


def test_correction_lists_every_open_problem_and_nothing_in_order():
    context = document_context(
        kind="correction", data=sample_data("correction"), verify_url=SAMPLE_VERIFY_URL
    )

    assert [m["status"] for m in context["problems"]] == ["defective", "defective", "missing"]
    text = _pdf_text(_sample_pdf("correction"))
    assert "营业执照" not in text  # received: not a problem to correct
    assert _compact(format_date("2026-12-04")) in text  # the resubmission date


def test_deferral_commitment_lists_the_deferred_materials_with_the_due_date():
    data = sample_data("deferral_commitment")
    data["materials"].append({"name": "房屋租赁合同", "status": "received"})

    html = document_html(kind="deferral_commitment", data=data, verify_url=SAMPLE_VERIFY_URL)

    assert "从业人员健康证明" in html
    assert "房屋租赁合同" not in html
    assert format_date("2026-11-27") in html
    assert _("Applicant (signature or seal):") in html
    assert _("Agent (signature):") in html  # an agent signs too


def test_delivery_receipt_shows_the_tracking_number_of_a_posted_document():
    data = sample_data(
        "delivery_receipt", delivery_method_label="邮寄送达（EMS）", tracking_number="1180245367912"
    )

    html = document_html(kind="delivery_receipt", data=data, verify_url=SAMPLE_VERIFY_URL)

    assert "1180245367912" in html
    assert "邮寄送达（EMS）" in html


def test_keys_the_cases_app_adds_are_shown():
    url = SAMPLE_VERIFY_URL
    correction = document_html(
        kind="correction",
        data=sample_data("correction", opinion="请一并带原件核验"),
        verify_url=url,
    )
    commitment = document_html(
        kind="notification_commitment",
        data=sample_data("notification_commitment", check_due="2027-02-26"),
        verify_url=url,
    )
    parts = [
        {
            "title": "食品经营许可证核发",
            "department": "榆中县市场监督管理局",
            "outcome_label": "准予许可",
        },
        {"title": "户外广告设施设置审批", "department": "榆中县城市管理局", "outcome": "approved"},
        "not a part",
    ]
    joint = document_pdf(
        kind="completion", data=sample_data("completion", parts=parts), verify_url=url
    )
    delivery = sample_data("delivery_receipt", result_name="食品经营许可证")
    del delivery["document_name"]
    served = document_html(kind="delivery_receipt", data=delivery, verify_url=url)

    assert "请一并带原件核验" in correction
    assert format_date("2027-02-26") in commitment
    text = _pdf_text(joint)
    assert "户外广告设施设置审批" in text
    assert "榆中县城市管理局" in text
    assert "approved" in text  # no label given: the value as it is
    assert "食品经营许可证" in served
    assert BLANK not in served


# --- robustness ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_only_the_common_keys_still_render(kind):
    # A snapshot taken before a kind gained a key, or by a caller that had nothing more to say.
    data = {key: value for key, value in COMMON.items() if key != "agent_name"}

    text = _pdf_text(document_pdf(kind=kind, data=data, verify_url=SAMPLE_VERIFY_URL))

    assert _compact(str(DocumentKind(kind).label)) in text
    assert data["case_number"] in text
    assert _compact(data["item_name"]) in text
    if kind in ("refusal", "denial", "withdrawal"):
        assert BLANK in text  # the reason, a line to fill in by hand


def test_a_fallback_key_may_be_missing_too():
    # ``a|default:b`` in a template raises when b is missing: the snapshot answers "" instead.
    extension = sample_data("special_procedure", extension_days=10, new_due_date="2026-12-18")
    del extension["expected_end"]
    correction = sample_data("correction")
    del correction["resubmit_place"], correction["place_name"]
    delivery = sample_data("delivery_receipt")
    del delivery["recipient_name"], delivery["document_name"]

    html = document_html(kind="special_procedure", data=extension, verify_url=SAMPLE_VERIFY_URL)
    assert format_date("2026-12-18") in html
    html = document_html(kind="correction", data=correction, verify_url=SAMPLE_VERIFY_URL)
    assert correction["issuer"] in html
    html = document_html(kind="delivery_receipt", data=delivery, verify_url=SAMPLE_VERIFY_URL)
    assert BLANK in html  # the document served, to fill in


def test_an_empty_snapshot_prints_blanks_to_fill_in():
    pdf = document_pdf(kind="refusal", data={}, verify_url=SAMPLE_VERIFY_URL)

    text = _pdf_text(pdf)
    assert _compact(str(DocumentKind.REFUSAL.label)) in text
    assert BLANK in text


def test_odd_shapes_and_dates_print_as_given():
    data = sample_data(
        "receipt",
        received_at="下周二上午",
        issued_at="2026-13-45",
        materials=[
            "口头说明的材料",
            None,
            42,
            {"name": "身份证", "copies": None, "status": "lost"},
        ],
        agent_name=None,
    )

    html = document_html(kind="receipt", data=data, verify_url=SAMPLE_VERIFY_URL)

    assert "下周二上午" in html
    assert "2026-13-45" in html
    assert "口头说明的材料" in html
    assert "身份证" in html
    assert "lost" in html  # an unknown status prints as it is


def test_dates_read_in_the_site_time_zone_and_language():
    with translation.override("en"):
        assert format_date("2026-11-20") == "Nov. 20, 2026"
        assert format_date("2026-11-20T02:15:00+00:00") == "Nov. 20, 2026, 10:15 a.m."
    with translation.override("zh-hans"):
        assert format_date("2026-11-20") == "2026年11月20日"
        assert format_date("2026-11-20T10:15:00+08:00") == "2026年11月20日 10:15"
        assert format_date("2026-11-20T23:30:00+00:00", with_time=False) == "2026年11月21日"
        assert format_date("2026-11-20T10:15:00") == "2026年11月20日 10:15"  # naive: local
    assert format_date(None) == ""
    assert format_date("") == ""
    assert format_date("not a date") == "not a date"


def test_text_from_the_snapshot_is_escaped():
    hostile = '<script>alert("x")</script><b>粗体</b>'
    data = sample_data(
        "refusal", reason=hostile, issuer='局"</style><script>x</script>', applicant_name=hostile
    )

    html = document_html(kind="refusal", data=data, verify_url=SAMPLE_VERIFY_URL)
    pdf = document_pdf(kind="refusal", data=data, verify_url=SAMPLE_VERIFY_URL)

    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;" in html
    # Inside the page-margin CSS the issuer is a CSS string that cannot end the <style>.
    style = html[: html.index("</style>")]
    assert "<script" not in style
    assert "<script>alert" in _pdf_text(pdf)  # shown as text


def test_rendering_fetches_nothing_from_outside(monkeypatch):
    fetched: list[str] = []
    original = OfflineFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(OfflineFetcher, "fetch", spy)
    trap = '<img src="http://127.0.0.1:9/track.png"><link rel="stylesheet" href="https://x.test/a.css">'
    data = sample_data("withdrawal", reason=trap, item_name=trap, issuer="局" + trap)
    data["materials"][0]["name"] = trap

    pdf = document_pdf(kind="withdrawal", data=data, verify_url=SAMPLE_VERIFY_URL)

    assert fetched  # the QR code was fetched, through the fetcher ...
    assert all(url.startswith("data:") for url in fetched)  # ... and nothing else
    assert '<imgsrc="http://127.0.0.1:9/track.png">' in _pdf_text(pdf)  # printed as text


def test_the_fetcher_refuses_every_address_but_data():
    fetcher = OfflineFetcher()
    for url in ("https://example.com/x.png", "http://10.0.0.1/", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="fetches nothing"):
            fetcher.fetch(url)


# --- language, preview, seal ---------------------------------------------------------------------


def test_titles_follow_the_active_language():
    with translation.override("en"):
        html = document_html(kind="refusal", data=sample_data("refusal"), verify_url="https://x")
        assert "<h1>Notice of refusal to accept</h1>" in html
        assert 'lang="en"' in html
    with translation.override("zh-hans"):
        html = document_html(kind="refusal", data=sample_data("refusal"), verify_url="https://x")
        assert 'lang="zh-CN"' in html
        title = str(DocumentKind.REFUSAL.label)
    assert f">{title}</h1>" in html
    if title == "Notice of refusal to accept":
        pytest.skip("the zh_Hans catalog does not carry the documents' strings yet")
    assert title == "不予受理通知书"


def test_html_is_a_self_contained_preview():
    html = document_html(
        kind="approval", data=sample_data("approval"), verify_url=SAMPLE_VERIFY_URL
    )

    assert html.lstrip().startswith("<!doctype html>")
    assert "@media screen" in html
    assert 'src="data:image/png;base64,' in html
    # No address outside the document but the case's own page.
    addresses = set(re.findall(r'(?:src|href)="([^"]+)"', html))
    assert {a for a in addresses if not a.startswith("data:")} == {SAMPLE_VERIFY_URL}


def test_seal_rings_the_issuer_name_from_left_to_right():
    context = document_context(
        kind="approval", data=sample_data("approval"), verify_url=SAMPLE_VERIFY_URL
    )
    seal = context["seal"]

    assert "".join(c["char"] for c in seal["chars"]) == "榆中县市场监督管理局"
    angles = [c["angle"] for c in seal["chars"]]
    assert angles == sorted(angles)
    assert angles[0] == -angles[-1]  # centred on the top
    long_name = document_context(
        kind="approval",
        data=sample_data("approval", issuer="国家税务总局甘肃省兰州市榆中县税务局第一税务分局"),
        verify_url=SAMPLE_VERIFY_URL,
    )["seal"]
    assert long_name["font_mm"] < seal["font_mm"]  # a longer name, smaller characters
    assert max(c["angle"] for c in long_name["chars"]) <= 120
