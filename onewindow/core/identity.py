"""Validation of the national identity numbers.

Hard errors (the number is refused): wrong length or characters, an impossible birth date, a wrong
check digit. A resident ID whose area code is not in python-stdnum's table of historic GB/T 2260
codes is only a *warning*: people keep IDs issued under codes that were later abolished, and a gap
in that table must never turn a citizen away from the window (see docs/decisions/0003).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

# GB 32100: registration authority code followed by the organisation type code.
_USCC_TYPES = {
    "1": "1239",  # 机构编制: 机关, 事业单位, 中央编办直接管理的群团, 其他
    "2": "19",  # 外交
    "3": "12345679",  # 司法行政
    "4": "19",  # 文化
    "5": "1239",  # 民政: 社会团体, 民办非企业单位, 基金会, 其他
    "6": "129",  # 旅游
    "7": "129",  # 宗教
    "8": "19",  # 工会
    "9": "123",  # 市场监管(工商): 企业, 个体工商户, 农民专业合作社
    "A": "19",  # 中央军委改革和编制办公室
    "N": "12349",  # 农业农村
    "Y": "1",  # 其他
}


# GB/T 2260 province-level codes (the first two digits of a resident ID's area code), and 81/82/83
# for the residence permits of Hong Kong, Macao and Taiwan residents (810000, 820000, 830000). A
# number whose area code starts with anything else (00, 99 …) was never issued: a hard error, while
# an unknown county inside a real province stays a warning (decisions 0003, 0004).
PROVINCE_CODES = frozenset(
    {
        *("11", "12", "13", "14", "15"),  # 华北
        *("21", "22", "23"),  # 东北
        *("31", "32", "33", "34", "35", "36", "37"),  # 华东
        *("41", "42", "43", "44", "45", "46"),  # 中南
        *("50", "51", "52", "53", "54"),  # 西南
        *("61", "62", "63", "64", "65"),  # 西北
        *("71", "81", "82", "83"),  # 台湾; 港澳台居民居住证
    }
)


def clean_resident_id(value: str) -> str:
    """Return the canonical 18-character resident ID (upper-case X) or raise ``ValidationError``."""
    number = ric.compact(value or "").upper()
    if len(number) != 18:
        raise ValidationError(
            _("A resident ID number has 18 characters; this one has %(n)d."),
            code="id_length",
            params={"n": len(number)},
        )
    # isascii(): str.isdigit() also accepts digits like "²" or "١" that int() rejects or misreads.
    if not (number.isascii() and number[:17].isdigit() and number[17] in "0123456789X"):
        raise ValidationError(
            _("A resident ID number is 17 digits followed by a digit or X."), code="id_format"
        )
    try:
        birth = ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("The birth date in this resident ID number (%(d)s) does not exist."),
            code="id_birth_date",
            params={"d": number[6:14]},
        ) from None
    if birth > datetime.date.today() or birth.year < 1880:
        raise ValidationError(
            _("The birth date in this resident ID number (%(d)s) is impossible."),
            code="id_birth_date",
            params={"d": number[6:14]},
        )
    if ric.calc_check_digit(number) != number[17]:
        raise ValidationError(
            _("The check digit of this resident ID number is wrong: please check every digit."),
            code="id_checksum",
        )
    # After the check digit: a typo gets the check-digit message; a number whose check digit is
    # right but whose region never existed (000000) was made up.
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _(
                "The area code %(code)s of this resident ID number is not a province of China: "
                "check the first six digits."
            ),
            code="id_region",
            params={"code": number[:6]},
        )
    return number


def resident_id_warnings(number: str) -> list[str]:
    """Soft findings the clerk should look at, for an ID that passed ``clean_resident_id``."""
    try:
        ric.get_birth_place(number)
    except (stdnum_errors.ValidationError, KeyError):
        # KeyError: python-stdnum fails so on a known province with an unknown county (629999).
        return [
            str(
                _(
                    "The area code %(code)s of this ID is not in the table of known divisions: "
                    "compare the number with the card."
                )
                % {"code": number[:6]}
            )
        ]
    return []


def validate_resident_id(value: str) -> None:
    clean_resident_id(value)


def clean_uscc(value: str) -> str:
    """Return the canonical 18-character unified social credit code or raise ``ValidationError``."""
    number = uscc.compact(value or "").upper()
    if len(number) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d."),
            code="uscc_length",
            params={"n": len(number)},
        )
    allowed = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    if any(c not in allowed for c in number):
        raise ValidationError(
            _(
                "A unified social credit code uses digits and capital letters except I, O, Z, S "
                "and V."
            ),
            code="uscc_format",
        )
    types = _USCC_TYPES.get(number[0])
    if types is None or number[1] not in types:
        raise ValidationError(
            _("“%(code)s” is not a registration authority and organisation type of GB 32100."),
            code="uscc_type",
            params={"code": number[:2]},
        )
    if not number[2:8].isdigit():
        raise ValidationError(
            _("Characters 3–8 of a unified social credit code are a region code (digits)."),
            code="uscc_region",
        )
    if uscc.calc_check_digit(number) != number[17]:
        raise ValidationError(
            _("The check digit of this social credit code is wrong: check every character."),
            code="uscc_checksum",
        )
    return number


def validate_uscc(value: str) -> None:
    clean_uscc(value)


def looks_like_resident_id(value: str) -> bool:
    """Whether a mistyped number is more likely an ID than a USCC: 17 digits then a digit or X.
    A code ending in any other letter, or with a letter inside, is a credit code."""
    number = (value or "").strip().upper()
    return (
        len(number) <= 18
        and number[:17].isdigit()
        and (len(number) < 18 or number[17] in "0123456789X")
    )


def clean_applicant_number(value: str) -> tuple[str, str]:
    """A resident ID (``("person", id)``) or a USCC (``("organisation", code)``); a number that
    is neither is refused with the message of the kind it resembles most."""
    raw = (value or "").strip().upper()
    try:
        return "person", clean_resident_id(raw)
    except ValidationError as id_error:
        try:
            return "organisation", clean_uscc(raw)
        except ValidationError as uscc_error:
            raise (id_error if looks_like_resident_id(raw) else uscc_error) from None
