"""One-off: turn the demo catalog module into implementation-list workbooks and form files.

Run once (``.venv/bin/python scripts/demo_catalog_generate.py``) to write
``onewindow/demo/data/catalog/``; the module it reads is deleted afterwards, and the workbooks are
maintained as data from then on (see that folder's README).
"""

from __future__ import annotations

import os
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402

from onewindow.catalog.choices import ServiceObject  # noqa: E402
from onewindow.catalog.schema import clean_content  # noqa: E402
from onewindow.catalog.xlsx import ListEntry, parse_workbook  # noqa: E402
from onewindow.catalog.xlsx.write import _write  # noqa: E402
from onewindow.demo import county  # noqa: E402
from onewindow.demo.catalog_items import ITEMS  # noqa: E402
from onewindow.demo.forms import form_title, form_workbook  # noqa: E402
from onewindow.registries.numbers import make_uscc  # noqa: E402

OUT = ROOT / "onewindow" / "demo" / "data" / "catalog"


def main() -> None:
    rng = random.Random(20261122)  # noqa: S311 — loader.DEFAULT_SEED: today's department codes
    usccs = {
        short: make_uscc(rng, kind="11", region="620123") for _n, short, _p in county.DEPARTMENTS
    }
    if OUT.exists():
        shutil.rmtree(OUT)
    order: list[str] = []
    groups: dict[str, list[ListEntry]] = {}
    for spec in ITEMS:
        short = spec["department"]
        if short not in groups:
            order.append(short)
            groups[short] = []
        if order[-1] != short:
            raise SystemExit(f"{short} is not contiguous in ITEMS")
        content = spec["content"]
        folder = OUT / f"{len(order):02d}-{short}"
        for_companies = ServiceObject.NATURAL_PERSON not in content["service_objects"]
        materials = []
        for material in content["materials"]:
            material = dict(material)
            for key, sample in (("blank_form", False), ("sample", True)):
                label = material.get(key)
                if not label:
                    continue
                if label.startswith("/"):
                    raise SystemExit(f"{label}: already an address")
                title = form_title(label)
                suffix = "填写样例" if sample else "空白表格"
                relative = f"{spec['basic_code']}/{title}（{suffix}）.xlsx"
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(
                    form_workbook(
                        title=title,
                        item_name=content["name"],
                        for_companies=for_companies,
                        sample=sample,
                    )
                )
                material[key] = relative
            materials.append(material)
        groups[short].append(
            ListEntry(
                basic_code=spec["basic_code"],
                department=usccs[short],
                region=county.COUNTY[0],
                category=spec["category"],
                themes=list(spec["themes"]),
                content=clean_content({**content, "materials": materials}),
            )
        )
    with translation.override("zh-hans"):
        for number, short in enumerate(order, start=1):
            path = OUT / f"{number:02d}-{short}" / "实施清单.xlsx"
            data = _write(groups[short])
            path.write_bytes(data)
            parsed = parse_workbook(data)
            if not parsed.ok or [e.content for e in parsed.entries] != [
                e.content for e in groups[short]
            ]:
                raise SystemExit(f"{path}: does not read back as written: {parsed.problems}")
            print(f"{path.relative_to(ROOT)}: {len(groups[short])} entries")


if __name__ == "__main__":
    main()
