"""Fill untranslated or fuzzy entries of the zh_Hans catalogue from JSON files of translations.

Usage: .venv/bin/python scripts/i18n_merge.py var/i18n/*.json
Each file is a flat object {"English msgid": "中文"}; entries already translated are kept.
Prints the msgids still untranslated afterwards.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def main(paths: list[str]) -> int:
    table: dict[str, str] = {}
    for path in paths:
        table.update(json.loads(Path(path).read_text(encoding="utf-8")))
    po = polib.pofile(str(PO))
    filled = 0
    for entry in po:
        if entry.obsolete or (entry.msgstr and "fuzzy" not in entry.flags):
            continue
        if entry.msgid in table and not entry.msgid_plural:
            entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
                entry.previous_msgctxt = None
            filled += 1
    po.save()
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    print(f"filled {filled}; untranslated {len(missing)}")
    for msgid in missing:
        print(json.dumps(msgid, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
