"""The change workflow: draft → submit → approve (publish) or reject, for every kind of change."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from onewindow.catalog import services
from onewindow.catalog.choices import ChangeKind, ChangeStatus, EntryStatus
from onewindow.catalog.factories import guide, make_entry
from onewindow.catalog.models import ChangeRequest, Entry, EntryVersion
from onewindow.catalog.schema import ContentError
from onewindow.catalog.selectors import entry_search
from onewindow.core.errors import DomainError, NotPermitted

TODAY = datetime.date(2026, 11, 22)


def draft_and_submit(user, department, **kwargs) -> ChangeRequest:
    kwargs.setdefault("reason", "依据新修订的条例调整")
    kwargs.setdefault("effective_date", datetime.date(2026, 1, 2))
    change = services.change_draft(actor=user, department=department, **kwargs)
    return services.change_submit(change=change, actor=user)


@pytest.fixture
def entry(world):
    return make_entry(department=world.dept_x, basic_code="000201001000")


def test_change_publishes_a_new_version_and_keeps_the_old_one(world, entry, catalog_a):
    new_content = guide(
        name="个体工商户设立登记（含名称自主申报）",
        promised_limit={"value": 2, "unit": "working"},
        steps=[
            {"name": "受理", "handler": "综合受理窗口", "limit": 0},
            {"name": "审查决定", "handler": "县市场监管局登记股", "limit": 2},
        ],
    )
    change = draft_and_submit(
        world.reviewer_x,
        world.dept_x,
        kind=ChangeKind.CHANGE,
        entry=entry,
        proposal={"content": new_content},
    )
    assert change.status == ChangeStatus.SUBMITTED

    services.change_approve(change=change, actor=catalog_a, opinion="同意")

    entry.refresh_from_db()
    assert entry.current_version.number == 2
    assert entry.name == "个体工商户设立登记（含名称自主申报）"
    assert entry.promised_days == 2
    first = EntryVersion.objects.get(entry=entry, number=1)
    assert first.content["name"] == "个体工商户设立登记"  # the version a case was filed under
    assert first.content["promised_limit"]["value"] == 3


def test_a_published_version_cannot_be_edited_in_place(entry):
    version = entry.current_version
    version.content = {**version.content, "name": "篡改"}
    with pytest.raises(ValueError, match="immutable"):
        version.save()
    version.refresh_from_db()
    assert version.content["name"] == "个体工商户设立登记"


def test_future_effective_date_takes_effect_on_that_day(world, entry, catalog_a):
    change = draft_and_submit(
        world.reviewer_x,
        world.dept_x,
        kind=ChangeKind.CHANGE,
        entry=entry,
        proposal={"content": guide(name="新名称")},
        effective_date=datetime.date(2099, 1, 1),
    )
    services.change_approve(change=change, actor=catalog_a)
    entry.refresh_from_db()
    assert entry.current_version.number == 1  # published, not yet in effect
    assert entry.versions.count() == 2
    services.entry_refresh(entry=entry, today=datetime.date(2099, 1, 1))
    assert entry.current_version.number == 2
    assert entry.name == "新名称"


def test_rejection_needs_a_reason_and_publishes_nothing(world, entry, catalog_a):
    change = draft_and_submit(
        world.reviewer_x,
        world.dept_x,
        kind=ChangeKind.CHANGE,
        entry=entry,
        proposal={"content": guide(name="改名")},
    )
    with pytest.raises(DomainError):
        services.change_reject(change=change, actor=catalog_a, opinion="  ")
    services.change_reject(change=change, actor=catalog_a, opinion="材料清单与法规不符")
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED
    assert change.review_opinion == "材料清单与法规不符"
    assert entry.versions.count() == 1
    with pytest.raises(DomainError):
        services.change_approve(change=change, actor=catalog_a)


def test_department_a_cannot_change_department_b_items(world, entry):
    with pytest.raises(NotPermitted):
        services.change_draft(
            actor=world.reviewer_y,
            department=world.dept_x,
            kind=ChangeKind.CHANGE,
            entry=entry,
            proposal={"content": guide()},
            reason="x",
            effective_date=TODAY,
        )
    with pytest.raises(NotPermitted):  # own department, someone else's entry
        services.change_draft(
            actor=world.reviewer_y,
            department=world.dept_y,
            kind=ChangeKind.CHANGE,
            entry=entry,
            proposal={"content": guide()},
            reason="x",
            effective_date=TODAY,
        )
    assert ChangeRequest.objects.count() == 0


def test_only_the_catalog_manager_of_the_region_reviews(world, entry, catalog_b):
    change = draft_and_submit(world.reviewer_x, world.dept_x, kind=ChangeKind.SUSPEND, entry=entry)
    for outsider in (catalog_b, world.reviewer_x, world.approver_x, world.admin_a):
        with pytest.raises(NotPermitted):
            services.change_approve(change=change, actor=outsider)
    change.refresh_from_db()
    assert change.status == ChangeStatus.SUBMITTED


def test_new_item_goes_public_after_approval(world, catalog_a):
    proposal = {
        "basic_code": "000301002000",
        "category": "personal",
        "themes": ["marriage"],
        "content": guide(name="结婚登记", service_objects=["natural_person"]),
    }
    change = draft_and_submit(
        world.reviewer_x, world.dept_x, kind=ChangeKind.NEW, proposal=proposal
    )
    assert not entry_search(q="结婚").exists()
    services.change_approve(change=change, actor=catalog_a)
    found = list(entry_search(q="结婚"))
    assert [e.name for e in found] == ["结婚登记"]
    assert found[0].code == f"{world.dept_x.uscc}4000301002000"
    assert list(entry_search(theme="marriage")) == found


def test_split_creates_entries_and_cancels_the_original(world, entry, catalog_a):
    parts = [
        {"basic_code": "000201001001", "content": guide(name="个体工商户设立登记（一般）")},
        {"basic_code": "000201001002", "content": guide(name="个体工商户设立登记（告知承诺）")},
    ]
    change = draft_and_submit(
        world.reviewer_x,
        world.dept_x,
        kind=ChangeKind.SPLIT,
        entry=entry,
        proposal={"parts": parts},
    )
    services.change_approve(change=change, actor=catalog_a)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.CANCELLED
    names = set(Entry.objects.public().values_list("name", flat=True))
    assert names == {"个体工商户设立登记（一般）", "个体工商户设立登记（告知承诺）"}


def test_merge_combines_entries(world, entry, catalog_a):
    other = make_entry(
        department=world.dept_x, basic_code="000201001009", name="个体工商户变更登记"
    )
    change = draft_and_submit(
        world.reviewer_x,
        world.dept_x,
        kind=ChangeKind.MERGE,
        merged_entries=[entry, other],
        proposal={
            "basic_code": "000201001010",
            "category": "enterprise",
            "content": guide(name="个体工商户登记"),
        },
    )
    services.change_approve(change=change, actor=catalog_a)
    assert list(Entry.objects.public().values_list("name", flat=True)) == ["个体工商户登记"]


@pytest.mark.parametrize(
    ("kind", "status"),
    [(ChangeKind.SUSPEND, EntryStatus.SUSPENDED), (ChangeKind.CANCEL, EntryStatus.CANCELLED)],
)
def test_suspend_and_cancel_take_the_entry_out_of_search(world, entry, catalog_a, kind, status):
    change = draft_and_submit(world.reviewer_x, world.dept_x, kind=kind, entry=entry)
    services.change_approve(change=change, actor=catalog_a)
    entry.refresh_from_db()
    assert entry.status == status
    assert not entry_search(q="个体").exists()
    assert entry.versions.count() == 1  # history stays


@pytest.mark.parametrize(
    ("overrides", "path"),
    [
        ({"promised_limit": {"value": 30, "unit": "working"}}, "promised_limit"),
        ({"materials": [{"name": "", "kind": "original"}]}, "materials[0].name"),
        ({"steps": [{"name": "审查", "handler": "", "limit": 1}]}, "steps[0].handler"),
        ({"case_type": "1", "promised_limit": {"value": 3, "unit": "working"}}, "promised_limit"),
        ({"materials": [{"name": "委托书", "situations": ["nobody"]}]}, "materials[0].situations"),
        ({"statutory_limit": {"value": "二十", "unit": "working"}}, "statutory_limit.value"),
        ({"item_type": "99"}, "item_type"),
    ],
)
def test_bad_guides_are_refused_with_the_element_named(world, entry, overrides, path):
    with translation.override("zh-hans"), pytest.raises(ContentError) as info:
        services.change_draft(
            actor=world.reviewer_x,
            department=world.dept_x,
            kind=ChangeKind.CHANGE,
            entry=entry,
            proposal={"content": guide(**overrides)},
            reason="x",
            effective_date=TODAY,
        )
    problems = {p.path: p.message for p in info.value.problems}
    assert path in problems
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problems[path])  # said in Chinese
    assert ChangeRequest.objects.count() == 0


def test_malformed_basic_code_is_refused(world):
    with pytest.raises(ContentError):
        services.change_draft(
            actor=world.reviewer_x,
            department=world.dept_x,
            kind=ChangeKind.NEW,
            proposal={"basic_code": "12-34", "content": guide()},
            reason="x",
            effective_date=TODAY,
        )
    assert ChangeRequest.objects.count() == 0
