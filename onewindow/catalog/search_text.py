"""Search text of items: pinyin forms of their names, so `yyzz` finds 营业执照 and `yingye` finds
it too, and the names of what they produce with the words people use for those, so that 营业执照
finds every registration whose result is a business licence."""

from __future__ import annotations


def pinyin_forms(name: str) -> tuple[str, str]:
    """(full pinyin without spaces, initials), both lower-case ASCII."""
    # Imported here: its phrase dictionary takes a second to load, which the pages that only
    # search (and every server worker at start) need not pay (issue 11 item 15).
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(name, errors="ignore") if s.isascii() and s.isalnum()]
    initials = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(syllables).lower(), "".join(i for i in initials if i.isascii()).lower()


# Words people type for a result, by the result name the guides publish. A keyword typed in the
# search box is also looked up here, so 执照 finds the items producing a 营业执照.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "营业执照": ("执照", "工商执照", "营业证"),
    "食品经营许可证": ("食品许可证", "食品经营许可"),
    "居民身份证": ("身份证",),
    "居住证": ("暂住证",),
    "结婚证": ("结婚登记",),
    "离婚证": ("离婚登记",),
    "出生医学证明": ("出生证", "出生证明"),
    "不动产权证书": ("房产证", "房本", "土地证"),
    "机动车驾驶证": ("驾驶证", "驾照"),
    "户口簿": ("户口本",),
}


def keywords_of(result_name: str) -> str:
    """The search keywords of an item producing ``result_name`` (space-separated)."""
    name = (result_name or "").strip()
    if not name:
        return ""
    words = [name]
    for canonical, others in SYNONYMS.items():
        if canonical in name:
            words += [canonical, *others]
    return " ".join(dict.fromkeys(words))[:500]


def expand(keyword: str) -> list[str]:
    """The keyword and the result names it is a synonym of."""
    terms = [keyword]
    for canonical, others in SYNONYMS.items():
        if keyword in others:
            terms.append(canonical)
    return terms
