"""The service guide: web page with situation picker, every version readable, A4 PDF."""

from __future__ import annotations

import copy
import datetime
import io
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
import segno
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from onewindow.catalog import services
from onewindow.catalog.choices import CaseType, EntryStatus, ServiceObject
from onewindow.catalog.guide import answers_from, apply_answers, format_limit, guide_context
from onewindow.catalog.pdf import QR_BORDER, QR_SCALE, OfflineFetcher, css_string, guide_pdf
from onewindow.organisations.choices import BusinessCategory

GUIDE: dict[str, Any] = {
    "name": "食品经营许可证核发",
    "item_type": "01",
    "service_objects": ["natural_person", "enterprise"],
    "legal_basis": "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
    "conditions": (
        "1. 具有与经营的食品品种、数量相适应的经营场所；\n2. 有专职或者兼职的食品安全管理人员。"
    ),
    "statutory_limit": {"value": 20, "unit": "working"},
    "promised_limit": {"value": 5, "unit": "working", "note": "材料齐全的当场受理"},
    "case_type": "2",
    "visits": 1,
    "special_procedures": ["inspection"],
    "allows_commitment": True,
    "result_type": "licence",
    "result_name": "食品经营许可证",
    "handling_forms": ["window", "pc"],
    "tongban_scope": "county",
    "online_depth": 4,
    "place": "榆中县政务服务中心一楼 C 区",
    "hours": "周一至周五 9:00—12:00，13:30—17:30",
    "consult_phone": "0931-5201234",
    "complaint_phone": "0931-5209999",
    "questions": [
        {
            "code": "who",
            "text": "由谁来办理？",
            "options": [
                {"code": "self", "label": "申请人本人"},
                {"code": "agent", "label": "委托代理人"},
            ],
        },
        {
            "code": "shop",
            "text": "经营场所是否为租赁？",
            "options": [
                {"code": "owned", "label": "自有房屋"},
                {"code": "leased", "label": "租赁房屋"},
            ],
        },
    ],
    "materials": [
        {
            "name": "食品经营许可申请书",
            "kind": "original",
            "blank_form": "/media/forms/food-application.docx",
            "sample": "/media/forms/food-application-sample.pdf",
        },
        {
            "name": "营业执照",
            "kind": "copy",
            "form": "fetched",
            "source": "20",
            "issuer": "市场监管",
        },
        {"name": "食品安全管理制度", "kind": "original", "necessity": "3"},
        {"name": "授权委托书", "kind": "original", "situations": ["agent"]},
        {"name": "代理人身份证件", "kind": "copy", "situations": ["agent"]},
        {"name": "房屋租赁合同", "kind": "copy", "situations": ["leased"]},
    ],
    "fees": [
        {
            "name": "许可证工本费",
            "standard": "不收费",
            "basis": "财税〔2014〕101号",
            "waivable": False,
        }
    ],
    "steps": [
        {"name": "受理", "handler": "综合受理窗口", "limit": 0, "criteria": "材料齐全、符合形式"},
        {"name": "审查", "handler": "食品经营许可股", "limit": 3, "criteria": "必要时现场核查"},
        {"name": "决定", "handler": "分管局领导", "limit": 1},
        {"name": "送达", "handler": "统一出件窗口", "limit": 1},
    ],
    "faq": [
        {"question": "网上可以申请吗？", "answer": "可以，在一窗通网上办事大厅提交。"},
    ],
}


def _guide(**overrides: Any) -> dict[str, Any]:
    content = copy.deepcopy(GUIDE)
    content.update(overrides)
    return content


@pytest.fixture
def entry(world):
    item = services.item_ensure(
        basic_code="000123456789",
        name=GUIDE["name"],
        item_type="01",
        category=BusinessCategory.ENTERPRISE,
        themes=["operation"],
    )
    return services.entry_create(
        item=item,
        department=world.dept_x,
        region=world.county_a,
        content=_guide(),
        effective_date=datetime.date(2026, 1, 1),
        actor=None,
    )


def _url(name: str, entry, *args: object) -> str:
    return reverse(f"catalog:{name}", args=[entry.public_id, *args])


def _text(response) -> str:
    return response.content.decode()


# --- reading the content -------------------------------------------------------------------------


def test_limits_read_as_working_days():
    with translation.override("en"):
        assert format_limit(5) == "5 working days"
        assert format_limit(1) == "1 working day"
        assert format_limit(30, "calendar") == "30 calendar days"
        assert format_limit(0) == "On the spot"
        assert format_limit(None) == ""


def test_limits_read_in_chinese():
    with translation.override("zh-hans"):
        text = format_limit(5)
    if text == "5 working days":
        pytest.skip("the zh_Hans catalog does not carry the guide's strings yet")
    assert text == "5 个工作日"


