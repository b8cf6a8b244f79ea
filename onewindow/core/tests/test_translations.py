"""The Chinese catalog is complete and the compiled file matches it."""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

CATALOG = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    po = polib.pofile(str(CATALOG / "django.po"))
    missing = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert missing == []
    assert fuzzy == []


def test_compiled_catalog_matches_the_source() -> None:
    po = polib.pofile(str(CATALOG / "django.po"))
    mo = polib.mofile(str(CATALOG / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) is not None, entry.msgid


def test_ui_speaks_chinese_by_default_and_english_on_request() -> None:
    assert settings.LANGUAGE_CODE == "zh-hans"
    with translation.override("zh-hans"):
        assert translation.gettext("Window clerk") == "窗口受理人员"
    with translation.override("en"):
        assert translation.gettext("Window clerk") == "Window clerk"
