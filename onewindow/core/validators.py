"""The one set of input rules: names, phones, addresses, counts and free text.

Every form field (``core.forms``: ``NameField``, ``PhoneField``, ``AddressField``, the messages of
``FieldMessagesMixin``) and every service that writes such a value calls these functions, so a
value refused on a page is refused by the service too, with the same message. Nothing is ever
clamped or cut: a value outside the rule is an error that names the field and the rule.
Identity numbers (resident ID, USCC) are ``core.identity``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from onewindow.core.errors import DomainError

# CJK unified ideographs (basic, extension A, the supplementary planes' extensions) and 〇.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3007"
# Latin letters a foreign name is written in (ASCII, Latin-1 and Latin Extended-A/B).
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# The separators of a minority or transliterated name that people type for the middle dot.
_DOTS = "·•・･‧∙⋅●。．."
CHINESE_NAME = re.compile(rf"^[{_CJK}]+(?:·[{_CJK}]+)*$")
LATIN_NAME = re.compile(rf"^[{_LATIN}]+(?:(?:[ '\-·]|\. ?)[{_LATIN}]+)*\.?$")
NAME_MAX = 64
MIN_CHINESE_NAME = 2
MIN_LATIN_LETTERS = 2

MOBILE = re.compile(r"^1[3-9]\d{9}$")
# 0 + area code (2–3 more digits) + local number (7–8 digits, not starting with 0 or 1), the
# area code written with or without a hyphen, an extension after -, 转, ext or #.
LANDLINE = re.compile(r"^(0\d{2,3})-?([2-9]\d{6,7})(?:(?:-|转|ext\.?|#)(\d{1,6}))?$")
# Public service numbers a guide may give: 12345-style hotlines, 95xxx, 400/800 numbers.
SERVICE_NUMBER = re.compile(r"^(?:12\d{3}|9[56]\d{3}|[48]00\d{7})$")
PHONE_MAX = 20

T = TypeVar("T")
ADDRESS_MIN = 2
MAX_COPIES = 99


def checked(clean: Callable[..., T], value: Any, *, field: str, **kwargs: Any) -> T:
    """``clean(value, **kwargs)`` for a service: its ``ValidationError`` becomes the
    ``DomainError`` the services raise, on ``field``, with the same message."""
    try:
        return clean(value, **kwargs)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field=field) from None


def _text_problem(value: str, *, newlines: bool) -> str | None:
    """Why ``value`` is not plain text: a control character, an emoji or a private-use sign."""
    for char in value:
        if newlines and char in "\n\r\t":
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            return "control"
        if category == "So" or 0x1F000 <= ord(char) <= 0x1FAFF:
            return "symbol"
    return None


def _length_error(label: Any, limit: int, length: int) -> ValidationError:
    return ValidationError(
        _("%(label)s: at most %(limit)d characters (you entered %(n)d); nothing was cut."),
        code="max_length",
        params={"label": label, "limit": limit, "n": length},
    )


def clean_person_name(value: Any, *, label: Any = None, required: bool = True) -> str:
    """A natural person's name as on the identity document.

    Chinese characters (at least two), parts of a minority name joined by · (其他点号 are read as
    ·), or a foreign name in Latin letters (at least two letters; spaces, hyphens, apostrophes and
    abbreviating dots between the parts). No digits, markup, emoji or control characters; one
    script, not both. Returns the name with its separators and spaces normalised."""
    label = label or _("Full name")
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    text = re.sub(r"\s+", " ", text)
    if not text:
        if required:
            raise ValidationError(
                _("%(label)s: enter the name."), code="required", params={"label": label}
            )
        return ""
    if len(text) > NAME_MAX:
        raise _length_error(label, NAME_MAX, len(text))
    if _text_problem(text, newlines=False):
        raise ValidationError(
            _("%(label)s: emoji, symbols and control characters are not part of a name."),
            code="name_symbols",
            params={"label": label},
        )
    has_cjk = re.search(f"[{_CJK}]", text) is not None
    has_latin = re.search(f"[{_LATIN}]", text) is not None
    if has_cjk and has_latin:
        raise ValidationError(
            _(
                "%(label)s: write the name either in Chinese characters or in Latin letters, as on "
                "the identity document."
            ),
            code="name_mixed",
            params={"label": label},
        )
    if has_cjk:
        # Chinese: no spaces; any dot-like separator between parts is the middle dot.
        text = re.sub(f"\\s*[{re.escape(_DOTS)}]\\s*", "·", text).replace(" ", "")
        if not CHINESE_NAME.match(text):
            raise ValidationError(
                _(
                    "%(label)s: a name in Chinese has only Chinese characters, with · between the "
                    "parts of a minority name."
                ),
                code="name_chars",
                params={"label": label},
            )
        if len(text.replace("·", "")) < MIN_CHINESE_NAME:
            raise ValidationError(
                _("%(label)s: a name in Chinese has at least two characters."),
                code="name_short",
                params={"label": label},
            )
        return text
    if not has_latin or not LATIN_NAME.match(text):
        raise ValidationError(
            _(
                "%(label)s: a foreign name has only Latin letters, with spaces, hyphens or "
                "apostrophes between its parts; no digits or symbols."
            ),
            code="name_chars",
            params={"label": label},
        )
    if len(re.findall(f"[{_LATIN}]", text)) < MIN_LATIN_LETTERS:
        raise ValidationError(
            _("%(label)s: a name in Latin letters has at least two letters."),
            code="name_short",
            params={"label": label},
        )
    return text


def clean_phone(
    value: Any,
    *,
    label: Any = None,
    required: bool = False,
    mobile_only: bool = False,
    service_numbers: bool = False,
) -> str:
    """A mobile number (11 digits, 13–19…), or a landline with its area code and an optional
    extension (``0931-5221312``, ``0931-5221312-123``); public service numbers (12345, 95xxx,
    400/800) only where ``service_numbers``. Returns the canonical form (digits, area code and
    extension separated by hyphens)."""
    label = label or _("Phone")
    raw = unicodedata.normalize("NFKC", str(value or "")).strip()
    if not raw:
        if required:
            raise ValidationError(
                _("%(label)s: enter a phone number."), code="required", params={"label": label}
            )
        return ""
    if len(raw) > 40 or _text_problem(raw, newlines=False):
        raise _phone_error(label, mobile_only)
    compact = re.sub(r"[\s()（）]", "", raw)
    compact = re.sub(r"^(?:\+86|0086)-?", "", compact)
    digits = compact.replace("-", "")
    if MOBILE.match(digits):
        return digits
    if mobile_only:
        raise _phone_error(label, mobile_only)
    if service_numbers and SERVICE_NUMBER.match(digits):
        return digits
    match = LANDLINE.match(compact)
    if match is None:
        raise _phone_error(label, mobile_only)
    area, local, extension = match.groups()
    if len(area) + len(local) not in (10, 11, 12):
        raise _phone_error(label, mobile_only)
    phone = f"{area}-{local}" + (f"-{extension}" if extension else "")
    if len(phone) > PHONE_MAX:
        raise _phone_error(label, mobile_only)
    return phone


def _phone_error(label: Any, mobile_only: bool) -> ValidationError:
    if mobile_only:
        return ValidationError(
            _("%(label)s: a mobile number has 11 digits and starts with 13–19."),
            code="phone",
            params={"label": label},
        )
    return ValidationError(
        _(
            "%(label)s: enter a mobile number (11 digits) or a landline with its area code, e.g. "
            "0931-5221312 (an extension may follow: 0931-5221312-123)."
        ),
        code="phone",
        params={"label": label},
    )


def clean_address(
    value: Any, *, label: Any = None, required: bool = False, max_length: int = 200
) -> str:
    """A postal address: plain text of at least two characters with at least one Chinese
    character or letter, no markup, emoji or control characters, at most ``max_length``."""
    label = label or _("Address")
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(value or ""))).strip()
    if not text:
        if required:
            raise ValidationError(
                _("%(label)s: enter the address."), code="required", params={"label": label}
            )
        return ""
    if len(text) > max_length:
        raise _length_error(label, max_length, len(text))
    if _text_problem(text, newlines=False) or re.search(r"[<>{}\\]", text):
        raise ValidationError(
            _("%(label)s: an address has no emoji, markup or control characters."),
            code="address_chars",
            params={"label": label},
        )
    if len(text) < ADDRESS_MIN or not re.search(f"[{_CJK}{_LATIN}]", text):
        raise ValidationError(
            _("%(label)s: enter the full address (province, city, street and number)."),
            code="address_short",
            params={"label": label},
        )
    return text


def clean_count(
    value: Any, *, label: Any = None, minimum: int = 1, maximum: int = MAX_COPIES
) -> int:
    """A whole number from ``minimum`` to ``maximum``; anything else is an error, never clamped."""
    label = label or _("Number")
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int):
        number = value
    else:
        text = unicodedata.normalize("NFKC", str(value if value is not None else "")).strip()
        if not re.fullmatch(r"[+-]?\d{1,9}", text):
            raise _count_error(label, minimum, maximum)
        number = int(text)
    if not minimum <= number <= maximum:
        raise _count_error(label, minimum, maximum)
    return number


def _count_error(label: Any, minimum: int, maximum: int) -> ValidationError:
    return ValidationError(
        _("%(label)s: enter a whole number from %(min)d to %(max)d."),
        code="count",
        params={"label": label, "min": minimum, "max": maximum},
    )


def clean_text(
    value: Any,
    *,
    label: Any,
    max_length: int,
    required: bool = False,
    multiline: bool = True,
) -> str:
    """Free text (a note, an opinion, a reason): stripped, at most ``max_length`` characters,
    no control characters. Too long is an error: a note is never cut without a word."""
    text = str(value or "").strip()
    if not text:
        if required:
            raise ValidationError(
                _("%(label)s: this cannot be empty."), code="required", params={"label": label}
            )
        return ""
    if len(text) > max_length:
        raise _length_error(label, max_length, len(text))
    if _text_problem(text, newlines=multiline) == "control":
        raise ValidationError(
            _("%(label)s: the text holds control characters; type it again."),
            code="text_control",
            params={"label": label},
        )
    return text
