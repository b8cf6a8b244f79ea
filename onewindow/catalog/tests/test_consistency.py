"""A guide's promises agree with its content (issue 11, item 13): each rule, the demo catalog."""

from __future__ import annotations

import pytest

from onewindow.catalog.consistency import guide_contradictions
from onewindow.catalog.factories import guide
from onewindow.catalog.schema import clean_guide
from onewindow.demo.catalog_loader import demo_items

ITEMS = demo_items()


def _material(**fields):
    return {"name": "申请书", "kind": "original", "form": "both", **fields}


def _paths(**overrides):
    overrides.setdefault("materials", [_material()])
    return [c.path for c in guide_contradictions(clean_guide(guide(**overrides)))]


def test_the_factory_guide_is_consistent():
    assert _paths() == []
    # The factory's own paper materials are fine: it promises one visit.
    assert guide_contradictions(clean_guide(guide())) == []


def test_no_visit_refuses_a_paper_only_material():
    assert _paths(visits=0, online_depth=4, materials=[_material(form="paper")]) == [
        "materials[0].form"
    ]
    assert _paths(visits=0, online_depth=4, materials=[_material(form="both")]) == []
    # With a visit, paper is what the window takes.
    assert _paths(visits=1, online_depth=4, materials=[_material(form="paper")]) == []


def test_fully_online_means_no_visit():
    assert _paths(visits=1, online_depth=5) == ["visits"]
    assert _paths(visits=1, online_depth=7) == ["visits"]
    assert _paths(visits=0, online_depth=6) == []
    assert _paths(visits=1, online_depth=4) == []


def test_fully_online_refuses_paper_too():
    assert "materials[0].form" in _paths(
        visits=1, online_depth=6, materials=[_material(form="paper")]
    )


def test_no_visit_refuses_a_step_in_person():
    steps = [
        {"name": "面谈", "handler": "窗口", "limit": 1},
        {"name": "决定", "handler": "股室", "limit": 1},
    ]
    assert _paths(visits=0, online_depth=4, steps=steps) == ["steps[0].name"]


def test_no_visit_refuses_a_material_signed_in_person():
    materials = [_material(notes="须本人到场现场签字")]
    assert _paths(visits=0, online_depth=4, materials=materials) == ["materials[0].notes"]


def test_no_visit_needs_an_online_channel_and_online_acceptance():
    assert _paths(visits=0, online_depth=4, handling_forms=["window"]) == ["handling_forms"]
    assert _paths(visits=0, online_depth=3) == ["online_depth"]


def test_done_on_the_spot_promises_no_days_and_a_promised_item_some():
    immediate = {
        "case_type": "1",
        "promised_limit": {"value": 0, "unit": "working"},
        "steps": [{"name": "受理", "handler": "窗口", "limit": 0}],
    }
    assert _paths(**immediate) == []
    with_step_limit = {**immediate, "steps": [{"name": "受理", "handler": "窗口", "limit": 1}]}
    assert _paths(**with_step_limit) == ["steps"]
    promised_zero = {**immediate, "case_type": "2"}
    assert _paths(**promised_zero) == ["promised_limit"]


def test_the_post_and_kiosk_flags_agree_with_the_forms():
    assert _paths(express=True, handling_forms=["window", "pc"]) == ["express"]
    assert _paths(kiosk=True, handling_forms=["window", "pc"]) == ["kiosk"]
    assert (
        _paths(express=True, kiosk=True, handling_forms=["window", "pc", "express", "kiosk"]) == []
    )


@pytest.mark.parametrize("spec", ITEMS, ids=[s["basic_code"] for s in ITEMS])
def test_no_demo_guide_contradicts_itself(spec):
    found = guide_contradictions(clean_guide(spec["content"]))
    assert [f"{c.path}: {c.message}" for c in found] == [], spec["content"]["name"]
