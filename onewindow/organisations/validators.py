"""Validation of region codes (GB/T 2260 extended to 12 digits for towns and villages)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from onewindow.organisations.choices import PREFIX_LENGTH, RegionLevel

# Province-level codes of GB/T 2260 (mainland, Taiwan, Hong Kong, Macao).
PROVINCE_PREFIXES = frozenset(
    {
        *("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36"),
        *("37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62"),
        *("63", "64", "65", "71", "81", "82"),
    }
)

# Segment boundaries of the 12-digit code: province(2) city(2) county(2) township(3) village(3).
_SEGMENTS = ((0, 2), (2, 4), (4, 6), (6, 9), (9, 12))
_LEVELS = (
    RegionLevel.PROVINCE,
    RegionLevel.CITY,
    RegionLevel.COUNTY,
    RegionLevel.TOWNSHIP,
    RegionLevel.VILLAGE,
)


def region_level_of(code: str) -> RegionLevel:
    """Return the level a valid 12-digit code denotes; raise ``ValidationError`` otherwise."""
    validate_region_code(code)
    level = RegionLevel.PROVINCE
    for (start, end), candidate in zip(_SEGMENTS, _LEVELS, strict=True):
        if int(code[start:end]) != 0:
            level = candidate
    return level


def validate_region_code(code: str) -> None:
    """Check length, digits, a known province and that no zero segment precedes a non-zero one."""
    if not isinstance(code, str) or len(code) != 12 or not code.isdigit():
        raise ValidationError(
            _("A region code has exactly 12 digits (e.g. 620123100000); got “%(code)s”."),
            code="region_code_format",
            params={"code": code},
        )
    if code[:2] not in PROVINCE_PREFIXES:
        raise ValidationError(
            _("“%(prefix)s” is not a province code of GB/T 2260."),
            code="region_code_province",
            params={"prefix": code[:2]},
        )
    seen_zero = False
    for start, end in _SEGMENTS[1:]:
        zero = int(code[start:end]) == 0
        if seen_zero and not zero:
            raise ValidationError(
                _("Region code %(code)s skips a level: a zero segment is followed by digits."),
                code="region_code_gap",
                params={"code": code},
            )
        seen_zero = seen_zero or zero


def region_prefix(code: str, level: int) -> str:
    """The significant digits of ``code`` at ``level``: its subtree is every code starting so."""
    return code[: PREFIX_LENGTH[RegionLevel(level)]]
