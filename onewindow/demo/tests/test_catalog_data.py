"""The demo catalog loaded from its list workbooks is the catalog the Python module used to make.

``expected_catalog.json`` was taken from the module-built demo before the catalog became data:
entries per department, three full guides, and a digest of every entry and guide. Addresses of
forms and samples carry a random public id, so they are compared by file name.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from onewindow.catalog.models import Attachment, Entry
from onewindow.demo.catalog_loader import department_folders
from onewindow.demo.loader import load_demo

EXPECTED = json.loads((Path(__file__).parent / "expected_catalog.json").read_text("utf-8"))
FILE_ADDRESS = re.compile(r"^/catalog/files/[^/]+/")


@pytest.fixture
def demo(db):
    return load_demo(password="demo-pass-2026", with_cases=False)


def _comparable(value: Any, shape: dict[str, list[str]], key: str = "") -> Any:
    """Keep the elements the expectation knows (a schema may add more), addresses by name."""
    if isinstance(value, str):
        return FILE_ADDRESS.sub("/catalog/files/*/", value)
    if isinstance(value, list):
        return [_comparable(v, shape, key) for v in value]
    if isinstance(value, dict):
        keys = shape.get(key) or list(value)
        return {k: _comparable(value[k], shape, k) for k in keys if k in value}
    return value


def _entries() -> dict[str, dict[str, Any]]:
    shape = EXPECTED["shape"]
    entries = Entry.objects.select_related("item", "department", "current_version").order_by("code")
    return {
        e.code: {
            "department": e.department.short_name,
            "basic_code": e.item.basic_code,
            "item": [
                e.item.name,
                e.item.item_type,
                e.item.category,
                sorted(t.theme for t in e.item.themes.all()),
            ],
            "status": e.status,
            "name": e.name,
            "case_type": e.case_type,
            "promised_days": e.promised_days,
            "visits": e.visits,
            "pinyin": e.pinyin,
            "initials": e.initials,
            "versions": [[v.number, str(v.effective_date)] for v in e.versions.order_by("number")],
            "content": {
                k: _comparable(v, shape, k)
                for k, v in e.current_version.content.items()
                if k in shape[""]
            },
        }
        for e in entries
    }


# Two tests, not six: each loads the county, which takes seconds.


def test_every_entry_and_guide_is_as_it_was(demo):
    per_department = Counter(Entry.objects.values_list("department__short_name", flat=True))
    entries = _entries()
    digest = hashlib.sha256(
        json.dumps(entries, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()

    assert dict(per_department) == EXPECTED["entries_per_department"]
    assert {short for short, _folder in department_folders()} == set(per_department)
    for code, expected in EXPECTED["guides"].items():
        assert entries[code] == expected, expected["name"]
    assert len(entries) == sum(EXPECTED["entries_per_department"].values())
    assert digest == EXPECTED["digest"]


def test_every_form_and_sample_is_published_and_linked_by_the_catalog_manager(demo):
    linked = {
        m[key]
        for content in Entry.objects.values_list("current_version__content", flat=True)
        for m in content["materials"]
        for key in ("blank_form", "sample")
        if m[key]
    }
    publishers = set(
        Entry.objects.values_list("current_version__published_by__username", flat=True)
    )

    assert publishers == {"catalog"}
    assert Attachment.objects.count() == EXPECTED["attachments"]
    assert linked == {a.path for a in Attachment.objects.all()}
    assert all(a.uploaded_by.username == "catalog" for a in Attachment.objects.all())
    entry = Entry.objects.get(name="个体工商户设立登记")
    address = next(m["sample"] for m in entry.current_version.content["materials"] if m["sample"])
    sample = Attachment.objects.get(public_id=address.split("/")[3])
    with sample.file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert sheet is not None
    assert sheet["A1"].value == "个体工商户登记（备案）申请书（填写样例）"
    assert "个体工商户设立登记" in sheet["A2"].value
    assert sample.department.short_name == "市场监管局"
