"""The typed guide schema: stored guides load unchanged; the rest derives from one declaration."""

from __future__ import annotations

import copy
import json

import pytest
from django.utils import timezone

from onewindow.catalog.diff import guide_diff
from onewindow.catalog.factories import guide, make_entry
from onewindow.catalog.models import EntryVersion
from onewindow.catalog.schema import (
    RECORD,
    RECORDS,
    ContentError,
    Guide,
    Material,
    clean_content,
    clean_guide,
    specs,
)
from onewindow.catalog.xlsx import ENTRIES, SHEETS
from onewindow.demo.catalog_loader import demo_items

ITEMS = demo_items()

# A guide exactly as the code before the typed schema stored it (``clean_content`` of a minimal
# input, copied from the database as JSON text): every element present, keys in this order.
STORED_MINIMAL = (
    '{"name": "个体工商户登记", "item_type": "01", "service_objects": ["natural_person"], '
    '"legal_basis": "《促进个体工商户发展条例》", "conditions": "", '
    '"statutory_limit": {"value": 15, "unit": "working", "note": ""}, '
    '"promised_limit": {"value": 3, "unit": "working", "note": ""}, "case_type": "2", '
    '"visits": 1, "special_procedures": [], "allows_commitment": false, '
    '"result_type": "approval", "result_name": "", "handling_forms": [], '
    '"tongban_scope": "none", "joint_departments": [], "online_depth": 4, '
    '"appointment": false, "online_payment": false, "express": false, "kiosk": false, '
    '"place": "", "hours": "", "consult_phone": "", "complaint_phone": "", "questions": [], '
    '"materials": [{"name": "登记申请书", "kind": "original", "form": "paper", '
    '"necessity": "1", "source": "10", "issuer": "", "copies": 1, "paper_size": "A4", '
    '"basis": "", "standard": "", "notes": "", "blank_form": "", "sample": "", '
    '"situations": []}], "fees": [], '
    '"steps": [{"name": "审核", "handler": "登记股", "limit": 2, "criteria": ""}], "faq": []}'
)


def _dumps(content: dict) -> str:
    return json.dumps(content, ensure_ascii=False)


def test_a_minimal_stored_guide_round_trips_to_the_same_json():
    stored = json.loads(STORED_MINIMAL)

    guide_ = Guide.from_content(stored)

    assert _dumps(guide_.to_content()) == STORED_MINIMAL
    assert guide_.name == "个体工商户登记"
    assert guide_.promised_limit is not None
    assert guide_.promised_limit.value == 3
    assert guide_.promised_days == 3
    assert guide_.online_depth == 4
    assert guide_.materials == (Material(name="登记申请书"),)
    assert guide_.steps[0].handler == "登记股"


@pytest.mark.parametrize("spec", ITEMS[:: max(1, len(ITEMS) // 25)], ids=lambda s: s["basic_code"])
def test_demo_guides_round_trip_to_the_same_json(spec):
    stored = clean_content(copy.deepcopy(spec["content"]))

    assert _dumps(Guide.from_content(stored).to_content()) == _dumps(stored)


def test_cleaning_is_idempotent_and_equals_the_stored_form():
    stored = clean_content(guide())

    assert clean_content(stored) == stored
    assert clean_guide(stored) == Guide.from_content(stored)


def test_a_version_stored_by_the_old_code_loads_unchanged(world):
    entry = make_entry(department=world.dept_x)
    # Written as raw JSON, as an existing database holds it (no cleaning on the way in).
    EntryVersion.objects.create(
        entry=entry,
        number=2,
        content=json.loads(STORED_MINIMAL),
        effective_date=entry.current_version.effective_date,
        published_at=timezone.now(),
    )

    version = EntryVersion.objects.get(entry=entry, number=2)

    # PostgreSQL's jsonb keeps no key order: the same JSON is the same object, key for key.
    stored = json.loads(STORED_MINIMAL)
    assert version.content == stored
    assert version.guide.to_content() == stored
    assert _dumps(Guide.from_content(stored).to_content()) == STORED_MINIMAL
    assert version.guide is version.guide  # parsed once per instance


def test_an_older_guide_missing_elements_reads_with_defaults():
    # Tolerant on read: a published version is never judged again by today's rules.
    guide_ = Guide.from_content({"name": "旧事项", "promised_limit": {"value": 5}, "materials": []})

    assert guide_.questions == ()
    assert guide_.promised_days == 5
    assert guide_.promised_unit == "working"
    assert guide_.statutory_limit is None
    assert guide_.checklist({"agent"}) == []


def test_problems_keep_their_paths():
    with pytest.raises(ContentError) as info:
        clean_guide(guide(materials=[{"name": "委托书", "situations": "nobody"}], steps=[]))

    paths = {p.path for p in info.value.problems}
    assert {"materials[0].situations", "steps"} <= paths


def test_the_workbook_is_derived_from_the_declaration():
    keys = {c.key for c in ENTRIES.columns if c.in_content}
    for name, spec in specs(Guide):
        if spec.kind == RECORDS:
            assert name in {s.key for s in SHEETS}
        elif spec.kind == RECORD:
            assert {f"{name}.{part}" for part, _column in spec.parts} <= keys
        else:
            assert name in keys


def test_the_diff_matches_list_rows_by_their_declared_key():
    old = clean_guide(guide())
    changed = copy.deepcopy(guide())
    changed["materials"][0]["copies"] = 2
    changed["name"] = "个体工商户变更登记"

    rows = guide_diff(old, clean_guide(changed))

    assert [(r.field, r.kind) for r in rows] == [("name", "changed"), ("materials", "changed")]