def test_context_groups_materials_and_labels_choices(entry):
    ctx = guide_context(entry.current_version)

    assert [m["name"] for m in ctx["materials_common"]] == [
        "食品经营许可申请书",
        "营业执照",
        "食品安全管理制度",
    ]
    by_option = {o["code"]: o for q in ctx["questions"] for o in q["options"]}
    assert [m["name"] for m in by_option["agent"]["materials"]] == ["授权委托书", "代理人身份证件"]
    assert by_option["self"]["materials"] == []
    deferrable = next(m for m in ctx["materials"] if m["deferrable"])
    assert deferrable["name"] == "食品安全管理制度"
    assert next(m for m in ctx["materials"] if m["fetched"])["name"] == "营业执照"
    lease = next(m for m in ctx["materials"] if m["name"] == "房屋租赁合同")
    assert lease["situation_labels"] == ["经营场所是否为租赁？租赁房屋"]
    assert ctx["statutory_limit"]["text"] == format_limit(20)
    assert [s["limit"] for s in ctx["steps"]] == [format_limit(n) for n in (0, 3, 1, 1)]
    assert ctx["case_type_label"] == str(CaseType.PROMISED.label)
    assert ctx["service_objects"] == [
        str(ServiceObject.NATURAL_PERSON.label),
        str(ServiceObject.ENTERPRISE.label),
    ]
    assert "2026-01-01" in ctx["version_note"]


def test_checklist_follows_the_answers(entry):
    ctx = guide_context(entry.current_version)

    def names(query: dict[str, str]) -> list[str]:
        marked = apply_answers(ctx, answers_from(query, ctx))["checklist"]
        return [m["name"] for m in marked if m["applies"]]

    # Unanswered questions keep their materials: they may yet apply.
    assert len(names({})) == 6
    assert names({"who": "self", "shop": "owned"}) == [
        "食品经营许可申请书",
        "营业执照",
        "食品安全管理制度",
    ]
    assert "授权委托书" in names({"who": "agent"})
    assert "房屋租赁合同" in names({"who": "agent"})  # shop not answered yet
    assert "房屋租赁合同" not in names({"who": "agent", "shop": "owned"})
    # Nonsense in the query string is ignored, not an error.
    assert len(names({"who": "<script>", "shop": "agent"})) == 6


# --- the web page --------------------------------------------------------------------------------


def test_anonymous_citizen_reads_the_guide(client, entry):
    response = client.get(_url("guide", entry))

    assert response.status_code == 200
    html = _text(response)
    assert "食品经营许可证核发" in html
    for material in ("食品经营许可申请书", "授权委托书", "房屋租赁合同"):
        assert material in html
    assert format_limit(20) in html
    assert format_limit(5) in html
    assert "材料齐全的当场受理" in html
    assert "综合受理窗口" in html  # the flow chart names the handler of each step
    assert "0931-5209999" in html
    assert "/media/forms/food-application.docx" in html
    assert _url("guide-pdf", entry) in html
    # Without JavaScript every material shows, the per-situation ones with their situation.
    assert "hidden" not in re.findall(r"<tr data-situations[^>]*>", html)[-1]
    assert "由谁来办理？委托代理人" in html


def test_answers_in_the_query_string_filter_the_checklist_without_javascript(client, entry):
    response = client.get(_url("guide", entry), {"who": "self", "shop": "owned"})

    rows = re.findall(r'<tr data-situations="([^"]*)"([^>]*)>', _text(response))
    hidden = [codes for codes, attrs in rows if "hidden" in attrs]
    assert sorted(hidden) == ["agent", "agent", "leased"]
    assert response.context["applicable_count"] == 3


def test_version_note_links_to_the_history(client, entry):
    html = _text(client.get(_url("guide", entry)))

    assert "2026-01-01" in html
    assert reverse("catalog:versions", args=[entry.public_id]) in html


def test_unknown_entry_is_404(client, db):
    response = client.get(reverse("catalog:guide", args=[uuid.uuid4()]))
    assert response.status_code == 404


@pytest.mark.parametrize("status", [EntryStatus.SUSPENDED, EntryStatus.CANCELLED])
def test_withdrawn_entry_keeps_its_versions_readable(client, entry, status):
    entry.status = status
    entry.save(update_fields=["status"])

    assert client.get(_url("guide", entry)).status_code == 404
    assert client.get(_url("guide-pdf", entry)).status_code == 404
    response = client.get(_url("guide-version", entry, 1))
    assert response.status_code == 200
    assert "食品经营许可证核发" in _text(response)
    assert response.context["entry_withdrawn"]
    assert client.get(_url("guide-version", entry, 2)).status_code == 404


def test_draft_entry_has_no_guide_at_all(client, entry):
    entry.status = EntryStatus.DRAFT
    entry.save(update_fields=["status"])

    assert client.get(_url("guide-version", entry, 1)).status_code == 404


