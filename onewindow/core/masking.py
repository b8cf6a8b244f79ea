"""Masking of personal numbers for display and logs.

The rule is the one citizens know from bank and government apps: keep enough to recognise one's
own record (first 3 and last 4 of an ID, first 3 and last 4 of a mobile number), hide the rest.
"""

from __future__ import annotations

import logging
import re

_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![0-9A-Za-z])")
# Also "+86 138 1234 5678" and "138-1234-5678": SMS gateways and forms write them so.
_MOBILE_RE = re.compile(r"(?<!\d)((?:\+?86[- ]?)?1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)")


def mask_id_number(value: str | None) -> str:
    """``110101199003071234`` → ``110***********1234``."""
    if not value:
        return ""
    value = str(value)
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value: str | None) -> str:
    """``13812345678`` → ``138****5678``; landlines keep their area code and last 2 digits."""
    if not value:
        return ""
    value = str(value)
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(value) <= 4:
        return "*" * len(value)
    keep_head = value.find("-") + 1 if "-" in value else 3
    return value[:keep_head] + "*" * (len(value) - keep_head - 2) + value[-2:]


def mask_address(value: str | None) -> str:
    """Keep the administrative part (up to the first 6 characters), hide the street and number."""
    if not value:
        return ""
    value = str(value)
    head = value[: min(6, max(len(value) // 2, 1))]
    return head + "****"


def mask_name(value: str | None) -> str:
    """``张三`` → ``张*``, ``欧阳娜娜`` → ``欧***``: the surname alone identifies nobody."""
    if not value:
        return ""
    value = str(value)
    if len(value) == 1:
        return value
    return value[0] + "*" * (len(value) - 1)


def mask_text(text: str) -> str:
    """Mask every resident ID number and mobile number inside free text."""
    text = _ID_RE.sub(lambda m: m.group(1) + "*" * 11 + m.group(2)[-4:], text)
    return _MOBILE_RE.sub(r"\1****\2", text)


class MaskingLogFilter(logging.Filter):
    """Rewrites log records so no handler ever writes a full ID or mobile number."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        masked = mask_text(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True
