"""Masking of personal numbers on screen and in logs."""

from __future__ import annotations

import logging
import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from onewindow.core.masking import (
    MaskingLogFilter,
    mask_address,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_text,
)
from onewindow.registries.models import AgentAuthorization

ID = "620123199003071234"
ID_X = "11010519491231002X"
MOBILE = "13812345678"


# --- helpers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (ID, "620***********1234"),
        (ID_X, "110***********002X"),
        ("123456789012345", "123********2345"),  # the old 15-digit card
        ("1234567", "*******"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_id_number(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (MOBILE, "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("+86 138-1234-5678", "+86 138-*******78"),
        ("0931-5221234", "0931-*****34"),
        ("12345", "12345"),  # a service number such as the 12345 hotline stays readable
        ("123456", "123*56"),
        ("1234", "****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [("张三", "张*"), ("欧阳娜娜", "欧***"), ("王", "王"), ("", ""), (None, "")],
)
def test_mask_name(value, masked):
    assert mask_name(value) == masked


def test_mask_address_keeps_the_administrative_part_only():
    assert mask_address("甘肃省兰州市榆中县城关镇兴隆路8号") == "甘肃省兰州市****"
    assert mask_address("城关镇") == "城****"
    assert mask_address("") == ""


def test_mask_text_masks_every_id_and_mobile_number():
    text = f"申请人{ID}，代理人{ID_X.lower()}，电话{MOBILE}、13987654321。"

    masked = mask_text(text)

    assert masked == (
        "申请人620***********1234，代理人110***********002x，电话138****5678、139****4321。"
    )


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("短信发送至+8613812345678", "短信发送至+86138****5678"),
        ("to 8613812345678.", "to 86138****5678."),
        ("tel +86 138 1234 5678", "tel +86 138****5678"),
        ("手机 138-1234-5678", "手机 138****5678"),
    ],
)
def test_mask_text_masks_mobiles_written_with_a_country_code_or_separators(text, masked):
    assert mask_text(text) == masked


def test_mask_text_leaves_other_numbers_alone():
    text = "办件编号 1162012300000000001234 第2026号, 金额 12345678901234567 元, 座机 0931-5221234"

    assert mask_text(text) == text


# --- the log filter -------------------------------------------------------------------------------


@pytest.fixture
def masked_logger():
    logger = logging.getLogger("onewindow.tests.masking")
    mask = MaskingLogFilter()
    logger.addFilter(mask)
    yield logger
    logger.removeFilter(mask)


def test_log_filter_masks_arguments(masked_logger, caplog):
    with caplog.at_level(logging.INFO, logger="onewindow.tests.masking"):
        masked_logger.info("registered %s, mobile %s", ID, MOBILE)

    assert caplog.records[0].getMessage() == "registered 620***********1234, mobile 138****5678"
    assert ID not in caplog.text
    assert MOBILE not in caplog.text
    assert "620***********1234" in caplog.text


def test_log_filter_masks_a_preformatted_message(masked_logger, caplog):
    with caplog.at_level(logging.WARNING, logger="onewindow.tests.masking"):
        masked_logger.warning(f"lookup failed for {ID_X} ({MOBILE})")

    assert ID_X not in caplog.text
    assert "110***********002X" in caplog.text
    assert "138****5678" in caplog.text


def test_log_filter_leaves_clean_records_untouched():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "case %s accepted", ("A-1",), None)

    assert MaskingLogFilter().filter(record) is True
    assert record.msg == "case %s accepted"
    assert record.args == ("A-1",)


def test_log_filter_keeps_a_record_with_a_broken_format_string():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%d items", ("many",), None)

    assert MaskingLogFilter().filter(record) is True
    assert record.msg == "%d items"


def test_every_configured_log_handler_masks():
    config = settings.LOGGING
    mask_filters = {
        name
        for name, spec in config["filters"].items()
        if spec.get("()") == "onewindow.core.masking.MaskingLogFilter"
    }

    assert mask_filters
    for name, handler in config["handlers"].items():
        assert set(handler.get("filters", [])) & mask_filters, f"handler {name} does not mask"


def test_the_root_handler_masks_at_runtime(caplog):
    handlers = [h for h in logging.getLogger().handlers if h is not caplog.handler]
    masking = [h for h in handlers if any(isinstance(f, MaskingLogFilter) for f in h.filters)]

    assert masking, "no handler of the root logger carries the masking filter"


# --- no page shows the hotline or the administrator a full ID number ------------------------------

_HREF = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/admin/", "/accounts/logout/", "/i18n/", "/static/")


def crawl(client, start: list[str], limit: int = 80) -> dict[str, str]:
    """Every page reachable by GET from ``start`` within the site, as {url: html}."""
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        response = client.get(url, follow=True)
        seen[url] = response.content.decode()
        if response.redirect_chain:
            seen[response.redirect_chain[-1][0]] = seen[url]
        for href in _HREF.findall(seen[url]):
            path = urlsplit(href.replace("&amp;", "&"))
            target = path.path + (f"?{path.query}" if path.query else "")
            if target not in seen:
                queue.append(target)
    return seen


@pytest.mark.parametrize("persona", ["hotline_a", "admin_a"])
def test_no_page_shows_the_full_id_number_to_non_clerks(world, login, persona):
    # Given 王小明 appears everywhere he can: as principal, as agent, and as a representative
    person = world.person
    world.company.representative_id_number = person.id_number
    world.company.save()
    AgentAuthorization.objects.create(
        agent=world.citizen_person,
        principal_person=person,
        relation="family",
        matters="社保",
        valid_from="2026-01-01",
        valid_until="2026-12-31",
    )
    AgentAuthorization.objects.create(
        agent=person,
        principal_organisation=world.company,
        relation="employee",
        matters="税务",
        valid_from="2026-01-01",
        valid_until="2026-12-31",
    )
    client = login(getattr(world, persona))

    # When they walk every page they can reach, and look him and his company up
    pages = crawl(
        client,
        [
            "/accounts/workspace/",
            "/registries/lookup/",
            f"/registries/persons/{person.public_id}/",
            f"/registries/persons/{world.citizen_person.public_id}/",
            f"/registries/organisations/{world.company.public_id}/",
            "/me/",
        ],
    )

    # Then his number never appears in full, only masked
    assert len(pages) >= 8
    leaks = [url for url, html in pages.items() if person.id_number in html]
    assert leaks == []
    assert any(mask_id_number(person.id_number) in html for html in pages.values())
    assert all(person.phone not in html for html in pages.values())


def test_the_clerk_does_see_the_full_number(world, login):
    # The counter-check: the crawl above would find the number if it were shown. The person is
    # at the clerk's window: looked up by the number on their card (issue 17 item 7).
    client = login(world.clerk_a)
    client.post("/registries/lookup/", {"number": world.person.id_number})
    pages = crawl(client, [f"/registries/persons/{world.person.public_id}/"])

    assert any(world.person.id_number in html for html in pages.values())
