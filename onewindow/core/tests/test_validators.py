"""The one set of input rules (issue 11, item 8): each rule with what it accepts and refuses."""

from __future__ import annotations

import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from onewindow.core.errors import DomainError
from onewindow.core.identity import clean_applicant_number, clean_resident_id
from onewindow.core.identity_makers import make_resident_id, make_uscc
from onewindow.core.validators import (
    checked,
    clean_address,
    clean_count,
    clean_person_name,
    clean_phone,
    clean_text,
)


def _message(fn, *args, **kwargs) -> str:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        fn(*args, **kwargs)
    return caught.value.messages[0]


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("张三", "张三"),
        ("欧阳修远", "欧阳修远"),
        (" 王  芳 ", "王芳"),
        ("买买提·艾力", "买买提·艾力"),
        ("买买提.艾力", "买买提·艾力"),  # a full stop or other dot typed for the middle dot
        ("阿依古丽•吐尔逊", "阿依古丽·吐尔逊"),
        ("John Smith", "John Smith"),
        ("Jean-Luc O'Neil", "Jean-Luc O'Neil"),
        ("Li", "Li"),
        ("José Álvarez", "José Álvarez"),
        ("J. R. Tolkien", "J. R. Tolkien"),
        ("ＺＨＡＮＧ　ＳＡＮ", "ZHANG SAN"),  # full-width letters from a Chinese keyboard
    ],
)
def test_real_names_are_accepted(typed, kept):
    assert clean_person_name(typed) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        "张三<b>",
        "张三😀",
        "😀",
        "Robert'); DROP TABLE users;--",
        "1 OR 1=1",
        "A",
        "张",
        "张三 Smith",
        "张三123",
        "张\u0000三",
        "张\u200b三",
        "·张三",
        "",
        "字" * 65,
    ],
)
def test_markup_emoji_sql_and_single_letters_are_refused(typed):
    message = _message(clean_person_name, typed, label="姓名")
    assert "姓名" in message


def test_a_long_name_is_refused_not_cut():
    message = _message(clean_person_name, "字" * 70, label="姓名")
    assert "70" in message
    assert "64" in message


# --- phones --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("0931-5221312", "0931-5221312"),
        ("09315221312", "0931-5221312"),
        ("(0931)5221312", "0931-5221312"),
        ("010-62345678", "010-62345678"),
        ("0931-5221312-123", "0931-5221312-123"),
        ("0931-5221312转8", "0931-5221312-8"),
    ],
)
def test_mobiles_and_landlines_with_area_code_are_accepted(typed, kept):
    assert clean_phone(typed) == kept


@pytest.mark.parametrize(
    "typed",
    ["😀", "-1", "abc", "5221312", "12345", "1380013800", "138001380001", "0931-0221312", "<b>"],
)
def test_other_phones_are_refused(typed):
    assert "联系电话" in _message(clean_phone, typed, label="联系电话")


def test_a_mobile_only_field_refuses_a_landline():
    assert "手机" in _message(clean_phone, "0931-5221312", label="手机号码", mobile_only=True)


def test_service_numbers_only_where_allowed():
    assert clean_phone("12345", service_numbers=True) == "12345"
    assert clean_phone("400-810-8888", service_numbers=True) == "4008108888"
    with pytest.raises(ValidationError):
        clean_phone("12345")


def test_an_empty_phone_is_empty_unless_required():
    assert clean_phone("  ") == ""
    with pytest.raises(ValidationError):
        clean_phone("", required=True)


# --- addresses -----------------------------------------------------------------------------------


def test_addresses():
    assert (
        clean_address(" 甘肃省兰州市榆中县城关镇栖云北路 1 号 ")
        == "甘肃省兰州市榆中县城关镇栖云北路 1 号"
    )
    assert clean_address("城关镇") == "城关镇"
    for bad in ("<script>", "1", "😀😀😀😀", "城关镇\u0007", "-1", "镇"):
        with pytest.raises(ValidationError):
            clean_address(bad)
    assert "200" in _message(clean_address, "路" * 201, label="邮寄地址")


# --- counts --------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [-1, "-1", "abc", "999", 999, 0, "0", "1.5", "", None, True])
def test_counts_outside_the_range_are_errors_never_clamped(typed):
    message = _message(clean_count, typed, label="份数", minimum=1, maximum=99)
    assert "份数" in message
    assert "1至99" in message


@pytest.mark.parametrize(("typed", "kept"), [("1", 1), (" 3 ", 3), ("９９", 99), (2, 2)])
def test_counts_inside_the_range(typed, kept):
    assert clean_count(typed, minimum=1, maximum=99) == kept


# --- free text -----------------------------------------------------------------------------------


def test_long_text_is_an_error_not_cut():
    message = _message(clean_text, "字" * 10000, label="备注", max_length=300)
    assert "10000" in message
    assert "300" in message
    assert clean_text(" 第一行\n第二行 ", label="备注", max_length=300) == "第一行\n第二行"
    with pytest.raises(ValidationError):
        clean_text("a\u0000b", label="备注", max_length=300)


def test_services_get_the_same_message_as_a_domain_error():
    with pytest.raises(DomainError) as caught:
        checked(clean_count, "abc", field="copies", label="份数", minimum=1, maximum=99)
    assert caught.value.field == "copies"


# --- identity numbers ----------------------------------------------------------------------------


def test_an_id_whose_region_is_no_province_is_refused():
    good = make_resident_id(random.Random(1))
    assert clean_resident_id(good) == good
    body = "000000" + good[6:17]
    from stdnum.cn import ric

    # A right check digit on a region that never existed.
    fake = body + ric.calc_check_digit(body + "0")
    message = _message(clean_resident_id, fake)
    assert "000000" in message


def test_a_mistyped_credit_code_gets_the_credit_code_message():

    code = make_uscc(random.Random(3))
    wrong_y = code[:17] + ("Y" if code[17] != "Y" else "W")
    digits_y = "11620123" + "326222973" + "Y"  # 17 digits and a Y: a credit code, not an ID
    with translation.override("en"):
        for number in (wrong_y, digits_y):
            with pytest.raises(ValidationError) as caught:
                clean_applicant_number(number)
            assert "resident ID" not in caught.value.messages[0], number
            assert "social credit code" in caught.value.messages[0], number
    assert clean_applicant_number(code) == ("organisation", code)
