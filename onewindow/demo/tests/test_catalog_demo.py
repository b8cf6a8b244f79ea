"""The demo catalog: valid by the real content rules, broad, and published through the services."""

from __future__ import annotations

from collections import Counter

import pytest

from onewindow.catalog.choices import BUSINESS_THEMES, PERSONAL_THEMES, CaseType, Necessity
from onewindow.catalog.models import CatalogItem, Entry, ItemTheme
from onewindow.catalog.schema import clean_content, validate_basic_code
from onewindow.demo import county
from onewindow.demo.catalog_loader import demo_items, load_catalog
from onewindow.demo.loader import load_demo
from onewindow.organisations.choices import BusinessCategory

PASSWORD = "demo-pass-2026"
SHORT_NAMES = {short for _name, short, _phone in county.DEPARTMENTS}
PHONES = {f"0931-{phone}" for _name, _short, phone in county.DEPARTMENTS}
ITEMS = demo_items()


@pytest.fixture
def demo(db):
    return load_demo(password=PASSWORD, with_cases=False)


@pytest.mark.parametrize("spec", ITEMS, ids=[s["basic_code"] for s in ITEMS])
def test_every_guide_passes_the_content_rules(spec):
    content = clean_content(spec["content"])

    assert validate_basic_code(spec["basic_code"]) == spec["basic_code"]
    assert spec["department"] in SHORT_NAMES
    assert spec["category"] in BusinessCategory.values
    assert spec["themes"]
    assert spec["basic_code"][2:4] == content["item_type"]
    assert content["consult_phone"] in PHONES
    assert content["complaint_phone"] == "12345"
    assert 3 <= len(content["materials"]) <= 8
    if content["case_type"] == CaseType.IMMEDIATE:
        assert all(s["limit"] == 0 for s in content["steps"])


def test_the_catalog_is_broad():
    contents = [clean_content(s["content"]) for s in ITEMS]
    themes = {t for s in ITEMS for t in s["themes"]}
    codes = [s["basic_code"] for s in ITEMS]

    assert len(ITEMS) >= 110
    assert len({s["department"] for s in ITEMS}) >= 14
    assert len(set(codes)) == len(codes)
    assert len({c["name"] for c in contents}) == len(contents)
    assert sum(c["case_type"] == CaseType.IMMEDIATE for c in contents) >= 12
    assert (
        sum(any(m["necessity"] == Necessity.DEFERRABLE for m in c["materials"]) for c in contents)
        >= 8
    )
    assert sum(bool(c["special_procedures"]) for c in contents) >= 5
    assert sum(bool(c["questions"]) for c in contents) >= 30
    assert set(PERSONAL_THEMES) <= themes
    assert len(themes & set(BUSINESS_THEMES)) >= 4


def test_agent_papers_apply_only_to_the_agent_answer():
    for spec in ITEMS:
        content = clean_content(spec["content"])
        for material in content["materials"]:
            if material["name"] in ("授权委托书", "经公证的授权委托书"):
                assert material["situations"] == ["agent"], spec["content"]["name"]


def test_demo_publishes_the_catalog(demo):
    entries = Entry.objects.select_related("current_version", "department")
    per_department = Counter(e.department.short_name for e in entries)

    assert demo.counts["catalog entries"] == entries.count() == len(ITEMS)
    assert entries.count() >= 100
    assert len(per_department) >= 12
    assert entries.filter(case_type=CaseType.IMMEDIATE).count() >= 10
    assert CatalogItem.objects.count() == len(ITEMS)
    assert len(set(Entry.objects.values_list("code", flat=True))) == entries.count()
    for entry in entries:
        assert entry.current_version is not None
        assert entry.initials
        assert entry.code.endswith(entry.item.basic_code)

    deferrable = [
        e
        for e in entries
        if any(
            m["necessity"] == Necessity.DEFERRABLE for m in e.current_version.content["materials"]
        )
    ]
    special = [e for e in entries if e.current_version.content["special_procedures"]]
    assert len(deferrable) >= 5
    assert len(special) >= 5

    used = set(ItemTheme.objects.values_list("theme", flat=True))
    assert set(PERSONAL_THEMES) <= used
    assert len(used & set(BUSINESS_THEMES)) >= 4

    sole = entries.get(name="个体工商户设立登记")
    assert sole.initials.startswith("gtgsh")
    assert sole.department.short_name == "市场监管局"
    assert sole.case_type == CaseType.IMMEDIATE


def test_loading_the_catalog_again_creates_nothing(demo):
    from django.contrib.auth import get_user_model

    manager = get_user_model().objects.get(username="catalog")

    assert load_catalog(actor=manager) == 0
    assert Entry.objects.count() == len(ITEMS)


@pytest.mark.django_db
def test_demo_blank_forms_are_downloadable_workbooks(client, settings):
    import io

    from openpyxl import load_workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from onewindow.catalog.models import Entry
    from onewindow.demo.loader import load_demo

    load_demo(password=settings.ONEWINDOW_DEMO_PASSWORD, with_cases=False)
    entry = Entry.objects.get(name="个体工商户设立登记")
    material = next(m for m in entry.current_version.content["materials"] if m["blank_form"])
    assert material["blank_form"].startswith("/catalog/files/")
    response = client.get(material["blank_form"])
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert isinstance(sheet, Worksheet)
    assert "申请书" in sheet["A1"].value
    assert "个体工商户设立登记" in sheet["A2"].value