def test_a_later_version_changes_the_current_guide_but_not_v1(client, entry):
    services.version_publish(
        entry=entry,
        content=_guide(
            name="食品经营许可证核发（告知承诺）",
            promised_limit={"value": 3, "unit": "working"},
            materials=[*GUIDE["materials"], {"name": "食品安全承诺书", "kind": "original"}],
            steps=GUIDE["steps"][:2],
        ),
        effective_date=datetime.date(2026, 3, 1),
        actor=None,
    )

    current = _text(client.get(_url("guide", entry)))
    assert "食品经营许可证核发（告知承诺）" in current
    assert "食品安全承诺书" in current
    assert format_limit(3) in current

    old = client.get(_url("guide-version", entry, 1))
    assert old.status_code == 200
    html = _text(old)
    assert "告知承诺）" not in html
    assert "食品安全承诺书" not in html
    assert "2026-01-01" in html
    # The old version points to the guide in force today.
    assert old.context["current_url"] == _url("guide", entry)
    assert client.get(_url("guide-version", entry, 2)).context["current_url"] == ""


def test_guide_page_query_count(client, entry, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(_url("guide", entry))


# --- the PDF -------------------------------------------------------------------------------------


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


def test_pdf_has_the_guide_in_chinese_with_embedded_fonts_and_a_qr_code(client, entry):
    response = client.get(_url("guide-pdf", entry))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    compact = re.sub(r"\s+", "", text)
    assert "食品经营许可证核发" in compact
    assert "食品经营许可申请书" in compact
    assert "房屋租赁合同" in compact
    assert re.sub(r"\s+", "", format_limit(20)) in compact
    assert "综合受理窗口" in compact
    # Every font is embedded: the PDF prints the same on a kiosk without CJK fonts.
    descriptors = [
        f["/FontDescriptor"].get_object() for f in _fonts(reader) if "/FontDescriptor" in f
    ]
    assert descriptors
    assert all(
        any(key in d for key in ("/FontFile", "/FontFile2", "/FontFile3")) for d in descriptors
    )
    # The QR code is an image on the first page.
    assert [image.name for image in reader.pages[0].images]
    # Page header and footer: the page counter and the version note.
    assert "1" in text
    assert "2026-01-01" in compact


def test_pdf_qr_code_encodes_the_online_guide(entry):
    url = "https://ywt.example.gov.cn" + _url("guide", entry)

    reader = PdfReader(io.BytesIO(guide_pdf(entry.current_version, url)))

    # Read the QR image back module by module and compare it with the code segno makes for the
    # URL: the same matrix means the same URL, without needing a QR decoder.
    (image,) = reader.pages[0].images
    pixels = image.image.convert("L")
    expected = segno.make(url, error="m", micro=False).matrix
    size = len(expected)
    assert pixels.size == ((size + 2 * QR_BORDER) * QR_SCALE,) * 2
    middle = QR_BORDER * QR_SCALE + QR_SCALE // 2
    read = [
        [pixels.getpixel((middle + x * QR_SCALE, middle + y * QR_SCALE)) < 128 for x in range(size)]
        for y in range(size)
    ]
    assert read == [[bool(module) for module in row] for row in expected]
    # The address printed under the code, and the blank forms, are links.
    links = [
        annotation.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    ]
    assert url in links
    assert "https://ywt.example.gov.cn/media/forms/food-application.docx" in links


def test_version_pdf_of_a_cancelled_entry(client, entry):
    entry.status = EntryStatus.CANCELLED
    entry.save(update_fields=["status"])

    response = client.get(_url("guide-version-pdf", entry, 1))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_pdf_rendering_fetches_nothing_from_the_network():
    fetcher = OfflineFetcher()
    for url in ("https://example.com/x.png", "http://10.0.0.1/", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="fetches nothing"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"  # inline data is fine


def test_css_strings_are_escaped():
    assert css_string('a"b\\c') == '"a\\22 b\\5c c"'
    assert "</style>" not in css_string("</style>")


# --- the situation picker in a browser ----------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_ticking_answers_updates_the_checklist_in_the_browser(live_server, entry):
    from playwright.sync_api import expect, sync_playwright

    url = live_server.url + _url("guide", entry)  # every ORM call before Playwright's loop starts
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(locale="zh-CN", viewport={"width": 1360, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        count = page.locator("#checklist-count")
        expect(count).to_have_text("6")

        page.locator("label[for=opt-self]").click()
        page.locator("label[for=opt-owned]").click()

        expect(count).to_have_text("3")
        expect(page.get_by_text("授权委托书")).to_be_hidden()
        expect(page.get_by_text("房屋租赁合同")).to_be_hidden()
        assert "who=self" in page.url  # a reload or a shared link keeps the answers
        page.locator("label[for=opt-agent]").click()
        expect(page.get_by_text("授权委托书")).to_be_visible()
        expect(count).to_have_text("5")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "guide-web-picker.png"), full_page=True)
        page.locator("#situation-reset").click()
        expect(count).to_have_text("6")
        browser.close()
    assert errors == []
