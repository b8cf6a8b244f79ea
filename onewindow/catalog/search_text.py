"""Pinyin forms of item names, so `yyzz` finds 营业执照 and `yingye` finds it too."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def pinyin_forms(name: str) -> tuple[str, str]:
    """(full pinyin without spaces, initials), both lower-case ASCII."""
    syllables = [s for s in lazy_pinyin(name, errors="ignore") if s.isascii() and s.isalnum()]
    initials = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(syllables).lower(), "".join(i for i in initials if i.isascii()).lower()
