"""The staff password policy beyond Django's validators (等保 2.0 身份鉴别: complexity)."""

from __future__ import annotations

import string
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_CLASSES = (
    set(string.ascii_lowercase),
    set(string.ascii_uppercase),
    set(string.digits),
)


def _classes_in(password: str) -> int:
    count = sum(1 for chars in _CLASSES if any(c in chars for c in password))
    # Anything that is not an ASCII letter or digit (punctuation, a space, a Chinese character).
    if any(not (c.isascii() and c.isalnum()) for c in password):
        count += 1
    return count


class CharacterClassesValidator:
    """A password mixes at least ``min_classes`` of: lower-case letters, upper-case letters,
    digits, other characters."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if _classes_in(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _(
            "Your password must mix at least %(count)d of: lower-case letters, upper-case "
            "letters, digits, other characters."
        ) % {"count": self.min_classes}
