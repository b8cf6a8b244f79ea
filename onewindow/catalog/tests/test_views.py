"""The change workflow through the pages, and who may open them."""

from __future__ import annotations

import pytest

from onewindow.catalog.choices import ChangeStatus
from onewindow.catalog.factories import make_entry
from onewindow.catalog.models import ChangeRequest


@pytest.fixture
def entry(world):
    return make_entry(department=world.dept_x, basic_code="000201001000")


def change_form(entry, **overrides):
    content = entry.current_version.content
    data = {
        "department": entry.department_id,
        "reason": "按新条例调整承诺时限",
        "effective_date": "2026-01-02",
        "name": content["name"],
        "item_type": content["item_type"],
        "service_objects": content["service_objects"],
        "legal_basis": content["legal_basis"],
        "conditions": content["conditions"],
        "statutory_value": 20,
        "statutory_unit": "working",
        "promised_value": 3,
        "promised_unit": "working",
        "case_type": "2",
        "visits": 1,
        "result_name": "营业执照",
        "place": "",
        "hours": "",
        "consult_phone": "",
        "complaint_phone": "",
        "m-TOTAL_FORMS": len(content["materials"]),
        "m-INITIAL_FORMS": len(content["materials"]),
        "s-TOTAL_FORMS": len(content["steps"]),
        "s-INITIAL_FORMS": len(content["steps"]),
    }
    for i, m in enumerate(content["materials"]):
        data.update(
            {
                f"m-{i}-name": m["name"],
                f"m-{i}-kind": m["kind"],
                f"m-{i}-necessity": m["necessity"],
                f"m-{i}-source": m["source"],
                f"m-{i}-copies": m["copies"],
                f"m-{i}-situations": ",".join(m["situations"]),
                f"m-{i}-notes": m["notes"],
            }
        )
    for i, s in enumerate(content["steps"]):
        data.update(
            {f"s-{i}-name": s["name"], f"s-{i}-handler": s["handler"], f"s-{i}-limit": s["limit"]}
        )
    data.update(overrides)
    return data


def test_reviewer_drafts_submits_and_manager_approves(world, login, entry, catalog_a):
    reviewer = login(world.reviewer_x)
    url = f"/catalog/changes/new/?kind=change&entry={entry.public_id}"
    assert reviewer.get(url).status_code == 200

    response = reviewer.post(
        url, change_form(entry, name="个体工商户设立登记（一次办）", **{"m-1-name": ""})
    )
    change = ChangeRequest.objects.get()
    assert response.status_code == 302
    assert change.proposal["content"]["name"] == "个体工商户设立登记（一次办）"
    assert len(change.proposal["content"]["materials"]) == 3  # the emptied row removed one

    detail = f"/catalog/changes/{change.public_id}/"
    page = reviewer.get(detail).content.decode()
    assert "个体工商户设立登记（一次办）" in page
    assert "经营者身份证件" in page
    reviewer.post(detail, {"action": "submit"})
    change.refresh_from_db()
    assert change.status == ChangeStatus.SUBMITTED

    # the reviewer cannot approve their own change; the catalog manager can
    reviewer.post(detail, {"action": "approve"})
    change.refresh_from_db()
    assert change.status == ChangeStatus.SUBMITTED
    login(catalog_a).post(detail, {"action": "approve", "opinion": "同意发布"})
    change.refresh_from_db()
    entry.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    assert entry.current_version.number == 2

    history = login(None).get(f"/catalog/entries/{entry.public_id}/versions/").content.decode()
    assert "经营者身份证件" in history  # removed material shown in the diff


def test_bad_form_input_saves_nothing_and_never_500s(world, login, entry):
    reviewer = login(world.reviewer_x)
    url = f"/catalog/changes/new/?kind=change&entry={entry.public_id}"
    response = reviewer.post(url, change_form(entry, promised_value=40))
    assert response.status_code == 200
    assert "promised_limit" in response.content.decode()
    response = reviewer.post(url, change_form(entry, **{"s-0-handler": ""}))
    assert response.status_code == 200
    assert ChangeRequest.objects.count() == 0
    assert reviewer.get("/catalog/changes/new/?kind=change&entry=not-a-uuid").status_code == 404
    assert reviewer.get("/catalog/changes/new/?kind=bogus").status_code == 404


def test_other_departments_entries_are_not_found(world, login, entry):
    url = f"/catalog/changes/new/?kind=change&entry={entry.public_id}"
    assert login(world.reviewer_y).get(url).status_code == 404
    assert login(world.reviewer_z).get("/catalog/manage/").content.decode().count(entry.name) == 0


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("reviewer_x", 200),
        ("approver_x", 200),
        ("clerk_a", 403),
        ("supervisor_a", 403),
        ("citizen", 403),
        ("hotline_a", 403),
    ],
)
def test_who_may_open_catalog_management(world, login, persona, status):
    assert login(getattr(world, persona)).get("/catalog/manage/").status_code == status
    assert login(getattr(world, persona)).get("/catalog/changes/").status_code == status


def test_change_of_another_region_is_not_found_for_a_manager(world, login, entry, catalog_b):
    from onewindow.catalog import services

    change = services.change_draft(
        actor=world.reviewer_x,
        department=world.dept_x,
        kind="suspend",
        entry=entry,
        reason="暂停",
        effective_date=entry.current_version.effective_date,
    )
    assert login(catalog_b).get(f"/catalog/changes/{change.public_id}/").status_code == 404


def test_power_list_is_public(world, client, entry):
    make_entry(department=world.dept_x, name="公共服务事项", item_type="20")
    assert client.get("/catalog/powers/").status_code == 200
    page = client.get(f"/catalog/powers/{world.dept_x.pk}/").content.decode()
    assert entry.name in page
    assert "公共服务事项" not in page  # public services are not powers
    assert client.get(f"/catalog/powers/{world.dept_z.pk}/").status_code == 404
